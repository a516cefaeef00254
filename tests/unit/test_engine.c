/*
 * test_engine.c — the engine's short cuts give the findings the plain way
 * gives: a regex rule whose gate says "in_word" (the e-mail rule: every
 * match holds an "@" and no space) is searched only from the run of
 * non-spaces around each "@"; with the flag off it is searched from the
 * value's start. Random values from pieces that make, break and nearly
 * make addresses must get the same findings both ways. A month-name date
 * of birth ("1 лютого 1980") is gated at the spaces right after a digit,
 * found sixteen bytes at a time: it must be found wherever it stands. A
 * street type is looked for at every word's start, whatever ends the word
 * before it (a comma, a dot, a no-break space, not only a space), and in
 * a value the names rules cut into words already, at every word. The
 * findings of a value come sorted and apart, whichever rule made them.
 */
#include <stdio.h>
#include <string.h>

#include "rules/engine.h"
#include "tests/unit/support.h"

static struct ruleset rs;
static struct engine eng;
static size_t email_rule, dob_words_rule, address_rule;

static int setup(void **state)
{
	size_t i;
	(void)state;
	if (ruleset_load(&rs, "rules", NULL) < 0)
		return -1;
	engine_init(&eng, &rs);
	for (i = 0; i < rs.nrule; i++)
		if (!strcmp(rs.rule[i].id, "email"))
			email_rule = i;
		else if (!strcmp(rs.rule[i].id, "dob.words"))
			dob_words_rule = i;
		else if (!strcmp(rs.rule[i].id, "address.home"))
			address_rule = i;
	return rs.rule[email_rule].gate_in_word ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	engine_release(&eng);
	ruleset_release(&rs);
	return 0;
}

/* The findings of text in a column of free text (f initialised). */
static void scan_text(const char *text, struct findings *f)
{
	struct colctx c;
	colctx_init(&c, &eng, "Текст");
	engine_scan(&eng, &c, text, strlen(text), f);
	colctx_release(&c);
}

/* The findings of text as "[start,end,rule]" strings. */
static void findings_of(const char *text, int in_word, char *out, size_t cap)
{
	struct findings f;
	size_t i, o = 0;
	rs.rule[email_rule].gate_in_word = in_word;
	findings_init(&f);
	scan_text(text, &f);
	out[0] = '\0';
	for (i = 0; i < f.n && o < cap; i++)
		o += (size_t)snprintf(out + o, cap - o, "[%zu,%zu,%u]", f.v[i].start, f.v[i].end,
				      (unsigned)f.v[i].rule);
	findings_release(&f);
	rs.rule[email_rule].gate_in_word = 1;
}

static int count_emails(const char *text)
{
	struct findings f;
	size_t i;
	int n = 0;
	findings_init(&f);
	scan_text(text, &f);
	for (i = 0; i < f.n; i++)
		n += f.v[i].rule == email_rule;
	findings_release(&f);
	return n;
}

static void emails_anywhere_in_a_text(void **s)
{
	(void)s;
	assert_int_equal(count_emails("пишіть на olena.kovalenko@ukr.net або дзвоніть"), 1);
	assert_int_equal(count_emails("a@b.ua, c.d@gmail.com;e_f@i.ua"), 3);
	assert_int_equal(count_emails("ivan@пошта.укр"), 1);
	assert_int_equal(count_emails("(ivan+news@example.com)"), 1);
	assert_int_equal(count_emails("ціна 5 @ 10 грн, @mention, user@localhost"), 0);
	assert_int_equal(count_emails("рядок\tx@y.ua\nz@w.com.ua"), 2);
}

static void in_word_as_from_the_start(void **s)
{
	static const char *const pieces[] = {
		"olena", ".kovalenko", "@", "@@", "ukr", ".net", ".ua", ".", "-", "+", "%", "_", " ",
		"olena@ukr.net", "a.b@i.ua", "ivan@", "@gmail.com", "x@y", "@пошта.укр",
		"\t", "\n", ", ", ";", "(", ")", "олена", "пошта", ".укр", "gmail", ".com", "x1",
		"тел. 067 123 45 67", "РНОКПП 3184710691", "Іваненко Іван", "\xC2\xA0", "\xE2\x80\x89",
		"\xFF", "\xD0", "a", "Z",
	};
	char text[300], plain[2048], fast[2048];
	uint64_t seed = 77;
	int round, with = 0;
	(void)s;
	for (round = 0; round < 20000; round++) {
		random_text(text, sizeof text, pieces, sizeof pieces / sizeof *pieces, 24, &seed);
		findings_of(text, 0, plain, sizeof plain);
		findings_of(text, 1, fast, sizeof fast);
		if (strcmp(plain, fast))
			fail_msg("'%s': from the start %s, in_word %s", text, plain, fast);
		with += count_emails(text) > 0;
	}
	/* the pieces make addresses often enough for the test to mean it */
	assert_true(with > 1000);
}

