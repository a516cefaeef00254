/*
 * test_validators.c — unit tests for rules/validators.c, one cmocka test
 * per behaviour. Valid vectors come from the references cited in
 * validators.c (python-stdnum's Ukrainian doctests, the SWIFT IBAN registry
 * example, libphonenumber's UA example numbers, the УНЗР worked example) or
 * were computed by hand and cross-checked with a throw-away Python script;
 * each list of valid vectors is followed by its near-misses: one digit off,
 * wrong length, wrong letters, wrong separators.
 *
 * Every candidate is copied into a heap block of exactly its length before
 * the call, so AddressSanitizer reports any read past s[n-1]: the
 * validators must never rely on a NUL after the view.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rules/validators.h"

/* -------------------------------------------------------------- harness */

/* A copy of lit without its NUL, in a block of exactly strlen(lit) bytes. */
static char *exact(const char *lit, size_t *n)
{
	char *p;

	*n = strlen(lit);
	p = malloc(*n ? *n : 1);
	assert_non_null(p);
	memcpy(p, lit, *n);
	return p;
}

typedef int (*check_fn)(const char *, size_t);

static int run(check_fn f, const char *lit)
{
	size_t n;
	char *p = exact(lit, &n);
	int r = f(p, n);

	free(p);
	return r;
}

static void expect_all(check_fn f, const char *const *lits, size_t count, int want)
{
	size_t i;

	for (i = 0; i < count; i++) {
		int got = run(f, lits[i]);

		if (got != want)
			fail_msg("\"%s\": got %d, want %d", lits[i], got, want);
	}
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define ACCEPTS(f, list) expect_all((f), (list), COUNT(list), 1)
#define REJECTS(f, list) expect_all((f), (list), COUNT(list), 0)

static int date_of(const char *lit, struct ymd *out)
{
	size_t n;
	char *p = exact(lit, &n);
	int r = parse_date_numeric(p, n, out);

	free(p);
	return r;
}

static int parse_date_only(const char *s, size_t n)
{
	return parse_date_numeric(s, n, NULL);
}

static int rnokpp(const char *lit, struct rnokpp_info *info)
{
	size_t n;
	char *p = exact(lit, &n);
	int r = val_rnokpp(p, n, info);

	free(p);
	return r;
}

static int rnokpp_only(const char *s, size_t n)
{
	return val_rnokpp(s, n, NULL);
}

static int unzr(const char *lit, struct ymd *birth)
{
	size_t n;
	char *p = exact(lit, &n);
	int r = val_unzr(p, n, birth);

	free(p);
	return r;
}

static int unzr_only(const char *s, size_t n)
{
	return val_unzr(s, n, NULL);
}

/* Normalizes lit; returns the kind and leaves the E.164 form in e164. */
static enum phone_kind phone(const char *lit, char e164[16])
{
	size_t n;
	char *p = exact(lit, &n);
	enum phone_kind k = phone_ua_normalize(p, n, e164);

	free(p);
	return k;
}

static int phone_valid(const char *s, size_t n)
{
	char e164[16];

	return phone_ua_normalize(s, n, e164) != PHONE_INVALID;
}

static void expect_phone(const char *lit, enum phone_kind kind, const char *want)
{
	char e164[16];
	enum phone_kind got = phone(lit, e164);

	if (got != kind)
		fail_msg("\"%s\": kind %d, want %d", lit, (int)got, (int)kind);
	assert_string_equal(e164, want);
}

static int plate(const char *lit, char out[32])
{
	size_t n;
	char *p = exact(lit, &n);
	int r = val_plate(p, n, out);

	free(p);
	return r;
}

static int plate_only(const char *s, size_t n)
{
	char out[32];

	return val_plate(s, n, out);
}

static void expect_plate(const char *lit, const char *want)
{
	char out[32];

	if (!plate(lit, out))
		fail_msg("\"%s\" rejected", lit);
	assert_string_equal(out, want);
}

static void assert_ymd(struct ymd d, int y, int m, int day)
{
	assert_int_equal(d.y, y);
	assert_int_equal(d.m, m);
	assert_int_equal(d.d, day);
}

/* ---------------------------------------------------------------- dates */

static void test_ymd_accepts_real_dates(void **state)
{
	(void)state;
	assert_true(val_ymd(1900, 1, 1));
	assert_true(val_ymd(2100, 12, 31));
	assert_true(val_ymd(2000, 2, 29)); /* divisible by 400: leap */
	assert_true(val_ymd(2024, 2, 29));
	assert_true(val_ymd(1987, 3, 12));
	assert_true(val_ymd(2023, 4, 30));
}

static void test_ymd_rejects_impossible_dates(void **state)
{
	(void)state;
	assert_false(val_ymd(1900, 2, 29)); /* divisible by 100: not leap */
	assert_false(val_ymd(2100, 2, 29));
	assert_false(val_ymd(2023, 2, 29));
	assert_false(val_ymd(2024, 4, 31));
	assert_false(val_ymd(2024, 0, 10));
	assert_false(val_ymd(2024, 13, 10));
	assert_false(val_ymd(2024, 1, 0));
	assert_false(val_ymd(2024, 1, 32));
	assert_false(val_ymd(1899, 12, 31)); /* outside 1900..2100 */
	assert_false(val_ymd(2101, 1, 1));
}

static void test_date_parses_day_first_forms(void **state)
{
	static const char *const forms[] = {
		"01.02.1980", "1.2.1980", "01/02/1980", "01-02-1980", "1/2/1980", "1-02-1980",
	};
	struct ymd d;
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(forms); i++) {
		d.y = d.m = d.d = 0;
		if (!date_of(forms[i], &d))
			fail_msg("\"%s\" rejected", forms[i]);
		assert_ymd(d, 1980, 2, 1);
	}
}

