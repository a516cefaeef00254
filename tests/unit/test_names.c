/*
 * test_names.c — the name recognizer (rules/names.c) through the engine,
 * with the built-in packs and lexicons: every case of every surname class
 * for both sexes, initials, capitals, apostrophes, look-alike letters,
 * Latin transliteration, officials, and the names that are not persons.
 */
#include <stdio.h>
#include <string.h>

#include "rules/engine.h"
#include "rules/names.h"
#include "tests/unit/support.h"

static struct ruleset rs;
static struct engine eng;

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

/* The names found in text (in a column named col), as "[span]" strings. */
static const char *names(const char *col, const char *text, unsigned *flags)
{
	static char out[1024];
	struct findings f;
	struct colctx c;
	size_t i, o = 0;
	int cat = ruleset_category(&rs, "name");
	findings_init(&f);
	colctx_init(&c, &eng, col);
	engine_scan(&eng, &c, text, strlen(text), &f);
	out[0] = '\0';
	if (flags)
		*flags = 0;
	for (i = 0; i < f.n; i++) {
		if (f.v[i].cat != cat)
			continue;
		o += (size_t)snprintf(out + o, sizeof out - o, "[%.*s]", (int)(f.v[i].end - f.v[i].start),
				      text + f.v[i].start);
		if (flags)
			*flags |= f.v[i].flags;
	}
	colctx_release(&c);
	findings_release(&f);
	return out;
}

/* Asserts that the one name found in a sentence around name is name. */
static void expect_name(const char *name)
{
	char text[512], want[256];
	const char *got;
	snprintf(text, sizeof text, "щодо виплати %s згідно з рішенням", name);
	snprintf(want, sizeof want, "[%s]", name);
	got = names("Примітка", text, NULL);
	if (strcmp(got, want)) {
		print_error("in '%s': found '%s', want '%s'\n", text, got, want);
		fail();
	}
}

/* Asserts that the one name found in a column's value is all of it. */
static void expect_whole(const char *col, const char *text)
{
	char want[512];
	snprintf(want, sizeof want, "[%s]", text);
	assert_string_equal(names(col, text, NULL), want);
}

static void expect_none(const char *col, const char *text)
{
	const char *got = names(col, text, NULL);
	if (*got) {
		print_error("in '%s': found '%s', want nothing\n", text, got);
		fail();
	}
}

/* Seven cases: nominative, genitive, dative, accusative, instrumental,
 * locative, vocative. */
struct paradigm {
	const char *f[7];
};

static const struct paradigm taras = {{"Тарас", "Тараса", "Тарасу", "Тараса", "Тарасом", "Тарасові", "Тарасе"}};
static const struct paradigm hryhorovych = {{"Григорович", "Григоровича", "Григоровичу", "Григоровича",
					     "Григоровичем", "Григоровичеві", "Григоровичу"}};
static const struct paradigm olha = {{"Ольга", "Ольги", "Ользі", "Ольгу", "Ольгою", "Ользі", "Ольго"}};
static const struct paradigm petrivna = {{"Петрівна", "Петрівни", "Петрівні", "Петрівну", "Петрівною",
					  "Петрівні", "Петрівно"}};

/* Each case in three orders: "Прізвище Ім'я По батькові", "Ім'я Прізвище",
 * "Ім'я По батькові Прізвище". */
static void check_class(const struct paradigm *sur, int female)
{
	const struct paradigm *g = female ? &olha : &taras, *p = female ? &petrivna : &hryhorovych;
	int c;
	for (c = 0; c < 7; c++) {
		char buf[256];
		snprintf(buf, sizeof buf, "%s %s %s", sur->f[c], g->f[c], p->f[c]);
		expect_name(buf);
		snprintf(buf, sizeof buf, "%s %s", g->f[c], sur->f[c]);
		expect_name(buf);
		snprintf(buf, sizeof buf, "%s %s %s", g->f[c], p->f[c], sur->f[c]);
		expect_name(buf);
	}
}

/* "Прізвище Ім'я" without a patronymic: only a surname with a surname's
 * ending (or a known surname) counts before a given name. */
static void check_class_surname_first(const struct paradigm *sur, int female)
{
	const struct paradigm *g = female ? &olha : &taras;
	int c;
	for (c = 0; c < 7; c++) {
		char buf[256];
		snprintf(buf, sizeof buf, "%s %s", sur->f[c], g->f[c]);
		expect_name(buf);
	}
}

