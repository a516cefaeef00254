/*
 * text.c — folding of short Ukrainian texts for comparison (see text.h).
 * Hand-written rather than ICU: the filters compare names and positions a
 * few times per record, and the mapping they need (Cyrillic and ASCII case,
 * apostrophes, spaces) is small and fixed.
 */
#include "filters/text.h"

#include <string.h>

/* Decodes one UTF-8 character (the input is valid UTF-8, the readers made
 * sure); returns its length. */
static size_t decode(const unsigned char *s, size_t n, unsigned *cp)
{
	if (s[0] < 0x80 || n < 2) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xE0) {
		*cp = ((unsigned)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (s[0] < 0xF0 && n >= 3) {
		*cp = ((unsigned)(s[0] & 0x0F) << 12) | ((unsigned)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		return 3;
	}
	*cp = 0xFFFD;
	return n >= 4 ? 4 : n;
}

static unsigned lower(unsigned cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0x0410 && cp <= 0x042F) /* А..Я */
		return cp + 0x20;
	if (cp >= 0x0400 && cp <= 0x040F) /* Ѐ..Џ, Є, І, Ї */
		return cp + 0x50;
	if (cp == 0x0490)                  /* Ґ */
		return 0x0491;
	if (cp == 0x2019 || cp == 0x02BC || cp == 0x0060 || cp == 0x2018 || cp == 0x00B4)
		return '\'';
	return cp;
}

static int is_space(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
	       cp == 0x2009 || cp == 0x202F;
}

void text_fold(struct buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = out->len;
	int pending_space = 0;
	while (i < n) {
		unsigned cp;
		i += decode(p + i, n - i, &cp);
		if (is_space(cp)) {
			pending_space = out->len > start;
			continue;
		}
		if (pending_space)
			buf_addch(out, ' ');
		pending_space = 0;
		buf_add_utf8(out, lower(cp));
	}
}

static int word_byte(unsigned char c)
{
	/* Letters of any script (UTF-8 lead and continuation bytes), digits. */
	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') ||
	       c == '\'';
}

int text_has_words(const char *hay, size_t hn, const char *needle, size_t nn)
{
	size_t i;
	if (!nn || nn > hn)
		return 0;
	for (i = 0; i + nn <= hn; i++) {
		if (memcmp(hay + i, needle, nn))
			continue;
		if (i && word_byte((unsigned char)hay[i - 1]))
			continue;
		if (i + nn < hn && word_byte((unsigned char)hay[i + nn]))
			continue;
		return 1;
	}
	return 0;
}