static void test_date_parses_year_first_forms(void **state)
{
	struct ymd d;

	(void)state;
	assert_true(date_of("1980-02-01", &d));
	assert_ymd(d, 1980, 2, 1);
	assert_true(date_of("1980.02.01", &d));
	assert_ymd(d, 1980, 2, 1);
	assert_true(date_of("2024-02-29", &d));
	assert_ymd(d, 2024, 2, 29);
}

static void test_date_two_digit_year_uses_pivot_26(void **state)
{
	struct ymd d;

	(void)state;
	assert_true(date_of("01.02.80", &d));
	assert_ymd(d, 1980, 2, 1);
	assert_true(date_of("01.02.26", &d)); /* == pivot: this century */
	assert_ymd(d, 2026, 2, 1);
	assert_true(date_of("01.02.27", &d)); /* > pivot: last century */
	assert_ymd(d, 1927, 2, 1);
	assert_true(date_of("29.02.00", &d)); /* 2000 was leap */
	assert_ymd(d, 2000, 2, 29);
}

static void test_date_accepts_null_out(void **state)
{
	(void)state;
	assert_true(date_of("12.03.1987", NULL));
}

static void test_date_rejects_near_misses(void **state)
{
	static const char *const bad[] = {
		"31.02.1980",   /* no such day */
		"29.02.1900",   /* 1900 not leap */
		"01.13.1980",   /* month 13 */
		"00.02.1980",   /* day 0 */
		"01.02-1980",   /* mixed separators */
		"01,02,1980",   /* comma is not a date separator */
		"1980/02/01",   /* year-first only with - or . */
		"01-02-80",     /* two-digit year only with dots */
		"01/02/80",
		"001.02.1980",  /* three-digit day */
		"01.002.1980",  /* three-digit month */
		"01.02.19800",  /* five-digit year */
		"01.02.198",    /* three-digit year */
		"1980-02-001",
		"1980-02",      /* incomplete */
		"01..1980",
		" 01.02.1980",  /* the whole input must be the date */
		"01.02.1980 ",
		"01.02.1980р",
		"01.02.1899",   /* outside 1900..2100 */
		"",
	};

	(void)state;
	REJECTS(parse_date_only, bad);
}

/* --------------------------------------------------------------- РНОКПП */

static void test_rnokpp_accepts_stdnum_vectors(void **state)
{
	/* python-stdnum tests/test_ua_rntrc.doctest */
	static const char *const good[] = {
		"1759013776", "1941106083", "2019304211", "2029212006", "2050823598",
		"2057604994", "2062412328", "2071907598", "2141715084", "2162316775",
		"2166209127", "2182917600", "2199602758", "2200300272", "2530414071",
		"3184710691", "3323805078", "3366800663", "3451517675",
	};

	(void)state;
	ACCEPTS(rnokpp_only, good);
}

/* The detector's "over 95" question agrees with the decoded date: day
 * 10957 is 31.12.1929, day 10958 is 01.01.1930. */
static void test_rnokpp_born_before_a_year(void **state)
{
	(void)state;
	assert_true(rnokpp_born_before("1095700000", 1930));
	assert_false(rnokpp_born_before("1095800000", 1930));
	assert_true(rnokpp_born_before("0000100000", 1900 + 1));
	assert_false(rnokpp_born_before("3015886955", 1982));
	assert_true(rnokpp_born_before("3015886955", 1983));
}

static void test_birth_year(void **state)
{
	(void)state;
	assert_true(val_birth_year("1975", 4));
	assert_true(val_birth_year("1900", 4));
	assert_true(val_birth_year("2099", 4));
	assert_false(val_birth_year("1899", 4));  /* before 1900 */
	assert_false(val_birth_year("2100", 4));
	assert_false(val_birth_year("975", 3));   /* wrong length */
	assert_false(val_birth_year("19755", 5));
	assert_false(val_birth_year("19a5", 4));  /* not digits */
}

static void test_rnokpp_decodes_birth_date_and_sex(void **state)
{
	struct rnokpp_info info;

	(void)state;
	assert_true(rnokpp("3184710691", &info));
	assert_ymd(info.birth, 1987, 3, 12); /* 31847 days after 1899-12-31 */
	assert_int_equal(info.sex, 'M');     /* ninth digit 9: odd */
	assert_true(rnokpp("1941106083", &info));
	assert_ymd(info.birth, 1953, 2, 22);
	assert_int_equal(info.sex, 'F');     /* ninth digit 8: even */
	assert_true(rnokpp("3323805078", &info));
	assert_ymd(info.birth, 1991, 1, 1);
	assert_true(rnokpp("0000100004", &info)); /* day 1 is 1900-01-01 */
	assert_ymd(info.birth, 1900, 1, 1);
	assert_int_equal(info.sex, 'F');
}

