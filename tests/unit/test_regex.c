/*
 * test_regex.c — the gate of a word list (rx_compile_words with RX_GATED):
 * it answers exactly as the plain alternation does, for every spelling
 * caseless matching allows, and only skips the searches that cannot match.
 */
#include "tests/unit/support.h"

#include <stdlib.h>
#include <string.h>

#include "rules/regex.h"

/* The same list, gated and not (ZNES_NO_GATE is read when compiling). */
struct pair {
	struct rx *gated, *plain;
};

static struct pair compile_pair_flags(const char *const *words, size_t n, unsigned flags)
{
	struct pair p;
	struct buf err = BUF_INIT;
	p.gated = rx_compile_words(words, n, RX_CASELESS | RX_GATED | flags, &err);
	setenv("ZNES_NO_GATE", "1", 1);
	p.plain = rx_compile_words(words, n, RX_CASELESS | RX_GATED | flags, &err);
	unsetenv("ZNES_NO_GATE");
	assert_non_null(p.gated);
	assert_non_null(p.plain);
	buf_release(&err);
	return p;
}

static struct pair compile_pair(const char *const *words, size_t n)
{
	return compile_pair_flags(words, n, 0);
}

static void release_pair(struct pair *p)
{
	rx_free(p->gated);
	rx_free(p->plain);
}

/* Both answer the same for s searched from every offset; returns how
 * many of those searches found a match. */
static int same_answers(const struct pair *p, const char *s)
{
	size_t n = strlen(s), from;
	int found = 0;
	for (from = 0; from <= n; from++) {
		size_t gs = 0, ge = 0, ps = 0, pe = 0;
		int g = rx_search(p->gated, s, n, from, &gs, &ge);
		int q = rx_search(p->plain, s, n, from, &ps, &pe);
		if (g != q || (g == 1 && (gs != ps || ge != pe)))
			fail_msg("'%s' from %zu: gated %d [%zu,%zu), plain %d [%zu,%zu)", s, from, g, gs, ge,
				 q, ps, pe);
		found += g == 1;
	}
	return found;
}

static int found_from_start(const struct pair *p, const char *s)
{
	size_t ms, me;
	return rx_search(p->gated, s, strlen(s), 0, &ms, &me) == 1;
}

static const char *const phone_words[] = { "тел\\.?", "моб", "телефон", "phone", "tel", "контакт",
					   "зв'язку" };
static const char *const negative_words[] = { "рахун", "р/р", "iban", "код", "№\\s*$",
					      "номер\\s+(?:рішення|договору|справи)" };

static void every_spelling_is_found(void **s)
{
	struct pair p = compile_pair(phone_words, sizeof phone_words / sizeof *phone_words);
	(void)s;
	assert_true(found_from_start(&p, "мій тел. 067"));
	assert_true(found_from_start(&p, "МІЙ ТЕЛ 067"));
	assert_true(found_from_start(&p, "Телефон: 067"));
	assert_true(found_from_start(&p, "PHONE 067"));
	/* the old forms of т (U+1C84, U+1C85) fold to т: caseless PCRE2
	 * takes them, so the gate must */
	assert_true(found_from_start(&p, "\xE1\xB2\x84" "ел 067"));
	assert_true(found_from_start(&p, "\xE1\xB2\x85" "ЕЛЕФОН 067"));
	assert_false(found_from_start(&p, "прошу розглянути звернення 067"));
	assert_true(same_answers(&p, "прошу розглянути, тел. 067, моб 050; Phone: +38") > 0);
	release_pair(&p);
}

/* Latin has its extra spellings too: the Kelvin sign is a K, the long
 * s (U+017F) an s. */
static void latin_spellings_are_found(void **s)
{
	static const char *const words[] = { "skype" };
	struct pair p = compile_pair(words, 1);
	(void)s;
	assert_true(found_from_start(&p, "\xC5\xBF" "kype: x"));
	assert_true(found_from_start(&p, "S\xE2\x84\xAA" "YPE: x"));
	same_answers(&p, "S\xE2\x84\xAA" "YPE \xC5\xBF\xE2\x84\xAA" "ype skyp skype");
	release_pair(&p);
}

