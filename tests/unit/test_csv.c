/*
 * test_csv.c — the CSV reader and writer: dialect sniffing, quoting, line
 * ends, BOM, ragged rows, Windows-1251, minimal re-quoting of changed
 * records, and each error class.
 */
#include "tests/unit/support.h"

#include <stdio.h>
#include <string.h>

static void sniffs_each_delimiter(void **state)
{
	(void)state;
	assert_int_equal(csv_sniff_delimiter("a,b,c\n1,2,3\n", 12), ',');
	assert_int_equal(csv_sniff_delimiter("a;b;c\n1;2;3\n", 12), ';');
	assert_int_equal(csv_sniff_delimiter("a\tb\tc\n1\t2\t3\n", 12), '\t');
	assert_int_equal(csv_sniff_delimiter("a|b|c\n1|2|3\n", 12), '|');
}

static void sniffs_semicolon_despite_decimal_commas(void **state)
{
	const char *s = "ПІБ;Сума;Дата\nІваненко;1 500,00;01.02.2024\nПетренко;12,50;03.04.2024\n";
	(void)state;
	assert_int_equal(csv_sniff_delimiter(s, strlen(s)), ';');
}

static void sniff_ignores_delimiters_inside_quotes(void **state)
{
	const char *s = "a;b\n\"x,y,z\";1\n\"p,q\";2\n";
	(void)state;
	assert_int_equal(csv_sniff_delimiter(s, strlen(s)), ';');
}

static void reads_quoted_fields_with_delimiters_newlines_and_quotes(void **state)
{
	const char *s = "name,note\n\"Коваль, Іван\",\"рядок 1\nрядок 2\"\n\"a\"\"b\",x\n";
	struct tfile t;
	(void)state;
	assert_int_equal(tfile_open(&t, s, strlen(s), ".csv", NULL, ENC_AUTO), 0);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.kind, REC_HEADER);
	assert_string_equal(reader_colname(t.rd, 1), "note");
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.kind, REC_DATA);
	assert_int_equal(t.rec.index, 0);
	assert_int_equal(t.rec.line, 2);
	assert_int_equal(t.rec.nf, 2);
	assert_true(view_eq(t.rec.f[0].val, "Коваль, Іван"));
	assert_true(view_eq(t.rec.f[1].val, "рядок 1\nрядок 2"));
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.line, 4);
	assert_true(view_eq(t.rec.f[0].val, "a\"b"));
	assert_int_equal(reader_next(t.rd, &t.rec), RD_EOF);
	tfile_close(&t);
}

static void crlf_values_have_no_cr_and_spaces_are_kept(void **state)
{
	const char *s = "a;b\r\n  x ;\"y\"\r\n";
	struct tfile t;
	(void)state;
	assert_int_equal(tfile_open(&t, s, strlen(s), ".csv", NULL, ENC_AUTO), 0);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_true(view_eq(t.rec.f[1].val, "b"));
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_true(view_eq(t.rec.f[0].val, "  x "));
	assert_true(view_eq(t.rec.f[1].val, "y"));
	tfile_close(&t);
}

static void odd_lines_keep_their_values(void **state)
{
	/* a lone CR inside a line; spaces after a closing quote; a plain line */
	const char *s = "a;b;c\n\"x\"; y\r z ;\"w\"\n\"p\" ;q;r\n t ; u ;v\n";
	struct tfile t;
	(void)state;
	assert_int_equal(tfile_open(&t, s, strlen(s), ".csv", NULL, ENC_AUTO), 0);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.nf, 3);
	assert_true(view_eq(t.rec.f[1].val, " y\r z "));
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.nf, 3);
	assert_true(view_eq(t.rec.f[0].val, "p"));
	assert_true(view_eq(t.rec.f[2].val, "r"));
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_true(view_eq(t.rec.f[1].val, " u "));
	assert_int_equal(reader_next(t.rd, &t.rec), RD_EOF);
	tfile_close(&t);
}

