/*
 * test_xlsx.c — the Excel reader: cell references with gaps and rows that
 * skip, cells and rows without references, every cell type, rich text and
 * phonetic runs, escapes and entities, prefixed namespaces, the header
 * row and padding, and errors (malformed XML, out-of-order cells, a shared
 * string index out of range, the shared strings cap, a missing workbook);
 * numbers that a cell format shows as dates (styles.xml, the 1900 system
 * with its 29 February 1900, the 1904 system).
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

/* cellXfs: 0 General, 1 built-in 14, 2 dd.mm.yyyy, 3 [h]:mm, 4 0.00,
 * 5 dd.mm.yyyy hh:mm, 6 quoted "day", 7 [Red] colour, 8 mmm yy, 9 h:mm
 * AM/PM, 10 built-in 22, 11 built-in 20 (h:mm), 12 escaped \d and _y,
 * 13 mm:ss, 14 built-in id 15 redefined as 0.00 (the file's own wins),
 * 15 MM/DD/YYYY in capitals with a locale tag, 16 no numFmtId (General). <dxfs> and <cellStyleXfs>
 * have numFmt and xf elements too, which are not cell formats. */
static const char styles[] =
	"<numFmts count=\"10\">"
	"<numFmt numFmtId=\"164\" formatCode=\"dd.mm.yyyy\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"[h]:mm\"/>"
	"<numFmt numFmtId=\"166\" formatCode=\"0.00\"/>"
	"<numFmt numFmtId=\"167\" formatCode=\"dd.mm.yyyy hh:mm\"/>"
	"<numFmt numFmtId=\"168\" formatCode=\"&quot;day&quot; 0\"/>"
	"<numFmt numFmtId=\"169\" formatCode=\"[Red]#,##0.00;[Blue]-#,##0.00\"/>"
	"<numFmt numFmtId=\"170\" formatCode=\"mmm yy\"/>"
	"<numFmt numFmtId=\"171\" formatCode=\"h:mm AM/PM\"/>"
	"<numFmt numFmtId=\"172\" formatCode=\"0\\d_y*s\"/>"
	"<numFmt numFmtId=\"173\" formatCode=\"mm:ss\"/>"
	"<numFmt numFmtId=\"15\" formatCode=\"0.00\"/>"
	"<numFmt numFmtId=\"174\" formatCode=\"[$-422]MM/DD/YYYY;@\"/>"
	"</numFmts>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
	"<cellXfs count=\"17\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
	"<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"167\"/>"
	"<xf numFmtId=\"168\"/><xf numFmtId=\"169\"/><xf numFmtId=\"170\"/><xf numFmtId=\"171\"/>"
	"<xf numFmtId=\"22\"/><xf numFmtId=\"20\"/><xf numFmtId=\"172\"/><xf numFmtId=\"173\"/>"
	"<xf numFmtId=\"15\"/><xf numFmtId=\"174\"/><xf/></cellXfs>"
	"<dxfs count=\"1\"><dxf><numFmt numFmtId=\"175\" formatCode=\"0\"/></dxf></dxfs>";

/* Reads one row of cells with the styles above (flags: FIXTURE_*) and
 * checks each value and kind against want (kind 0: text, 1: number,
 * 3: date). */
static void check_row(const char *cells, int flags, const char *const *want, const int *kind, size_t n)
{
	struct tfile t;
	struct read_opts ro;
	struct buf z = BUF_INIT, row = BUF_INIT;
	size_t i;
	memset(&ro, 0, sizeof ro);
	ro.no_header = 1;
	buf_init(&z, 0);
	buf_init(&row, 0);
	buf_addf(&row, "<row r=\"1\">%s</row>", cells);
	fixture_xlsx_ex(&z, row.ptr, "<si><t>45306</t></si>", flags & 4 ? NULL : styles, flags & 3);
	assert_int_equal(tfile_open(&t, z.ptr, z.len, ".xlsx", &ro, ENC_AUTO), 0);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.nf, n);
	for (i = 0; i < n; i++) {
		if (!view_eq(t.rec.f[i].val, want[i]) || t.rec.f[i].kind != kind[i])
			fail_msg("cell %zu: want '%s' (kind %d), got '%.*s' (kind %d)", i, want[i], kind[i],
				 (int)t.rec.f[i].val.len, t.rec.f[i].val.ptr, t.rec.f[i].kind);
	}
	assert_int_equal(reader_next(t.rd, &t.rec), RD_EOF);
	tfile_close(&t);
	buf_release(&z);
	buf_release(&row);
}