static const struct paradigm enko_m = {{"Шевченко", "Шевченка", "Шевченку", "Шевченка", "Шевченком", "Шевченкові", "Шевченку"}};
static const struct paradigm enko_f = {{"Шевченко", "Шевченко", "Шевченко", "Шевченко", "Шевченко", "Шевченко", "Шевченко"}};
static const struct paradigm uk_m = {{"Ковальчук", "Ковальчука", "Ковальчуку", "Ковальчука", "Ковальчуком", "Ковальчукові", "Ковальчуку"}};
static const struct paradigm uk_f = {{"Ковальчук", "Ковальчук", "Ковальчук", "Ковальчук", "Ковальчук", "Ковальчук", "Ковальчук"}};
static const struct paradigm sky_m = {{"Згурський", "Згурського", "Згурському", "Згурського", "Згурським", "Згурському", "Згурський"}};
static const struct paradigm sky_f = {{"Білецька", "Білецької", "Білецькій", "Білецьку", "Білецькою", "Білецькій", "Білецька"}};
static const struct paradigm ych_m = {{"Сенкевич", "Сенкевича", "Сенкевичу", "Сенкевича", "Сенкевичем", "Сенкевичеві", "Сенкевичу"}};
static const struct paradigm ych_f = {{"Сенкевич", "Сенкевич", "Сенкевич", "Сенкевич", "Сенкевич", "Сенкевич", "Сенкевич"}};
static const struct paradigm iv_m = {{"Юрків", "Юркова", "Юркову", "Юркова", "Юрковим", "Юркові", "Юркове"}};
static const struct paradigm iv_f = {{"Юрків", "Юрків", "Юрків", "Юрків", "Юрків", "Юрків", "Юрків"}};
static const struct paradigm cons_m = {{"Вовк", "Вовка", "Вовку", "Вовка", "Вовком", "Вовкові", "Вовку"}};
static const struct paradigm cons_f = {{"Вовк", "Вовк", "Вовк", "Вовк", "Вовк", "Вовк", "Вовк"}};
static const struct paradigm a_m = {{"Калина", "Калини", "Калині", "Калину", "Калиною", "Калині", "Калино"}};
static const struct paradigm ya_f = {{"Зозуля", "Зозулі", "Зозулі", "Зозулю", "Зозулею", "Зозулі", "Зозуле"}};

static void enko_male(void **s) { (void)s; check_class(&enko_m, 0); check_class_surname_first(&enko_m, 0); }
static void enko_female(void **s) { (void)s; check_class(&enko_f, 1); check_class_surname_first(&enko_f, 1); }
static void uk_male(void **s) { (void)s; check_class(&uk_m, 0); check_class_surname_first(&uk_m, 0); }
static void uk_female(void **s) { (void)s; check_class(&uk_f, 1); check_class_surname_first(&uk_f, 1); }
static void skyi_male(void **s) { (void)s; check_class(&sky_m, 0); check_class_surname_first(&sky_m, 0); }
static void tska_female(void **s) { (void)s; check_class(&sky_f, 1); check_class_surname_first(&sky_f, 1); }
static void ych_male(void **s) { (void)s; check_class(&ych_m, 0); check_class_surname_first(&ych_m, 0); }
static void ych_female(void **s) { (void)s; check_class(&ych_f, 1); check_class_surname_first(&ych_f, 1); }
static void iv_male(void **s) { (void)s; check_class(&iv_m, 0); }
static void iv_female(void **s) { (void)s; check_class(&iv_f, 1); }
static void consonant_male(void **s) { (void)s; check_class(&cons_m, 0); }
static void consonant_female(void **s) { (void)s; check_class(&cons_f, 1); }
static void a_ending_male(void **s) { (void)s; check_class(&a_m, 0); }
static void ya_ending_female(void **s) { (void)s; check_class(&ya_f, 1); }

static void initials_every_form(void **s)
{
	(void)s;
	expect_name("Шевченко Т.Г.");
	expect_name("Шевченко Т. Г.");
	expect_name("Т.Г. Шевченко");
	expect_name("Т. Г. Шевченко");
	expect_name("Т. Шевченку");
	assert_string_equal(names("Текст", "покласти на С.Балакіреву контроль", NULL), "[С.Балакіреву]");
	assert_string_equal(names("Текст", "передано на розгляд О. Л. Сидорчуку.", NULL), "[О. Л. Сидорчуку]");
}