static void bom_is_not_part_of_the_first_column_name(void **state)
{
	const char *s = "\xEF\xBB\xBFid,phone\n1,2\n";
	struct tfile t;
	(void)state;
	assert_int_equal(tfile_open(&t, s, strlen(s), ".csv", NULL, ENC_AUTO), 0);
	assert_true(t.in.had_bom);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_string_equal(reader_colname(t.rd, 0), "id");
	tfile_close(&t);
}

static void ragged_rows_keep_their_own_field_count(void **state)
{
	const char *s = "a,b,c\n1\n1,2,3,4,5\n";
	struct tfile t;
	struct buf out = BUF_INIT;
	(void)state;
	assert_int_equal(tfile_open(&t, s, strlen(s), ".csv", NULL, ENC_AUTO), 0);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.nf, 1);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.nf, 5);
	assert_string_equal(reader_colname(t.rd, 4), "#5");
	tfile_close(&t);
	assert_int_equal(tfile_open(&t, s, strlen(s), ".csv", NULL, ENC_AUTO), 0);
	assert_int_equal(tfile_roundtrip(&t, &out, NULL, NULL), RD_EOF);
	assert_string_equal(out.ptr, s);
	tfile_close(&t);
	buf_release(&out);
}

static void set_second_field(struct record *rec, void *ctx)
{
	if (rec->kind == REC_DATA && rec->nf > 1)
		record_set(rec, 1, *(struct view *)ctx);
}

/* A changed record with quotes: the fields that did not change come out as
 * they were written (quotes kept), a changed field is quoted as it needs or
 * as it was, the line end kept. */
static void changed_record_keeps_the_rest_as_written(void **state)
{
	const char *s = "a;b;c\r\n\"1\";x;\"1 500,00\"\r\n\"k;l\";y;z\r\n\"p\";\"q\";r\r\n";
	struct view v = { "new;\"v\"", 7 };
	struct view w = { "[ІМ'Я]", sizeof "[ІМ'Я]" - 1 };
	struct tfile t;
	struct buf out = BUF_INIT;
	(void)state;
	assert_int_equal(tfile_open(&t, s, strlen(s), ".csv", NULL, ENC_AUTO), 0);
	assert_int_equal(tfile_roundtrip(&t, &out, set_second_field, &v), RD_EOF);
	assert_string_equal(out.ptr, "a;b;c\r\n\"1\";\"new;\"\"v\"\"\";\"1 500,00\"\r\n"
				     "\"k;l\";\"new;\"\"v\"\"\";z\r\n\"p\";\"new;\"\"v\"\"\";r\r\n");
	tfile_close(&t);
	buf_release(&out);
	/* a value that needs no quotes, where the field had them */
	buf_init(&out, 0);
	assert_int_equal(tfile_open(&t, s, strlen(s), ".csv", NULL, ENC_AUTO), 0);
	assert_int_equal(tfile_roundtrip(&t, &out, set_second_field, &w), RD_EOF);
	assert_string_equal(out.ptr, "a;b;c\r\n\"1\";[ІМ'Я];\"1 500,00\"\r\n"
				     "\"k;l\";[ІМ'Я];z\r\n\"p\";\"[ІМ'Я]\";r\r\n");
	tfile_close(&t);
	buf_release(&out);
}

static void unchanged_file_round_trips_byte_for_byte(void **state)
{
	static const char *const files[] = {
		"a,b\n1,2",                               /* no final line end */
		"a\tb\r\n\"x\ty\"\t\"\"\r\n\r\n3\t4\r\n",  /* TAB, CRLF, blank line */
		"\n\na;b\n\n1;2\n\n",                     /* blank lines around */
		"x|y\n\"multi\r\nline\"|\"q\"\"q\"\n",   /* CRLF inside a field */
		"only\n",
	};
	(void)state;
	assert_round_trips(files, sizeof files / sizeof files[0], ".csv");
}

