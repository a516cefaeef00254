/*
 * test_address.c — the address recognizer (rules/address.c) through the
 * engine with the built-in packs and lexicons: the whole span, its parts
 * (settlement, street, house, apartment), the home and institution flags,
 * sloppy spellings, and streets that are not addresses.
 */
#include <stdio.h>
#include <string.h>

#include "rules/address.h"
#include "rules/engine.h"
#include "tests/unit/support.h"

static struct ruleset rs;
static struct engine eng;
static struct finding last;

static int setup(void **state)
{
	(void)state;
	if (ruleset_load(&rs, "rules", NULL) < 0)
		return -1;
	engine_init(&eng, &rs);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	engine_release(&eng);
	ruleset_release(&rs);
	return 0;
}

/* The address spans found in text (column col); the last one is kept in `last`. */
static const char *addresses(const char *col, const char *text)
{
	static char out[1024];
	struct findings f;
	struct colctx c;
	size_t i, o = 0;
	int cat = ruleset_category(&rs, "address");
	findings_init(&f);
	colctx_init(&c, &eng, col);
	engine_scan(&eng, &c, text, strlen(text), &f);
	out[0] = '\0';
	memset(&last, 0, sizeof last);
	for (i = 0; i < f.n; i++) {
		if (f.v[i].cat != cat)
			continue;
		o += (size_t)snprintf(out + o, sizeof out - o, "[%.*s]", (int)(f.v[i].end - f.v[i].start),
				      text + f.v[i].start);
		last = f.v[i];
	}
	colctx_release(&c);
	findings_release(&f);
	return out;
}

static const char *part(const char *text, enum addr_part p)
{
	static char out[256];
	snprintf(out, sizeof out, "%.*s", (int)(last.part[p].end - last.part[p].start), text + last.part[p].start);
	return out;
}

static void full_address_with_parts(void **s)
{
	const char *v = "Київська обл., Бучанський р-н, смт Ворзель, вул. Шевченка, 12, кв. 5";
	(void)s;
	assert_string_equal(addresses("Примітка", v), "[Київська обл., Бучанський р-н, смт Ворзель, вул. Шевченка, 12, кв. 5]");
	assert_string_equal(part(v, ADDR_SETTLEMENT), "Ворзель");
	assert_string_equal(part(v, ADDR_STREET), "вул. Шевченка");
	assert_string_equal(part(v, ADDR_HOUSE), "12");
	assert_string_equal(part(v, ADDR_APARTMENT), "5");
	assert_true(last.flags & F_ADDR_APARTMENT);
}

static void house_without_apartment_is_not_a_home(void **s)
{
	const char *v = "м. Київ, просп. Перемоги, буд. 37";
	(void)s;
	assert_string_equal(addresses("Примітка", v), "[м. Київ, просп. Перемоги, буд. 37]");
	assert_string_equal(part(v, ADDR_SETTLEMENT), "Київ");
	assert_string_equal(part(v, ADDR_HOUSE), "37");
	assert_false(last.flags & F_ADDR_APARTMENT);
}

static void sloppy_spelling(void **s)
{
	const char *v = "м.Львів, вул.Стуса 12/2 кв.5";
	(void)s;
	assert_string_equal(addresses("Адреса", v), "[м.Львів, вул.Стуса 12/2 кв.5]");
	assert_string_equal(part(v, ADDR_HOUSE), "12/2");
	assert_string_equal(part(v, ADDR_APARTMENT), "5");
}

/* Abbreviations no word of the language spells are read without their
 * dot too ("вул Соборна 12 кв 5", as typed in a hurry); "м" and "с"
 * still need one. */
static void abbreviations_without_a_dot(void **s)
{
	const char *v = "м.Рівне, вул Соборна, буд 12, кв 5";
	(void)s;
	assert_string_equal(addresses("Примітка", v), "[м.Рівне, вул Соборна, буд 12, кв 5]");
	assert_string_equal(part(v, ADDR_HOUSE), "12");
	assert_string_equal(part(v, ADDR_APARTMENT), "5");
	assert_string_equal(addresses("Примітка", "просп Миру 15, корп 2"), "[просп Миру 15, корп 2]");
	assert_string_equal(addresses("Примітка", "мешкає: пров Тихий 7"), "[пров Тихий 7]");
	assert_string_equal(addresses("Примітка", "площа 50 кв м у будинку"), "");
}

/* Street names that begin with a number and its ending. */
static void numbered_street_names(void **s)
{
	const char *v = "вул. 1-го Травня, буд. 12, кв. 4";
	(void)s;
	assert_string_equal(addresses("Примітка", v), "[вул. 1-го Травня, буд. 12, кв. 4]");
	assert_string_equal(part(v, ADDR_STREET), "вул. 1-го Травня");
	assert_string_equal(part(v, ADDR_HOUSE), "12");
	assert_string_equal(addresses("Примітка", "живе: пров. 3-й Тихий, 7"), "[пров. 3-й Тихий, 7]");
	assert_string_equal(addresses("Примітка", "просп. 40-річчя Перемоги, 5"), "[просп. 40-річчя Перемоги, 5]");
	assert_string_equal(addresses("Примітка", "вул. 8 Березня, 5"), "[вул. 8 Березня, 5]");
	assert_string_equal(addresses("Примітка", "на вул. 5-ій поставили ліхтар"), "");
}

