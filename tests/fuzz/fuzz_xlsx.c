/*
 * fuzz_xlsx.c — libFuzzer target for the Excel reader (scanner/xlsx.c) and
 * writer (scanner/xlsx_write.c).
 *
 * The first byte chooses: bit 0 set, the rest is the archive itself
 * (libzip's and our handling of corrupt zips); clear, the rest is split
 * at the first NULs into the inside of <sheetData>, the shared strings'
 * <si> items and (after a second NUL) the inside of xl/styles.xml's
 * <styleSheet>, and a well-formed archive is built around them
 * (tests/unit/xlsx_fixture.h), so mutations reach expat and the row,
 * cell and date logic instead of failing the zip's CRC. Bit 1: no header
 * row; bit 2: a small --max-field (64 bytes); bit 3: write the records
 * back as .xlsx (then the output is dropped); bit 4: the 1904 date
 * system; bit 5: styles.xml not named by the relationships. Invariants:
 *   - reading ends in EOF or an error, never a crash, a hang or a leak;
 *   - data records are numbered 0, 1, 2, …; a record's fields are its
 *     columns 0, 1, 2, … in order; rows (lines) strictly increase and
 *     stay within Excel's limits; values lie in readable memory.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scanner/reader.h"
#include "scanner/xlsx.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/unit/xlsx_fixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct read_opts ro;
	struct input in;
	struct reader *rd;
	struct record rec;
	struct buf z = BUF_INIT;
	struct output out;
	char path[64], outpath[64];
	int fd, st, writing;
	size_t expect = 0, i;
	unsigned long last = 0;
	unsigned part = 0;
	if (!size)
		return 0;
	memset(&ro, 0, sizeof ro);
	ro.format = FMT_XLSX;
	ro.no_header = (data[0] >> 1) & 1;
	ro.max_field = (data[0] & 4) ? 64 : 1 << 16;
	writing = (data[0] >> 3) & 1;
	buf_init(&z, 0);
	if (data[0] & 1)
		buf_add(&z, data + 1, size - 1);
	else {
		const char *s = (const char *)data + 1, *nul = memchr(s, 0, size - 1);
		char *sheet = xmemdup(s, nul ? (size_t)(nul - s) : size - 1);
		char *sst = nul ? xmemdup(nul + 1, size - 1 - (size_t)(nul + 1 - s)) : NULL;
		char *styles = NULL, *nul2 = sst ? strchr(sst, 0) : NULL;
		if (nul2 && nul2 < sst + (size - 1 - (size_t)(nul + 1 - s)))
			styles = nul2 + 1;   /* sst ends at the second NUL */
		fixture_xlsx_ex(&z, sheet, sst, styles, (data[0] >> 4) & 3);
		free(sheet);
		free(sst);
	}
	fd = fuzz_memfd((const uint8_t *)z.ptr, z.len, path);
	buf_release(&z);
	record_init(&rec);
	if (input_open(&in, path, ENC_AUTO) < 0 || !(rd = reader_open(&in, &ro))) {
		record_release(&rec);
		input_release(&in);
		close(fd);
		return 0;
	}
	snprintf(outpath, sizeof outpath, "/tmp/znes-fuzz-xlsx-%ld.xlsx", (long)getpid());
	if (writing && output_open(&out, outpath) < 0)
		abort();
	while ((st = reader_next(rd, &rec)) == RD_OK) {
		if (rec.kind == REC_DATA && rec.index != expect++)
			abort();
		/* sheets in order, rows in order within each */
		if (rec.part != part) {
			if (rec.part < part)
				abort();
			part = rec.part;
			last = 0;
		}
		if (rec.line <= last || rec.line > XLSX_MAX_ROWS)
			abort();
		last = rec.line;
		for (i = 0; i < rec.nf; i++) {
			const struct field *f = &rec.f[i];
			volatile char sink = 0;
			/* dense columns, from 0 in the first sheet, after the
			 * sheet before's in the others */
			if (f->col != rec.f[0].col + i || (!rec.part && rec.f[0].col) || f->line != rec.line)
				abort();
			if (f->val.len)
				sink = f->val.ptr[0] ^ f->val.ptr[f->val.len - 1];
			/* a date: dd.mm.yyyy[ hh:mm], its number inside the row */
			if (f->kind == FIELD_DATE &&
			    ((f->val.len != 10 && f->val.len != 16) || f->val.ptr[2] != '.' ||
			     !f->raw_len || f->raw_off + f->raw_len > rec.raw.len))
				abort();
			(void)sink;
		}
		if (writing && reader_write(rd, &out, &rec) < 0)
			break;
	}
	if (writing) {
		if (st == RD_EOF)
			reader_finish(rd, &out);
		output_abort(&out);
	}
	reader_free(rd);
	record_release(&rec);
	input_release(&in);
	close(fd);
	return 0;
}
