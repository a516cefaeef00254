/*
 * unicode.h — the one place znes's scanner talks to ICU, and the UTF-8
 * checks the hot path needs. ICU supplies the Windows-1251 mapping (we never
 * carry our own code page table): at start-up each of the 128 high bytes is
 * converted once through ucnv and the results are kept in a small lookup
 * table, so converting a stream costs a table lookup per byte.
 *
 * Ownership: struct cp1251 is a plain value; no ICU handle outlives
 * cp1251_init.
 */
#ifndef ZNES_UNICODE_H
#define ZNES_UNICODE_H

#include <stddef.h>
#include <stdint.h>

struct cp1251 {
	unsigned char len[256];    /* UTF-8 length of each byte, 0 = unmapped */
	unsigned char utf8[256][4];
};

/* Builds the table from ICU's "windows-1251" converter; -1 with a message
 * when ICU lacks it. */
int cp1251_init(struct cp1251 *t);

/*
 * Length of the longest prefix of s[0..n) that is valid UTF-8 (RFC 3629:
 * no overlongs, no surrogates, nothing above U+10FFFF). When the invalid
 * part is only an incomplete sequence cut by the end of the buffer,
 * *truncated is set to 1 so a streaming caller can wait for more bytes.
 */
size_t utf8_valid_prefix(const char *s, size_t n, int *truncated);

/* Number of code points in valid UTF-8 s[0..n) (for column numbers). */
size_t utf8_count(const char *s, size_t n);


/*
 * Matching keys for words (names, street types, titles): NFC, ICU case
 * folding, the five apostrophes (U+0027, U+2019, U+02BC, U+0060, U+00B4) as
 * U+0027, and, in a word that has Cyrillic letters, Latin look-alikes
 * turned into the Cyrillic letters they are confusable with (ICU's spoof
 * checker decides which are). ICU is asked once, in ufold_init, for the
 * code points up to U+052F (Latin, Cyrillic) and the answers are kept in
 * tables; a key for such a word is then a table lookup per letter. Words
 * with combining marks go through ICU's NFC, others never call ICU.
 * The key is for matching only: findings keep byte spans of the original.
 *
 * Ownership: struct ufold is a plain value; no ICU handle outlives
 * ufold_init.
 */
#define UFOLD_TABLE 0x530

enum ufold_info {
	UF_UPPER_FIRST = 1,   /* the first letter is upper case */
	UF_ALL_UPPER = 2,     /* every letter is upper case (two letters or more) */
	UF_CYRILLIC = 4,      /* has a Cyrillic letter */
	UF_LATIN = 8,         /* has a Latin letter left after look-alike mapping */
	UF_LOOKALIKE = 16,    /* a Latin look-alike was mapped to Cyrillic */
};

enum ucp_class { UC_OTHER = 0, UC_LOWER = 1, UC_UPPER = 2, UC_MARK = 3 };

/* struct ufold.letter: a code point's part in enum ufold_info (the
 * Cyrillic and Latin bits are those of enum ufold_info) */
enum ufold_letter {
	UL_LETTER = 1,      /* upper or lower case */
	UL_UPPER = 2,
	UL_CYRILLIC = 4,    /* folds into the Cyrillic block */
	UL_LATIN = 8,       /* folds into a Latin letter that is no look-alike */
	UL_LOOKALIKE = 16,  /* folds into a Latin look-alike of a Cyrillic letter */
	UL_MARK = 32,       /* a combining mark that NFC may compose (U+0300-U+036F) */
};

struct ufold {
	uint16_t fold[UFOLD_TABLE];       /* simple case folding */
	uint16_t lookalike[UFOLD_TABLE];  /* folded Latin letter -> folded Cyrillic, 0 none */
	unsigned char cls[UFOLD_TABLE];   /* enum ucp_class */
	/* derived from the three above, so a key costs a lookup per letter:
	 * the key's UTF-8 bytes for each code point (apostrophes as "'"),
	 * packed low byte first, and their count; what the letter tells
	 * ufold_key (enum ufold_letter) */
	uint32_t key8[UFOLD_TABLE];
	unsigned char key8len[UFOLD_TABLE];
	unsigned char letter[UFOLD_TABLE];
	/* per byte: 0 it begins no capital letter, 1 it is one (ASCII), 2 the
	 * character it begins must be looked up; for the lead bytes of two
	 * bytes (C0-DF), which continuation bytes make a capital */
	unsigned char capital_lead[256];
	uint64_t capital_cont[32];
};

