/*
 * regex.c — PCRE2 behind the interface of regex.h, and the literal gate
 * of a word list (rx_compile_words), which reads the words' PCRE2 syntax.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/regex.h"
#include "rules/litset.h"
#include "scanner/unicode.h"
#include "scanner/util.h"

/* Enough for any sane pattern on a field; bounds pathological ones. */
#define RX_MATCH_LIMIT 200000
#define RX_DEPTH_LIMIT 5000

/*
 * A word list's gate (struct litset): the bytes a match must begin with.
 * Each word's literal start (its characters before any other PCRE2
 * syntax) is spelled every way caseless matching allows, and each
 * spelling's first two to eight bytes (four Cyrillic letters: "раху",
 * not the "ра" of many words) are a literal of the set. A subject with
 * none at any position a match may start from cannot match, and is not
 * searched: a context word ("тел", "паспорт") is looked for in the 64
 * bytes before each candidate number, where a caseless search of
 * Cyrillic text tries a match at almost every letter.
 */
struct rx {
	pcre2_code *code;
	int jit;
	/* rx_compile_words, when every word has a key: the gate, and the
	 * pattern anchored, tried where a key begins */
	struct litset *gate;
	struct rx *anchored;
	/* RX_WORD_START and every word begins with a letter: keys are
	 * looked for only where a word may begin (litset_next_word) */
	int word_start;
};

/*
 * Match data, one per thread: the compiled patterns are shared by the
 * detection threads (pcre2_match on one code is thread-safe), the match
 * data is written by every match. One ovector pair is all rx_search
 * reports; with fewer pairs than groups PCRE2 still matches (rc 0).
 */
static _Thread_local pcre2_match_data *thread_md;

static pcre2_match_data *match_data(void)
{
	if (!thread_md && !(thread_md = pcre2_match_data_create(1, NULL)))
		die("out of memory creating PCRE2 match data");
	return thread_md;
}

void rx_thread_release(void)
{
	pcre2_match_data_free(thread_md);
	thread_md = NULL;
}

/* Made by the first rx_compile (one thread), then only read. */
static pcre2_match_context *mctx;

static void make_mctx(void)
{
	if (mctx)
		return;
	mctx = pcre2_match_context_create(NULL);
	if (!mctx)
		die("out of memory creating a PCRE2 match context");
	pcre2_set_match_limit(mctx, RX_MATCH_LIMIT);
	pcre2_set_depth_limit(mctx, RX_DEPTH_LIMIT);
}

#define GATE_CPS LITSET_CPS /* characters of a word's literal start read */

/* Has the PCRE2 fragment p a '|' outside its groups and classes? */
static int top_level_bar(const char *p)
{
	int depth = 0, in_class = 0;
	for (; *p; p++) {
		if (*p == '\\') {
			if (!*++p)
				break;
		} else if (in_class) {
			in_class = *p != ']';
		} else if (*p == '[') {
			in_class = 1;
			if (p[1] == ']' || (p[1] == '^' && p[2] == ']'))
				p += p[1] == ']' ? 1 : 2; /* "[]...]": the first ']' is literal */
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			depth -= depth > 0;
		} else if (*p == '|' && !depth) {
			return 1;
		}
	}
	return 0;
}

/*
 * The characters every match of word (a PCRE2 fragment) begins with, to
 * cps[0..return), opt[i] set for one a "?" makes optional ("тел\.?",
 * "e-?mail"): up to GATE_CPS literal characters, an escaped punctuation
 * mark among them, ending before any other syntax (a class, a group, an
 * escape like \s, an alternative, a repeat). 0 when a word has no
 * literal start, or a '|' outside its groups (its other branches could
 * begin with anything).
 */
