/*
 * regex.h — the one place znes calls PCRE2. Patterns are compiled once in
 * UTF mode with Unicode properties (so \w, \p{L} and caseless matching know
 * Cyrillic), JIT-compiled when the platform allows, and matched with one
 * shared match context whose match and depth limits bound the work a
 * hostile pattern or subject can cause. Subjects may hold invalid UTF-8
 * (PCRE2_MATCH_INVALID_UTF): it never matches, it never crashes.
 *
 * Ownership: struct rx owns its compiled code; rx_free releases it. An rx
 * may be searched from several threads at once: the match data is per
 * thread, made on a thread's first search and freed by rx_thread_release.
 */
#ifndef ZNES_REGEX_H
#define ZNES_REGEX_H

#include <stddef.h>

#include "scanner/buf.h"

struct rx;

enum rx_flags {
	RX_CASELESS = 1,
	RX_ANCHOR_END = 2,    /* the match must end at the subject's end */
	RX_ANCHOR_START = 4,  /* the match must start at the subject's start */
	RX_GATED = 8,         /* rx_compile_words: with a gate (a list searched in text) */
	RX_WORD_START = 16,   /* rx_compile_words: a word that begins with a letter
				 counts only where no letter or digit comes right
				 before it ("тел" in "моб.тел", not in "вчителька") */
	RX_CAMEL = 32,        /* with RX_WORD_START: a capital after a lower-case
				 letter begins a word too ("Phone" in "mobilePhone",
				 a column name); a list with it goes without a gate */
	RX_NO_JIT = 64,       /* not JIT-compiled (rx_compile_words: its own pattern
				 while a gate may stand in front of it) */
};

/* Compiles pattern; NULL with a message ("at offset N: why") in err. */
struct rx *rx_compile(const char *pattern, unsigned flags, struct buf *err);
void rx_free(struct rx *r);

/*
 * Searches s[0..n) from byte `from`. 1 with the match in *ms..*me, 0 when
 * none, -1 when a resource limit stopped the search (callers treat that
 * as "cannot examine": see engine.c).
 */
int rx_search(struct rx *r, const char *s, size_t n, size_t from, size_t *ms, size_t *me);

/* Frees the calling thread's match data (a thread calls it before it ends). */
void rx_thread_release(void);

/* Builds "(?:w1|w2|...)" from words (PCRE2 fragments). */
void rx_alternation(struct buf *out, const char *const *words, size_t n);

/*
 * Compiles the alternation of words. With RX_GATED, and when every word
 * begins with literal characters, rx_search looks for their spellings
 * first: a subject with none at or after `from` is answered 0 at once
 * (it could not match), and PCRE2 tries the anchored alternation only
 * where one begins. The answers are the same as without the gate (a
 * search a resource limit would have stopped may run to its end: each
 * try is shorter); it costs a second compiled pattern, so lists matched
 * against a column name only go without.
 */
struct rx *rx_compile_words(const char *const *words, size_t n, unsigned flags, struct buf *err);

/* The lookbehind RX_WORD_START puts before a word that begins with a
 * letter, and the one with RX_CAMEL (\p{Lu} is upper case even when the
 * pattern is caseless). */
#define RX_AT_WORD_START "(?<![\\p{L}\\p{N}])"
#define RX_AT_CAMEL_START "(?:(?<![\\p{L}\\p{N}])|(?<=\\p{Ll})(?=\\p{Lu}))"


#endif
