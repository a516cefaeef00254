/*
 * test_json.c — the streaming JSON reader and writer: record splitting for
 * arrays, JSON Lines, single objects and GeoJSON; field paths; decoded
 * values; byte-exact round trips; splicing of changed values; errors.
 */
#include "tests/unit/support.h"

#include <stdlib.h>
#include <string.h>

static void array_elements_are_records_with_paths(void **state)
{
	const char *s = "[\n {\"applicant\": {\"phone\": \"067\", \"name\": \"x\\u0456\"}, \"sum\": 1500.00},\n"
			" {\"tags\": [\"a\", 2], \"ok\": true}\n]\n";
	struct tfile t;
	(void)state;
	assert_int_equal(tfile_open(&t, s, strlen(s), ".json", NULL, ENC_AUTO), 0);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.kind, REC_DATA);
	assert_int_equal(t.rec.index, 0);
	assert_int_equal(t.rec.nf, 3);
	assert_string_equal(reader_colname(t.rd, t.rec.f[0].col), "applicant.phone");
	assert_true(view_eq(t.rec.f[1].val, "xі"));
	assert_string_equal(reader_colname(t.rd, t.rec.f[2].col), "sum");
	assert_int_equal(t.rec.f[2].kind, FIELD_NUMBER);
	assert_true(view_eq(t.rec.f[2].val, "1500.00"));
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.index, 1);
	assert_int_equal(t.rec.line, 2);
	assert_string_equal(reader_colname(t.rd, t.rec.f[0].col), "tags[]");
	assert_int_equal(t.rec.f[2].kind, FIELD_LITERAL);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.kind, REC_GLUE);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_EOF);
	tfile_close(&t);
}

static void geojson_features_are_streamed(void **state)
{
	const char *s = "{\"type\": \"FeatureCollection\", \"features\": [\n"
			"{\"type\": \"Feature\", \"properties\": {\"owner\": \"A\"}, \"geometry\": {\"coordinates\": [30.5, 50.4]}},\n"
			"{\"type\": \"Feature\", \"properties\": {\"owner\": \"B\"}}\n], \"name\": \"parcels\"}\n";
	struct tfile t;
	(void)state;
	assert_int_equal(tfile_open(&t, s, strlen(s), ".geojson", NULL, ENC_AUTO), 0);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.kind, REC_META);
	assert_string_equal(reader_colname(t.rd, t.rec.f[0].col), "type");
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.kind, REC_DATA);
	assert_int_equal(t.rec.index, 0);
	assert_string_equal(reader_colname(t.rd, t.rec.f[1].col), "features[].properties.owner");
	assert_true(view_eq(t.rec.f[1].val, "A"));
	assert_string_equal(reader_colname(t.rd, t.rec.f[2].col), "features[].geometry.coordinates[]");
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.index, 1);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.kind, REC_META);
	assert_string_equal(reader_colname(t.rd, t.rec.f[0].col), "name");
	assert_int_equal(reader_next(t.rd, &t.rec), RD_EOF);
	tfile_close(&t);
}

static void json_lines_are_records(void **state)
{
	const char *s = "{\"a\": 1}\n\n{\"a\": [1, {\"b\": \"c\"}]}\r\n{\"a\": 3}";
	struct tfile t;
	size_t n = 0;
	(void)state;
	assert_int_equal(tfile_open(&t, s, strlen(s), ".jsonl", NULL, ENC_AUTO), 0);
	while (reader_next(t.rd, &t.rec) == RD_OK)
		if (t.rec.kind == REC_DATA)
			assert_int_equal(t.rec.index, n++);
	assert_int_equal(n, 3);
	tfile_close(&t);
}

static void single_object_is_one_record(void **state)
{
	const char *s = "{\"name\": \"Іван\", \"contacts\": {\"phone\": \"067\"}, \"bbox\": [1, 2]}";
	struct tfile t;
	(void)state;
	assert_int_equal(tfile_open(&t, s, strlen(s), ".json", NULL, ENC_AUTO), 0);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	assert_int_equal(t.rec.nf, 4);
	assert_string_equal(reader_colname(t.rd, t.rec.f[1].col), "contacts.phone");
	assert_string_equal(reader_colname(t.rd, t.rec.f[3].col), "bbox[]");
	assert_int_equal(reader_next(t.rd, &t.rec), RD_EOF);
	tfile_close(&t);
}

