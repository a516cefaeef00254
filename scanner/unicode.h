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

struct ufold {
	uint16_t fold[UFOLD_TABLE];       /* simple case folding */
	uint16_t lookalike[UFOLD_TABLE];  /* folded Latin letter -> folded Cyrillic, 0 none */
	unsigned char cls[UFOLD_TABLE];   /* enum ucp_class */
};

/* Builds the tables from ICU; -1 with a message when ICU fails. */
int ufold_init(struct ufold *t);

/* Decodes one code point of valid UTF-8 at s[0..n); *len gets its length
 * (1 for a stray byte, which decodes as U+FFFD). */
uint32_t utf8_decode1(const char *s, size_t n, size_t *len);

/* Letter class of code point c (letters of any script, combining marks). */
enum ucp_class ufold_class(const struct ufold *t, uint32_t c);

/* Is c one of the five apostrophes? */
int ufold_is_apostrophe(uint32_t c);

/*
 * Writes the matching key of the word s[0..n) to out (at most cap - 1
 * bytes, NUL-terminated) and returns its length; *info gets enum ufold_info
 * bits. A key that does not fit is cut at a character boundary.
 */
size_t ufold_key(const struct ufold *t, const char *s, size_t n, char *out, size_t cap,
		 unsigned *info);

#endif
