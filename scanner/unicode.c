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
 * Validates one character (or a run of ASCII) at s[i] the plain way; the
 * word loop below hands over to this wherever it cannot decide. Returns
 * the index after it, or sets *bad (with *truncated when the sequence is
 * only cut by the end of the buffer).
 */
static size_t one_char(const unsigned char *s, size_t n, size_t i, int *bad, int *truncated)
{
	unsigned c = s[i], lo = 0x80, hi = 0xBF;
	size_t need, k;
	if (c < 0x80)
		return i + 1;
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
	} else {
		*bad = 1;
		return i;
	}
	for (k = 1; k <= need; k++) {
		unsigned d;
		if (i + k >= n) {
			*bad = 1;
			*truncated = 1;
			return i;
		}
		d = s[i + k];
		if (d < (k == 1 ? lo : 0x80) || d > (k == 1 ? hi : 0xBF)) {
			*bad = 1;
			return i;
		}
	}
	return i + need + 1;
}

#define HIGH 0x8080808080808080ull

/*
 * Ukrainian text is ASCII and two-byte sequences (all of Cyrillic), so the
 * main loop checks eight bytes at a time: with no byte of 111xxxxx (a
 * three- or four-byte lead) and no overlong lead C0/C1, the word is valid
 * exactly when every continuation byte (10xxxxxx) follows a lead byte
 * (110xxxxx) and every lead is followed by one — that is, when the mask of
 * continuations equals the mask of leads shifted by one byte, with a lead
 * in the last byte carried into the next word. Anything else goes through
 * one_char.
 */
size_t utf8_valid_prefix(const char *str, size_t n, int *truncated)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	*truncated = 0;
	while (i < n) {
		uint64_t carry = 0;
		int bad = 0;
		while (i + 8 <= n) {
			uint64_t w, hi, b6, lead, cont, nz;
			memcpy(&w, s + i, 8);
			hi = w & HIGH;
			if (!hi && !carry) {
				i += 8;
				continue;
			}
			b6 = (w << 1) & HIGH;
			lead = hi & b6;
			cont = hi & ~b6;
			if (lead & (w << 2))
				break; /* a 111xxxxx lead somewhere */
			nz = ((w & 0x1E1E1E1E1E1E1E1Eull) + 0x7E7E7E7E7E7E7E7Eull) & HIGH;
			if (lead & ~nz)
				break; /* C0 or C1 */
			if (cont != ((lead << 8) | carry))
				break;
			carry = (lead >> 56) & 0x80;
			i += 8;
		}
		if (carry)
			i--; /* back to the lead whose continuation is in the next word */
		if (i >= n)
			break;
		i = one_char(s, n, i, &bad, truncated);
		if (bad)
			return i;
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
