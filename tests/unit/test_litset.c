/*
 * test_litset.c — the set of literals (rules/litset.c) answers as the
 * plain way does (each literal compared at each place): literals of one
 * byte, of two and three (no four-byte filter), of four to eight (one
 * compare), and longer (a compare of the rest), ASCII and Cyrillic, in
 * subjects cut anywhere, with bytes no encoder writes among them.
 */
#include "tests/unit/support.h"

#include <string.h>

#include "rules/litset.h"

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
		}
	}
	litset_release(&ls);
}

static const char *const pieces[] = {
	"вул", "Вул", "вулиця", "просп", "пр", "п", "р", "мікрорайон", "мікро", "м.", "@", "St.", "S",
	"t", "str", " ", ".", "1", "а", "я", "\xD0", "\x80", "\xFF", "тел", "те", "т", "ел", "№", "x",
};

/* Street types as a gate has them: words of every length, one byte none. */
static void words_of_every_length(void **s)
{
	static const char *const lits[] = { "вул", "Вул", "вулиц", "просп", "пр-т", "пл.", "мікрорайон",
					    "м-н", "St.", "str.", "ul." };
	(void)s;
	check(lits, sizeof lits / sizeof *lits, pieces, sizeof pieces / sizeof *pieces, 3000);
}

/* One-byte literals beside longer ones, and keys cut inside a character
 * (a context list's eight-byte keys). */
static void one_byte_and_cut_keys(void **s)
{
	static const char *const lits[] = { "@", "\xD1\x82\xD0\xB5\xD0\xBB", "\xD1\x82\xD0", "№",
					    "te", "" };
	(void)s;
	check(lits, sizeof lits / sizeof *lits, pieces, sizeof pieces / sizeof *pieces, 3000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(words_of_every_length),
		cmocka_unit_test(one_byte_and_cut_keys),
	};
	return cmocka_run_group_tests_name("litset", tests, NULL, NULL);
}
