/*
 * unicode.c — ICU-backed code page table and the UTF-8 validator used on
 * every input byte. The validator is the hot loop of input decoding: it
 * skips eight ASCII bytes at a time and only walks multi-byte sequences
 * one by one, which keeps it far above the speed of the CSV parser.
 * The word keys of names and addresses (ufold_*) are at the end.
 */
#include "scanner/unicode.h"

#include <stdint.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <unicode/uspoof.h>
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

/* --- word keys for names and addresses -------------------------------------- */

uint32_t utf8_decode1(const char *str, size_t n, size_t *len)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0];
	if (c < 0x80 || n < 2) {
		*len = 1;
		return c < 0x80 ? c : 0xFFFD;
	}
	if (c >= 0xC2 && c <= 0xDF && (s[1] & 0xC0) == 0x80) {
		*len = 2;
		return (uint32_t)(c & 0x1F) << 6 | (s[1] & 0x3F);
	}
	if (c >= 0xE0 && c <= 0xEF && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*len = 3;
		return (uint32_t)(c & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	}
	if (c >= 0xF0 && c <= 0xF4 && n >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
	    (s[3] & 0xC0) == 0x80) {
		*len = 4;
		return (uint32_t)(c & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
		       (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
	}
	*len = 1;
	return 0xFFFD;
}

size_t utf8_decode_str(const char *s, uint32_t *out, size_t max)
{
	size_t n = 0, at = 0, len = strlen(s), clen;
	while (at < len && n < max) {
		out[n++] = utf8_decode1(s + at, len - at, &clen);
		at += clen;
	}
	return n;
}

int ucp_is_letter(uint32_t c)
{
	return u_isalpha((UChar32)c) != 0;
}

uint32_t ucp_lower(uint32_t c)
{
	return (uint32_t)u_tolower((UChar32)c);
}

uint32_t ucp_upper(uint32_t c)
{
	return (uint32_t)u_toupper((UChar32)c);
}

size_t ucase_closure(uint32_t c, uint32_t *out, size_t max)
{
	UErrorCode ec = U_ZERO_ERROR;
	USet *set = uset_open((UChar32)c, (UChar32)c);
	int32_t i, items;
	size_t n = 0;
	if (!set)
		die("out of memory in ICU (uset_open)");
	uset_closeOver(set, USET_CASE_INSENSITIVE);
	items = uset_getItemCount(set);
	for (i = 0; i < items; i++) {
		UChar32 lo, hi, k;
		UChar str[8];
		ec = U_ZERO_ERROR;
		/* a string (a multi-character folding) has a length here */
		if (uset_getItem(set, i, &lo, &hi, str, (int32_t)(sizeof str / sizeof *str), &ec) != 0 ||
		    U_FAILURE(ec))
			continue;
		for (k = lo; k <= hi; k++, n++)
			if (n < max)
				out[n] = (uint32_t)k;
	}
	uset_close(set);
	return n;
}

size_t utf8_put(char *out, uint32_t c)
{
	unsigned char *o = (unsigned char *)out;
	if (c < 0x80) {
		o[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (unsigned char)(0xC0 | c >> 6);
		o[1] = (unsigned char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (unsigned char)(0xE0 | c >> 12);
		o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | c >> 18);
	o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (c & 0x3F));
	return 4;
}

/* The confusable skeleton of one code point, in UTF-16; 0 on failure. */
static int32_t skeleton(const USpoofChecker *sc, UChar32 c, UChar *out, int32_t cap)
{
	UChar in[2];
	int32_t n = 0;
	UErrorCode st = U_ZERO_ERROR;
	U16_APPEND_UNSAFE(in, n, c);
	n = uspoof_getSkeleton(sc, 0, in, n, out, cap, &st);
	return U_FAILURE(st) ? 0 : n;
}

/* The UL_ bits of a code point of class cl whose case fold is f: a
 * letter, its case, and its script (Cyrillic, a Latin look-alike of a
 * Cyrillic letter, other Latin). */
static unsigned letter_bits(const struct ufold *t, enum ucp_class cl, uint32_t f)
{
	unsigned lt;
	if (cl != UC_UPPER && cl != UC_LOWER)
		return 0;
	lt = UL_LETTER | (cl == UC_UPPER ? UL_UPPER : 0);
	if (f >= 0x400 && f < 0x530)
		lt |= UL_CYRILLIC;
	else if (f < UFOLD_TABLE && t->lookalike[f])
		lt |= UL_LOOKALIKE;
	else if (f < 0x250)
		lt |= UL_LATIN;
	return lt;
}

/* Is c a letter of the Ukrainian or Russian alphabet (А-я, Ё Є І Ї Ґ)? */
static int ua_ru_letter(UChar32 c)
{
	UChar32 l = c >= 0x450 && c < 0x460 ? c - 0x50 : c >= 0x400 && c < 0x410 ? c : -1;
	if (c >= 0x410 && c < 0x450)
		return 1;
	if (c == 0x490 || c == 0x491)
		return 1;
	return l == 0x401 || l == 0x404 || l == 0x406 || l == 0x407;
}

int ufold_init(struct ufold *t)
{
	enum { CYR_FIRST = 0x400, CYR_END = 0x492 };
	UErrorCode st = U_ZERO_ERROR;
	USpoofChecker *sc;
	UChar32 c, k;
	UChar cyr[CYR_END - CYR_FIRST][8];
	int32_t cyr_len[CYR_END - CYR_FIRST];
	memset(t, 0, sizeof *t);
	for (c = 0; c < UFOLD_TABLE; c++) {
		t->fold[c] = (uint16_t)u_foldCase(c, U_FOLD_CASE_DEFAULT);
		if (u_getCombiningClass(c) || (c >= 0x300 && c < 0x370))
			t->cls[c] = UC_MARK;
		else if (u_isUAlphabetic(c))
			t->cls[c] = u_isUUppercase(c) ? UC_UPPER : UC_LOWER;
	}
	/*
	 * Latin look-alikes of Cyrillic letters, as ICU's confusables data
	 * sees them: a Latin letter whose skeleton equals a Cyrillic letter's
	 * (compared in both cases, so "ШEВЧEНКO" maps like "шeвчeнкo").
	 */
	sc = uspoof_open(&st);
	if (U_FAILURE(st))
		return error("ICU spoof checker: %s", u_errorName(st));
	/* the Cyrillic skeletons once (a Latin letter is compared with each) */
	for (k = CYR_FIRST; k < CYR_END; k++)
		cyr_len[k - CYR_FIRST] = ua_ru_letter(k) ? skeleton(sc, k, cyr[k - CYR_FIRST], 8) : 0;
	for (c = 0x41; c < 0x250; c++) {
		UChar a[8];
		int32_t na;
		if (t->cls[c] != UC_LOWER && t->cls[c] != UC_UPPER)
			continue;
		if (u_getIntPropertyValue(c, UCHAR_SCRIPT) != USCRIPT_LATIN)
			continue;
		if (!(na = skeleton(sc, c, a, 8)))
			continue;
		for (k = CYR_FIRST; k < CYR_END; k++) {
			/* only the letters of the Ukrainian and Russian alphabets */
			if (t->cls[k] != t->cls[c] || !cyr_len[k - CYR_FIRST])
				continue;
			if (cyr_len[k - CYR_FIRST] == na &&
			    !memcmp(a, cyr[k - CYR_FIRST], (size_t)na * sizeof *a)) {
				uint16_t from = t->fold[c];
				if (!t->lookalike[from])
					t->lookalike[from] = t->fold[k];
				break;
			}
		}
	}
	uspoof_close(sc);
	/* what ufold_key needs of each code point, straight from the tables */
	for (c = 0; c < UFOLD_TABLE; c++) {
		uint32_t f = ufold_is_apostrophe((uint32_t)c) ? '\'' : t->fold[c];
		unsigned char lt = (unsigned char)letter_bits(t, (enum ucp_class)t->cls[c], f);
		char b[4] = {0, 0, 0, 0};
		if (c >= 0x300 && c < 0x370)
			lt |= UL_MARK;
		t->letter[c] = lt;
		t->key8len[c] = (unsigned char)utf8_put(b, f);
		memcpy(&t->key8[c], b, 4);
	}
	/* the bytes that can begin a capital: ASCII ones are answered here,
	 * lead bytes of two-byte characters with a capital among their 64,
	 * and every lead of three or four bytes, are looked up */
	for (c = 0; c < 0x80; c++)
		t->capital_lead[c] = t->cls[c] == UC_UPPER;
	for (c = 0x80; c < 0x800; c++)
		if (ufold_class(t, (uint32_t)c) == UC_UPPER) {
			t->capital_lead[0xC0 | c >> 6] = 2;
			t->capital_cont[c >> 6] |= 1ull << (c & 0x3F);
		}
	for (c = 0xE0; c < 0xF5; c++)
		t->capital_lead[c] = 2;
	return 0;
}

enum ucp_class ufold_class(const struct ufold *t, uint32_t c)
{
	if (c < UFOLD_TABLE)
		return (enum ucp_class)t->cls[c];
	if (u_getCombiningClass((UChar32)c))
		return UC_MARK;
	if (!u_isUAlphabetic((UChar32)c))
		return UC_OTHER;
	return u_isUUppercase((UChar32)c) ? UC_UPPER : UC_LOWER;
}

/* NFC of s[0..n) into out (UTF-8); returns the length, 0 when ICU fails. */
static size_t nfc(const char *s, size_t n, char *out, size_t cap)
{
	UChar a[128], b[128];
	int32_t na = 0, nb, no = 0;
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *norm = unorm2_getNFCInstance(&st);
	if (U_FAILURE(st) || n > 120)
		return 0;
	u_strFromUTF8(a, 128, &na, s, (int32_t)n, &st);
	if (U_FAILURE(st))
		return 0;
	nb = unorm2_normalize(norm, a, na, b, 128, &st);
	if (U_FAILURE(st))
		return 0;
	u_strToUTF8(out, (int32_t)cap, &no, b, nb, &st);
	return U_FAILURE(st) || (size_t)no >= cap ? 0 : (size_t)no;
}

_Static_assert((int)UL_CYRILLIC == (int)UF_CYRILLIC && (int)UL_LATIN == (int)UF_LATIN,
	       "fold_word copies these bits of enum ufold_letter into enum ufold_info");

/* What folding a word found out, for enum ufold_info. */
struct fold_state {
	size_t letters, upper, latin;
	unsigned inf;
};

/*
 * Folds s[0..n) into out the way ufold_key describes, before look-alikes.
 * Code points of the tables cost a lookup each; others ask ICU. When
 * *mark is set, stops at the first combining mark that NFC may compose
 * (returning 0 with *mark still set) and clears *mark when there is none.
 */
static size_t fold_word(const struct ufold *t, const char *str, size_t n, char *out, size_t cap,
			struct fold_state *st, int *mark)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, o = 0, len, letters = 0, upper = 0, latin = 0;
	unsigned inf = 0, seen = 0;
	/* counts in locals: the stores to out must not make them memory */
	while (i < n) {
		uint32_t c, f = 0;
		unsigned lt;
		if (s[i] < 0x80) {
			c = s[i];
			len = 1;
		} else if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
			c = (uint32_t)(s[i] & 0x1F) << 6 | (s[i + 1] & 0x3F);
			len = 2;
		} else
			c = utf8_decode1(str + i, n - i, &len);
		if (c < UFOLD_TABLE) {
			lt = t->letter[c];
			if ((lt & UL_MARK) && *mark)
				return 0;
		} else {
			enum ucp_class cl = ufold_class(t, c);
			f = ufold_is_apostrophe(c) ? '\'' : (uint32_t)u_foldCase((UChar32)c, U_FOLD_CASE_DEFAULT);
			lt = letter_bits(t, cl, f);
		}
		if (lt & UL_LETTER) {
			letters++;
			if (lt & UL_UPPER) {
				upper++;
				if (!seen)
					inf |= UF_UPPER_FIRST;
			}
			seen = 1;
			/* at most one of the three bits is set */
			latin += (lt & UL_LOOKALIKE) != 0;
			inf |= lt & (UL_CYRILLIC | UL_LATIN);
		}
		if (o + 4 >= cap) {
			/* cut: a mark further on still calls for NFC */
			if (*mark) {
				for (; i < n; i += len)
					if (utf8_next(str + i, n - i, &len) - 0x300 < 0x70)
						return 0;
			}
			break;
		}
		if (c < UFOLD_TABLE) {
			memcpy(out + o, &t->key8[c], 4);
			o += t->key8len[c];
		} else
			o += utf8_put(out + o, f);
		i += len;
	}
	st->letters = letters;
	st->upper = upper;
	st->latin = latin;
	st->inf = inf;
	*mark = 0;
	return o;
}

size_t ufold_key(const struct ufold *t, const char *s, size_t n, char *out, size_t cap,
		 unsigned *info)
{
	char composed[256];
	size_t i, o, len;
	struct fold_state st;
	int mark = 1;
	unsigned inf;
	/* Combining marks (и + U+0306) are rare: only then ask ICU for NFC. */
	o = fold_word(t, s, n, out, cap, &st, &mark);
	if (mark) {
		size_t m = nfc(s, n, composed, sizeof composed);
		mark = 0;
		o = m ? fold_word(t, composed, m, out, cap, &st, &mark) : fold_word(t, s, n, out, cap, &st, &mark);
	}
	out[o] = '\0';
	inf = st.inf;
	/* Look-alikes are Cyrillic inside a Cyrillic word, Latin elsewhere. */
	if (st.latin && (inf & UF_CYRILLIC)) {
		char tmp[256];
		size_t w = 0;
		for (i = 0; i < o && w + 4 < sizeof tmp; i += len) {
			uint32_t c = utf8_decode1(out + i, o - i, &len);
			if (c < UFOLD_TABLE && t->lookalike[c]) {
				c = t->lookalike[c];
				inf |= UF_LOOKALIKE;
			}
			w += utf8_put(tmp + w, c);
		}
		if (w < cap) {
			memcpy(out, tmp, w);
			out[w] = '\0';
			o = w;
		}
	} else if (st.latin)
		inf |= UF_LATIN;
	if (st.letters >= 2 && st.upper == st.letters)
		inf |= UF_ALL_UPPER;
	*info = inf;
	return o;
}

size_t ufold_next_capital(const struct ufold *t, const char *str, size_t n, size_t i)
{
	const unsigned char *s = (const unsigned char *)str;
	for (; i < n; i++)
		if (t->capital_lead[s[i]] && ufold_capital_at(t, str + i, n - i))
			return i;
	return n;
}