static void test_rnokpp_negative_sum_uses_nonnegative_mod(void **state)
{
	/* Σ = −1·9 = −9; mathematically −9 mod 11 = 2, C's −9 % 11 = −9. */
	static const char *const bad[] = { "9000000000", "9000000001", "9000000009" };

	(void)state;
	assert_true(rnokpp("9000000002", NULL));
	REJECTS(rnokpp_only, bad);
}

static void test_rnokpp_rejects_one_digit_off(void **state)
{
	static const char *const bad[] = {
		"1759013770", /* stdnum's InvalidChecksum example */
		"1759013777", /* check digit +1 */
		"2759013776", /* first digit +1 */
		"1759013786", /* ninth digit +1 */
		"1795013776", /* two digits swapped */
	};

	(void)state;
	REJECTS(rnokpp_only, bad);
}

static void test_rnokpp_rejects_wrong_length_and_letters(void **state)
{
	static const char *const bad[] = {
		"175901377", "17590137760", "12345", "VV59013776", "1759 013776",
		"17590137７6", "", "1759013776 ",
	};

	(void)state;
	REJECTS(rnokpp_only, bad);
}

static void test_rnokpp_rejects_all_same_digit(void **state)
{
	static const char *const bad[] = {
		"0000000000", "1111111111", "2222222222", "5555555555", "9999999999",
	};

	(void)state;
	REJECTS(rnokpp_only, bad);
}

/* --------------------------------------------------------------- ЄДРПОУ */

static void test_edrpou_accepts_domain_and_stdnum_vectors(void **state)
{
	static const char *const good[] = {
		"00032106", "14360570", "04053915",             /* domain.md */
		"32855961", "00022438", "20077720", "36041214", /* stdnum doctest */
		"40046124", "43178370",
	};

	(void)state;
	ACCEPTS(val_edrpou, good);
}

static void test_edrpou_covers_every_branch(void **state)
{
	/* stdnum vectors sorted by the path their check digit takes */
	static const char *const good[] = {
		"00032106", /* weights 1..7, first sum */
		"26615223", /* weights 1..7, second sum (weights + 2) */
		"00131954",
		"23246880", /* weights 1..7, second sum ≥ 10 too: 0 */
		"25083040",
		"32855961", /* 30000000 < code < 60000000, weights 7,1..6 */
		"30674235", /* ... second sum */
		"34827358",
		"43808820", /* ... second sum ≥ 10: 0 */
		"40599600",
	};

	(void)state;
	ACCEPTS(val_edrpou, good);
}

static void test_edrpou_rejects_near_misses(void **state)
{
	static const char *const bad[] = {
		"32855968",  /* stdnum's InvalidChecksum example */
		"00032107",  /* check digit +1 */
		"10032106",  /* first digit +1 */
		"23246881",  /* a "0 after two passes" code, last digit +1 */
		"43808821",
		"1436057",   /* 7 digits */
		"143605700", /* 9 digits */
		"VV855961",
		"1436 0570",
		"00000000",  /* passes the arithmetic, no such code */
		"",
	};

	(void)state;
	REJECTS(val_edrpou, bad);
}

/* ----------------------------------------------------------------- УНЗР */

static void test_unzr_accepts_worked_example(void **state)
{
	struct ymd b;

	(void)state;
	/* 1·7+9·3+5+5·7+0·3+2+1·7+2·3+0+1·7+1·3+1 = 100 → check digit 0 */
	assert_true(unzr("19550212-01110", &b));
	assert_ymd(b, 1955, 2, 12);
	assert_true(unzr("1955021201110", &b)); /* hyphen optional */
	assert_ymd(b, 1955, 2, 12);
}

static void test_unzr_accepts_computed_vectors(void **state)
{
	/* check digits computed by hand with weights 7,3,1 and mod 10 */
	static const char *const good[] = {
		"19910824-00015", "20000229-01233", "19870312-04577",
		"21001231-00017", "19000101-00019", "1987031204577",
	};

	(void)state;
	ACCEPTS(unzr_only, good);
}

static void test_unzr_rejects_near_misses(void **state)
{
	static const char *const bad[] = {
		"19550212-01111",  /* check digit +1 */
		"19550212-01119",
		"19550212-02110",  /* serial digit +1 */
		"19560212-01110",  /* year digit +1 */
		"19550230-01118",  /* right check digit, 30 February */
		"19550212-00009",  /* right check digit, serial 0000 */
		"1955021-201110",  /* hyphen in the wrong place */
		"19550212 01110",  /* space is not the separator */
		("19550212\xE2\x80\x93" "01110"), /* en dash */
		"19550212-0111",   /* 12 digits */
		"19550212-011100", /* 14 digits */
		"195502120111",
		"19550212-O1110",  /* letter O */
		"",
	};

	(void)state;
	REJECTS(unzr_only, bad);
}

/* ----------------------------------------------------------------- IBAN */