static void numbers_formatted_as_dates_read_as_dates(void **state)
{
	static const char *const want[] = {
		"45306", "15.01.2024", "15.01.1985", "1.5", "1500.5", "01.12.2023 14:30", "7", "-3",
		"01.01.2024", "0.5", "15.01.2024 06:00", "0.25", "5", "0.01", "1500.5", "15.01.1985",
		"45306", "45306", "", "45306", "45306",
	};
	static const int kind[] = { 1, 3, 3, 1, 1, 3, 1, 1, 3, 1, 3, 1, 1, 1, 1, 3, 1, 0, 0, 1, 1 };
	(void)state;
	check_row("<c><v>45306</v></c><c s=\"1\"><v>45306</v></c><c s=\"2\"><v>31062</v></c>"
		  "<c s=\"3\"><v>1.5</v></c><c s=\"4\"><v>1500.5</v></c>"
		  /* 14:30:59 shows 14:30: seconds are cut, not rounded */
		  "<c s=\"5\" t=\"n\"><v>45261.604849537</v></c>"
		  "<c s=\"6\"><v>7</v></c><c s=\"7\"><v>-3</v></c><c s=\"8\"><v>45292</v></c>"
		  "<c s=\"9\"><v>0.5</v></c><c s=\"10\"><v>4.530625E4</v></c><c s=\"11\"><v>0.25</v></c>"
		  "<c s=\"12\"><v>5</v></c><c s=\"13\"><v>0.01</v></c><c s=\"14\"><v>1500.5</v></c>"
		  "<c s=\"15\"><v>31062</v></c><c s=\"16\"><v>45306</v></c>"
		  /* not numbers, a missing value, a format that is not there, a bad s */
		  "<c s=\"1\" t=\"s\"><v>0</v></c><c s=\"1\"/><c s=\"17\"><v>45306</v></c>"
		  "<c s=\"x1\"><v>45306</v></c>",
		  0, want, kind, 21);
}

static void the_1900_system_has_its_29_february(void **state)
{
	static const char *const want[] = {
		"01.01.1900", "28.02.1900", "29.02.1900", "01.03.1900", "1e100",
		"31.12.9999", "2958466", "0", "-1", "0.5", "nan", "1e400", "01.01.1900",
	};
	static const int kind[] = { 3, 3, 3, 3, 1, 3, 1, 1, 1, 1, 1, 1, 3 };
	(void)state;
	/* serial 0 shows 00.01.1900 in Excel, no date: it stays a number, as
	 * do serials before it, after 31.12.9999 and what is no number */
	check_row("<c s=\"2\"><v>1</v></c><c s=\"2\"><v>59</v></c><c s=\"2\"><v>60</v></c>"
		  "<c s=\"2\"><v>61</v></c><c s=\"2\"><v>1e100</v></c>"
		  "<c s=\"2\"><v>2958465</v></c><c s=\"2\"><v>2958466</v></c><c s=\"2\"><v>0</v></c>"
		  "<c s=\"2\"><v>-1</v></c><c s=\"2\"><v>0.5</v></c><c s=\"2\"><v>nan</v></c>"
		  "<c s=\"2\"><v>1e400</v></c><c s=\"2\"><v>0.999999999</v></c>",
		  0, want, kind, 13);
}