/* Where the rule's finding in text starts, or -1 (-2: more than one). */
static long rule_finding(const char *text, size_t rule)
{
	struct findings f;
	size_t i;
	long at = -1;
	findings_init(&f);
	scan_text(text, &f);
	for (i = 0; i < f.n; i++)
		if (f.v[i].rule == rule)
			at = at == -1 ? (long)f.v[i].start : -2;
	findings_release(&f);
	return at;
}

static void month_dates_at_every_offset(void **s)
{
	/* fillers of digits, spaces and letters: spaces after digits that
	 * begin no month, on either side of each sixteen-byte boundary */
	static const char *const fillers[] = { "7 ", "a", " ", "ї", "12 ", "5 травн", "x7" };
	static const char *const dates[] = { "1 лютого 1980", "28 листопада 2001 р.",
					     "9 грудня 1975 року" };
	char text[1024];
	size_t k, d, f;
	(void)s;
	for (d = 0; d < 3; d++)
		for (f = 0; f < sizeof fillers / sizeof *fillers; f++)
			for (k = 0; k < 40; k++) {
				size_t len = 0, j;
				for (j = 0; j < k; j++)
					len += (size_t)snprintf(text + len, sizeof text - len, "%s", fillers[f]);
				len += (size_t)snprintf(text + len, sizeof text - len,
							" дата народження %s", dates[d]);
				{
					long want = (long)(len - strlen(dates[d]));
					if (rule_finding(text, dob_words_rule) != want)
						fail_msg("'%s': %ld, not at %ld", text,
							 rule_finding(text, dob_words_rule), want);
				}
			}
	/* the gate's other side: a month after a word, or after two spaces */
	assert_int_equal(rule_finding("дата народження: лютого 1980", dob_words_rule), -1);
	assert_int_equal(rule_finding("народився 1 лютого 1980 року", dob_words_rule), 19);
}

/* Does an address finding of text cover what? */
static int address_covers(const char *text, const char *what)
{
	struct findings f;
	size_t i, at = (size_t)(strstr(text, what) - text), len = strlen(what);
	int yes = 0;
	findings_init(&f);
	scan_text(text, &f);
	for (i = 0; i < f.n; i++)
		yes |= f.v[i].rule == address_rule && f.v[i].start <= at && f.v[i].end >= at + len;
	findings_release(&f);
	return yes;
}

static void street_types_after_any_separator(void **s)
{
	(void)s;
	assert_true(address_covers("Заявник проживає: м.Рівне,вул.Шевченка,5", "вул.Шевченка,5"));
	assert_true(address_covers("м. Рівне;пров.Вишневий 15, кв. 3", "пров.Вишневий 15, кв. 3"));
	assert_true(address_covers("м. Рівне,\xC2\xA0вул. Шевченка, 5", "вул. Шевченка, 5"));
	assert_true(address_covers("(вул. Шевченка, 5)", "вул. Шевченка, 5"));
	assert_true(address_covers(" вул. Шевченка 5", "вул. Шевченка 5"));
	/* in capitals, after a settlement the names rules look at first */
	assert_true(address_covers("М. РІВНЕ, ПРОСП. МИРУ, 5, КВ. 7", "ПРОСП. МИРУ, 5, КВ. 7"));
	assert_true(address_covers("Іваненко Іван, м.Рівне,вул.Шевченка,5", "вул.Шевченка,5"));
	/* after a mark of more than one byte, and capitalised or in capitals */
	assert_true(address_covers("«вул.Шевченка, 5»", "вул.Шевченка, 5"));
	assert_true(address_covers("проживає —вул. Соборна 12", "вул. Соборна 12"));
	assert_true(address_covers("мешкає: ПРОСП. 8 Березня, 5", "ПРОСП. 8 Березня, 5"));
	assert_true(address_covers("мешкає: Мкр. 8 Березня, 5", "Мкр. 8 Березня, 5"));
	/* a street type inside a word is none */
	assert_false(address_covers("мешкає на Привулковій 5", "Привулковій 5"));
}

static size_t rule_index(const char *id)
{
	size_t i;
	for (i = 0; i < rs.nrule; i++)
		if (!strcmp(rs.rule[i].id, id))
			return i;
	fail_msg("no rule %s", id);
	return 0;
}

/* IBANs as banks print them: a space may follow "UA", and the digits
 * come in groups of four. */
static void ibans_as_printed(void **s)
{
	size_t iban = rule_index("iban.ua");
	(void)s;
	assert_int_equal(rule_finding("UA213223130000026007233566001", iban), 0);
	assert_int_equal(rule_finding("UA 21 3223130000026007233566001", iban), 0);
	assert_int_equal(rule_finding("р/р UA 21 3223 1300 0002 6007 2335 6600 1", iban), 6);
	assert_int_equal(rule_finding("IBAN: ua 213223130000026007233566001", iban), 6);
	/* one check digit off: no IBAN, however spaced */
	assert_int_equal(rule_finding("UA 31 3223130000026007233566001", iban), -1);
	/* two spaces are no printed IBAN */
	assert_int_equal(rule_finding("UA  213223130000026007233566001", iban), -1);
	/* a treasury account stays an organisation's however it is spaced */
	assert_int_equal(rule_finding("UA 04 8201720343100001000012345", iban), -1);
	assert_int_equal(rule_finding("UA 04 8201720343100001000012345", rule_index("iban.treasury")), 0);
}