static void test_iban_accepts_registry_and_library_examples(void **state)
{
	static const char *const good[] = {
		/* SWIFT IBAN registry example for UA */
		"UA213223130000026007233566001",
		"UA21 3223 1300 0002 6007 2335 6600 1",
		/* the Rust iban crate's tests */
		"UA85 399622 0000 0002 6001 2335 661",
		"UA90 3515 3300 0002 6006 0359 0071 2",
		"UA90 305299 2990004149123456789",
		/* lower case and Excel's no-break spaces */
		"ua213223130000026007233566001",
		"UA21\xC2\xA0" "3223\xC2\xA0" "1300\xC2\xA0" "0002\xC2\xA0" "6007\xC2\xA0"
		"2335\xC2\xA0" "6600\xC2\xA0" "1",
	};

	(void)state;
	ACCEPTS(val_iban_ua, good);
}

static void test_iban_rejects_near_misses(void **state)
{
	static const char *const bad[] = {
		"UA213223130000026007233566002",  /* last digit +1 */
		"UA213223130000026007233566010",  /* two digits swapped */
		"UA223223130000026007233566001",  /* check digits +1 */
		"UA903052990000026009011702860",  /* a wrong one that circulates */
		"UA21322313000002600723356600",   /* 28 characters */
		"UA2132231300000260072335660011", /* 30 characters */
		"UB213223130000026007233566001",  /* not UA */
		"PL61109010140000071219812874",   /* a valid Polish IBAN */
		"UA2132231300000260072335660A1",  /* letter in the account */
		" UA213223130000026007233566001", /* stray spaces at the edges */
		"UA213223130000026007233566001 ",
		"UA21-3223-1300-0002-6007-2335-6600-1",
		"",
	};

	(void)state;
	REJECTS(val_iban_ua, bad);
}

/* ----------------------------------------------------------------- Luhn */

static void test_luhn_accepts_valid_numbers_with_separators(void **state)
{
	static const char *const good[] = {
		"79927398713", /* the worked example of the Luhn algorithm */
		"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111",
		"4111\xC2\xA0" "1111\xC2\xA0" "1111\xC2\xA0" "1111",
		"4111\xE2\x80\xAF" "1111\xE2\x80\xAF" "1111\xE2\x80\xAF" "1111",
		"18", "00",
	};

	(void)state;
	ACCEPTS(val_luhn, good);
}

static void test_luhn_rejects_wrong_digit_and_other_bytes(void **state)
{
	static const char *const bad[] = {
		"79927398710", "79927398714", "4111111111111112",
		"4111.1111.1111.1111", "4111x1111111111111",
		"0", "", " - ", ("\xA0" "18"),
	};

	(void)state;
	REJECTS(val_luhn, bad);
}

/* ----------------------------------------------------------------- card */

static void test_card_accepts_scheme_test_numbers(void **state)
{
	static const char *const good[] = {
		"4111 1111 1111 1111",  /* Visa */
		"4111111111111111",
		"4222222222222",        /* Visa, 13 digits */
		"5500000000000004",     /* Mastercard 51–55 */
		"5555-5555-5555-4444",
		"2223003122003222",     /* Mastercard 2-series */
		"6759649826438453",     /* Maestro */
		"378282246310005",      /* Amex, 15 digits */
		"4123456789012345677",  /* 19 digits */
		"9804 1234 5678 9014",  /* ПРОСТІР prefix, check digit computed */
		"4111\xC2\xA0" "1111\xC2\xA0" "1111\xC2\xA0" "1111",
	};

	(void)state;
	ACCEPTS(val_card, good);
}

static void test_card_rejects_near_misses(void **state)
{
	static const char *const bad[] = {
		"4111111111111112",       /* Luhn fails */
		"4111 1111 1111 1121",    /* two digits swapped */
		"411111111111",           /* 12 digits */
		"41111111111111111113",   /* 20 digits */
		"1234567890123452",       /* Luhn ok, prefix 1 is no card issuer */
		"7000000000000005",       /* prefix 7 */
		"8000000000000003",       /* prefix 8 */
		"9805000000000008",       /* Luhn ok, 9 but not 9804 */
		"0000000000000000",       /* Luhn ok, all one digit */
		"8888888888888888",
		"4111  1111 1111 1111",   /* double separator */
		" 4111 1111 1111 1111",   /* separator at the edges */
		"4111 1111 1111 1111-",
		"4111.1111.1111.1111",
		"4111 1111 1111 111l",
		"",
	};

	(void)state;
	REJECTS(val_card, bad);
}

/* ---------------------------------------------------------------- phone */

static void test_phone_mobile_in_every_written_form(void **state)
{
	static const char *const forms[] = {
		"+380 67 123 45 67", "+380671234567", "380671234567",
		"+38 (067) 123-45-67", "+38 067 123 45 67", "38 067 123 45 67",
		"067-123-45-67", "0671234567", "(067) 123 45 67", "067.123.45.67",
		"8 067 123 45 67",    /* legacy long-distance 8 */
		"+380 067 123 45 67", /* trunk 0 kept after the country code */
		"00380671234567",     /* international prefix */
		"+380\xC2\xA0" "67\xC2\xA0" "123\xC2\xA0" "45\xC2\xA0" "67",
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(forms); i++)
		expect_phone(forms[i], PHONE_MOBILE, "+380671234567");
}