static void windows_1251_is_converted_to_utf8(void **state)
{
	/* "Мар’яна;Ґудзь;їжак є" in Windows-1251, ’ = 0x92, Ґ = 0xA5, ґ = 0xB4 */
	const char *s = "\xcc\xe0\xf0\x92\xff\xed\xe0;\xa5\xf3\xe4\xe7\xfc;\xbf\xe6\xe0\xea \xba \xb4\xb3\n";
	struct tfile t;
	struct read_opts ro = { FMT_CSV, 0, 1, 0, NULL };
	(void)state;
	assert_int_equal(tfile_open(&t, s, strlen(s), ".csv", &ro, ENC_AUTO), 0);
	assert_int_equal(t.in.enc, ENC_CP1251);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_true(view_eq(t.rec.f[0].val, "Мар’яна"));
	assert_true(view_eq(t.rec.f[1].val, "Ґудзь"));
	assert_true(view_eq(t.rec.f[2].val, "їжак є ґі"));
	tfile_close(&t);
}

/* A word of Cyrillic letters in Windows-1251 (bytes C0-FF: А-я), made
 * from k, into w; and the same in UTF-8 (U+0410 + byte - C0) into u. */
static void cp1251_word(unsigned k, char *w, char *u)
{
	size_t len = 1 + k % 23, i;
	for (i = 0; i < len; i++) {
		unsigned c = 0xC0 + (k * 7 + i * 13) % 64, cp = 0x410 + (c - 0xC0);
		*w++ = (char)c;
		*u++ = (char)(0xC0 | cp >> 6);
		*u++ = (char)(0x80 | (cp & 0x3F));
	}
	*w = *u = '\0';
}

/* A file of several read chunks (256 KiB), converted a chunk at a time:
 * every value whole, whatever chunk boundary falls inside it. */
static void windows_1251_is_converted_across_chunks(void **state)
{
	struct buf file = BUF_INIT;
	struct tfile t;
	struct read_opts ro = { FMT_CSV, ';', 1, 0, NULL };
	char w[32], u[64];
	unsigned k, rows = 30000;
	(void)state;
	for (k = 0; k < rows; k++) {
		cp1251_word(k, w, u);
		buf_addf(&file, "%u;%s;x%s y\n", k, w, w);
	}
	assert_true(file.len > 3 * (256u << 10));
	assert_int_equal(tfile_open(&t, file.ptr, file.len, ".csv", &ro, ENC_CP1251), 0);
	for (k = 0; k < rows; k++) {
		char want[80];
		cp1251_word(k, w, u);
		assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
		assert_int_equal(t.rec.nf, 3);
		if (!view_eq(t.rec.f[1].val, u))
			fail_msg("row %u: value not converted whole", k);
		snprintf(want, sizeof want, "x%s y", u);
		if (!view_eq(t.rec.f[2].val, want))
			fail_msg("row %u: ASCII around Cyrillic not kept", k);
		assert_int_equal(t.rec.line, k + 1);
	}
	assert_int_equal(reader_next(t.rd, &t.rec), RD_EOF);
	tfile_close(&t);
	buf_release(&file);
}

static void unterminated_quote_is_an_error(void **state)
{
	const char *s = "a,b\n1,\"open\n2,3\n";
	struct tfile t;
	(void)state;
	assert_int_equal(tfile_open(&t, s, strlen(s), ".csv", NULL, ENC_AUTO), 0);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_ERR);
	tfile_close(&t);
}

static void quote_inside_unquoted_field_is_data(void **state)
{
	const char *s = "1;ТОВ \"Ромашка\";2\n";
	struct tfile t;
	struct read_opts ro = { FMT_CSV, 0, 1, 0, NULL };
	(void)state;
	assert_int_equal(tfile_open(&t, s, strlen(s), ".csv", &ro, ENC_AUTO), 0);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.nf, 3);
	assert_true(view_eq(t.rec.f[1].val, "ТОВ \"Ромашка\""));
	tfile_close(&t);
}

