/*
 * buf.h — a growable byte buffer (after git's strbuf).
 *
 * Invariants, true after buf_init and after every operation:
 *   - b->ptr is never NULL (it points at a static "" until the first growth);
 *   - b->ptr[b->len] == '\0', so the contents can be used as a C string
 *     when they hold no NUL, yet the buffer is binary-safe;
 *   - b->len < b->cap whenever b->cap != 0 (cap counts the NUL's byte).
 * The buffer owns its memory; buf_release frees it and re-initialises, so a
 * released buffer is ready for reuse. buf_detach hands the memory to the
 * caller.
 */
#ifndef ZNES_BUF_H
#define ZNES_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "scanner/util.h"

struct buf {
	char *ptr;
	size_t len;
	size_t cap;
};

extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0 }

void buf_init(struct buf *b, size_t hint);
void buf_release(struct buf *b);
char *buf_detach(struct buf *b, size_t *len);
/* Ensures room for `extra` more bytes plus the NUL. */
void buf_grow_slow(struct buf *b, size_t extra);
/* Inline up to the test (cap - len > extra is room enough; with cap 0,
 * len is 0 and it fails): buffers are appended to a few bytes at a time,
 * and most appends fit. */
static inline void buf_grow(struct buf *b, size_t extra)
{
	if (b->cap - b->len > extra)
		return;
	buf_grow_slow(b, extra);
}

static inline void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->cap)
		b->ptr[0] = '\0';
}

static inline void buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->ptr + b->len, p, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

static inline void buf_addch(struct buf *b, int c)
{
	buf_grow(b, 1);
	b->ptr[b->len++] = (char)c;
	b->ptr[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s);
void buf_addf(struct buf *b, const char *fmt, ...) ZNES_PRINTF(2, 3);
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
/* Sets the length (must be <= cap - 1) and writes the NUL. */
void buf_setlen(struct buf *b, size_t len);
/* Removes the first n bytes, moving the rest down. */
void buf_remove_head(struct buf *b, size_t n);

/* Appends s[0..n) as a JSON string token, quotes included (bytes that
 * are not UTF-8 become U+FFFD). */
void buf_add_json_string(struct buf *b, const char *s, size_t n);
/* The same for s known to be valid UTF-8: no byte is checked. */
void buf_add_json_utf8(struct buf *b, const char *s, size_t n);
/* Where the first byte at or after s[i] that a JSON string cannot hold
 * as it is (a quote, a backslash, a control) is, or n: sixteen bytes at
 * a time where SSE2 is, as strings run to kilobytes with none. The JSON
 * reader finds a string's end and escapes with it, the writer what to
 * escape. */
size_t json_next_special(const char *s, size_t n, size_t i);
/* Appends v in decimal (what printf's %llu writes, without its cost). */
void buf_add_ull(struct buf *b, unsigned long long v);
/* Appends code point cp (at most U+10FFFF; the caller rules out
 * surrogates) as UTF-8. */
void buf_add_utf8(struct buf *b, unsigned long cp);

/* A view into someone else's bytes, valid as long as its owner says. */
struct view {
	const char *ptr;
	size_t len;
};

#endif