static void test_phone_mobile_prefixes_follow_the_plan(void **state)
{
	(void)state;
	expect_phone("0501234567", PHONE_MOBILE, "+380501234567"); /* libphonenumber example */
	expect_phone("0391234567", PHONE_MOBILE, "+380391234567");
	expect_phone("0631234567", PHONE_MOBILE, "+380631234567");
	expect_phone("0731234567", PHONE_MOBILE, "+380731234567");
	expect_phone("0751234567", PHONE_MOBILE, "+380751234567");
	expect_phone("0771234567", PHONE_MOBILE, "+380771234567");
	expect_phone("0931234567", PHONE_MOBILE, "+380931234567");
	expect_phone("0991234567", PHONE_MOBILE, "+380991234567");
	expect_phone("0790123456", PHONE_MOBILE, "+380790123456"); /* 790 */
}

static void test_phone_fixed_line_with_area_code(void **state)
{
	(void)state;
	expect_phone("(044) 234-56-78", PHONE_FIXED, "+380442345678");
	expect_phone("8 (0522) 35-83-70", PHONE_FIXED, "+380522358370");
	expect_phone("0311234567", PHONE_FIXED, "+380311234567"); /* libphonenumber example */
	expect_phone("+380 32 123 45 67", PHONE_FIXED, "+380321234567");
	expect_phone("0562345678", PHONE_FIXED, "+380562345678");
	expect_phone("0692345678", PHONE_FIXED, "+380692345678");
}

static void test_phone_tollfree_premium_voip(void **state)
{
	(void)state;
	/* libphonenumber's UA examples: 800123456, 900212345, 891234567 */
	expect_phone("0 800 123 456", PHONE_TOLLFREE, "+380800123456");
	expect_phone("0800 123 4567", PHONE_TOLLFREE, "+3808001234567"); /* \d{6} */
	expect_phone("0900212345", PHONE_PREMIUM, "+380900212345");
	expect_phone("0 900 312 3456", PHONE_PREMIUM, "+3809003123456");
	expect_phone("0891234567", PHONE_VOIP, "+380891234567");
	expect_phone("+380 89 923 45 67", PHONE_VOIP, "+380899234567");
}

static void test_phone_rejects_numbers_outside_the_plan(void **state)
{
	static const char *const bad[] = {
		"0201234567", /* 20: unassigned */
		"0401234567", /* 40 */
		"0421234567", /* 42: not in 4[13-8] */
		"0581234567", /* 58: not in 5[1-7] */
		"0601234567", /* 60 */
		"0741234567", /* 74: not in 7[1-357] */
		"0781234567",
		"0791234567", /* 79 only as 790 */
		"0901234567", /* 90 only as premium 900[239] */
		"0800012345", /* 8000: toll-free needs 800[1-8] */
		"0900412345", /* 9004: premium needs 900[239] */
		"0896234567", /* 896: VoIP is 89[1-579] */
		"0898234567",
		"0890234567",
		"0891234567 8",  /* VoIP has only 9 digits */
		"0671234567 8",  /* mobile has only 9 digits */
	};

	(void)state;
	REJECTS(phone_valid, bad);
}

static void test_phone_rejects_wrong_length(void **state)
{
	static const char *const bad[] = {
		"067123456", "06712345678", "+38067123456", "+3806712345678",
		"38067123456", "806712345", "0800 12345", "+380", "0", "",
	};

	(void)state;
	REJECTS(phone_valid, bad);
}

static void test_phone_rejects_other_countries_and_junk(void **state)
{
	static const char *const bad[] = {
		"+48 671 234 567",     /* Poland */
		"+7 067 123 45 67",
		"67 123 45 67",        /* no prefix at all */
		"671234567",
		"067-123-45-6x",
		"0671+234567",         /* '+' inside */
		"++380671234567",
		"тел. 0671234567",     /* words are the caller's business */
		"067/123/45/67",
		"0380671234567",
	};

	(void)state;
	REJECTS(phone_valid, bad);
}

static void test_phone_writes_empty_string_on_failure(void **state)
{
	char e164[16] = "+380671234567";

	(void)state;
	assert_int_equal(phone("067123456", e164), PHONE_INVALID);
	assert_string_equal(e164, "");
}

static void test_phone_local_accepts_5_to_7_digits(void **state)
{
	static const char *const good[] = {
		"35 83 70", "2-34-56", "234-56-78", "23456", "2345678", "2 34 56",
	};

	(void)state;
	ACCEPTS(phone_ua_local, good);
}

static void test_phone_local_rejects_near_misses(void **state)
{
	static const char *const bad[] = {
		"2345",        /* 4 digits */
		"23456789",    /* 8 digits */
		"035 83 70",   /* starts with 0 */
		"35  83 70",   /* double separator */
		"-35 83 70",
		"35 83 70-",
		"35/83/70",
		"35.83.70",
		"35 83 7O",
		"",
	};

	(void)state;
	REJECTS(phone_ua_local, bad);
}

/* --------------------------------------------------------------- e-mail */

static void test_email_accepts_practical_addresses(void **state)
{
	static const char *const good[] = {
		"olena@example.com",
		"o.kovalenko+news@mail.gov.ua",
		"first.last@sub-domain.example.org",
		"a!#$%&'*+/=?^_`{|}~-b@example.com",
		"user@xn--80adxhks.xn--j1amh",
		"user@\xD0\xBA\xD0\xB8\xD1\x97\xD0\xB2.\xD1\x83\xD0\xBA\xD1\x80", /* київ.укр */
		"rada@rada.gov.ua",
		"x1@a1.b2.ua",
	};

	(void)state;
	ACCEPTS(val_email, good);
}