static void the_1904_system_counts_from_1904(void **state)
{
	static const char *const want[] = { "01.01.1904", "02.01.1904", "15.01.2024", "01.03.1904",
					     "-1", "29.02.1904 12:00" };
	static const int kind[] = { 3, 3, 3, 3, 1, 3 };
	(void)state;
	check_row("<c s=\"1\"><v>0</v></c><c s=\"1\"><v>1</v></c><c s=\"1\"><v>43844</v></c>"
		  "<c s=\"2\"><v>60</v></c><c s=\"2\"><v>-1</v></c><c s=\"5\"><v>59.5</v></c>",
		  FIXTURE_1904, want, kind, 6);
}

static void styles_found_by_default_name_or_absent(void **state)
{
	static const char *const dates[] = { "15.01.2024", "1500.5" };
	static const char *const numbers[] = { "45306", "1500.5" };
	static const int kd[] = { 3, 1 }, kn[] = { 1, 1 };
	(void)state;
	check_row("<c s=\"1\"><v>45306</v></c><c s=\"4\"><v>1500.5</v></c>", FIXTURE_STYLES_UNNAMED,
		  dates, kd, 2);
	check_row("<c s=\"1\"><v>45306</v></c><c s=\"4\"><v>1500.5</v></c>", 4, numbers, kn, 2);
}

static void a_date_keeps_its_number_for_the_writer(void **state)
{
	struct tfile t;
	struct read_opts ro;
	struct buf z = BUF_INIT;
	const struct field *f;
	(void)state;
	memset(&ro, 0, sizeof ro);
	ro.no_header = 1;
	buf_init(&z, 0);
	fixture_xlsx_ex(&z, "<row><c s=\"5\"><v>45261.60416666666</v></c><c><v>2</v></c></row>", NULL,
			styles, 0);
	assert_int_equal(tfile_open(&t, z.ptr, z.len, ".xlsx", &ro, ENC_AUTO), 0);
	buf_release(&z);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	f = &t.rec.f[0];
	assert_int_equal(f->kind, FIELD_DATE);
	assert_true(view_eq(f->val, "01.12.2023 14:30"));
	assert_true(f->raw_off + f->raw_len <= t.rec.raw.len);
	assert_int_equal(f->raw_len, strlen("45261.60416666666"));
	assert_memory_equal(t.rec.raw.ptr + f->raw_off, "45261.60416666666", f->raw_len);
	assert_true(view_eq(t.rec.f[1].val, "2"));
	tfile_close(&t);
}

static void bad_styles_are_errors(void **state)
{
	struct buf z = BUF_INIT, many = BUF_INIT;
	struct tfile t;
	int i;
	(void)state;
	buf_init(&z, 0);
	fixture_xlsx_ex(&z, "", NULL, "<cellXfs><xf></cellXfs>", 0);
	assert_int_equal(tfile_open(&t, z.ptr, z.len, ".xlsx", NULL, ENC_AUTO), -1);
	tfile_close(&t);
	buf_reset(&z);
	buf_init(&many, 0);
	buf_adds(&many, "<cellXfs>");
	for (i = 0; i <= 65536; i++)
		buf_adds(&many, "<xf/>");
	buf_adds(&many, "</cellXfs>");
	fixture_xlsx_ex(&z, "", NULL, many.ptr, 0);
	assert_int_equal(tfile_open(&t, z.ptr, z.len, ".xlsx", NULL, ENC_AUTO), -1);
	tfile_close(&t);
	buf_release(&z);
	buf_release(&many);
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
		cmocka_unit_test(numbers_formatted_as_dates_read_as_dates),
		cmocka_unit_test(the_1900_system_has_its_29_february),
		cmocka_unit_test(the_1904_system_counts_from_1904),
		cmocka_unit_test(styles_found_by_default_name_or_absent),
		cmocka_unit_test(a_date_keeps_its_number_for_the_writer),
		cmocka_unit_test(bad_styles_are_errors),
		cmocka_unit_test(a_zip_that_is_not_a_workbook_is_refused),
	};
	return cmocka_run_group_tests_name("xlsx", tests, NULL, NULL);
}