static void house_letters_and_building(void **s)
{
	(void)s;
	assert_string_equal(addresses("Примітка", "б-р Миру, 75-А, корп. 2, квартира 176"),
			    "[б-р Миру, 75-А, корп. 2, квартира 176]");
	assert_string_equal(addresses("Примітка", "ул. Богдана Хмельницького, д. 12а"),
			    "[ул. Богдана Хмельницького, д. 12а]");
}

static void address_inside_a_letter(void **s)
{
	(void)s;
	assert_string_equal(addresses("Зміст", "яка проживає за адресою: м. Київ, вул. Мирна, 7/1, кв. 45. Прошу"),
			    "[м. Київ, вул. Мирна, 7/1, кв. 45]");
	/* the settlement or region after the sentence's words, not those words */
	assert_string_equal(addresses("Зміст", "відповідь на адресу м. Київ, вул. Мирна, 7, кв. 4"),
			    "[м. Київ, вул. Мирна, 7, кв. 4]");
	assert_string_equal(addresses("Зміст", "за адресою Одеська обл., с. Гора, вул. Садова, 5"),
			    "[Одеська обл., с. Гора, вул. Садова, 5]");
	assert_string_equal(addresses("Зміст", "Живу Київська обл., м. Буча, б-р Вишневий, 15, кв. 2"),
			    "[Київська обл., м. Буча, б-р Вишневий, 15, кв. 2]");
	/* a country after the settlement: the walk back over the sentence's
	 * words looks at this segment's words only */
	assert_string_equal(addresses("Зміст", "Мешкаю м. Київ, Україна, вул. Хрещатик, буд. 1"),
			    "[м. Київ, Україна, вул. Хрещатик, буд. 1]");
}

static void street_alone_needs_a_column(void **s)
{
	(void)s;
	assert_string_equal(addresses("Зміст", "на вул. Шевченка немає світла"), "");
	assert_string_equal(addresses("Адреса", "вул. Шевченка"), "[вул. Шевченка]");
}

static void office_is_an_institution(void **s)
{
	(void)s;
	assert_string_equal(addresses("Примітка", "вул. Хрещатик, 36, офіс 5"), "[вул. Хрещатик, 36, офіс 5]");
	assert_true(last.flags & F_INSTITUTION);
	assert_false(last.flags & F_ADDR_APARTMENT);
}

/* The gate finds a street type among literals that share their first
 * bytes (пр-т, пров., просп.), at the value's start or after a space,
 * and opens for nothing else. */
static void gate_tells_street_types_apart(void **s)
{
	(void)s;
	assert_string_equal(addresses("Примітка", "пр-т Перемоги, 5"), "[пр-т Перемоги, 5]");
	assert_string_equal(addresses("Примітка", "прошу: пров. Лісний, 3"), "[пров. Лісний, 3]");
	assert_string_equal(addresses("Примітка", "проживає: просп. Миру, 7"), "[просп. Миру, 7]");
	assert_string_equal(addresses("Примітка", "прошу про Лісний 3"), "");
	assert_string_equal(addresses("Примітка", "про"), "");
}

/* address_may_be looks back from a capital only when no letter or digit
 * stands right before it; a street word glued to its number or name
 * still counts, a capital inside a word does not open a street. */
static void street_before_capitals_and_numbers(void **s)
{
	(void)s;
	assert_true(address_may_be(rs.lex, "вул.ШЕВЧЕНКА 5", strlen("вул.ШЕВЧЕНКА 5")));
	assert_true(address_may_be(rs.lex, "вул12", strlen("вул12")));
	assert_true(address_may_be(rs.lex, "на «вул» «Миру»", strlen("на «вул» «Миру»")));
	assert_false(address_may_be(rs.lex, "вулШевченка", strlen("вулШевченка")));
	assert_false(address_may_be(rs.lex, "Вул", strlen("Вул")));
	assert_string_equal(addresses("Примітка", "ВУЛ. ШЕВЧЕНКА, 5, КВ. 2"), "[ВУЛ. ШЕВЧЕНКА, 5, КВ. 2]");
	assert_string_equal(addresses("Примітка", "вулиця ШЕВЧЕНКА 5"), "[вулиця ШЕВЧЕНКА 5]");
}

static void e_mail_column_is_not_an_address(void **s)
{
	(void)s;
	assert_string_equal(addresses("Адреса електронної пошти", "вул. Шевченка"), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(full_address_with_parts),
		cmocka_unit_test(house_without_apartment_is_not_a_home),
		cmocka_unit_test(sloppy_spelling),
		cmocka_unit_test(abbreviations_without_a_dot),
		cmocka_unit_test(numbered_street_names),
		cmocka_unit_test(house_letters_and_building),
		cmocka_unit_test(address_inside_a_letter),
		cmocka_unit_test(street_alone_needs_a_column),
		cmocka_unit_test(office_is_an_institution),
		cmocka_unit_test(e_mail_column_is_not_an_address),
		cmocka_unit_test(gate_tells_street_types_apart),
		cmocka_unit_test(street_before_capitals_and_numbers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
