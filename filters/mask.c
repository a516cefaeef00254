/*
 * mask.c — masking for reports (see mask.h).
 */
#include "filters/mask.h"

#include <string.h>

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Length of the UTF-8 character starting with byte c. */
static size_t u8len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static void mask_phone(struct buf *out, const char *e164)
{
	/* +380 67 *** ** 67 */
	size_t n = strlen(e164);
	if (n != 13) {
		buf_adds(out, "+380 ** *** ** **");
		return;
	}
	buf_add(out, e164, 4);
	buf_addch(out, ' ');
	buf_add(out, e164 + 4, 2);
	buf_adds(out, " *** ** ");
	buf_add(out, e164 + 11, 2);
}

static void mask_email(struct buf *out, const char *v, size_t n)
{
	const char *at = memchr(v, '@', n);
	if (!at || at == v) {
		buf_adds(out, "***@***");
		return;
	}
	buf_add(out, v, u8len((unsigned char)v[0]));
	buf_adds(out, "***");
	buf_add(out, at, (size_t)(v + n - at));
}

/* К******** О**** П*******: the first letter of each word, the shape of the rest. */
static void mask_name(struct buf *out, const char *v, size_t n)
{
	size_t i = 0;
	int word_start = 1;
	while (i < n) {
		unsigned char c = (unsigned char)v[i];
		size_t len = u8len(c);
		if (len > n - i)
			len = n - i;
		if (c == ' ' || c == '.' || c == '-' || c == ',') {
			buf_addch(out, (char)c);
			word_start = 1;
		} else if (word_start) {
			buf_add(out, v + i, len);
			word_start = 0;
		} else
			buf_addch(out, '*');
		i += len;
	}
}

void mask_address(struct buf *out, const char *v, size_t n, size_t set_s, size_t set_e)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)v[i];
		size_t j = i, letters = 0;
		if (i >= set_s && i < set_e) {
			buf_add(out, v + i, set_e - i);
			i = set_e;
			continue;
		}
		if (is_digit(c)) {
			buf_addch(out, '*');
			i++;
			continue;
		}
		if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
			buf_addch(out, (char)c);   /* a separator */
			i++;
			continue;
		}
		/* a word: letters, hyphens and apostrophes up to a separator */
		while (j < n) {
			unsigned char d = (unsigned char)v[j];
			if (d < 0x80 && !((d | 0x20) >= 'a' && (d | 0x20) <= 'z') && d != '-' && d != '\'')
				break;
			if (j >= set_s && j < set_e)
				break;
			letters += d < 0x80 || (d & 0xC0) != 0x80;
			j += d < 0x80 ? 1 : u8len(d) > n - j ? n - j : u8len(d);
		}
		if (j < n && v[j] == '.' && letters <= 5)
			buf_add(out, v + i, j - i);      /* вул., кв.: as written */
		else if (letters <= 2) {
			size_t k;                        /* 37-А: a house's letter */
			for (k = 0; k < letters; k++)
				buf_addch(out, '*');
		} else
			mask_name(out, v + i, j - i);    /* Ш******* */
		i = j;
	}
}

void mask_value(struct buf *out, const char *cat, const char *v, size_t n, const char *norm)
{
	size_t i, digits = 0, seen = 0;
	if (!strcmp(cat, "phone") && norm && norm[0] == '+') {
		mask_phone(out, norm);
		return;
	}
	if (!strcmp(cat, "email")) {
		mask_email(out, v, n);
		return;
	}
	if (!strcmp(cat, "name")) {
		mask_name(out, v, n);
		return;
	}
	for (i = 0; i < n; i++)
		digits += is_digit((unsigned char)v[i]);
	for (i = 0; i < n;) {
		unsigned char c = (unsigned char)v[i];
		size_t len = u8len(c);
		if (is_digit(c)) {
			seen++;
			buf_addch(out, digits >= 6 && seen > digits - 2 ? (char)c : '*');
		} else if (c == ' ' || c == '-' || c == '.' || c == '/' || c == ':' || c == '(' ||
			   c == ')' || c == '+' || c == ',')
			buf_addch(out, (char)c);
		else
			buf_addch(out, '*');
		i += len > n - i ? n - i : len;
	}
}