static void test_email_rejects_near_misses(void **state)
{
	static const char *const bad[] = {
		".olena@example.com", "olena.@example.com", "ol..ena@example.com",
		"olena@example", "olena@example.c", "olena@example.c0m",
		"olena@-example.com", "olena@example-.com", "olena@@example.com",
		"olena@exa_mple.com", "olena example@x.com", "@example.com",
		"olena@", "olena@example.com.", "olena@example..com", "olena@.example.com",
		"\xD0\xBE\xD0\xBB\xD0\xB5\xD0\xBD\xD0\xB0@example.com", /* олена@ */
		"a@b\xFF.com",           /* invalid UTF-8 */
		"a@b\xC0\x80.com",       /* overlong NUL */
		"a@b\xD0.com",           /* truncated sequence */
		"a@b\xC2\xAB.com",       /* « is not a letter */
		"a@example.\xE2\x80\x94\xE2\x80\x94", /* —— is not a TLD */
		"",
	};

	(void)state;
	REJECTS(val_email, bad);
}

static void test_email_enforces_length_limits(void **state)
{
	char local[80], label[80];

	(void)state;
	memset(local, 'a', 64);
	memcpy(local + 64, "@example.com", 13);
	assert_true(run(val_email, local));     /* 64-byte local part */
	memset(local, 'a', 65);
	memcpy(local + 65, "@example.com", 13);
	assert_false(run(val_email, local));    /* 65 */

	memcpy(label, "a@", 2);
	memset(label + 2, 'b', 63);
	memcpy(label + 65, ".com", 5);
	assert_true(run(val_email, label));     /* 63-byte label */
	memcpy(label, "a@", 2);
	memset(label + 2, 'b', 64);
	memcpy(label + 66, ".com", 5);
	assert_false(run(val_email, label));    /* 64 */
}

/* ---------------------------------------------------------------- plate */

static void test_plate_normalizes_to_cyrillic(void **state)
{
	(void)state;
	expect_plate("\xD0\x90\xD0\x90 1234 \xD0\x92\xD0\x92", /* АА 1234 ВВ */
		     "\xD0\x90\xD0\x90" "1234" "\xD0\x92\xD0\x92");
	expect_plate("\xD0\x90\xD0\x90" "1234" "\xD0\x92\xD0\x92",
		     "\xD0\x90\xD0\x90" "1234" "\xD0\x92\xD0\x92");
	expect_plate("AA1234BB", /* all Latin look-alikes */
		     "\xD0\x90\xD0\x90" "1234" "\xD0\x92\xD0\x92");
	expect_plate("AA 1234 BB",
		     "\xD0\x90\xD0\x90" "1234" "\xD0\x92\xD0\x92");
	expect_plate("K\xD0\x90 0001 \xD0\xA5T", /* Latin K, Cyrillic А Х, Latin T */
		     "\xD0\x9A\xD0\x90" "0001" "\xD0\xA5\xD0\xA2");
	expect_plate("BI 7777 EE",
		     "\xD0\x92\xD0\x86" "7777" "\xD0\x95\xD0\x95");
}

static void test_plate_accepts_every_plate_letter(void **state)
{
	static const char *const good[] = {
		"AB1234CE", "HI1234KM", "OP1234TX",
		"\xD0\x9D\xD0\x86 1234 \xD0\x9A\xD0\x9C", /* НІ 1234 КМ */
		"\xD0\x9E\xD0\xA0 1234 \xD0\xA2\xD0\xA5", /* ОР 1234 ТХ */
		"\xD0\xA1\xD0\x95 1234 \xD0\x90\xD0\x92", /* СЕ 1234 АВ */
	};

	(void)state;
	ACCEPTS(plate_only, good);
}

static void test_plate_accepts_electric_series(void **state)
{
	(void)state;
	expect_plate("AA 1234 ZA", "\xD0\x90\xD0\x90" "1234" "Z" "\xD0\x90");
	expect_plate("KA 1234 YB", "\xD0\x9A\xD0\x90" "1234" "Y" "\xD0\x92");
	expect_plate("AA 1234 TZ", "\xD0\x90\xD0\x90" "1234" "\xD0\xA2" "Z"); /* e-taxi */
	expect_plate("AA 1234 \xD0\xA2V", "\xD0\x90\xD0\x90" "1234" "\xD0\xA2" "V");
	expect_plate("AA1234TW", "\xD0\x90\xD0\x90" "1234" "\xD0\xA2" "W");
}

static void test_plate_rejects_near_misses(void **state)
{
	static const char *const bad[] = {
		"AA 123 BB",     /* 3 digits */
		"AA 12345 BB",   /* 5 digits */
		"AA1234B",       /* one series letter */
		"AA1234BBB",
		"A1234BB",
		"\xD0\x91\xD0\x91 1234 \xD0\x92\xD0\x92", /* ББ: not a plate letter */
		"AD 1234 BB",    /* D has no Cyrillic twin */
		"aa 1234 bb",    /* lower case */
		"\xD0\xB0\xD0\xB0 1234 \xD0\xB2\xD0\xB2",
		"AA  1234 BB",   /* double space */
		"AA-1234-BB",
		" AA1234BB",
		"AA1234BB ",
		"ZA 1234 AA",    /* Z only in the series */
		"AA 1234 AZ",    /* Z only first in the series */
		"AA 1234 ZZ",
		"AA 1234 TQ",
		"AA 1234 KV",    /* V only after T */
		"123-45 \xD0\x9A\xD0\x90", /* 1995 format: not accepted */
		"AA1234B\xD0",   /* truncated UTF-8 */
		"",
	};

	(void)state;
	REJECTS(plate_only, bad);
}

