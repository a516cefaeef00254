/*
 * unicode.c — ICU-backed code page table and the UTF-8 validator used on
 * every input byte. The validator is the hot loop of input decoding: it
 * skips eight ASCII bytes at a time and only walks multi-byte sequences
 * one by one, which keeps it far above the speed of the CSV parser.
 */
#include "scanner/unicode.h"

#include <stdint.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include "scanner/util.h"

int cp1251_init(struct cp1251 *t)
{
	UErrorCode st = U_ZERO_ERROR;
	UConverter *cnv = ucnv_open("windows-1251", &st);
	int b;
	if (U_FAILURE(st))
		return error("ICU has no windows-1251 converter: %s", u_errorName(st));
	/* Unmapped bytes must fail, not turn into U+FFFD or SUB silently. */
	ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
	memset(t, 0, sizeof *t);
	for (b = 0; b < 256; b++) {
		char in = (char)b;
		UChar u[4];
		int32_t nu, n8 = 0;
		st = U_ZERO_ERROR;
		nu = ucnv_toUChars(cnv, u, 4, &in, 1, &st);
		if (U_FAILURE(st) || nu < 1)
			continue;
		st = U_ZERO_ERROR;
		u_strToUTF8((char *)t->utf8[b], 4, &n8, u, nu, &st);
		if (U_FAILURE(st) || n8 < 1 || n8 > 3)
			continue;
		t->len[b] = (unsigned char)n8;
	}
	ucnv_close(cnv);
	return 0;
}

/*
 * The loop is shaped for Ukrainian text: runs of ASCII are skipped eight
 * bytes at a time, and runs of two-byte sequences (all of Cyrillic) by a
 * tight loop of their own; only three- and four-byte sequences and errors
 * take the general path.
 */
size_t utf8_valid_prefix(const char *str, size_t n, int *truncated)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	*truncated = 0;
	while (i < n) {
		unsigned c;
		size_t need, k;
		unsigned lo = 0x80, hi = 0xBF;
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		while (i < n && s[i] < 0x80)
			i++;
		while (i + 1 < n && (unsigned)(s[i] - 0xC2) <= 0xDF - 0xC2 && (s[i + 1] & 0xC0) == 0x80)
			i += 2;
		if (i >= n)
			break;
		c = s[i];
		if (c < 0x80)
			continue;
		if (c >= 0xC2 && c <= 0xDF)
			need = 1;
		else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F; /* surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else
			return i;
		for (k = 1; k <= need; k++) {
			unsigned d;
			if (i + k >= n) {
				*truncated = 1;
				return i;
			}
			d = s[i + k];
			if (d < (k == 1 ? lo : 0x80) || d > (k == 1 ? hi : 0xBF))
				return i;
		}
		i += need + 1;
	}
	return n;
}

size_t utf8_count(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i, cp = 0;
	for (i = 0; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			cp++;
	return cp;
}