static void groups_and_anchors_keep_their_meaning(void **s)
{
	struct pair p = compile_pair(negative_words, sizeof negative_words / sizeof *negative_words);
	(void)s;
	assert_true(found_from_start(&p, "номер рішення 12"));
	assert_true(found_from_start(&p, "Рахунок UA"));
	assert_true(found_from_start(&p, "справа №"));
	assert_true(found_from_start(&p, "справа № "));
	assert_false(found_from_start(&p, "справа № 5"));      /* "$": the subject's end */
	assert_false(found_from_start(&p, "номер телефону"));  /* not one of the group's words */
	same_answers(&p, "рішення № 45-6/17, номер рішення 8, р/р 2600, код 12345678, №");
	release_pair(&p);
}

/* A character a "?" makes optional is spelled with and without it. */
static void optional_characters_both_ways(void **s)
{
	static const char *const email[] = { "пошт", "e-?mail", "ел\\." };
	static const char *const plate[] = { "д\\.?н\\.?з", "авто" };
	struct pair e = compile_pair(email, 3), p = compile_pair(plate, 2);
	(void)s;
	assert_true(found_from_start(&e, "EMAIL: x"));
	assert_true(found_from_start(&e, "мій e-mail: x"));
	assert_true(found_from_start(&e, "Ел. пошта"));
	assert_false(found_from_start(&e, "e mail"));
	assert_true(found_from_start(&p, "ДНЗ АА1234ВВ"));
	assert_true(found_from_start(&p, "д.н.з. АА1234ВВ"));
	assert_true(found_from_start(&p, "д.нз АА1234ВВ"));
	assert_false(found_from_start(&p, "д. н. з. АА1234ВВ"));
	same_answers(&e, "пишіть на e-mail або email, ел. пошту, E-MAIL");
	same_answers(&p, "д.н.з. дн.з днз д.н ДН.З д.н.з");
	release_pair(&e);
	release_pair(&p);
}

/* Words the gate cannot key: the list goes ungated and still answers. */
static void lists_without_a_key_still_match(void **s)
{
	static const char *const bar[] = { "a|b" };
	static const char *const cls[] = { "[тм]ел", "тел" };
	static const char *const rep[] = { "x*тел" };
	struct pair b = compile_pair(bar, 1), c = compile_pair(cls, 2), r = compile_pair(rep, 1);
	(void)s;
	assert_true(found_from_start(&b, "xb"));
	assert_true(found_from_start(&c, "мел"));
	assert_true(found_from_start(&r, "тел"));
	same_answers(&b, "cab");
	same_answers(&c, "мел тел");
	same_answers(&r, "xxтел тел x");
	release_pair(&b);
	release_pair(&c);
	release_pair(&r);
}

/*
 * The phone and the negative list (with flags), gated and plain, agree
 * from every offset of 3000 random subjects made of pieces.
 */
static void lists_agree(unsigned flags, const char *const *pieces, size_t npieces, uint64_t seed)
{
	struct pair p = compile_pair_flags(phone_words, sizeof phone_words / sizeof *phone_words, flags);
	struct pair q = compile_pair_flags(negative_words, sizeof negative_words / sizeof *negative_words,
					   flags);
	int round, found = 0;
	for (round = 0; round < 3000; round++) {
		char buf[256];
		random_text(buf, sizeof buf, pieces, npieces, 8, &seed);
		found += same_answers(&p, buf);
		found += same_answers(&q, buf);
	}
	/* the pieces make words often enough for both answers to be tested */
	assert_true(found > 1000);
	release_pair(&p);
	release_pair(&q);
}

/*
 * Random subjects from pieces that begin, end and nearly make the words
 * (cases, old letter forms, cut UTF-8, bytes no encoder writes): the
 * gated and the plain list agree from every offset.
 */
