/*
 * test_link.c — unit tests for corpus/index.c's analysis queries on small
 * tables whose answers are counted by hand in the comments: k-anonymity
 * classes, records below k, unique records, and unique matches against a
 * published dataset (only records that carry a direct identifier count).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "corpus/index.h"

#define Y (1u << QS_BYEAR)
#define S (1u << QS_SEX)

/* One row: a birth year (0 = missing) and a sex ("" = missing). */
struct trow {
	const char *year, *sex;
	int direct;
};

static void fill(struct corpus *c, const struct trow *r, size_t n, int64_t *h, unsigned *set, size_t i)
{
	(void)n;
	*set = 0;
	if (*r[i].year) {
		h[QS_BYEAR] = corpus_hash(c, r[i].year, strlen(r[i].year));
		*set |= Y;
	}
	if (*r[i].sex) {
		h[QS_SEX] = corpus_hash(c, r[i].sex, strlen(r[i].sex));
		*set |= S;
	}
}

static const struct trow new_rows[] = {
	{ "1980", "m", 0 }, { "1980", "m", 0 }, { "1980", "f", 0 }, { "1981", "m", 0 },
	{ "1981", "m", 0 }, { "1981", "m", 0 }, { "1990", "f", 0 }, { "", "f", 0 },
};

static struct corpus *with_new_rows(void)
{
	struct corpus *c = corpus_open_memory();
	int64_t h[QS_N];
	unsigned set;
	size_t i, n = sizeof new_rows / sizeof new_rows[0];
	assert_non_null(c);
	assert_int_equal(corpus_new_begin(c), 0);
	for (i = 0; i < n; i++) {
		memset(h, 0, sizeof h);
		fill(c, new_rows, n, h, &set, i);
		assert_int_equal(corpus_new_row(c, (int64_t)i, h, set), 0);
	}
	assert_int_equal(corpus_new_end(c), 0);
	return c;
}

static void test_classes_exact(void **state)
{
	struct corpus *c = with_new_rows();
	struct kstats ks;
	(void)state;
	/* (1980,m)=2 (1980,f)=1 (1981,m)=3 (1990,f)=1 (-,f)=1: 5 classes;
	 * k=3: 2+1+1+1 = 5 below, 3 unique */
	assert_int_equal(corpus_classes(c, Y | S, 3, &ks), 0);
	assert_int_equal(ks.classes, 5);
	assert_int_equal(ks.below_k, 5);
	assert_int_equal(ks.unique, 3);
	/* year: 1980=3 1981=3 1990=1 missing=1: k=3: 2 below, 2 unique */
	assert_int_equal(corpus_classes(c, Y, 3, &ks), 0);
	assert_int_equal(ks.classes, 4);
	assert_int_equal(ks.below_k, 2);
	assert_int_equal(ks.unique, 2);
	/* sex: m=5 f=3: k=3 nothing below; k=4: the 3 women */
	assert_int_equal(corpus_classes(c, S, 3, &ks), 0);
	assert_int_equal(ks.classes, 2);
	assert_int_equal(ks.below_k, 0);
	assert_int_equal(corpus_classes(c, S, 4, &ks), 0);
	assert_int_equal(ks.below_k, 3);
	assert_int_equal(ks.unique, 0);
	corpus_close(c);
}

static void count_row(void *ctx, int64_t row)
{
	*(int64_t *)ctx += (int64_t)1 << row;
}

static void test_unique_match_with_direct_identifier(void **state)
{
	static const struct trow pub[] = {
		{ "1980", "f", 1 },   /* unique, named: new row 2 */
		{ "1981", "m", 1 },   /* unique, named: new rows 3, 4, 5 */
		{ "1990", "f", 0 },   /* unique but nameless: no one */
		{ "1980", "m", 1 }, { "1980", "m", 1 },   /* two: not unique */
		{ "", "f", 1 },       /* missing year: never matches */
	};
	struct corpus *c = with_new_rows();
	int64_t id, h[QS_N], n, rows = 0;
	unsigned set;
	size_t i, np = sizeof pub / sizeof pub[0];
	(void)state;
	assert_int_equal(corpus_add_begin(c, "pub", NULL, "pub.csv", &id), 0);
	for (i = 0; i < np; i++) {
		memset(h, 0, sizeof h);
		fill(c, pub, np, h, &set, i);
		assert_int_equal(corpus_add_row(c, id, (int64_t)i, pub[i].direct, h, set), 0);
	}
	assert_int_equal(corpus_add_ident(c, ID_TAX, corpus_hash(c, "3184710691", 10)), 0);
	assert_int_equal(corpus_add_end(c, id, (int64_t)np, 4, Y | S), 0);
	assert_int_equal(corpus_link(c, id, Y | S, count_row, &rows, &n), 0);
	assert_int_equal(n, 4);
	assert_int_equal(rows, (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5));
	/* on sex alone: m three times, f three times: no unique combination */
	assert_int_equal(corpus_link(c, id, S, NULL, NULL, &n), 0);
	assert_int_equal(n, 0);
	/* on year alone: 1981 once (named) → rows 3,4,5; 1990 once (nameless);
	 * 1980 three times */
	assert_int_equal(corpus_link(c, id, Y, NULL, NULL, &n), 0);
	assert_int_equal(n, 3);
	corpus_close(c);
}

static void found(void *ctx, int64_t ds)
{
	*(int64_t *)ctx = ds;
}

static void test_identifier_lookup_and_remove(void **state)
{
	struct corpus *c = corpus_open_memory();
	int64_t id, h[QS_N], where = -1;
	struct corpus_dataset *d;
	size_t n;
	(void)state;
	memset(h, 0, sizeof h);
	assert_int_equal(corpus_add_begin(c, "phones", "https://example.org", "p.csv", &id), 0);
	assert_int_equal(corpus_add_row(c, id, 0, 1, h, 0), 0);
	assert_int_equal(corpus_add_ident(c, ID_PHONE, corpus_hash(c, "+380671234567", 13)), 0);
	assert_int_equal(corpus_add_end(c, id, 1, 1, 0), 0);
	assert_int_equal(corpus_ident_find(c, ID_PHONE, corpus_hash(c, "+380671234567", 13), found, &where), 0);
	assert_int_equal(where, id);
	where = -1;
	/* same digits, other kind: no */
	assert_int_equal(corpus_ident_find(c, ID_TAX, corpus_hash(c, "+380671234567", 13), found, &where), 0);
	assert_int_equal(where, -1);
	/* a second dataset with the same name is refused */
	assert_int_equal(corpus_add_begin(c, "phones", NULL, "q.csv", &id), -1);
	assert_int_equal(corpus_datasets(c, &d, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].name, "phones");
	assert_int_equal(d[0].records, 1);
	corpus_datasets_free(d, n);
	assert_int_equal(corpus_remove(c, "phones"), 0);
	assert_int_equal(corpus_ident_find(c, ID_PHONE, corpus_hash(c, "+380671234567", 13), found, &where), 0);
	assert_int_equal(where, -1);
	assert_int_equal(corpus_remove(c, "phones"), -1);
	corpus_close(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes_exact),
		cmocka_unit_test(test_unique_match_with_direct_identifier),
		cmocka_unit_test(test_identifier_lookup_and_remove),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