static void field_over_the_limit_is_an_error(void **state)
{
	struct buf s = BUF_INIT;
	struct tfile t;
	struct read_opts ro = { FMT_CSV, 0, 0, 1000, NULL };
	size_t i;
	(void)state;
	buf_adds(&s, "a,b\n1,\"");
	for (i = 0; i < 2000; i++)
		buf_addch(&s, 'x');
	buf_adds(&s, "\"\n");
	assert_int_equal(tfile_open(&t, s.ptr, s.len, ".csv", &ro, ENC_AUTO), 0);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_ERR);
	tfile_close(&t);
	buf_release(&s);
}

static void invalid_utf8_in_utf8_mode_is_an_error_after_good_records(void **state)
{
	const char *s = "a,b\n1,2\n3,\xC3\x28\n5,6\n";
	struct tfile t;
	(void)state;
	assert_int_equal(tfile_open(&t, s, strlen(s), ".csv", NULL, ENC_UTF8), 0);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_true(view_eq(t.rec.f[1].val, "2"));
	assert_int_equal(reader_next(t.rd, &t.rec), RD_ERR);
	tfile_close(&t);
}

static void records_spanning_read_chunks_are_whole(void **state)
{
	struct buf s = BUF_INIT, out = BUF_INIT;
	struct tfile t;
	size_t i, n = 0;
	(void)state;
	buf_adds(&s, "id;text\n");
	for (i = 0; i < 20000; i++)
		buf_addf(&s, "%zu;\"рядок %zu\nз переносом; і лапками \"\"так\"\"\"\n", i, i);
	assert_int_equal(tfile_open(&t, s.ptr, s.len, ".csv", NULL, ENC_AUTO), 0);
	while (reader_next(t.rd, &t.rec) == RD_OK)
		if (t.rec.kind == REC_DATA) {
			assert_int_equal(t.rec.nf, 2);
			assert_int_equal(t.rec.index, n);
			n++;
		}
	assert_int_equal(n, 20000);
	tfile_close(&t);
	assert_int_equal(tfile_open(&t, s.ptr, s.len, ".csv", NULL, ENC_AUTO), 0);
	assert_int_equal(tfile_roundtrip(&t, &out, NULL, NULL), RD_EOF);
	assert_int_equal(out.len, s.len);
	assert_memory_equal(out.ptr, s.ptr, s.len);
	tfile_close(&t);
	buf_release(&s);
	buf_release(&out);
}

static void empty_input_gives_no_records(void **state)
{
	struct tfile t;
	(void)state;
	assert_int_equal(tfile_open(&t, "", 0, ".csv", NULL, ENC_AUTO), 0);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_EOF);
	tfile_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sniffs_each_delimiter),
		cmocka_unit_test(sniffs_semicolon_despite_decimal_commas),
		cmocka_unit_test(sniff_ignores_delimiters_inside_quotes),
		cmocka_unit_test(reads_quoted_fields_with_delimiters_newlines_and_quotes),
		cmocka_unit_test(crlf_values_have_no_cr_and_spaces_are_kept),
		cmocka_unit_test(odd_lines_keep_their_values),
		cmocka_unit_test(bom_is_not_part_of_the_first_column_name),
		cmocka_unit_test(ragged_rows_keep_their_own_field_count),
		cmocka_unit_test(changed_record_keeps_the_rest_as_written),
		cmocka_unit_test(unchanged_file_round_trips_byte_for_byte),
		cmocka_unit_test(windows_1251_is_converted_to_utf8),
		cmocka_unit_test(windows_1251_is_converted_across_chunks),
		cmocka_unit_test(unterminated_quote_is_an_error),
		cmocka_unit_test(quote_inside_unquoted_field_is_data),
		cmocka_unit_test(field_over_the_limit_is_an_error),
		cmocka_unit_test(invalid_utf8_in_utf8_mode_is_an_error_after_good_records),
		cmocka_unit_test(records_spanning_read_chunks_are_whole),
		cmocka_unit_test(empty_input_gives_no_records),
	};
	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