static void capitals(void **s)
{
	(void)s;
	expect_name("Борис ФІЛАТОВ");
	expect_name("ШЕВЧЕНКО Тарас Григорович");
	expect_name("ШЕВЧЕНКО ТАРАС ГРИГОРОВИЧ");
	expect_name("Анні ЛЕЩУК");
}

static void declined_in_letters(void **s)
{
	(void)s;
	assert_string_equal(names("Текст", "між Олексієм Вискубом укладено договір", NULL), "[Олексієм Вискубом]");
	assert_string_equal(names("Текст", "заява Міністра цифрової трансформації Михайла Федорова", NULL),
			    "[Михайла Федорова]");
	assert_string_equal(names("Текст", "виплату здійснено Шевченку Тарасу Григоровичу", NULL),
			    "[Шевченку Тарасу Григоровичу]");
}

static void russian_spellings(void **s)
{
	(void)s;
	expect_name("Александр Сергеевич Пушкин");
	expect_name("Смирнова Наталья Алексеевна");
	expect_name("Кушніра Дмитрия Євгеновича");
}

static void apostrophes_are_one(void **s)
{
	(void)s;
	expect_name("Мар'яна Косач-Квітка");
	expect_name("Мар\xe2\x80\x99яна Косач-Квітка");    /* U+2019 */
	expect_name("Мар\xca\xbcяна Косач-Квітка");        /* U+02BC */
	expect_name("Мар`яна Косач-Квітка");
	expect_name("Мар\xc2\xb4яна Косач-Квітка");        /* U+00B4 */
	expect_name("Дем\xe2\x80\x99янчук Мар\xca\xbcяна Іванівна");
}

/* Given names the shevchenko package's list lacks, added in src/: with a
 * surname and nothing else, only the lexicon tells a given name; and
 * double given names, told by their parts. */
static void given_names_from_the_own_list(void **s)
{
	(void)s;
	expect_name("Станіслав Петренко");
	expect_name("Петренко Станіслав");
	expect_name("Станіславу Коваленку");
	expect_name("Дар'я Коваль");
	expect_name("Дар\xca\xbcї Мельник");              /* U+02BC, genitive */
	expect_name("Тихін Мельник");
	/* double given names: both parts of one sex */
	expect_name("Анна-Марія Коваль");
	expect_name("Коваль Анна-Марія Петрівна");
	expect_name("Ганні-Марії Коваль");
	expect_none("Текст", "щодо виплати Іван-Марія Коваль згідно з рішенням");
	expect_none("Текст", "мешкає в Івано-Франківськ згідно з рішенням");
}

static void lookalike_letters(void **s)
{
	(void)s;
	expect_name("Шевченко Тарас Григорoвич");         /* Latin o */
	expect_name("Шевченко Ольга Петрiвна");           /* Latin i */
	expect_name("Тарас ШEВЧEНКO");                    /* Latin E, O */
}

static void combining_marks_compose(void **s)
{
	(void)s;
	expect_name("Андрии\xcc\x86 Петрович");           /* и + U+0306 */
}

static void transliteration_kmu55(void **s)
{
	char out[64];
	(void)s;
	names_translit(rs.lex, "Шевченко", strlen("Шевченко"), out, sizeof out);
	assert_string_equal(out, "Shevchenko");
	names_translit(rs.lex, "Згурський", strlen("Згурський"), out, sizeof out);
	assert_string_equal(out, "Zghurskyi");
	names_translit(rs.lex, "Юрій", strlen("Юрій"), out, sizeof out);
	assert_string_equal(out, "Yurii");
	expect_name("Taras Shevchenko");
	expect_name("Zghurskyi Ivan");
	expect_name("Shevchenko Taras Hryhorovych");
}

static void tokens_keep_compounds(void **s)
{
	struct tokens t;
	const char *v = "Івано-Франківськ, Мар'яна Косач-Квітка";
	(void)s;
	tokens_init(&t);
	assert_int_equal(tokens_scan(&t, rs.lex, v, strlen(v), TOK_NAMES), 1);
	assert_int_equal(t.n, 3);
	assert_string_equal(token_key(&t, 0), "івано-франківськ");
	assert_string_equal(token_key(&t, 1), "мар'яна");
	assert_string_equal(token_key(&t, 2), "косач-квітка");
	assert_int_equal(t.v[1].sep, SEP_COMMA);
	tokens_release(&t);
}

