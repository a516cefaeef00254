/*
 * test_qi.c — unit tests for corpus/qi.c and corpus/digest.c: the
 * normalizers that decide whether two spellings are one fact. Expected
 * values are written by hand from domain.md §4–5; digest vectors are the
 * published ones (RFC 1321 appendix A.5, FIPS 180 "abc").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "filters/crypto.h"
#include "corpus/qi.h"

static void expect_norm(const char *in, const char *want)
{
	struct buf b = BUF_INIT;
	qi_norm_text(&b, in, strlen(in));
	if (strcmp(b.ptr, want))
		fail_msg("norm(\"%s\") = \"%s\", want \"%s\"", in, b.ptr, want);
	buf_release(&b);
}

static void test_text_case_apostrophes_lookalikes(void **state)
{
	(void)state;
	expect_norm("Мар'яна", "маряна");
	expect_norm("Мар’яна", "маряна");
	expect_norm("Марʼяна", "маряна");
	expect_norm("ДЕМ`ЯНЧУК", "демянчук");
	/* Latin i, o, a, c, e, p inside Cyrillic words become Cyrillic */
	expect_norm("Kиïв", "київ");
	expect_norm("Шевчeнко", "шевченко");
	expect_norm("Ciльрада", "сільрада");
	/* a Latin word stays Latin */
	expect_norm("Kyiv", "kyiv");
	/* decomposed й and ї */
	expect_norm("Андрии\xcc\x86", "андрий");
	expect_norm("Киі\xcc\x88в", "київ");
	expect_norm("Ґанок, №  5.", "ґанок 5");
	expect_norm("  ", "");
}

static void expect_date(const char *in, int y, int m, int d)
{
	struct ymd got;
	if (!qi_parse_date(in, strlen(in), &got))
		fail_msg("\"%s\" not read as a date", in);
	if (got.y != y || got.m != m || got.d != d)
		fail_msg("\"%s\" = %d-%d-%d, want %d-%d-%d", in, got.y, got.m, got.d, y, m, d);
}

static void test_dates_any_spelling(void **state)
{
	struct ymd d;
	(void)state;
	expect_date("01.02.1980", 1980, 2, 1);
	expect_date("1980-02-01", 1980, 2, 1);
	expect_date("1.2.1980", 1980, 2, 1);
	expect_date("01/02/1980", 1980, 2, 1);
	expect_date("1980-02-01T00:00:00", 1980, 2, 1);
	expect_date("01.02.1980 00:00", 1980, 2, 1);
	expect_date("1 лютого 1980 р.", 1980, 2, 1);
	expect_date("01 лютого 1980 року", 1980, 2, 1);
	expect_date("1 февраля 1980 г.", 1980, 2, 1);
	expect_date("February 1, 1980", 1980, 2, 1);
	expect_date("3 травня 1984 р.", 1984, 5, 3);
	assert_false(qi_parse_date("31 лютого 1980", strlen("31 лютого 1980"), &d));
	assert_false(qi_parse_date("лютий", strlen("лютий"), &d));
	assert_false(qi_parse_date("1980", strlen("1980"), &d));
}

static void expect_addr(const char *in, const char *settlement, const char *street, const char *house)
{
	struct qi_address a;
	qi_address_init(&a);
	qi_parse_address(&a, in, strlen(in));
	if (strcmp(a.settlement.ptr, settlement) || strcmp(a.street.ptr, street) || strcmp(a.house.ptr, house))
		fail_msg("\"%s\" = [%s|%s|%s], want [%s|%s|%s]", in, a.settlement.ptr, a.street.ptr, a.house.ptr,
			 settlement, street, house);
	qi_address_release(&a);
}

static void test_addresses(void **state)
{
	(void)state;
	expect_addr("вул. Шевченка, 12", "", "шевченка", "12");
	expect_addr("вулиця Шевченка, буд. 12", "", "шевченка", "12");
	expect_addr("м. Київ, вул. Шевченка, 12, кв. 5", "київ", "шевченка", "12");
	expect_addr("Київ, просп. Перемоги 37", "київ", "перемоги", "37");
	expect_addr("с. Гатне, вул. Польова, 3", "гатне", "польова", "3");
	expect_addr("вул. Т. Шевченка, 12-А", "", "шевченка", "12а");
	expect_addr("вул. Шевченка, 12 а", "", "шевченка", "12а");
	expect_addr("вул. Шевченка, 12a", "", "шевченка", "12а");  /* Latin a */
	expect_addr("вул. Шевченка, 12/2", "", "шевченка", "12/2");
	expect_addr("Шевченка вул., 12", "", "шевченка", "12");
	expect_addr("01001, м. Київ, вул. Хрещатик, буд. 1, кв. 7", "київ", "хрещатик", "1");
	expect_addr("Київська обл., Броварський р-н, с. Требухів, вул. Київська, 5", "требухів", "київська", "5");
	expect_addr("м. Біла Церква, бульв. Олександрійський, 10", "біла церква", "олександрійський", "10");
	expect_addr("Київ, Шевченка, 12", "київ", "шевченка", "12");
}

static void test_address_slots_equal(void **state)
{
	struct qi_values a, b;
	(void)state;
	qi_values_init(&a);
	qi_values_init(&b);
	assert_int_equal(qi_extract(&a, QK_ADDRESS, "вул. Шевченка, 12", strlen("вул. Шевченка, 12")), 2);
	qi_extract(&b, QK_ADDRESS, "вулиця Шевченка, буд. 12", strlen("вулиця Шевченка, буд. 12"));
	assert_string_equal(a.v[QS_ADDR].ptr, b.v[QS_ADDR].ptr);
	assert_string_equal(a.v[QS_ADDR].ptr, "шевченка|12");
	assert_string_equal(a.v[QS_STREET].ptr, "шевченка");
	qi_values_release(&a);
	qi_values_release(&b);
}