static void sniffs_json_lines_in_a_json_named_file(void **state)
{
	const char *s = "{\"a\": 1}\n{\"a\": 2}\n";
	(void)state;
	assert_int_equal(format_sniff(s, strlen(s)), FMT_JSONL);
	assert_int_equal(format_sniff("[{\"a\":1}]", 9), FMT_JSON);
	assert_int_equal(format_sniff("{\n \"a\": {\n },\n \"b\": 1\n}\n", 24), FMT_JSON);
	assert_int_equal(format_sniff("a,b\n", 4), FMT_CSV);
}

static void unchanged_json_round_trips_byte_for_byte(void **state)
{
	static const char *const files[] = {
		"[ {\"n\":1500.00,\"e\":1e3,\"z\":-0.0,\"big\":12345678901234567890} ,\n\t{ \"s\" : \"\\u0456\\\"\\/\" , \"a\":[[1,[2]],{}] } ]\n",
		"{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"x\":null}}],\"crs\":{\"name\":\"a\"}}",
		"{\"a\":1}\n{\"a\":2}\n\n",
		"  \"just a string\"  \n",
		"[]",
		"{}",
		"[\n]\n",
	};
	(void)state;
	assert_round_trips(files, sizeof files / sizeof files[0], ".json");
}

static void redact_named(struct record *rec, void *ctx)
{
	size_t i;
	(void)ctx;
	for (i = 0; i < rec->nf; i++)
		if (rec->f[i].kind != FIELD_LITERAL && rec->f[i].val.len >= 3 &&
		    (!memcmp(rec->f[i].val.ptr, "067", 3) || !memcmp(rec->f[i].val.ptr, "380", 3))) {
			struct view v = { "[ТЕЛЕФОН] \"x\"\n", strlen("[ТЕЛЕФОН] \"x\"\n") };
			record_set(rec, i, v);
		}
}

static void changed_values_are_spliced_and_the_rest_is_untouched(void **state)
{
	const char *s = "[{\"p\" : \"0671234567\", \"sum\": 1500.00, \"n\": 380671234567 },\n {\"p\": \"x\"}]";
	const char *want = "[{\"p\" : \"[ТЕЛЕФОН] \\\"x\\\"\\n\", \"sum\": 1500.00, \"n\": \"[ТЕЛЕФОН] \\\"x\\\"\\n\" },\n {\"p\": \"x\"}]";
	struct tfile t;
	struct buf out = BUF_INIT;
	(void)state;
	assert_int_equal(tfile_open(&t, s, strlen(s), ".json", NULL, ENC_AUTO), 0);
	assert_int_equal(tfile_roundtrip(&t, &out, redact_named, NULL), RD_EOF);
	assert_string_equal(out.ptr, want);
	tfile_close(&t);
	buf_release(&out);
}

static void invalid_json_is_an_error(void **state)
{
	static const char *const bad[] = {
		"[{\"a\": 1,}]", "[{\"a\" 1}]", "[{\"a\": tru}]", "[{\"a\": 01}]",
		"[{\"a\": \"x\ty\"}]", "[{\"a\": \"\\q\"}]", "[{\"a\": 1}", "{\"a\": 1} x",
		"[{\"a\": \"unterminated}]",
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct tfile t;
		int st;
		assert_int_equal(tfile_open(&t, bad[i], strlen(bad[i]), ".json", NULL, ENC_AUTO), 0);
		while ((st = reader_next(t.rd, &t.rec)) == RD_OK)
			;
		assert_int_equal(st, RD_ERR);
		tfile_close(&t);
	}
}

static void deep_nesting_is_an_error_not_a_crash(void **state)
{
	struct buf s = BUF_INIT;
	struct tfile t;
	size_t i;
	(void)state;
	for (i = 0; i < 100000; i++)
		buf_addch(&s, '[');
	for (i = 0; i < 100000; i++)
		buf_addch(&s, ']');
	assert_int_equal(tfile_open(&t, s.ptr, s.len, ".json", NULL, ENC_AUTO), 0);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_ERR);
	tfile_close(&t);
	buf_release(&s);
}