/* Every separator the tokenizer joins a name's words by, as the quick
 * look for two capitalised words sees them too. */
static void names_across_every_space(void **s)
{
	(void)s;
	expect_name("Тарас\xc2\xa0Шевченко");             /* U+00A0 */
	expect_name("Тарас\tШевченко");
	expect_name("Тарас\xe2\x80\xaf\xe2\x80\x89 Шевченко"); /* U+202F, U+2009 */
	expect_name("Т.Г.Шевченко");
	expect_name("Шевченко Т.Г.");
	expect_name("І. Петренко");
	assert_string_equal(names("Примітка", "було (Тарас Шевченко)", NULL), "[Тарас Шевченко]");
	expect_whole("Примітка", "ТАРАС ШЕВЧЕНКО");
	expect_name("Ганна Ґудзь");
	expect_none("Примітка", "копія: Іван. Петро");
}

/* tokens_scan skips what cannot hold a name, and only that. */
static void tokens_only_where_a_name_can_be(void **s)
{
	struct tokens t;
	const char *sentence = "Прошу розглянути звернення. Вода в кранах має запах, Дякую";
	const char *lower = "одноразова матеріальна допомога на лікування";
	const char *sloppy = "ковальчук олена";
	const char *pair = "виплату здійснено Горобцю Іллі";
	const char *citizen = "Заявник є громадянином України і проживає в громаді.";
	const char *owner = "власник ТОВ на зв'язок не виходить";
	const char *titled = "передати громадянину Бондаренку документи";
	(void)s;
	tokens_init(&t);
	assert_int_equal(tokens_scan(&t, rs.lex, sentence, strlen(sentence), TOK_NAMES), 0);
	assert_int_equal(t.n, 0);
	assert_int_equal(tokens_scan(&t, rs.lex, sentence, strlen(sentence), TOK_CAPITAL), 1);
	assert_int_equal(tokens_scan(&t, rs.lex, lower, strlen(lower), TOK_CAPITAL), 0);
	assert_int_equal(tokens_scan(&t, rs.lex, lower, strlen(lower), TOK_ALL), 1);
	assert_int_equal(t.n, 5);
	assert_string_equal(token_key(&t, 2), "допомога");
	/* two to four words in a name column: a name typed in lower case */
	assert_int_equal(tokens_scan(&t, rs.lex, sloppy, strlen(sloppy), TOK_CAPITAL), 1);
	assert_int_equal(tokens_scan(&t, rs.lex, pair, strlen(pair), TOK_NAMES), 1);
	assert_int_equal(t.n, 4);
	assert_string_equal(token_key(&t, 3), "іллі");
	/* after a word for a person, a capital the lexicons know as no
	 * part of a name: no surname can follow, nothing to tokenize */
	t.titled = 1;
	assert_int_equal(names_titled_may_be(rs.lex, &t, citizen, strlen(citizen)), 0);
	assert_int_equal(names_titled_may_be(rs.lex, &t, owner, strlen(owner)), 0);
	assert_int_equal(names_titled_may_be(rs.lex, &t, titled, strlen(titled)), 1);
	tokens_release(&t);
}

/* Keys made the quick way (the tokenizer's tables, character by
 * character) and the ICU way (ufold_key) agree. */