static void random_subjects_agree(void **s)
{
	static const char *const pieces[] = {
		"тел", "ТЕЛ", "Тел.", "те", "т", "ел", "ефон", "моб", "МОБ", "мо", "phone", "PHO", "ph",
		"tel", "TeL", "te", "контакт", "конт", "зв'язку", "зв’язку", "зв", "рахун", "Рах", "р/р",
		"р/", "iban", "IBAN", "ib", "код", "Код", "ко", "№", "№ ", "номер ", "номер рішення",
		"номер договору", "справи", " ", ", ", ". ", "067", "1", "\xE1\xB2\x84", "\xE1\xB2\x85",
		"\xD1", "\x82", "\xFF", "\xC0\x80", "а", "я", "x", "\xC2\xA0",
	};
	(void)s;
	lists_agree(0, pieces, sizeof pieces / sizeof *pieces, 12345);
}

/* RX_WORD_START: a word that begins with a letter counts where no letter
 * or digit is right before it; one that does not ("№\s*$"), anywhere. */
static void words_count_where_a_word_begins(void **s)
{
	struct pair p = compile_pair_flags(phone_words, sizeof phone_words / sizeof *phone_words,
					   RX_WORD_START);
	struct pair q = compile_pair_flags(negative_words, sizeof negative_words / sizeof *negative_words,
					   RX_WORD_START);
	(void)s;
	assert_true(found_from_start(&p, "Тел. 067"));
	assert_true(found_from_start(&p, "моб.тел.: 067"));
	assert_true(found_from_start(&p, "(тел) 067"));
	assert_true(found_from_start(&p, "вчи\xC2\xA0тел 067"));
	assert_false(found_from_start(&p, "вчителька 067"));
	assert_false(found_from_start(&p, "hotel 067"));
	assert_false(found_from_start(&p, "5тел 067"));
	assert_true(found_from_start(&q, "договір№"));
	assert_true(found_from_start(&q, "р/р 26"));
	assert_false(found_from_start(&q, "перерахунок "));
	/* a window that begins inside a word: the letters before it count */
	{
		size_t ms, me;
		const char *t = "вчителька 067";
		assert_int_equal(rx_search(p.gated, t, strlen(t), 4, &ms, &me), 0);
	}
	release_pair(&p);
	release_pair(&q);
}

/* The same random subjects, the lists with RX_WORD_START, and pieces
 * that end words and go on them (letters of other scripts, a sign and a
 * mark of U+0480-U+048F, a no-break space). */
static void word_start_lists_agree(void **s)
{
	static const char *const pieces[] = {
		"тел", "ТЕЛ", "Тел.", "вчи", "т", "ел", "ефон", "моб", "МОБ", "phone", "ho", "tel",
		"контакт", "зв'язку", "зв’язку", "рахун", "пере", "р/р", "iban", "код", "№", "№ ",
		"номер рішення", " ", ", ", ".", "067", "5", "\xC3\xA9", "\xD2\x82", "\xD2\x83",
		"\xC2\xA0", "\xE1\xB2\x84", "\xD1", "\x82", "\xFF", "а", "x", "_", "-",
	};
	(void)s;
	lists_agree(RX_WORD_START, pieces, sizeof pieces / sizeof *pieces, 777);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_spelling_is_found),
		cmocka_unit_test(latin_spellings_are_found),
		cmocka_unit_test(groups_and_anchors_keep_their_meaning),
		cmocka_unit_test(optional_characters_both_ways),
		cmocka_unit_test(lists_without_a_key_still_match),
		cmocka_unit_test(random_subjects_agree),
		cmocka_unit_test(words_count_where_a_word_begins),
		cmocka_unit_test(word_start_lists_agree),
	};
	int rc = cmocka_run_group_tests_name("regex", tests, NULL, NULL);
	rx_thread_release();
	return rc;
}
