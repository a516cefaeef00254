/*
 * regex.c — PCRE2 behind the interface of regex.h.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "rules/regex.h"

/* Enough for any sane pattern on a field; bounds pathological ones. */
#define RX_MATCH_LIMIT 200000
#define RX_DEPTH_LIMIT 5000

struct rx {
	pcre2_code *code;
	int jit;
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
	r->jit = !getenv("ZNES_NO_JIT") && pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
	return r;
}

void rx_free(struct rx *r)
{
	if (!r)
		return;
	pcre2_code_free(r->code);
	free(r);
}

int rx_search(struct rx *r, const char *s, size_t n, size_t from, size_t *ms, size_t *me)
{
	int rc;
	PCRE2_SIZE *ov;
	if (from > n)
		return 0;
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