static void word_keys(void **s)
{
	static const struct { const char *word, *key; unsigned info; } cases[] = {
		{"допомога", "допомога", UF_CYRILLIC},
		{"Шевченко", "шевченко", UF_CYRILLIC | UF_UPPER_FIRST},
		{"ШЕВЧЕНКО", "шевченко", UF_CYRILLIC | UF_UPPER_FIRST | UF_ALL_UPPER},
		{"мар\xe2\x80\x99яна", "мар'яна", UF_CYRILLIC},
		{"мар`яна", "мар'яна", UF_CYRILLIC},
		{"шeвчeнкo", "шевченко", UF_CYRILLIC | UF_LOOKALIKE},
		{"street", "street", UF_LATIN},
		{"Straße", "straße", UF_LATIN | UF_UPPER_FIRST},
		{"Андрии\xcc\x86", "андрий", UF_CYRILLIC | UF_UPPER_FIRST}, /* и + U+0306 */
	};
	const struct ufold *f = &rs.lex->fold;
	struct tokens t;
	char out[96], word[200];
	size_t i, n;
	unsigned info;
	(void)s;
	tokens_init(&t);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		n = ufold_key(f, cases[i].word, strlen(cases[i].word), out, sizeof out, &info);
		assert_int_equal(n, strlen(cases[i].key));
		assert_string_equal(out, cases[i].key);
		assert_int_equal(info, cases[i].info);
		assert_int_equal(tokens_scan(&t, rs.lex, cases[i].word, strlen(cases[i].word), TOK_ALL), 1);
		assert_int_equal(t.n, 1);
		assert_string_equal(token_key(&t, 0), cases[i].key);
		assert_int_equal(t.v[0].keylen, n);
		assert_int_equal(t.v[0].info, cases[i].info);
	}
	/* a word too long for a key is cut the same both ways */
	for (i = 0; i + 2 < 180; i += 2)
		memcpy(word + i, "\xd0\x90", 2); /* А */
	n = ufold_key(f, word, i, out, sizeof out, &info);
	assert_true(n > 0 && n < sizeof out);
	assert_int_equal(tokens_scan(&t, rs.lex, word, i, TOK_ALL), 1);
	assert_int_equal(t.v[0].keylen, n);
	assert_int_equal(t.v[0].info, info);
	assert_memory_equal(token_key(&t, 0), out, n + 1);
	tokens_release(&t);
	assert_int_equal(ufold_next_capital(f, "abc Їжак", strlen("abc Їжак"), 0), 4);
	assert_int_equal(ufold_next_capital(f, "їжак, ïx", strlen("їжак, ïx"), 0), strlen("їжак, ïx"));
	assert_true(ufold_capital_at(f, "\xc3\x89mile", 6));  /* É */
}

/*
 * The tokenizer's quick paths (plain Cyrillic words, the look for a
 * capital in the word before a capital) give what the general paths
 * give, on values made of pieces that end or continue a word every way
 * (capitals, є і ї ґ, apostrophes, hyphens, Latin look-alikes, marks,
 * spaces, dots, digits, quotes, words past the key's length, bytes no
 * encoder writes). The fast ranges are struct ufold's, too.
 */
static void fast_words_as_general(void **s)
{
	static const char *const piece[] = {
		"а", "п", "р", "я", "ь", "є", "і", "ї", "ґ", "ё", "ѐ", "џ", "А", "Я", "Є", "І", "Ї", "Ґ",
		"Ш", "ев", "ченко", "ович", "івна", "'", "\xe2\x80\x99", "`", "-", "/", ".", ",", " ",
		"\xc2\xa0", "\t", "e", "o", "Z", "x", "\xcc\x86", "1", "23", "\xd0", "\xd1", "\xbf",
		"\xd1\xbf", "\xd0\x80", "щщщщщщщщщщщщщщщщщщщщщщщщ", "\xe2\x80\x89", "й", "ў", "\xc3\xa9",
		" Іван", " Петренко", "правильність ", "звернення. ", "(", "»", "\xc2\xab", "Ѡ", "ѡ",
		/* runs of lower-case words, one space apart (lower_run) */
		" на", " до", " прошу розглянути", " щщщщщщщщщщщщщщщщщщщщщщщщщщщщщщщщ",
	};
	const struct ufold *f = &rs.lex->fold;
	struct tokens fast, general;
	char v[400];
	uint32_t seed = 12345, d;
	size_t i, n, k;
	(void)s;
	/* а-п D0 B0-BF, р-я and ѐ-џ D1 80-9F: lower-case Cyrillic letters
	 * whose key is their own bytes */
	for (d = 0x430; d < 0x460; d++) {
		char b[4];
		memcpy(b, &f->key8[d], 4);
		assert_int_equal(f->letter[d], UL_LETTER | UL_CYRILLIC);
		assert_int_equal(f->key8len[d], 2);
		assert_int_equal((unsigned char)b[0], 0xC0 | d >> 6);
		assert_int_equal((unsigned char)b[1], 0x80 | (d & 0x3F));
	}
	tokens_init(&fast);
	tokens_init(&general);
	general.general = 1;
	for (i = 0; i < 20000; i++) {
		size_t pieces;
		seed = seed * 1103515245u + 12345u;
		pieces = 1 + (seed >> 16) % 48;
		for (n = 0, k = 0; k < pieces; k++) {
			const char *p;
			seed = seed * 1103515245u + 12345u;
			p = piece[(seed >> 16) % (sizeof piece / sizeof piece[0])];
			if (n + strlen(p) >= sizeof v)
				break;
			memcpy(v + n, p, strlen(p));
			n += strlen(p);
		}
		assert_int_equal(tokens_scan(&fast, rs.lex, v, n, TOK_ALL),
				 tokens_scan(&general, rs.lex, v, n, TOK_ALL));
		if (!tokens_same(&fast, &general))
			fail_msg("fast and general tokens differ on case %zu", i);
		/* the look for two capitalised words side by side too */
		assert_int_equal(tokens_scan(&fast, rs.lex, v, n, TOK_NAMES),
				 tokens_scan(&general, rs.lex, v, n, TOK_NAMES));
	}
	tokens_release(&fast);
	tokens_release(&general);
}