static size_t literal_start(const char *word, uint32_t *cps, unsigned char *opt)
{
	const char *p = word;
	size_t n = 0;
	/* a backtracking verb ((*COMMIT), (*SKIP)) may answer differently
	 * where the match is tried from: no gate */
	if (top_level_bar(word) || strstr(word, "(*"))
		return 0;
	while (*p && n < GATE_CPS) {
		uint32_t c;
		size_t len;
		if (*p == '\\') {
			unsigned char d = (unsigned char)p[1];
			/* \s, \d, \b, \x.., \p{..}, \Q: not one literal character */
			if (!d || d >= 0x80 || (d >= '0' && d <= '9') || ((d | 0x20) >= 'a' && (d | 0x20) <= 'z'))
				break;
			c = d;
			len = 2;
		} else if (strchr(".^$|?*+()[]{}", *p)) {
			break;
		} else {
			c = utf8_decode1(p, strlen(p), &len);
			if (c == 0xFFFD)
				break;
		}
		p += len;
		if (*p == '*' || *p == '{')
			break; /* repeated: what follows is not known */
		cps[n] = c;
		opt[n] = *p == '?';
		n++;
		if (*p == '?') {
			p++;
			if (*p == '?' || *p == '+')
				p++; /* lazy or possessive: optional all the same */
		} else if (*p == '+')
			break;
	}
	return n;
}

/* The gate of a word list, or NULL when some word has no key. */
static struct litset *gate_new(const char *const *words, size_t n, int caseless)
{
	struct litset_word *w = xcalloc(n ? n : 1, sizeof *w);
	struct litset *g = xmalloc(sizeof *g);
	size_t i;
	for (i = 0; i < n; i++) {
		uint32_t cps[GATE_CPS];
		unsigned char opt[GATE_CPS];
		size_t k = literal_start(words[i], cps, opt);
		/* more spellings than kept: no gate, never a wrong one */
		if (!k || litset_word_spell(&w[i], cps, opt, k, caseless) < 0)
			break;
	}
	if (i < n || litset_init_spelled(g, w, n) < 0) {
		free(w);
		free(g);
		return NULL;
	}
	free(w);
	return g;
}

/* JIT-compiles r where the platform allows (else it is interpreted). */
static void rx_jit(struct rx *r)
{
	r->jit = !getenv("ZNES_NO_JIT") && pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE) == 0;
}

struct rx *rx_compile(const char *pattern, unsigned flags, struct buf *err)
{
	int ec;
	PCRE2_SIZE eo;
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
	struct rx *r;
	pcre2_code *code;
	if (flags & RX_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & RX_ANCHOR_END)
		opts |= PCRE2_ENDANCHORED;
	if (flags & RX_ANCHOR_START)
		opts |= PCRE2_ANCHORED;
	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &ec, &eo, NULL);
	if (!code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof msg);
		buf_addf(err, "at offset %zu: %s", (size_t)eo, (const char *)msg);
		return NULL;
	}
	make_mctx();
	r = xcalloc(1, sizeof *r);
	r->code = code;
	/* ZNES_NO_JIT=1 interprets instead: valgrind cannot follow JIT code
	 * and would report its reads as uninitialised (make valgrind). */
	if (!(flags & RX_NO_JIT))
		rx_jit(r);
	return r;
}

void rx_free(struct rx *r)
{
	if (!r)
		return;
	pcre2_code_free(r->code);
	rx_free(r->anchored);
	if (r->gate) {
		litset_release(r->gate);
		free(r->gate);
	}
	free(r);
}

/* One PCRE2 search of s[0..n) from `from`: rx_search's answers. */
static int search(const struct rx *r, const char *s, size_t n, size_t from, size_t *ms, size_t *me)
{
	int rc;
	PCRE2_SIZE *ov;
	pcre2_match_data *md = match_data();
	/* JIT's fast path skips pcre2_match's checks: safe on any bytes, as
	 * the code was compiled with PCRE2_MATCH_INVALID_UTF */
	if (r->jit)
		rc = pcre2_jit_match(r->code, (PCRE2_SPTR)s, n, from, 0, md, mctx);
	else
		rc = pcre2_match(r->code, (PCRE2_SPTR)s, n, from, 0, md, mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0)
		return -1;
	ov = pcre2_get_ovector_pointer(md);
	*ms = ov[0];
	*me = ov[1];
	return 1;
}