static void test_plate_writes_empty_string_on_failure(void **state)
{
	char out[32] = "stale";

	(void)state;
	assert_false(plate("AA 123 BB", out));
	assert_string_equal(out, "");
}

/* ----------------------------------------------------------- cadastral */

static void test_cadastral_accepts_region_codes(void **state)
{
	static const char *const good[] = {
		"4610136300:01:001:0001", /* domain.md: Lviv region (46) */
		"8000000000:72:123:0045", /* Kyiv city (80) */
		"0110000000:01:001:0001", /* Crimea (01) */
		"8500000000:01:001:0001", /* Sevastopol (85) */
		"0510100000:02:003:0004", /* Vinnytsia (05) */
		"7410100000:01:001:0001", /* Chernihiv (74) */
	};

	(void)state;
	ACCEPTS(val_cadastral, good);
}

static void test_cadastral_rejects_near_misses(void **state)
{
	static const char *const bad[] = {
		"0210136300:01:001:0001",  /* 02: no such region */
		"0010136300:01:001:0001",
		"9910136300:01:001:0001",
		"4710136300:01:001:0001",  /* 47: between Lviv and Mykolaiv */
		"4610136300:01:001:001",   /* short parcel */
		"4610136300:01:001:00011",
		"461013630:01:001:00011",  /* colon one place early */
		"4610136300-01-001-0001",
		"4610136300:01:001:000A",
		"4610136300:01:001:0001 ",
		"",
	};

	(void)state;
	REJECTS(val_cadastral, bad);
}

/* ------------------------------------------------------------- passports */

static void test_booklet_accepts_written_forms(void **state)
{
	static const char *const good[] = {
		"\xD0\xA1\xD0\x9D 123456",           /* СН 123456 */
		"\xD0\x9A\xD0\x92" "123456",         /* КВ123456 */
		"\xD0\x9A\xD0\x92 \xE2\x84\x96" "123456",  /* КВ №123456 */
		"\xD0\x9A\xD0\x92 \xE2\x84\x96 123456",    /* КВ № 123456 */
		"\xD0\x9A\xD0\x92\xE2\x84\x96" "123456",   /* КВ№123456 */
		"\xD0\x9A\xD0\x9C-654321",           /* КМ-654321 */
		"\xD0\x84\xD0\x86 123456",           /* ЄІ: Ukrainian letters */
		"\xD2\x90\xD0\x87" "123456",         /* ҐЇ */
		"\xD0\x91\xD0\xAF 123456",           /* БЯ: not only plate letters */
		"K\xD0\x92" "123456",                /* Latin K for К */
	};

	(void)state;
	ACCEPTS(val_passport_booklet, good);
}

static void test_booklet_rejects_near_misses(void **state)
{
	static const char *const bad[] = {
		"\xD0\xA1\xD0\x9D 12345",            /* 5 digits */
		"\xD0\xA1\xD0\x9D 1234567",          /* 7 digits */
		"\xD0\xA1 123456",                   /* one letter */
		"\xD0\xA1\xD0\x9D\xD0\x9D" "123456", /* three letters */
		"\xD1\x81\xD0\xBD 123456",           /* сн: lower case */
		"\xD0\xAB\xD0\xAD" "123456",         /* ЫЭ: Russian only */
		"KB123456",                          /* both Latin: foreign series */
		"\xD0\xA1\xD0\x9D  123456",          /* double space */
		"\xD0\xA1\xD0\x9D \xE2\x84\x96  123456",
		"\xD0\xA1\xD0\x9D #123456",
		"\xD0\xA1\xD0\x9D 12345O",
		"\xD0\xA1\xD0",                      /* truncated UTF-8 */
		"",
	};

	(void)state;
	REJECTS(val_passport_booklet, bad);
}

static void test_foreign_passport_accepts_and_rejects(void **state)
{
	static const char *const good[] = { "FA123456", "EK 123456", "FB000001" };
	static const char *const bad[] = {
		"Fa123456", "F123456", "FA12345", "FA1234567", "FA-123456",
		"FA  123456", ("\xD0\xA4\xD0\x90" "123456") /* ФА */, "F4123456", "",
	};

	(void)state;
	ACCEPTS(val_passport_foreign, good);
	REJECTS(val_passport_foreign, bad);
}

static void test_id_card_is_exactly_nine_digits(void **state)
{
	static const char *const good[] = { "001234567", "123456789" };
	static const char *const bad[] = {
		"00123456", "0012345678", "00123456a", "001 234 567", "",
	};

	(void)state;
	ACCEPTS(val_id_card, good);
	REJECTS(val_id_card, bad);
}

/* ------------------------------------------------------------ edge cases */