static void streets_and_institutions_are_not_persons(void **s)
{
	(void)s;
	expect_none("Текст", "ремонт дороги на вул. Шевченка триває");
	expect_none("Текст", "вулиця Івана Франка перекрита");
	expect_none("Текст", "школа імені Т.Г. Шевченка");
	expect_none("Текст", "Київський університет імені Тараса Шевченка");
	expect_none("Текст", "КНП «Лікарня ім. Олександра Мечникова»");
}

static void common_nouns_need_support(void **s)
{
	(void)s;
	expect_none("Текст", "вночі вдарив мороз");
	expect_none("Текст", "Мороз вдарив уночі");
	expect_none("Текст", "Управління освіти, КП Водоканал, Школа № 5");
	expect_name("Мороз Тамара");
	expect_name("Коваль І.П.");
	expect_whole("ПІБ", "Мельник");
}

static void sentence_words_are_not_surnames(void **s)
{
	(void)s;
	expect_none("Текст", "Прошу Тараса зателефонувати");
	expect_none("Текст", "Повідомляю, що Надія є");
}

/* A lone surname after a word for a person, in its case; what the
 * lexicons know as something else is not one. */
static void surname_after_a_word_for_a_person(void **s)
{
	(void)s;
	assert_string_equal(names("Текст", "Звернувся гр. Коваленко з проханням", NULL), "[Коваленко]");
	assert_string_equal(names("Текст", "гр.Шевчук", NULL), "[Шевчук]");
	assert_string_equal(names("Текст", "передати громадянину Бондаренку документи", NULL),
			    "[Бондаренку]");
	assert_string_equal(names("Текст", "Скарга на дії громадянки Лозинської", NULL), "[Лозинської]");
	assert_string_equal(names("Текст", "вплинути на мешканку Іваненко", NULL), "[Іваненко]");
	/* a surname that is a common noun: the word vouches for it */
	assert_string_equal(names("Текст", "Заявник Середа з рішенням ознайомлений", NULL), "[Середа]");
	assert_string_equal(names("Текст", "лист пані Вороні", NULL), "[Вороні]");
	/* a patronymic-like surname with initials, after a sentence's first word */
	assert_string_equal(names("Текст", "Заяву Петрович М. Г. задоволено", NULL), "[Петрович М. Г.]");
	/* short patronymics (Ілля, Лука, Хома, Сава) and a common-noun surname's forms */
	expect_whole("Текст", "Бондаренко Сергій Ілліч");
	expect_whole("Текст", "Назаренко Степан Лукич");
	expect_whole("Текст", "Сидоренко Петро Хомич");
	expect_whole("Текст", "Степана Андрійовича Солов'я");
	/* a surname that is also a given name of the same sex, after Ім'я По батькові */
	assert_string_equal(names("Текст", "Звернувся Федір Валерійович Мовчан щодо", NULL),
			    "[Федір Валерійович Мовчан]");
	assert_string_equal(names("Текст", "доручити Івану Петровичу Степану Олеговичу", NULL),
			    "[Івану Петровичу][Степану Олеговичу]");
	/* a double surname whose first part has a surname's ending */
	assert_string_equal(names("Текст", "Лисенко-Ткач Оксана, вул. Київська", NULL), "[Лисенко-Ткач Оксана]");
	/* a relative's given name after a word for kin; not the polite "you" */
	assert_string_equal(names("Текст", "Мій син Андрій, учень 5-Б класу, постраждав", NULL), "[Андрій]");
	assert_string_equal(names("Текст", "допомогу доньці Олені Петренко", NULL), "[Олені Петренко]");
	expect_none("Текст", "Прошу мати Вашу згоду на це");
	/* the name after the word ends at a sentence's dot */
	assert_string_equal(names("Текст", "путівку моїй доньці Ганні. Сусід Петренко Іван просить", NULL),
			    "[Ганні][Петренко Іван]");
	expect_none("Текст", "Прибуло 30 чоловік Київської громади");
	/* the name's words the lexicons do not know go with it */
	assert_string_equal(names("Текст", "Заява від пана Джона Сміта щодо оренди", NULL), "[Джона Сміта]");
	assert_string_equal(names("Текст", "Пані Олена Кісь скаржиться", NULL), "[Олена Кісь]");
	assert_string_equal(names("Текст", "гр. Коваленко Київської області", NULL), "[Коваленко]");
	/* a longer name is the whole name, once */
	assert_string_equal(names("Текст", "пан Ткаченко Іван Петрович", NULL), "[Ткаченко Іван Петрович]");
	/* not persons */
	expect_none("Текст", "Заявник є громадянином України.");
	expect_none("Текст", "власник ТОВ Альфа");
	expect_none("Текст", "гр Коваленко");          /* "гр" without its dot */
	expect_none("Текст", "панорама Києва");
	/* a letter's salutation is no surname */
	assert_string_equal(names("Текст", "Шановний Іване Петровичу! Повідомляємо", NULL), "[Іване Петровичу]");
	expect_none("Текст", "громадянин, Коваленко");  /* not right after the word */
	/* a label's colon or dash between: a form's "Заявник: …", "ПІБ: …" */
	assert_string_equal(names("Текст", "Заявник: Ковальчук, адреса не вказана", NULL), "[Ковальчук]");
	assert_string_equal(names("Текст", "заявниця — Шевчук Олена", NULL), "[Шевчук Олена]");
	assert_string_equal(names("Текст", "Заявник - Ковальчук", NULL), "[Ковальчук]");
	assert_string_equal(names("Текст", "ПІБ заявника: Ковальчук", NULL), "[Ковальчук]");
	assert_string_equal(names("Текст", "ПІБ: Ковальчук", NULL), "[Ковальчук]");
	assert_string_equal(names("Текст", "звернулась на прізвище Коваль", NULL), "[Коваль]");
	/* a neighbour is a word for a person, not a surname: the name after
	 * it is whole, initials and all */
	assert_string_equal(names("Текст", "Сусідка Хома У.А. просить зв'язатися", NULL), "[Хома У.А.]");
	assert_string_equal(names("Текст", "моя сусідка Коваль скаржиться", NULL), "[Коваль]");
	/* a private entrepreneur is a person */
	assert_string_equal(names("Текст", "договір з ФОП Коваль на постачання", NULL), "[Коваль]");
	assert_string_equal(names("Текст", "СПД Петренко", NULL), "[Петренко]");
	expect_none("Текст", "договір з ТОВ Коваль");
	expect_none("Текст", "Заявник: ТОВ Альфа");
	expect_none("Текст", "заявник (Ковальчук)");    /* a bracket is no label's mark */
	expect_none("Текст", "заявник: - Ковальчук");   /* nor two marks */
	assert_string_equal(names("Текст", "Заявник:\tКовальчук", NULL), "[Ковальчук]");
	assert_string_equal(names("Текст", "Заявник:\xC2\xA0Ковальчук", NULL), "[Ковальчук]");
	/* a colon needs no space after it, a dash does (the gate looks at
	 * a capital after a colon, not after a dash): both ways the same,
	 * whatever else in the value is found */
	assert_string_equal(names("Текст", "Заявник:Ковальчук", NULL), "[Ковальчук]");
	assert_string_equal(names("Текст", "Заявник:Ковальчук, Петренко Іван", NULL),
			    "[Ковальчук][Петренко Іван]");
	expect_none("Текст", "заявниця —Шевчук");
	assert_string_equal(names("Текст", "заявниця —Шевчук, Петренко Іван", NULL), "[Петренко Іван]");
}