static void records_larger_than_a_read_chunk_are_reparsed_whole(void **state)
{
	struct buf s = BUF_INIT, out = BUF_INIT;
	struct tfile t;
	size_t i, n = 0;
	(void)state;
	buf_adds(&s, "[");
	for (i = 0; i < 3000; i++)
		buf_addf(&s, "%s{\"id\": %zu, \"text\": \"%0400zu\\u0456\", \"arr\": [%zu, 1.5e-3]}",
			 i ? ",\n" : "\n", i, i, i);
	/* one record far larger than a read chunk */
	buf_adds(&s, ",\n{\"big\": \"");
	for (i = 0; i < 1000000; i++)
		buf_addch(&s, 'x');
	buf_adds(&s, "\"}\n]\n");
	assert_int_equal(tfile_open(&t, s.ptr, s.len, ".json", NULL, ENC_AUTO), 0);
	while (reader_next(t.rd, &t.rec) == RD_OK)
		if (t.rec.kind == REC_DATA)
			assert_int_equal(t.rec.index, n++);
	assert_int_equal(n, 3001);
	assert_int_equal(t.rec.kind, REC_GLUE);
	tfile_close(&t);
	assert_int_equal(tfile_open(&t, s.ptr, s.len, ".json", NULL, ENC_AUTO), 0);
	assert_int_equal(tfile_roundtrip(&t, &out, NULL, NULL), RD_EOF);
	assert_int_equal(out.len, s.len);
	assert_memory_equal(out.ptr, s.ptr, s.len);
	tfile_close(&t);
	buf_release(&s);
	buf_release(&out);
}

/*
 * A pinned record's raw bytes stay where they are while the reader reads
 * on (several read chunks here), whether its buffer is the one being read
 * or one kept for it; pins given back in any order free the buffers or
 * keep them as spares for later refills, never while a record in them is
 * still pinned (ASan: no leak, no use after free). A CSV reader does not
 * pin.
 */
static void pinned_records_keep_their_bytes_across_refills(void **state)
{
	enum { N = 4000 };
	struct buf s = BUF_INIT;
	struct tfile t;
	static struct view raw[N];
	static char *copy[N];
	static unsigned pin[N];
	size_t i, n = 0;
	(void)state;
	for (i = 0; i < N; i++)
		buf_addf(&s, "{\"id\": %zu, \"text\": \"%0300zu%s\"}\n", i, i * 7919,
			 i % 100 ? "" : "\\u0456");
	assert_int_equal(tfile_open(&t, s.ptr, s.len, ".jsonl", NULL, ENC_AUTO), 0);
	while (reader_next(t.rd, &t.rec) == RD_OK) {
		int apart;
		assert_true(n < N);
		/* every third record pinned; now and then the pins of the
		 * 700 records up to 500 back given up, the last first */
		if (n % 3 == 0) {
			pin[n] = reader_pin(t.rd, &apart);
			assert_true(pin[n] != 0);
			/* every 100th record's text has an escape, decoded
			 * apart from the raw bytes */
			assert_int_equal(apart, n % 100 == 0);
			raw[n] = t.rec.raw;
			copy[n] = xmalloc(raw[n].len);
			memcpy(copy[n], raw[n].ptr, raw[n].len);
		}
		if (n % 700 == 699 && n >= 1200)
			for (i = n - 500; i-- > n - 1200;)
				if (pin[i]) {
					assert_memory_equal(raw[i].ptr, copy[i], raw[i].len);
					reader_unpin(t.rd, pin[i]);
					pin[i] = 0;
				}
		n++;
	}
	assert_int_equal(n, N);
	for (i = 0; i < N; i++)
		if (pin[i]) {
			assert_memory_equal(raw[i].ptr, copy[i], raw[i].len);
			reader_unpin(t.rd, pin[i]);
		}
	for (i = 0; i < N; i++)
		free(copy[i]);
	tfile_close(&t);
	assert_int_equal(tfile_open(&t, "a,b\n1,2\n", 8, ".csv", NULL, ENC_AUTO), 0);
	assert_int_equal(reader_next(t.rd, &t.rec), RD_OK);
	{
		int apart = 0;
		assert_int_equal(reader_pin(t.rd, &apart), 0);
		assert_int_equal(apart, 1);
	}
	tfile_close(&t);
	buf_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(array_elements_are_records_with_paths),
		cmocka_unit_test(geojson_features_are_streamed),
		cmocka_unit_test(json_lines_are_records),
		cmocka_unit_test(single_object_is_one_record),
		cmocka_unit_test(sniffs_json_lines_in_a_json_named_file),
		cmocka_unit_test(unchanged_json_round_trips_byte_for_byte),
		cmocka_unit_test(changed_values_are_spliced_and_the_rest_is_untouched),
		cmocka_unit_test(invalid_json_is_an_error),
		cmocka_unit_test(deep_nesting_is_an_error_not_a_crash),
		cmocka_unit_test(records_larger_than_a_read_chunk_are_reparsed_whole),
		cmocka_unit_test(pinned_records_keep_their_bytes_across_refills),
	};
	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