/* Where the next of r's keys begins, at or after `from`. */
static size_t next_key(const struct rx *r, const char *s, size_t n, size_t from)
{
	return r->word_start ? litset_next_word(r->gate, s, n, from) : litset_next(r->gate, s, n, from);
}

int rx_search(struct rx *r, const char *s, size_t n, size_t from, size_t *ms, size_t *me)
{
	size_t p;
	if (from > n)
		return 0;
	if (!r->gate)
		return search(r, s, n, from, ms, me);
	/* a match begins with a key: the leftmost match is the first that
	 * the anchored pattern finds where a key begins */
	for (p = next_key(r, s, n, from); p < n; p = next_key(r, s, n, p + 1)) {
		int rc = search(r->anchored, s, n, p, ms, me);
		if (rc)
			return rc;
	}
	return 0;
}

void rx_alternation(struct buf *out, const char *const *words, size_t n)
{
	size_t i;
	buf_adds(out, "(?:");
	for (i = 0; i < n; i++) {
		if (i)
			buf_addch(out, '|');
		buf_adds(out, words[i]);
	}
	buf_addch(out, ')');
}

/* Does word (a PCRE2 fragment) begin with a letter, literally? */
static int begins_with_letter(const char *word)
{
	uint32_t cps[GATE_CPS];
	unsigned char opt[GATE_CPS];
	return literal_start(word, cps, opt) > 0 && ucp_is_letter(cps[0]);
}

struct rx *rx_compile_words(const char *const *words, size_t n, unsigned flags, struct buf *err)
{
	struct buf src = BUF_INIT;
	struct rx *r;
	int gated = (flags & RX_GATED) != 0, all_letters = n > 0 && (flags & RX_WORD_START);
	size_t i;
	if (flags & RX_WORD_START) {
		/* each word that begins with a letter after the lookbehind */
		char **w = xcalloc(n ? n : 1, sizeof *w);
		for (i = 0; i < n; i++) {
			int letter = begins_with_letter(words[i]);
			struct buf b = BUF_INIT;
			all_letters &= letter;
			if (letter)
				buf_addf(&b, "%s(?:%s)", flags & RX_CAMEL ? RX_AT_CAMEL_START : RX_AT_WORD_START,
					 words[i]);
			else
				buf_adds(&b, words[i]);
			w[i] = buf_detach(&b, NULL);
		}
		rx_alternation(&src, (const char *const *)w, n);
		for (i = 0; i < n; i++)
			free(w[i]);
		free(w);
	} else
		rx_alternation(&src, words, n);
	/* the gate's places (litset_next_word) know no camel case */
	if (flags & RX_CAMEL)
		gated = 0;
	flags &= ~(unsigned)(RX_WORD_START | RX_CAMEL);
	/* the list's own pattern is JIT-compiled below only if no gate
	 * stands in front of it: a gated search only runs the anchored one */
	r = rx_compile(src.ptr, (flags & ~(unsigned)RX_GATED) | RX_NO_JIT, err);
	/* ZNES_NO_GATE=1: no gate, for tests that compare the answers; an
	 * anchored list needs none (it is tried at `from` only) */
	flags &= ~(unsigned)RX_GATED;
	if (r && gated && !(flags & RX_ANCHOR_START) && !getenv("ZNES_NO_GATE") &&
	    (r->gate = gate_new(words, n, (flags & RX_CASELESS) != 0)) &&
	    !(r->anchored = rx_compile(src.ptr, flags | RX_ANCHOR_START, err))) {
		rx_free(r);
		r = NULL;
	}
	if (r && r->gate)
		r->word_start = all_letters;
	else if (r && !(flags & RX_NO_JIT))
		rx_jit(r);
	buf_release(&src);
	return r;
}