static void titles_mark_officials(void **s)
{
	unsigned flags;
	(void)s;
	assert_string_equal(names("Текст", "міський голова Борис ФІЛАТОВ", &flags), "[Борис ФІЛАТОВ]");
	assert_true(flags & F_OFFICIAL);
	assert_string_equal(names("Текст", "начальник управління соціального захисту населення Геннадій МИСНИК",
				  &flags), "[Геннадій МИСНИК]");
	assert_true(flags & F_OFFICIAL);
	assert_string_equal(names("Текст", "Шевченко Т.Г., заступник міського голови", &flags), "[Шевченко Т.Г.]");
	assert_true(flags & F_OFFICIAL);
	assert_string_equal(names("Текст", "сусід Шевченко Т.Г. скаржиться", &flags), "[Шевченко Т.Г.]");
	assert_false(flags & F_OFFICIAL);
	assert_string_equal(names("signatory", "Гуменюк О.А.", &flags), "[Гуменюк О.А.]");
	assert_true(flags & F_OFFICIAL);
}

/* A name column's value typed in lower case (or with a comma, or with
 * initials without dots) is a name when two of its words are a name's
 * parts, a given name or an initial among them; a phrase is not. */
static void name_column_in_lower_case(void **s)
{
	(void)s;
	expect_whole("ПІБ", "ковальчук олена петрівна");
	expect_whole("ПІБ", "ковальчук Олена Петрівна");
	expect_whole("ПІБ", "КОВАЛЬЧУК олена");
	expect_whole("ПІБ", "мельник іван");
	expect_whole("ПІБ", "ковальчук о.п.");
	expect_whole("ПІБ", "ковальчук м.с.");
	expect_whole("ПІБ", "шевченко д.к.");
	expect_whole("ПІБ", "ковальчук анна-марія");
	/* the same fallback for what the shapes take not whole or not at
	 * all: a comma, initials without dots */
	expect_whole("ПІБ", "Ковальчук, Олена");
	expect_whole("ПІБ", "Ковальчук Олена, Петрівна");
	expect_whole("ПІБ", "КОВАЛЬЧУК О П");
	expect_whole("ПІБ", "Петренко Іван Іванович");
	expect_none("ПІБ", "ТОВ Альфа, Київ");
	expect_none("ПІБ", "фізична особа-підприємець");
	expect_none("ПІБ", "технічна перевірка");
	expect_none("ПІБ", "не вказано");
	expect_none("ПІБ", "дані відсутні");
	expect_none("ПІБ", "м. рівне");
	expect_none("ПІБ", "вул. шевченка");
	/* outside a name column, lower case is no name */
	expect_none("Примітка", "ковальчук олена петрівна");
}