static void test_null_and_empty_views_are_invalid(void **state)
{
	char e164[16] = "x", out[32] = "x";
	struct ymd d;

	(void)state;
	assert_false(parse_date_numeric(NULL, 0, &d));
	assert_false(val_rnokpp(NULL, 0, NULL));
	assert_false(val_edrpou(NULL, 0));
	assert_false(val_unzr(NULL, 0, NULL));
	assert_false(val_iban_ua(NULL, 0));
	assert_false(val_luhn(NULL, 0));
	assert_false(val_card(NULL, 0));
	assert_int_equal(phone_ua_normalize(NULL, 0, e164), PHONE_INVALID);
	assert_string_equal(e164, "");
	assert_false(phone_ua_local(NULL, 0));
	assert_false(val_email(NULL, 0));
	assert_false(val_plate(NULL, 0, out));
	assert_string_equal(out, "");
	assert_false(val_cadastral(NULL, 0));
	assert_false(val_passport_booklet(NULL, 0));
	assert_false(val_passport_foreign(NULL, 0));
	assert_false(val_id_card(NULL, 0));
}

static void test_views_are_not_read_past_their_length(void **state)
{
	/* A valid number followed by bytes that would change the verdict. */
	static const char text[] = "1759013776123 0671234567890";
	char e164[16];

	(void)state;
	assert_true(val_rnokpp(text, 10, NULL));
	assert_int_equal(phone_ua_normalize(text + 14, 10, e164), PHONE_MOBILE);
	assert_string_equal(e164, "+380671234567");
	assert_true(val_id_card(text + 4, 9));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ymd_accepts_real_dates),
		cmocka_unit_test(test_ymd_rejects_impossible_dates),
		cmocka_unit_test(test_date_parses_day_first_forms),
		cmocka_unit_test(test_date_parses_year_first_forms),
		cmocka_unit_test(test_date_two_digit_year_uses_pivot_26),
		cmocka_unit_test(test_date_accepts_null_out),
		cmocka_unit_test(test_date_rejects_near_misses),
		cmocka_unit_test(test_rnokpp_accepts_stdnum_vectors),
		cmocka_unit_test(test_rnokpp_decodes_birth_date_and_sex),
		cmocka_unit_test(test_rnokpp_born_before_a_year),
		cmocka_unit_test(test_birth_year),
		cmocka_unit_test(test_rnokpp_negative_sum_uses_nonnegative_mod),
		cmocka_unit_test(test_rnokpp_rejects_one_digit_off),
		cmocka_unit_test(test_rnokpp_rejects_wrong_length_and_letters),
		cmocka_unit_test(test_rnokpp_rejects_all_same_digit),
		cmocka_unit_test(test_edrpou_accepts_domain_and_stdnum_vectors),
		cmocka_unit_test(test_edrpou_covers_every_branch),
		cmocka_unit_test(test_edrpou_rejects_near_misses),
		cmocka_unit_test(test_unzr_accepts_worked_example),
		cmocka_unit_test(test_unzr_accepts_computed_vectors),
		cmocka_unit_test(test_unzr_rejects_near_misses),
		cmocka_unit_test(test_iban_accepts_registry_and_library_examples),
		cmocka_unit_test(test_iban_rejects_near_misses),
		cmocka_unit_test(test_luhn_accepts_valid_numbers_with_separators),
		cmocka_unit_test(test_luhn_rejects_wrong_digit_and_other_bytes),
		cmocka_unit_test(test_card_accepts_scheme_test_numbers),
		cmocka_unit_test(test_card_rejects_near_misses),
		cmocka_unit_test(test_phone_mobile_in_every_written_form),
		cmocka_unit_test(test_phone_mobile_prefixes_follow_the_plan),
		cmocka_unit_test(test_phone_fixed_line_with_area_code),
		cmocka_unit_test(test_phone_tollfree_premium_voip),
		cmocka_unit_test(test_phone_rejects_numbers_outside_the_plan),
		cmocka_unit_test(test_phone_rejects_wrong_length),
		cmocka_unit_test(test_phone_rejects_other_countries_and_junk),
		cmocka_unit_test(test_phone_writes_empty_string_on_failure),
		cmocka_unit_test(test_phone_local_accepts_5_to_7_digits),
		cmocka_unit_test(test_phone_local_rejects_near_misses),
		cmocka_unit_test(test_email_accepts_practical_addresses),
		cmocka_unit_test(test_email_rejects_near_misses),
		cmocka_unit_test(test_email_enforces_length_limits),
		cmocka_unit_test(test_plate_normalizes_to_cyrillic),
		cmocka_unit_test(test_plate_accepts_every_plate_letter),
		cmocka_unit_test(test_plate_accepts_electric_series),
		cmocka_unit_test(test_plate_rejects_near_misses),
		cmocka_unit_test(test_plate_writes_empty_string_on_failure),
		cmocka_unit_test(test_cadastral_accepts_region_codes),
		cmocka_unit_test(test_cadastral_rejects_near_misses),
		cmocka_unit_test(test_booklet_accepts_written_forms),
		cmocka_unit_test(test_booklet_rejects_near_misses),
		cmocka_unit_test(test_foreign_passport_accepts_and_rejects),
		cmocka_unit_test(test_id_card_is_exactly_nine_digits),
		cmocka_unit_test(test_null_and_empty_views_are_invalid),
		cmocka_unit_test(test_views_are_not_read_past_their_length),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
