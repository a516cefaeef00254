/*
 * test_xlsx.c — the Excel reader: cell references with gaps and rows that
 * skip, cells and rows without references, every cell type, rich text and
 * phonetic runs, escapes and entities, prefixed namespaces, the header
 * row and padding, and errors (malformed XML, out-of-order cells, a shared
 * string index out of range, the shared strings cap, a missing workbook).
 * The archives are built in memory (tests/unit/xlsx_fixture.h).
 */
#include "tests/unit/support.h"
#include "tests/unit/xlsx_fixture.h"

#include <string.h>

static int open_xlsx(struct tfile *t, const char *sheet_data, const char *sst, size_t max_field)
{
	struct buf z = BUF_INIT;
	struct read_opts ro;
	int rc;
	memset(&ro, 0, sizeof ro);
	ro.max_field = max_field;
	buf_init(&z, 0);
	fixture_xlsx(&z, sheet_data, sst);
	rc = tfile_open(t, z.ptr, z.len, ".xlsx", &ro, ENC_AUTO);
	buf_release(&z);
	return rc;
}

static void gaps_become_empty_fields_and_rows_are_lines(void **state)
{
	struct tfile t;
	(void)state;
	assert_int_equal(open_xlsx(&t,
		"<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"C2\" t=\"s\"><v>1</v></c></row>"
		"<row r=\"5\"><c r=\"B5\" t=\"inlineStr\"><is><t>067 123 45 67</t></is></c></row>"
		"<row r=\"9\" spans=\"1:3\"/>"
		"<row><c><v>1</v></c><c t=\"s\"><v>1</v></c><c r=\"E10\"><v>2</v></c></row>",
		"<si><t>ПІБ</t></si><si><t>Телефон</t></si>", 0), 0);
	assert_string_equal(t.rd->ops->name, "xlsx");
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.kind, REC_HEADER);
	assert_int_equal(t.rec.line, 2);
	assert_int_equal(t.rec.nf, 3);
	assert_true(view_eq(t.rec.f[1].val, ""));
	assert_string_equal(reader_colname(t.rd, 2), "Телефон");
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.kind, REC_DATA);
	assert_int_equal(t.rec.index, 0);
	assert_int_equal(t.rec.line, 5);
	assert_int_equal(t.rec.nf, 3); /* padded to the header */
	assert_true(view_eq(t.rec.f[0].val, ""));
	assert_true(view_eq(t.rec.f[1].val, "067 123 45 67"));
	assert_int_equal(t.rec.f[1].col, 1);
	assert_int_equal(t.rec.f[1].line, 5);
	assert_true(view_eq(t.rec.f[2].val, ""));
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.kind, REC_GLUE); /* row 9: no cells */
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.line, 10); /* no r: the next row */
	assert_int_equal(t.rec.index, 1);
	assert_int_equal(t.rec.nf, 5);
	assert_true(view_eq(t.rec.f[0].val, "1"));
	assert_true(view_eq(t.rec.f[1].val, "Телефон"));
	assert_true(view_eq(t.rec.f[3].val, ""));
	assert_true(view_eq(t.rec.f[4].val, "2"));
	assert_int_equal(reader_next(t.rd, &t.rec), RD_EOF);
	tfile_close(&t);
}