static void expect_names(const char *in, const char *short_key, const char *full_key)
{
	struct buf s = BUF_INIT, f = BUF_INIT;
	int ok = qi_name_keys(in, strlen(in), &s, &f);
	if (!short_key) {
		if (ok)
			fail_msg("\"%s\": keys [%s] [%s], want none", in, s.ptr, f.ptr);
	} else if (!ok || strcmp(s.ptr, short_key) || strcmp(f.ptr, full_key)) {
		fail_msg("\"%s\": keys [%s] [%s], want [%s] [%s]", in, s.ptr, f.ptr, short_key, full_key);
	}
	buf_release(&s);
	buf_release(&f);
}

static void test_names_initials(void **state)
{
	(void)state;
	expect_names("Коваленко Олена Петрівна", "коваленко|о", "коваленко|о|п");
	expect_names("Олена Петрівна Коваленко", "коваленко|о", "коваленко|о|п");
	expect_names("Коваленко О.П.", "коваленко|о", "коваленко|о|п");
	expect_names("О. П. Коваленко", "коваленко|о", "коваленко|о|п");
	expect_names("КОВАЛЕНКО О. П.", "коваленко|о", "коваленко|о|п");
	expect_names("Борис ФІЛАТОВ", "філатов|б", "");
	expect_names("Коваленко О.", "коваленко|о", "");
	expect_names("Дем’янчук Мар'яна", "демянчук|м", "");
	expect_names("Шевчeнко Тарас Григорович", "шевченко|т", "шевченко|т|г"); /* Latin e */
	expect_names("Коваленко", NULL, NULL);
}

static void test_kinds(void **state)
{
	struct qi_values q;
	(void)state;
	qi_values_init(&q);
	assert_int_equal(qi_extract(&q, QK_BIRTH_DATE, "03.05.1984", strlen("03.05.1984")), 2);
	assert_string_equal(q.v[QS_BDATE].ptr, "1984-05-03");
	assert_string_equal(q.v[QS_BYEAR].ptr, "1984");
	qi_values_clear(&q);
	assert_int_equal(qi_extract(&q, QK_BIRTH_DATE, "1984 р.", strlen("1984 р.")), 1);
	assert_string_equal(q.v[QS_BYEAR].ptr, "1984");
	assert_false(q.set & (1u << QS_BDATE));
	qi_values_clear(&q);
	assert_int_equal(qi_extract(&q, QK_SEX, "Жіноча", strlen("Жіноча")), 1);
	assert_string_equal(q.v[QS_SEX].ptr, "f");
	qi_values_clear(&q);
	assert_int_equal(qi_extract(&q, QK_SEX, "male", strlen("male")), 1);
	assert_string_equal(q.v[QS_SEX].ptr, "m");
	qi_values_clear(&q);
	assert_int_equal(qi_extract(&q, QK_AGE, "42 роки", strlen("42 роки")), 2);
	assert_string_equal(q.v[QS_AGE5].ptr, "40-44");
	qi_values_clear(&q);
	assert_int_equal(qi_extract(&q, QK_SETTLEMENT, "м. Київ", strlen("м. Київ")), 1);
	assert_string_equal(q.v[QS_SETTLEMENT].ptr, "київ");
	qi_values_clear(&q);
	assert_int_equal(qi_extract(&q, QK_PLATE, "AA 1234 BB", strlen("AA 1234 BB")), 1);  /* Latin look-alikes */
	assert_string_equal(q.v[QS_PLATE].ptr, "АА1234ВВ");
	qi_values_clear(&q);
	assert_int_equal(qi_extract(&q, QK_EVENT_DATE, "12 січня 2024", strlen("12 січня 2024")), 2);
	assert_string_equal(q.v[QS_EMONTH].ptr, "2024-01");
	qi_values_clear(&q);
	assert_int_equal(qi_extract(&q, QK_BIRTH_DATE, "невідомо", strlen("невідомо")), 0);
	qi_values_release(&q);
}

static void test_hex_and_digests(void **state)
{
	char hex[65];
	(void)state;
	assert_int_equal(digest_hex(DIGEST_MD5, "", 0, hex), 32);
	assert_string_equal(hex, "d41d8cd98f00b204e9800998ecf8427e");
	digest_hex(DIGEST_MD5, "abc", 3, hex);
	assert_string_equal(hex, "900150983cd24fb0d6963f7d28e17f72");
	digest_hex(DIGEST_MD5, "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
		   80, hex);
	assert_string_equal(hex, "57edf4a22be3c955ac49da2e2107b67a");
	assert_int_equal(digest_hex(DIGEST_SHA1, "abc", 3, hex), 40);
	assert_string_equal(hex, "a9993e364706816aba3e25717850c26c9cd0d89d");
	digest_hex(DIGEST_SHA1, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	assert_string_equal(hex, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	assert_int_equal(digest_hex(DIGEST_SHA256, "abc", 3, hex), 64);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_true(qi_is_hex_digest("900150983cd24fb0d6963f7d28e17f72", 32));
	assert_true(qi_is_hex_digest("A9993E364706816ABA3E25717850C26C9CD0D89D", 40));
	assert_false(qi_is_hex_digest("900150983cd24fb0d6963f7d28e17f7", 31));
	assert_false(qi_is_hex_digest("g00150983cd24fb0d6963f7d28e17f72", 32));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_case_apostrophes_lookalikes),
		cmocka_unit_test(test_dates_any_spelling),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_address_slots_equal),
		cmocka_unit_test(test_names_initials),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_hex_and_digests),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