/* Context words count where a word begins: "тел" in "стеля" made a sum
 * a local phone, "тел" in "вчителька" raised a phone's confidence. */
static void context_words_begin_words(void **s)
{
	size_t local = rule_index("phone.ua.local");
	(void)s;
	assert_int_equal(rule_finding("тече стеля. сума 15500 грн", local), -1);
	assert_int_equal(rule_finding("стеля 26-34-56", local), -1);
	assert_int_equal(rule_finding("тел. 26-34-56", local), 8);
	assert_int_equal(rule_finding("моб.тел.26-34-56", local), 14);
	/* a sum right after a phone word of the sentence before: the
	 * nearer word decides */
	assert_int_equal(rule_finding("відповісти за телефоном. сума 15 600,00 грн", local), -1);
	assert_int_equal(rule_finding("сума 12500, тел. 26-34-56", local), 24);
	/* a rule that needs context has none where a negative word is
	 * nearer: the decision's date is no second birth date */
	assert_int_equal(rule_finding("Іваненко А.В., 21.07.1965 р.н. Відповідно до рішення від 03.01.2022 № 9",
				      rule_index("dob.numeric")), 25);
	{
		struct findings f;
		const char *t = "вчителька 0671234567";
		findings_init(&f);
		scan_text(t, &f);
		assert_int_equal(f.n, 1);
		assert_false(f.v[0].flags & F_CONTEXT);
		findings_release(&f);
	}
}

/* The header keywords too: "тел" of a column "Вчитель" made its numbers
 * phones. */
static int header_supports(const char *header, const char *rule)
{
	struct colctx c;
	int hint;
	colctx_init(&c, &eng, header);
	hint = c.hint[rule_index(rule)];
	colctx_release(&c);
	return hint == 1;
}

static void header_words_begin_words(void **s)
{
	(void)s;
	assert_false(header_supports("Вчитель", "phone.ua"));
	assert_false(header_supports("Вчитель", "phone.ua.local"));
	assert_true(header_supports("Контактний тел.", "phone.ua"));
	assert_true(header_supports("Телефон", "phone.ua.local"));
	assert_true(header_supports("Моб.телефон", "phone.ua"));
	assert_true(header_supports("Рахунок IBAN", "iban.ua"));
	assert_false(header_supports("Перерахунок", "iban.ua"));
	/* column names of API exports: camel case begins a word */
	assert_true(header_supports("mobilePhone", "phone.ua"));
	assert_true(header_supports("person.dateOfBirth", "dob.numeric"));
	assert_true(header_supports("lastName", "name.person"));
	assert_true(header_supports("last_name", "name.person"));
	assert_true(header_supports("lastname", "name.person"));
	assert_true(header_supports("telephone", "phone.ua"));
	assert_false(header_supports("username", "name.person"));
}

/*
 * The findings of a value come sorted by where they start and apart,
 * whichever rule found them first: the digit pass runs before the
 * e-mail, name and address rules, so a value where those stand first
 * has its findings made out of order. With few findings (sorted one way)
 * and with many (another way).
 */
static void findings_sorted_and_apart(void **s)
{
	static const char *const piece[] = {
		"e-mail: ivan.petrenko@ukr.net, ",
		"Петренко Іван Васильович, ",
		"вул. Шевченка, 12, кв. 5, ",
		"тел. 067 123 45 67, ",
	};
	struct findings f;
	char text[4096];
	size_t reps, i, o;
	(void)s;
	findings_init(&f);
	for (reps = 1; reps <= 8; reps++) {
		size_t phones = 0, emails = 0;
		for (i = o = 0; i < reps; i++)
			o += (size_t)snprintf(text + o, sizeof text - o, "%s%s%s%s", piece[0], piece[1],
					      piece[2], piece[3]);
		scan_text(text, &f);
		for (i = 0; i < f.n; i++) {
			const char *cat = rs.cat[f.v[i].cat].id;
			if (i && f.v[i].start < f.v[i - 1].end)
				fail_msg("%zu pieces: finding %zu [%zu,%zu) not after [%zu,%zu)", reps, i,
					 f.v[i].start, f.v[i].end, f.v[i - 1].start, f.v[i - 1].end);
			phones += !strcmp(cat, "phone");
			emails += !strcmp(cat, "email");
		}
		/* each piece's e-mail, name, address and phone (past 16 findings
		 * from five pieces on) */
		assert_int_equal(phones, reps);
		assert_int_equal(emails, reps);
		assert_int_equal(f.n, 4 * reps);
	}
	findings_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(emails_anywhere_in_a_text),
		cmocka_unit_test(in_word_as_from_the_start),
		cmocka_unit_test(month_dates_at_every_offset),
		cmocka_unit_test(street_types_after_any_separator),
		cmocka_unit_test(ibans_as_printed),
		cmocka_unit_test(context_words_begin_words),
		cmocka_unit_test(header_words_begin_words),
		cmocka_unit_test(findings_sorted_and_apart),
	};
	return cmocka_run_group_tests_name("engine", tests, setup, teardown);
}