static void every_cell_type_reads_as_written(void **state)
{
	struct tfile t;
	struct read_opts ro;
	struct buf z = BUF_INIT;
	(void)state;
	memset(&ro, 0, sizeof ro);
	ro.no_header = 1;
	buf_init(&z, 0);
	fixture_xlsx(&z,
		"<row r=\"1\">"
		"<c r=\"A1\"><v>1500.50</v></c>"
		"<c r=\"B1\" t=\"n\"><v>45306</v></c>"
		"<c r=\"C1\" t=\"b\"><v>0</v></c>"
		"<c r=\"D1\" t=\"e\"><v>#DIV/0!</v></c>"
		"<c r=\"E1\" t=\"str\"><f>A1*2</f><v>3001</v></c>"
		"<c r=\"F1\" t=\"d\"><v>2024-01-15</v></c>"
		"<c r=\"G1\" s=\"3\"/>"
		"<c r=\"H1\" t=\"s\"><v>0</v></c>"
		"<c r=\"I1\" t=\"inlineStr\"><is><r><rPr><b/></rPr><t xml:space=\"preserve\"> Олена </t></r>"
		"<r><t>Петрівна</t></r><rPh sb=\"0\" eb=\"1\"><t>фонетика</t></rPh></is></c>"
		"<c r=\"J1\" t=\"inlineStr\"><is><t>a_x0041_b &amp; &lt;&#1050;&gt; _x005F_x0041_ _xZZZZ_</t></is></c>"
		"</row>",
		"<si><r><t>Шевченко </t></r><r><t>Тарас</t></r><rPh><t>ф</t></rPh></si>");
	assert_int_equal(tfile_open(&t, z.ptr, z.len, ".xlsx", &ro, ENC_AUTO), 0);
	buf_release(&z);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.kind, REC_DATA);
	assert_int_equal(t.rec.nf, 10);
	assert_true(view_eq(t.rec.f[0].val, "1500.50"));
	assert_int_equal(t.rec.f[0].kind, FIELD_NUMBER);
	assert_true(view_eq(t.rec.f[1].val, "45306"));
	assert_true(view_eq(t.rec.f[2].val, "FALSE"));
	assert_int_equal(t.rec.f[2].kind, FIELD_LITERAL);
	assert_true(view_eq(t.rec.f[3].val, "#DIV/0!"));
	assert_int_equal(t.rec.f[3].kind, FIELD_LITERAL);
	assert_true(view_eq(t.rec.f[4].val, "3001"));
	assert_int_equal(t.rec.f[4].kind, FIELD_TEXT);
	assert_true(view_eq(t.rec.f[5].val, "2024-01-15"));
	assert_true(view_eq(t.rec.f[6].val, ""));
	assert_int_equal(t.rec.f[6].kind, FIELD_TEXT);
	assert_true(view_eq(t.rec.f[7].val, "Шевченко Тарас"));
	assert_true(view_eq(t.rec.f[8].val, " Олена Петрівна"));
	assert_true(view_eq(t.rec.f[9].val, "aAb & <К> _x0041_ _xZZZZ_"));
	assert_int_equal(reader_next(t.rd, &t.rec), RD_EOF);
	tfile_close(&t);
}

static void prefixed_namespaces_read_the_same(void **state)
{
	static const char sheet[] =
		"<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"" FIXTURE_NS "\"><x:sheetData>"
		"<x:row r=\"1\"><x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>Телефон</x:t></x:is></x:c></x:row>"
		"</x:sheetData></x:worksheet>";
	static const char wb[] =
		"<w:workbook xmlns:w=\"" FIXTURE_NS "\" xmlns:rel=\"" FIXTURE_R "\"><w:sheets>"
		"<w:sheet name=\"A\" sheetId=\"1\" rel:id=\"r7\"/></w:sheets></w:workbook>";
	static const char rels[] =
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"r7\" Type=\"" FIXTURE_R "/worksheet\" Target=\"/xl/worksheets/data.xml\"/>"
		"</Relationships>";
	const char *names[] = { "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/data.xml" };
	const char *data[] = { wb, rels, sheet };
	size_t len[] = { sizeof wb - 1, sizeof rels - 1, sizeof sheet - 1 };
	struct buf z = BUF_INIT;
	struct tfile t;
	(void)state;
	buf_init(&z, 0);
	fixture_zip(&z, names, data, len, 3);
	assert_int_equal(tfile_open(&t, z.ptr, z.len, ".bin", NULL, ENC_AUTO), 0); /* sniffed */
	buf_release(&z);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.nf, 2);
	assert_true(view_eq(t.rec.f[1].val, "Телефон"));
	assert_int_equal(reader_next(t.rd, &t.rec), RD_EOF);
	tfile_close(&t);
}

