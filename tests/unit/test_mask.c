/*
 * test_mask.c — the masked examples of scan reports: recognisable shapes,
 * never the value.
 */
#include "tests/unit/support.h"

#include <string.h>

#include "filters/mask.h"

static void masked(const char *cat, const char *v, const char *norm, const char *want)
{
	struct buf b = BUF_INIT;
	mask_value(&b, cat, v, strlen(v), norm);
	assert_string_equal(b.ptr, want);
	buf_release(&b);
}

static void phones_keep_operator_and_last_two_digits(void **state)
{
	(void)state;
	masked("phone", "067-123-45-67", "+380671234567", "+380 67 *** ** 67");
}

static void emails_keep_first_letter_and_domain(void **state)
{
	(void)state;
	masked("email", "olena.kovalenko@ukr.net", "", "o***@ukr.net");
}

static void numbers_keep_only_the_last_two_digits(void **state)
{
	(void)state;
	masked("tax_id", "3184710691", "", "********91");
	masked("card", "4149 4393 1234 5675", "", "**** **** **** **75");
	masked("passport", "СН 123456", "", "** ****56");
	masked("phone", "35-83-70", "", "**-**-70");
	masked("phone", "2-34-56", "", "*-**-**");    /* under six digits: none shown */
}

static void names_keep_initials_only(void **state)
{
	(void)state;
	masked("name", "Коваленко Олена Петрівна", "", "К******** О**** П*******");
	masked("name", "Косач-Квітка Л.П.", "", "К****-К***** Л.П.");
}

static void addresses_keep_settlement_and_abbreviations(void **state)
{
	struct buf b = BUF_INIT;
	const char *v = "м. Київ, вул. Шевченка, 12, кв. 5";
	(void)state;
	mask_address(&b, v, strlen(v), 0, strlen("м. Київ"));
	assert_string_equal(b.ptr, "м. Київ, вул. Ш*******, **, кв. *");
	buf_reset(&b);
	/* no settlement: nothing kept whole but the abbreviations */
	v = "просп. Перемоги, 37-А";
	mask_address(&b, v, strlen(v), 0, 0);
	assert_string_equal(b.ptr, "просп. П*******, **-*");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(phones_keep_operator_and_last_two_digits),
		cmocka_unit_test(emails_keep_first_letter_and_domain),
		cmocka_unit_test(numbers_keep_only_the_last_two_digits),
		cmocka_unit_test(names_keep_initials_only),
		cmocka_unit_test(addresses_keep_settlement_and_abbreviations),
	};
	return cmocka_run_group_tests_name("mask", tests, NULL, NULL);
}
