/*
 * test_litset.c — the set of literals (rules/litset.c) answers as the
 * plain way does (each literal compared at each place): literals of one
 * byte, of two and three (no four-byte filter), of four to eight (one
 * compare), and longer (a compare of the rest; several longer ones with
 * the same first eight bytes), ASCII and Cyrillic, in
 * subjects cut anywhere, with bytes no encoder writes among them; and
 * litset_next_word as the plain way asked only where a word may begin.
 */
#include "tests/unit/support.h"

#include <string.h>

#include "rules/litset.h"
#include "scanner/unicode.h"

static int plain_at(const char *const *lits, size_t n, const char *s, size_t len, size_t i)
{
	size_t k;
	for (k = 0; k < n; k++) {
		size_t l = strlen(lits[k]);
		if (l && l <= len - i && !memcmp(s + i, lits[k], l))
			return 1;
	}
	return 0;
}

/* litset_next_word's rule written plainly: no ASCII letter or digit, and
 * no letter U+0400-U+047F (D0 or D1 and a second byte), right before. */
static int plain_word_start(const char *str, size_t i)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char b;
	if (!i)
		return 1;
	b = s[i - 1];
	if (b < 0x80)
		return !((b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'));
	return !(i >= 2 && (s[i - 2] == 0xD0 || s[i - 2] == 0xD1) && b >= 0x80 && b <= 0xBF);
}

static void check(const char *const *lits, size_t nlits, const char *const *pieces, size_t npieces,
		  int rounds)
{
	struct litset ls;
	char buf[256];
	uint64_t seed = 99;
	int r;
	litset_init(&ls, lits, nlits);
	for (r = 0; r < rounds; r++) {
		size_t len = random_text(buf, sizeof buf, pieces, npieces, 12, &seed), i, next;
		for (i = 0; i <= len; i++) {
			int want = i < len && plain_at(lits, nlits, buf, len, i);
			if (litset_at(&ls, buf, len, i) != want)
				fail_msg("'%s' at %zu: litset %d, plain %d", buf, i, !want, want);
		}
		for (i = 0; i <= len; i++) {
			size_t k = i;
			while (k < len && !plain_at(lits, nlits, buf, len, k))
				k++;
			next = litset_next(&ls, buf, len, i);
			if (next != k)
				fail_msg("'%s' from %zu: litset_next %zu, plain %zu", buf, i, next, k);
			k = i;
			while (k < len && !(plain_word_start(buf, k) && plain_at(lits, nlits, buf, len, k)))
				k++;
			next = litset_next_word(&ls, buf, len, i);
			if (next != k)
				fail_msg("'%s' from %zu: litset_next_word %zu, plain %zu", buf, i, next, k);
		}
	}
	litset_release(&ls);
}

static const char *const pieces[] = {
	"вул", "Вул", "вулиця", "просп", "пр", "п", "р", "мікрорайон", "мікро", "м.", "@", "St.", "S",
	"t", "str", " ", ".", "1", "а", "я", "\xD0", "\x80", "\xFF", "тел", "те", "т", "ел", "№", "x",
	"\xC3\xA9", "\xD2\x82", "\xC2\xA0", "-", "Z", "_", "вчи", "e", "йон", "фон",
};

/* Street types as a gate has them: words of every length, one byte none
 * (two longer than eight bytes that begin with the same eight). */
static void words_of_every_length(void **s)
{
	static const char *const lits[] = { "вул", "Вул", "вулиц", "просп", "пр-т", "пл.", "мікрорайон",
					    "мікрофон", "м-н", "St.", "str.", "ul." };
	(void)s;
	check(lits, sizeof lits / sizeof *lits, pieces, sizeof pieces / sizeof *pieces, 3000);
}

/* One-byte literals beside longer ones, and keys cut inside a character
 * (a context list's eight-byte keys). */
static void one_byte_and_cut_keys(void **s)
{
	static const char *const lits[] = { "@", "\xD1\x82\xD0\xB5\xD0\xBB", "\xD1\x82\xD0", "№",
					    "te", "я", "" };
	(void)s;
	check(lits, sizeof lits / sizeof *lits, pieces, sizeof pieces / sizeof *pieces, 3000);
}

/* A set of spellings (litset_init_spelled): every case of the words'
 * first eight bytes, nothing else. */
static void every_case_of_the_words(void **s)
{
	static const char *const words[] = { "вул", "просп", "street", "ж/м" };
	static const char *const yes[] = { "вул", "ВУЛ", "Вул", "вУл", "ПРОСП", "Просп", "просп",
					   "street", "STREET", "Street", "ж/м", "Ж/М" };
	static const char *const no[] = { "вал", "про", "strt", "ж-м", "ул" };
	struct litset_word w[4];
	struct litset ls;
	size_t i;
	(void)s;
	for (i = 0; i < 4; i++) {
		uint32_t cps[LITSET_CPS];
		size_t n = utf8_decode_str(words[i], cps, LITSET_CPS);
		assert_int_equal(litset_word_spell(&w[i], cps, NULL, n, 1), 0);
	}
	assert_int_equal(litset_init_spelled(&ls, w, 4), 0);
	for (i = 0; i < sizeof yes / sizeof *yes; i++)
		if (!litset_at(&ls, yes[i], strlen(yes[i]), 0))
			fail_msg("'%s' not in the set", yes[i]);
	for (i = 0; i < sizeof no / sizeof *no; i++)
		if (litset_at(&ls, no[i], strlen(no[i]), 0))
			fail_msg("'%s' in the set", no[i]);
	litset_release(&ls);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(words_of_every_length),
		cmocka_unit_test(one_byte_and_cut_keys),
		cmocka_unit_test(every_case_of_the_words),
	};
	return cmocka_run_group_tests_name("litset", tests, NULL, NULL);
}
