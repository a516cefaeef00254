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

/* Flags of fixture_xlsx_ex. */
#define FIXTURE_1904 1          /* <workbookPr date1904="1"/> */
#define FIXTURE_STYLES_UNNAMED 2 /* xl/styles.xml not named by the relationships */

/* A workbook whose first worksheet holds sheet_data (the inside of
 * <sheetData>), whose shared strings are sst_items (the <si>s; NULL:
 * none) and whose xl/styles.xml holds styles (the inside of
 * <styleSheet>; NULL: no styles part). */
static void fixture_xlsx_ex(struct buf *out, const char *sheet_data, const char *sst_items,
			    const char *styles, int flags)
{
	struct buf sheet = BUF_INIT, sst = BUF_INIT, wb = BUF_INIT, rels = BUF_INIT, st = BUF_INIT;
	const char *names[5] = { "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
				 "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml" };
	const char *data[5];
	size_t len[5];
	buf_init(&sheet, 0);
	buf_init(&sst, 0);
	buf_init(&wb, 0);
	buf_init(&rels, 0);
	buf_init(&st, 0);
	buf_adds(&wb, "<?xml version=\"1.0\"?><workbook xmlns=\"" FIXTURE_NS "\" xmlns:r=\"" FIXTURE_R "\">");
	if (flags & FIXTURE_1904)
		buf_adds(&wb, "<workbookPr date1904=\"1\"/>");
	buf_adds(&wb, "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
	buf_adds(&rels, "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		 "<Relationship Id=\"rId1\" Type=\"" FIXTURE_R "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
		 "<Relationship Id=\"rId2\" Type=\"" FIXTURE_R "/sharedStrings\" Target=\"sharedStrings.xml\"/>");
	if (styles && !(flags & FIXTURE_STYLES_UNNAMED))
		buf_adds(&rels, "<Relationship Id=\"rId3\" Type=\"" FIXTURE_R "/styles\" Target=\"styles.xml\"/>");
	buf_adds(&rels, "</Relationships>");
	buf_adds(&sheet, "<?xml version=\"1.0\"?><worksheet xmlns=\"" FIXTURE_NS "\"><sheetData>");
	buf_adds(&sheet, sheet_data);
	buf_adds(&sheet, "</sheetData></worksheet>");
	buf_adds(&sst, "<?xml version=\"1.0\"?><sst xmlns=\"" FIXTURE_NS "\">");
	buf_adds(&sst, sst_items ? sst_items : "");
	buf_adds(&sst, "</sst>");
	buf_adds(&st, "<?xml version=\"1.0\"?><styleSheet xmlns=\"" FIXTURE_NS "\">");
	buf_adds(&st, styles ? styles : "");
	buf_adds(&st, "</styleSheet>");
	data[0] = wb.ptr; len[0] = wb.len;
	data[1] = rels.ptr; len[1] = rels.len;
	data[2] = sheet.ptr; len[2] = sheet.len;
	data[3] = sst.ptr; len[3] = sst.len;
	data[4] = st.ptr; len[4] = st.len;
	fixture_zip(out, names, data, len, styles ? 5 : 4);
	buf_release(&sheet);
	buf_release(&sst);
	buf_release(&wb);
	buf_release(&rels);
	buf_release(&st);
}

/* The same without styles. */
static void fixture_xlsx(struct buf *out, const char *sheet_data, const char *sst_items)
{
	fixture_xlsx_ex(out, sheet_data, sst_items, NULL, 0);
}

#endif