/* Builds the tables from ICU; -1 with a message when ICU fails. */
int ufold_init(struct ufold *t);

/*
 * The code points caseless matching takes for c, c among them: its
 * case-insensitive closure from ICU (т: Т, and the old forms U+1C84,
 * U+1C85; k: K and the Kelvin sign), multi-character foldings left out.
 * Writes at most max to out and returns how many there are (all of them
 * when that is more than max).
 */
size_t ucase_closure(uint32_t c, uint32_t *out, size_t max);

/* Is c a letter (general category L, as PCRE2's \p{L})? From ICU. */
int ucp_is_letter(uint32_t c);
/* c in lower and in upper case (ICU's simple case mapping). */
uint32_t ucp_lower(uint32_t c);
uint32_t ucp_upper(uint32_t c);

/* Writes code point c (below U+110000) as UTF-8 to out; returns its length. */
size_t utf8_put(char *out, uint32_t c);

/* Decodes one code point of valid UTF-8 at s[0..n); *len gets its length
 * (1 for a stray byte, which decodes as U+FFFD). */
uint32_t utf8_decode1(const char *s, size_t n, size_t *len);

/* The first code points (at most max) of the NUL-terminated s, decoded
 * by utf8_decode1 into out; returns how many. */
size_t utf8_decode_str(const char *s, uint32_t *out, size_t max);

/* utf8_decode1 with ASCII and two-byte sequences (all of Cyrillic) decoded
 * inline: the word loops call it for every character. */
static inline uint32_t utf8_next(const char *s, size_t n, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	if (p[0] < 0x80) {
		*len = 1;
		return p[0];
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF && n >= 2 && (p[1] & 0xC0) == 0x80) {
		*len = 2;
		return (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
	}
	return utf8_decode1(s, n, len);
}

/* Letter class of code point c (letters of any script, combining marks). */
enum ucp_class ufold_class(const struct ufold *t, uint32_t c);

/* ufold_class with the table's code points answered inline. */
static inline enum ucp_class ufold_class_of(const struct ufold *t, uint32_t c)
{
	return c < UFOLD_TABLE ? (enum ucp_class)t->cls[c] : ufold_class(t, c);
}

/* Is c one of the five apostrophes? (inline: the tokenizer asks at
 * every word's end) */
static inline int ufold_is_apostrophe(uint32_t c)
{
	return c == 0x27 || c == 0x2019 || c == 0x02BC || c == 0x60 || c == 0xB4;
}

/*
 * Writes the matching key of the word s[0..n) to out (at most cap - 1
 * bytes, NUL-terminated) and returns its length; *info gets enum ufold_info
 * bits. A key that does not fit is cut at a character boundary.
 */
size_t ufold_key(const struct ufold *t, const char *s, size_t n, char *out, size_t cap,
		 unsigned *info);

/* Does a capital letter (ICU's upper case, any script) begin at s[0]
 * (n > 0)? Two-byte characters are told by their bytes, undecoded. */
static inline int ufold_capital_at(const struct ufold *t, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned k = t->capital_lead[p[0]];
	size_t len;
	if (k < 2)
		return (int)k;
	if (p[0] < 0xE0)
		return n >= 2 && (p[1] & 0xC0) == 0x80 &&
		       (t->capital_cont[p[0] & 0x1F] >> (p[1] & 0x3F) & 1);
	return ufold_class(t, utf8_decode1(s, n, &len)) == UC_UPPER;
}

/* Where the first capital letter of s[i..n) begins, or n. */
size_t ufold_next_capital(const struct ufold *t, const char *s, size_t n, size_t i);

#endif
