/*
 * test_unicode.c — the UTF-8 validator against a plain reference
 * implementation, on valid Ukrainian text, every kind of invalid sequence,
 * and a million random buffers (its word-at-a-time loop must agree with
 * the byte-at-a-time definition everywhere, cut points included).
 */
#include "tests/unit/support.h"

#include <stdlib.h>
#include <string.h>

#include "scanner/unicode.h"

/* RFC 3629 byte by byte: the definition the fast validator must match. */
static size_t ref_valid(const unsigned char *s, size_t n, int *trunc)
{
	size_t i = 0;
	*trunc = 0;
	while (i < n) {
		unsigned c = s[i], need, k, lo = 0x80, hi = 0xBF;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			need = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 2, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 3, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
		else
			return i;
		for (k = 1; k <= need; k++) {
			if (i + k >= n) {
				*trunc = 1;
				return i;
			}
			if (s[i + k] < (k == 1 ? lo : 0x80) || s[i + k] > (k == 1 ? hi : 0xBF))
				return i;
		}
		i += need + 1;
	}
	return n;
}

static void check(const char *s, size_t n)
{
	int t1, t2;
	size_t a = utf8_valid_prefix(s, n, &t1), b = ref_valid((const unsigned char *)s, n, &t2);
	assert_int_equal(a, b);
	if (a < n)
		assert_int_equal(t1, t2);
}

static void valid_ukrainian_text_is_valid(void **state)
{
	const char *s = "Мар’яна Ґудзь, їжак є; № 8-30/7 — «лапки» 𝄞 ok";
	size_t i;
	(void)state;
	for (i = 0; i <= strlen(s); i++) /* every cut, also mid-character */
		check(s, i);
	check(s, strlen(s));
	{
		int t;
		assert_int_equal(utf8_valid_prefix(s, strlen(s), &t), strlen(s));
	}
}

static void each_invalid_kind_stops_at_its_byte(void **state)
{
	static const char *const bad[] = {
		"abcdefgh\xC0\xAFxyz",            /* overlong lead */
		"Київ Київ\xC1\xBF",              /* overlong lead */
		"0123456\x80",                    /* lone continuation */
		"ПриветПри\xD0",                  /* truncated lead at the end */
		"ПриветПри\xD0 abc",              /* lead without continuation */
		"12345678\xED\xA0\x80",           /* surrogate */
		"12345678\xF4\x90\x80\x80",       /* above U+10FFFF */
		"абвгдеєж\xE0\x80\x80",           /* overlong three bytes */
		"абвгдеєж\xFF",
		"абв\xD1\xD1",
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		check(bad[i], strlen(bad[i]));
}

static void random_buffers_agree_with_the_reference(void **state)
{
	static const unsigned char pool[] = { 'a', ' ', 0xD0, 0xD1, 0xD2, 0x90, 0xBF, 0x80, 0xE2,
					      0x84, 0x96, 0xC0, 0xC1, 0xF0, 0x9F, 0xED, 0xA0, 0xFF };
	char buf[40];
	unsigned long x = 88172645463325252ul;
	size_t iter, k;
	(void)state;
	for (iter = 0; iter < 1000000; iter++) {
		size_t n = 0;
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		n = x % sizeof buf;
		for (k = 0; k < n; k++) {
			x ^= x << 13; x ^= x >> 7; x ^= x << 17;
			buf[k] = (char)pool[x % sizeof pool];
		}
		check(buf, n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_ukrainian_text_is_valid),
		cmocka_unit_test(each_invalid_kind_stops_at_its_byte),
		cmocka_unit_test(random_buffers_agree_with_the_reference),
	};
	return cmocka_run_group_tests_name("unicode", tests, NULL, NULL);
}
