/*
 * xlsx_fixture.h — builds small .xlsx archives in memory for the xlsx
 * reader's unit tests and fuzz target: a zip with stored (uncompressed)
 * entries, written by hand so the tests need no zip library of their own
 * and can put any bytes into any part. Header-only (static functions).
 */
#ifndef ZNES_XLSX_FIXTURE_H
#define ZNES_XLSX_FIXTURE_H

#include <stdint.h>
#include <string.h>

#include "scanner/buf.h"

static uint32_t fixture_crc32(const char *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	size_t i;
	int k;
	for (i = 0; i < n; i++) {
		c ^= (unsigned char)p[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
	}
	return ~c;
}

static void fixture_le(struct buf *b, uint32_t v, int bytes)
{
	int i;
	for (i = 0; i < bytes; i++)
		buf_addch(b, (int)((v >> (8 * i)) & 0xFF));
}

/* A zip of n stored entries: names[i] holding data[i] (len[i] bytes). */
static void fixture_zip(struct buf *out, const char *const *names, const char *const *data,
			const size_t *len, size_t n)
{
	struct buf cd = BUF_INIT;
	size_t i, cd_off;
	buf_init(&cd, 0);
	for (i = 0; i < n; i++) {
		size_t nl = strlen(names[i]), off = out->len;
		uint32_t crc = fixture_crc32(data[i], len[i]);
		fixture_le(out, 0x04034b50u, 4);
		fixture_le(out, 20, 2); fixture_le(out, 0, 2); fixture_le(out, 0, 2);
		fixture_le(out, 0, 2); fixture_le(out, 0x21, 2);
		fixture_le(out, crc, 4);
		fixture_le(out, (uint32_t)len[i], 4); fixture_le(out, (uint32_t)len[i], 4);
		fixture_le(out, (uint32_t)nl, 2); fixture_le(out, 0, 2);
		buf_add(out, names[i], nl);
		buf_add(out, data[i], len[i]);
		fixture_le(&cd, 0x02014b50u, 4);
		fixture_le(&cd, 20, 2); fixture_le(&cd, 20, 2); fixture_le(&cd, 0, 2);
		fixture_le(&cd, 0, 2); fixture_le(&cd, 0, 2); fixture_le(&cd, 0x21, 2);
		fixture_le(&cd, crc, 4);
		fixture_le(&cd, (uint32_t)len[i], 4); fixture_le(&cd, (uint32_t)len[i], 4);
		fixture_le(&cd, (uint32_t)nl, 2); fixture_le(&cd, 0, 2); fixture_le(&cd, 0, 2);
		fixture_le(&cd, 0, 2); fixture_le(&cd, 0, 2); fixture_le(&cd, 0, 4);
		fixture_le(&cd, (uint32_t)off, 4);
		buf_add(&cd, names[i], nl);
	}
	cd_off = out->len;
	buf_add(out, cd.ptr, cd.len);
	fixture_le(out, 0x06054b50u, 4);
	fixture_le(out, 0, 2); fixture_le(out, 0, 2);
	fixture_le(out, (uint32_t)n, 2); fixture_le(out, (uint32_t)n, 2);
	fixture_le(out, (uint32_t)cd.len, 4); fixture_le(out, (uint32_t)cd_off, 4);
	fixture_le(out, 0, 2);
	buf_release(&cd);
}

#define FIXTURE_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define FIXTURE_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* A workbook whose first worksheet holds sheet_data (the inside of
 * <sheetData>) and whose shared strings are sst_items (the <si>s; NULL:
 * none). */
static void fixture_xlsx(struct buf *out, const char *sheet_data, const char *sst_items)
{
	static const char wb[] =
		"<?xml version=\"1.0\"?><workbook xmlns=\"" FIXTURE_NS "\" xmlns:r=\"" FIXTURE_R "\">"
		"<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
	static const char rels[] =
		"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId1\" Type=\"" FIXTURE_R "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
		"<Relationship Id=\"rId2\" Type=\"" FIXTURE_R "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
		"</Relationships>";
	struct buf sheet = BUF_INIT, sst = BUF_INIT;
	const char *names[4] = { "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
				 "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml" };
	const char *data[4];
	size_t len[4];
	buf_init(&sheet, 0);
	buf_init(&sst, 0);
	buf_adds(&sheet, "<?xml version=\"1.0\"?><worksheet xmlns=\"" FIXTURE_NS "\"><sheetData>");
	buf_adds(&sheet, sheet_data);
	buf_adds(&sheet, "</sheetData></worksheet>");
	buf_adds(&sst, "<?xml version=\"1.0\"?><sst xmlns=\"" FIXTURE_NS "\">");
	buf_adds(&sst, sst_items ? sst_items : "");
	buf_adds(&sst, "</sst>");
	data[0] = wb; len[0] = sizeof wb - 1;
	data[1] = rels; len[1] = sizeof rels - 1;
	data[2] = sheet.ptr; len[2] = sheet.len;
	data[3] = sst.ptr; len[3] = sst.len;
	fixture_zip(out, names, data, len, 4);
	buf_release(&sheet);
	buf_release(&sst);
}

#endif
