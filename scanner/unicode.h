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

#endif