/* Opens the fixture and reads until the end; returns the last status. */
static int read_all(const char *sheet_data, const char *sst, size_t max_field)
{
	struct tfile t;
	int st;
	if (open_xlsx(&t, sheet_data, sst, max_field) < 0) {
		tfile_close(&t);
		return -2;
	}
	while ((st = reader_next(t.rd, &t.rec)) == RD_OK)
		;
	tfile_close(&t);
	return st;
}

static void bad_sheets_are_errors(void **state)
{
	(void)state;
	assert_int_equal(read_all("<row r=\"1\"><c r=\"A1\"><v>1</v></row>", NULL, 0), RD_ERR);
	assert_int_equal(read_all("<row r=\"2\"/><row r=\"1\"/>", NULL, 0), RD_ERR);
	assert_int_equal(read_all("<row r=\"1\"><c r=\"B1\"/><c r=\"A1\"/></row>", NULL, 0), RD_ERR);
	assert_int_equal(read_all("<row r=\"1\"><c r=\"A2\"/></row>", NULL, 0), RD_ERR);
	assert_int_equal(read_all("<row r=\"1\"><c r=\"XFE1\"/></row>", NULL, 0), RD_ERR);
	assert_int_equal(read_all("<row r=\"1048577\"/>", NULL, 0), RD_ERR);
	assert_int_equal(read_all("<row r=\"1\"><c t=\"s\"><v>1</v></c></row>", "<si><t>x</t></si>", 0), RD_ERR);
	assert_int_equal(read_all("<row r=\"1\"><c t=\"s\"><v>-1</v></c></row>", "<si><t>x</t></si>", 0), RD_ERR);
	assert_int_equal(read_all("<row r=\"1\"><c t=\"b\"><v>2</v></c></row>", NULL, 0), RD_ERR);
	assert_int_equal(read_all("<row r=\"1\"><c t=\"zz\"><v>2</v></c></row>", NULL, 0), RD_ERR);
	assert_int_equal(read_all("<row r=\"1\"><c t=\"inlineStr\"><is><t>0123456789abcdefg</t></is></c></row>",
				  NULL, 16), RD_ERR);
	assert_int_equal(read_all("<row r=\"1\"><c t=\"inlineStr\"><is><t>0123456789abcdef</t></is></c></row>",
				  NULL, 16), RD_EOF);
}

static void shared_strings_are_capped(void **state)
{
	struct buf items = BUF_INIT;
	int i;
	(void)state;
	buf_init(&items, 0);
	for (i = 0; i < 100; i++)
		buf_addf(&items, "<si><t>рядок %d</t></si>", i);
	/* 100 strings of ~12 bytes plus their index: over 16 × 64 bytes. */
	assert_int_equal(read_all("", items.ptr, 64), -2);
	assert_int_equal(read_all("", items.ptr, 0), RD_EOF);
	buf_release(&items);
	/* One string over --max-field. */
	assert_int_equal(read_all("", "<si><t>0123456789abcdefg</t></si>", 16), -2);
}

static void a_zip_that_is_not_a_workbook_is_refused(void **state)
{
	const char *names[] = { "word/document.xml" };
	const char *data[] = { "<w/>" };
	size_t len[] = { 4 };
	struct buf z = BUF_INIT;
	struct tfile t;
	(void)state;
	buf_init(&z, 0);
	fixture_zip(&z, names, data, len, 1);
	assert_int_equal(tfile_open(&t, z.ptr, z.len, ".xlsx", NULL, ENC_AUTO), -1);
	tfile_close(&t);
	buf_release(&z);
	assert_int_equal(format_sniff("PK\3\4\24\0", 6), FMT_XLSX);
	assert_int_equal(format_from_name("Реєстр.XLSX"), FMT_XLSX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gaps_become_empty_fields_and_rows_are_lines),
		cmocka_unit_test(every_cell_type_reads_as_written),
		cmocka_unit_test(prefixed_namespaces_read_the_same),
		cmocka_unit_test(bad_sheets_are_errors),
		cmocka_unit_test(shared_strings_are_capped),
		cmocka_unit_test(a_zip_that_is_not_a_workbook_is_refused),
	};
	return cmocka_run_group_tests_name("xlsx", tests, NULL, NULL);
}
