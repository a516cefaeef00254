/*
 * buf.c — the growable buffer of buf.h. Growth is geometric (x1.5, at least
 * 64 bytes) so appending n bytes one at a time costs O(n) overall.
 */
#include "scanner/buf.h"
#include "scanner/unicode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

char buf_empty[1];

void buf_init(struct buf *b, size_t hint)
{
	b->ptr = buf_empty;
	b->len = 0;
	b->cap = 0;
	if (hint)
		buf_grow(b, hint);
}

void buf_release(struct buf *b)
{
	if (b->cap)
		free(b->ptr);
	buf_init(b, 0);
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *p;
	if (!b->cap)
		buf_grow(b, 0);
	p = b->ptr;
	if (len)
		*len = b->len;
	buf_init(b, 0);
	return p;
}

void buf_grow_slow(struct buf *b, size_t extra)
{
	size_t need = st_add(st_add(b->len, extra), 1);
	size_t cap;
	int fresh = !b->cap;
	if (need <= b->cap)
		return;
	cap = b->cap < 64 ? 64 : st_add(b->cap, b->cap / 2);
	if (cap < need)
		cap = need;
	b->ptr = xrealloc(fresh ? NULL : b->ptr, cap);
	b->cap = cap;
	if (fresh)
		b->ptr[0] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	buf_grow(b, 64);
	va_copy(cp, ap);
	n = vsnprintf(b->ptr + b->len, b->cap - b->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		die("vsnprintf failed");
	if ((size_t)n >= b->cap - b->len) {
		buf_grow(b, (size_t)n);
		n = vsnprintf(b->ptr + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void buf_setlen(struct buf *b, size_t len)
{
	if (len && len >= b->cap)
		die("buf_setlen beyond capacity");
	b->len = len;
	if (b->cap)
		b->ptr[len] = '\0';
}

void buf_remove_head(struct buf *b, size_t n)
{
	if (n > b->len)
		die("buf_remove_head beyond length");
	if (!n)
		return;
	memmove(b->ptr, b->ptr + n, b->len - n);
	buf_setlen(b, b->len - n);
}

size_t json_next_special(const char *s, size_t n, size_t i)
{
#if defined(__SSE2__)
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i m = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
				     _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
			_mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xE0)), _mm_setzero_si128()));
		unsigned bits = (unsigned)_mm_movemask_epi8(m);
		if (bits)
			return i + (size_t)__builtin_ctz(bits);
	}
#endif
	for (; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '"' || ch == '\\' || ch < 0x20)
			return i;
	}
	return n;
}

/* s[0..n), valid UTF-8, with JSON's escapes. */
static void add_json_escaped(struct buf *b, const char *s, size_t n)
{
	size_t i, run = 0;
	for (i = 0; (i = json_next_special(s, n, i)) < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		buf_add(b, s + run, i - run);
		run = i + 1;
		switch (ch) {
		case '"': buf_add(b, "\\\"", 2); break;
		case '\\': buf_add(b, "\\\\", 2); break;
		case '\n': buf_add(b, "\\n", 2); break;
		case '\r': buf_add(b, "\\r", 2); break;
		case '\t': buf_add(b, "\\t", 2); break;
		default: buf_addf(b, "\\u%04x", ch); break;
		}
	}
	buf_add(b, s + run, n - run);
}

void buf_add_json_utf8(struct buf *b, const char *s, size_t n)
{
	buf_addch(b, '"');
	add_json_escaped(b, s, n);
	buf_addch(b, '"');
}

void buf_add_json_string(struct buf *b, const char *s, size_t n)
{
	size_t i = 0;
	buf_addch(b, '"');
	/* JSON text is Unicode: a byte that is no UTF-8 (a file name in
	 * windows-1251) becomes U+FFFD, so the document stays readable */
	while (i < n) {
		int truncated;
		size_t v = i + utf8_valid_prefix(s + i, n - i, &truncated);
		add_json_escaped(b, s + i, v - i);
		if (v >= n)
			break;
		buf_add(b, "\xEF\xBF\xBD", 3);
		i = v + 1;
	}
	buf_addch(b, '"');
}

void buf_add_ull(struct buf *b, unsigned long long v)
{
	char d[20];
	size_t n = 0;
	do
		d[sizeof d - ++n] = (char)('0' + v % 10);
	while ((v /= 10));
	buf_add(b, d + sizeof d - n, n);
}

void buf_add_utf8(struct buf *b, unsigned long cp)
{
	char u[4];
	if (cp < 0x80) {
		buf_addch(b, (int)cp);
		return;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 4);
	}
}