static void name_column_takes_weak_shapes(void **s)
{
	(void)s;
	expect_whole("ПІБ", "Кулиш Віктор");
	expect_none("Назва установи", "Виконавчий комітет міської ради");
	expect_none("ПІБ", "ТОВ «Вектор-Плюс»");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(enko_male), cmocka_unit_test(enko_female),
		cmocka_unit_test(uk_male), cmocka_unit_test(uk_female),
		cmocka_unit_test(skyi_male), cmocka_unit_test(tska_female),
		cmocka_unit_test(ych_male), cmocka_unit_test(ych_female),
		cmocka_unit_test(iv_male), cmocka_unit_test(iv_female),
		cmocka_unit_test(consonant_male), cmocka_unit_test(consonant_female),
		cmocka_unit_test(a_ending_male), cmocka_unit_test(ya_ending_female),
		cmocka_unit_test(initials_every_form), cmocka_unit_test(capitals),
		cmocka_unit_test(declined_in_letters), cmocka_unit_test(russian_spellings),
		cmocka_unit_test(apostrophes_are_one), cmocka_unit_test(given_names_from_the_own_list),
		cmocka_unit_test(lookalike_letters),
		cmocka_unit_test(combining_marks_compose), cmocka_unit_test(transliteration_kmu55),
		cmocka_unit_test(tokens_keep_compounds), cmocka_unit_test(names_across_every_space),
		cmocka_unit_test(tokens_only_where_a_name_can_be), cmocka_unit_test(word_keys),
		cmocka_unit_test(fast_words_as_general),
		cmocka_unit_test(streets_and_institutions_are_not_persons),
		cmocka_unit_test(common_nouns_need_support), cmocka_unit_test(sentence_words_are_not_surnames),
		cmocka_unit_test(surname_after_a_word_for_a_person),
		cmocka_unit_test(titles_mark_officials), cmocka_unit_test(name_column_takes_weak_shapes),
		cmocka_unit_test(name_column_in_lower_case),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
