/*
 * engine.c — the detection engine of engine.h.
 */
#include "rules/engine.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/address.h"
#include "rules/names.h"
#include "rules/validators.h"
#include "scanner/util.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define CONTEXT_WINDOW 64   /* bytes before a candidate searched for context */
#define AFFIX_WINDOW 32     /* bytes searched for a prefix or suffix */
#define MAX_GROUPS 64       /* digit groups of one run considered */
#define REPORT_THRESHOLD 0.5f

void findings_init(struct findings *f)
{
	memset(f, 0, sizeof *f);
}

void findings_release(struct findings *f)
{
	free(f->v);
	memset(f, 0, sizeof *f);
}

static struct finding *findings_add(struct findings *f)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? st_mult(f->cap, 2) : 8;
		f->v = xrealloc(f->v, st_mult(f->cap, sizeof *f->v));
	}
	memset(&f->v[f->n], 0, sizeof f->v[0]);
	return &f->v[f->n++];
}

void findings_append(struct findings *dst, const struct finding *v, size_t n)
{
	if (!n)
		return;
	if (dst->cap - dst->n < n) {
		dst->cap = st_add(dst->n, n > dst->cap ? n : dst->cap);
		dst->v = xrealloc(dst->v, st_mult(dst->cap, sizeof *dst->v));
	}
	memcpy(dst->v + dst->n, v, n * sizeof *v);
	dst->n += n;
}

void findings_copy(struct findings *dst, const struct findings *src)
{
	dst->n = 0;
	findings_append(dst, src->v, src->n);
}

struct finding *findings_push(struct findings *f)
{
	return findings_add(f);
}

static const struct engine *sort_engine;

/* Bit k of the bit set `set` (the gates' and the separators' sets). */
static inline void bit_set(unsigned char *set, unsigned k)
{
	set[k >> 3] |= (unsigned char)(1u << (k & 7));
}

static inline int bit_has(const unsigned char *set, unsigned k)
{
	return set[k >> 3] >> (k & 7) & 1;
}

static int by_priority(const void *a, const void *b)
{
	const struct rule *ra = &sort_engine->rs->rule[*(const size_t *)a];
	const struct rule *rb = &sort_engine->rs->rule[*(const size_t *)b];
	return rb->priority - ra->priority;
}

/*
 * A word-start gate's set: each literal's first characters in lower case,
 * capitalised and in upper case ("вул", "Вул", "ВУЛ"; "ПРОСП" for
 * "просп"), cut at eight bytes, so the gate passes the spellings the
 * caseless lexicons of the recognizers take as they are written. (Every
 * mixed case, "вУл", would make each first letter's literals many, and
 * each word start slower to look up.) -1 (nothing to release) when a
 * spelling is under two bytes.
 */
static int word_gate_init(struct litset *set, const struct rule *r)
{
	struct litset_word *w = xcalloc(st_mult(r->ngate_lit, 3), sizeof *w);
	size_t k, c;
	int rc = 0;
	for (k = 0; k < r->ngate_lit && !rc; k++) {
		uint32_t lit[LITSET_CPS], cps[3][LITSET_CPS];
		size_t n = utf8_decode_str(r->gate_lit[k], lit, LITSET_CPS), i;
		for (i = 0; i < n; i++) {
			cps[0][i] = ucp_lower(lit[i]);
			cps[1][i] = i ? ucp_lower(lit[i]) : ucp_upper(lit[i]);
			cps[2][i] = ucp_upper(lit[i]);
		}
		for (c = 0; c < 3 && !rc; c++)
			rc = litset_word_spell(&w[3 * k + c], cps[c], NULL, n, 0);
	}
	if (!rc)
		rc = litset_init_spelled(set, w, st_mult(r->ngate_lit, 3));
	free(w);
	return rc;
}

void engine_init(struct engine *e, const struct ruleset *rs)
{
	size_t i;
	memset(e, 0, sizeof *e);
	e->rs = rs;
	e->order = xcalloc(rs->nrule + 1, sizeof *e->order);
	e->regex = xcalloc(rs->nrule + 1, sizeof *e->regex);
	e->sepset = xcalloc(rs->nrule + 1, sizeof *e->sepset);
	if (rs->lex) {
		e->tok = xmalloc(sizeof *e->tok);
		tokens_init(e->tok);
		for (i = 0; i < rs->nrule; i++)
			e->tok->titled |= rs->rule[i].after_person;
	}
	for (i = 0; i < rs->nrule; i++) {
		const struct rule *r = &rs->rule[i];
		const char *p;
		if (r->match != MATCH_DIGITS) {
			e->regex[e->nregex++].ri = i;
			continue;
		}
		e->order[e->norder++] = i;
		for (p = r->seps; *p; p++)
			bit_set(e->sepset[i], (unsigned char)*p);
		if (r->dmax > e->max_digits)
			e->max_digits = r->dmax;
		if (r->gmax > e->max_groups)
			e->max_groups = r->gmax;
		for (p = r->seps; *p; p++)
			if (!strchr(e->seps, *p) && strlen(e->seps) + 1 < sizeof e->seps)
				e->seps[strlen(e->seps)] = *p;
	}
	for (i = 0; e->seps[i]; i++)
		e->is_sep[(unsigned char)e->seps[i]] = 1;
	e->gate = xcalloc(rs->nrule + 1, sizeof *e->gate);
	for (i = 0; i < rs->nrule; i++) {
		const struct rule *r = &rs->rule[i];
		size_t k;
		if (!r->ngate_lit)
			continue;
		e->gate[i].non_ascii = 1;
		for (k = 0; k < r->ngate_lit; k++)
			if ((unsigned char)r->gate_lit[k][0] < 0x80)
				e->gate[i].non_ascii = 0;
		if (!r->gate_word_start || word_gate_init(&e->gate[i].set, r) < 0)
			litset_init(&e->gate[i].set, (const char *const *)r->gate_lit, r->ngate_lit);
	}
	for (i = 0; i < e->nregex; i++) {
		struct pass_rule *pr = &e->regex[i];
		const struct rule *r = &rs->rule[pr->ri];
		const struct gate *g = &e->gate[pr->ri];
		pr->cat = r->cat;
		pr->gate_min_digits = r->gate_min_digits;
		pr->match = (unsigned char)r->match;
		pr->after_person = !!r->after_person;
		pr->word_start = !!r->gate_word_start;
		pr->lits = r->ngate_lit > 0;
		pr->minlen = pr->lits ? g->set.minlen : 0;
		pr->non_ascii = pr->lits && g->non_ascii;
		pr->one_byte = r->ngate_lit == 1 && g->set.minlen == 1 ? (unsigned char)r->gate_lit[0][0] : 0;
	}
	sort_engine = e;
	qsort(e->order, e->norder, sizeof *e->order, by_priority);
	for (i = 0; i < 65; i++) {
		size_t k;
		e->by_digits[i] = xcalloc(e->norder + 1, sizeof *e->by_digits[i]);
		for (k = 0; k < e->norder; k++) {
			const struct rule *r = &rs->rule[e->order[k]];
			if ((int)i >= r->dmin && (int)i <= r->dmax)
				e->by_digits[i][e->nby_digits[i]++] = e->order[k];
		}
	}
}

void engine_release(struct engine *e)
{
	size_t i;
	for (i = 0; e->gate && i < e->rs->nrule; i++)
		if (e->rs->rule[i].ngate_lit)
			litset_release(&e->gate[i].set);
	for (i = 0; i < 65; i++)
		free(e->by_digits[i]);
	free(e->gate);
	free(e->order);
	free(e->regex);
	free(e->sepset);
	if (e->tok) {
		tokens_release(e->tok);
		free(e->tok);
	}
	memset(e, 0, sizeof *e);
}

void colctx_init(struct colctx *c, const struct engine *e, const char *colname)
{
	size_t i, n = strlen(colname), ms, me;
	c->hint = xcalloc(e->rs->nrule + 1, 1);
	c->cat = -1;
	for (i = 0; i < e->rs->nrule; i++) {
		const struct rule *r = &e->rs->rule[i];
		if (r->negheaders && rx_search(r->negheaders, colname, n, 0, &ms, &me) == 1)
			c->hint[i] = 2;
		else if (r->headers && rx_search(r->headers, colname, n, 0, &ms, &me) == 1)
			c->hint[i] = 1;
	}
}

void colctx_release(struct colctx *c)
{
	free(c->hint);
	c->hint = NULL;
}

/* --- small helpers ------------------------------------------------------------ */

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/*
 * The high bit of each byte of w that is an ASCII digit. No carry crosses
 * a byte: (y & 0x7F) + 0x76 <= 0xF5.
 */
static uint64_t digit_mask(uint64_t w)
{
	uint64_t y = w ^ (0x30 * ONES);
	uint64_t t = (y & (0x7F * ONES)) + 0x76 * ONES;
	return ~(t | y) & HIGHS;
}

/* Index of the first digit in s[i..n), or n. */
static size_t next_digit(const char *s, size_t n, size_t i)
{
#if defined(__SSE2__)
	while (i + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i t = _mm_sub_epi8(v, _mm_set1_epi8('0'));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t));
		if (m)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
#endif
	while (i + 8 <= n) {
		uint64_t w, m;
		memcpy(&w, s + i, 8);
		m = digit_mask(w);
		if (m)
			return i + (size_t)(__builtin_ctzll(m) >> 3);
		i += 8;
	}
	while (i < n && !(s[i] >= '0' && s[i] <= '9'))
		i++;
	return i;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Is there a letter or digit ending right before s[pos]? (Latin, Cyrillic) */
static int word_before(const char *s, size_t pos)
{
	unsigned char c;
	if (!pos)
		return 0;
	c = (unsigned char)s[pos - 1];
	if (c < 0x80)
		return is_digit((char)c) || (c | 0x20) >= 'a' ? ((c | 0x20) <= 'z' || is_digit((char)c)) : 0;
	/* a two-byte character whose lead byte is in the Cyrillic block */
	return pos >= 2 && (c & 0xC0) == 0x80 && (unsigned char)s[pos - 2] >= 0xD0 &&
	       (unsigned char)s[pos - 2] <= 0xD3;
}

static int word_after(const char *s, size_t n, size_t pos)
{
	unsigned char c;
	if (pos >= n)
		return 0;
	c = (unsigned char)s[pos];
	if (c < 0x80)
		return is_digit((char)c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	return c >= 0xD0 && c <= 0xD3;
}

/*
 * Is there a letter before s[pos], past at most a space and a '№'? Patterns
 * with a prefix (passports, plates, IBAN) all need one: checking it in C
 * spares a regex search at every short group of digits.
 */
static int letter_before(const char *s, size_t pos)
{
	if (pos && s[pos - 1] == ' ')
		pos--;
	if (pos >= 3 && !memcmp(s + pos - 3, "\xE2\x84\x96", 3)) /* № */
		pos -= 3;
	if (pos && s[pos - 1] == ' ')
		pos--;
	if (!pos)
		return 0;
	if (is_digit(s[pos - 1]))
		return 0;
	return word_before(s, pos);
}

/* Moves a window start forward onto a character boundary. */
static size_t char_start(const char *s, size_t pos, size_t limit)
{
	while (pos < limit && ((unsigned char)s[pos] & 0xC0) == 0x80)
		pos++;
	return pos;
}

/*
 * Searches the window before s[at] for rx; returns where the last match
 * ends (so the nearest word can win), or -1.
 */
static long search_before(struct engine *e, struct rx *rx, const char *s, size_t at)
{
	size_t from = at > CONTEXT_WINDOW ? at - CONTEXT_WINDOW : 0, ms, me;
	long last = -1;
	int rc;
	if (!rx || !at)
		return -1; /* nothing before a value's first byte */
	from = char_start(s, from, at);
	while ((rc = rx_search(rx, s, at, from, &ms, &me)) == 1) {
		last = (long)me;
		if (me >= at)
			break;
		from = me > ms ? me : ms + 1;
	}
	if (rc < 0)
		e->limit_hits++;
	return last;
}

/* Context words right after s[end] ("18.06.1989 р.н."). */
static int context_after(struct engine *e, const struct rule *r, const char *s, size_t n, size_t end)
{
	size_t ms, me, len = n - end > CONTEXT_WINDOW ? CONTEXT_WINDOW : n - end;
	int rc;
	if (!r->context_after || end >= n)
		return 0;
	rc = rx_search(r->context_after, s + end, len, 0, &ms, &me);
	if (rc < 0)
		e->limit_hits++;
	return rc == 1;
}

static int date_words(const struct rule *r, const char *s, size_t n)
{
	size_t i = 0, k;
	int d = 0, y = 0, m = 0;
	while (i < n && is_digit(s[i]))
		d = d * 10 + (s[i++] - '0');
	while (i < n && s[i] == ' ')
		i++;
	for (k = 0; k < r->nmonths; k++) {
		size_t len = strlen(r->months[k]);
		if (i + len <= n && !memcmp(s + i, r->months[k], len)) {
			m = (int)k + 1;
			i += len;
			break;
		}
	}
	while (i < n && s[i] == ' ')
		i++;
	while (i < n && is_digit(s[i]))
		y = y * 10 + (s[i++] - '0');
	return m && val_ymd(y, m, d);
}

/* Runs the rule's validator: 1 valid, 0 not; sets norm and F_WEAK. */
static int validate(const struct rule *r, const char *s, size_t n, char norm[32], unsigned *flags)
{
	struct ymd ymd;
	char e164[16];
	norm[0] = '\0';
	switch (r->validator) {
	case V_NONE: return 1;
	case V_PHONE_UA:
		if (phone_ua_normalize(s, n, e164) == PHONE_INVALID)
			return 0;
		memcpy(norm, e164, strlen(e164) + 1);
		return 1;
	case V_PHONE_LOCAL: return phone_ua_local(s, n);
	case V_RNOKPP:
		if (!val_rnokpp(s, n, NULL))
			return 0;
		if (rnokpp_born_before(s, 1930)) /* over 95 years old: a phone or a code is likelier */
			*flags |= F_WEAK;
		return 1;
	case V_EDRPOU: return val_edrpou(s, n);
	case V_CARD: return val_card(s, n);
	case V_IBAN_UA: return val_iban_ua(s, n);
	case V_UNZR: return val_unzr(s, n, &ymd);
	case V_PASSPORT_BOOKLET: return val_passport_booklet(s, n);
	case V_PASSPORT_FOREIGN: return val_passport_foreign(s, n);
	case V_ID_CARD: return val_id_card(s, n);
	case V_CADASTRAL: return val_cadastral(s, n);
	case V_PLATE: return val_plate(s, n, norm);
	case V_DATE:
		return parse_date_numeric(s, n, &ymd) && ymd.y >= 1900 && ymd.y <= 2100;
	case V_DATE_WORDS: return date_words(r, s, n);
	case V_EMAIL: return val_email(s, n);
	case V_BIRTH_YEAR: return val_birth_year(s, n);
	}
	return 0;
}

static void trace(struct engine *e, const struct rule *r, size_t s, size_t en, const char *verdict,
		  int ctx, int neg, float conf)
{
	struct trace_event ev;
	if (!e->trace)
		return;
	ev.rule = r;
	ev.start = s;
	ev.end = en;
	ev.verdict = verdict;
	ev.context = ctx;
	ev.negative = neg;
	ev.conf = conf;
	e->trace(e->trace_ctx, &ev);
}

struct cand {
	size_t start, end;
	size_t rule;
	float conf;
	int score;
	unsigned flags;
	char norm[32];
};

/*
 * Decides one candidate for one rule: context, validator, column. Returns
 * 1 and fills *c when the rule fires.
 */
static int judge(struct engine *e, const struct colctx *col, size_t ri, const char *s,
		 size_t n, size_t start, size_t end, int digits, struct cand *c)
{
	const struct rule *r = &e->rs->rule[ri];
	int hint = col ? col->hint[ri] : 0;
	int column = hint == 1 || (col && col->cat == (int)r->cat);
	int ctx, neg, ok;
	unsigned flags = 0;
	char norm[32];
	float conf;
	if (hint == 2) {
		trace(e, r, start, end, "column header rules it out", 0, 0, 0);
		return 0;
	}
	/* a candidate that is the whole value has no context around it: a
	 * rule that needs context is out here, outside its column, before
	 * its validator (a trace still shows the validator's verdict) */
	if (r->requires_context && !column && !start && end >= n && !e->trace)
		return 0;
	/* The validator first: it is plain C, the context searches are not.
	 * Rules sharing a validator (IBAN, treasury IBAN) share its verdict. */
	if (e->memo.start == start && e->memo.end == end && e->memo.v == (int)r->validator &&
	    e->memo.s == s && r->validator != V_DATE_WORDS) {
		ok = e->memo.ok;
		flags |= e->memo.flags;
		memcpy(norm, e->memo.norm, sizeof norm);
	} else {
		ok = validate(r, s + start, end - start, norm, &flags);
		e->memo.s = s;
		e->memo.start = start;
		e->memo.end = end;
		e->memo.v = (int)r->validator;
		e->memo.ok = ok;
		e->memo.flags = flags;
		memcpy(e->memo.norm, norm, sizeof norm);
	}
	if (ok)
		flags |= F_VALIDATED;
	else if (column && r->relax_max && digits >= r->relax_min && digits <= r->relax_max)
		flags |= F_RELAXED;
	else {
		trace(e, r, start, end, "validator rejected", 0, 0, 0);
		return 0;
	}
	/*
	 * Context is looked for only where it can change the outcome: the
	 * column's support outweighs both kinds of context words, so a value
	 * in a phone column costs no regex search at all.
	 */
	if (r->require) {
		size_t ms, me;
		if (rx_search(r->require, s + start, end - start, 0, &ms, &me) != 1) {
			trace(e, r, start, end, "does not fit 'require'", 0, 0, 0);
			return 0;
		}
	}
	ctx = neg = 0;
	if (!column) {
		/* the nearer of a context word and a negative word decides; a
		 * candidate that needs context and has none is out whatever
		 * the negative words say (looked for then only for a trace) */
		long pos = search_before(e, r->context, s, start), negpos;
		ctx = pos >= 0 || context_after(e, r, s, n, end);
		if (ctx || !r->requires_context || e->trace) {
			negpos = search_before(e, r->negative, s, start);
			neg = negpos >= 0 && negpos > pos;
		}
	}
	if (r->requires_context && !ctx && !column) {
		trace(e, r, start, end, "needs context", ctx, neg, 0);
		return 0;
	}
	/* a rule that needs context has none where a negative word is
	 * nearer: "21.07.1965 р.н. Відповідно до рішення від 03.01.2022" */
	if (r->requires_context && neg && !column) {
		trace(e, r, start, end, "negative context nearer", ctx, neg, 0);
		return 0;
	}
	conf = r->confidence;
	if (ctx) {
		flags |= F_CONTEXT;
		conf += 0.1f;
	}
	if (column) {
		flags |= F_COLUMN;
		conf += 0.15f;
	}
	if (neg && !column)
		conf -= 0.4f;
	if (flags & F_WEAK)
		conf -= 0.25f;
	if (conf > 1.0f)
		conf = 1.0f;
	if (conf < REPORT_THRESHOLD) {
		trace(e, r, start, end, "confidence too low", ctx, neg, conf);
		return 0;
	}
	c->start = start;
	c->end = end;
	c->rule = ri;
	c->conf = conf;
	c->flags = flags;
	c->score = r->priority + (ctx ? 100 : 0) + (column ? 200 : 0) - (neg ? 100 : 0) -
		   ((flags & F_WEAK) ? 30 : 0);
	memcpy(c->norm, norm, sizeof norm);
	return 1;
}

struct group {
	size_t s, e;
	int nd;
};

/* May a rule whose separators are set take groups g[i..j], given the bytes between them? */
static int seps_ok(const unsigned char set[32], const char *s, const struct group *g, size_t i,
		   size_t j)
{
	size_t k, p;
	for (k = i; k < j; k++)
		for (p = g[k].e; p < g[k + 1].s; p++)
			if (!bit_has(set, (unsigned char)s[p]))
				return 0;
	return 1;
}

/* Is there a space in s[a..b)? (a separator: at most three bytes) */
static int has_space(const char *s, size_t a, size_t b)
{
	for (; a < b; a++)
		if (s[a] == ' ')
			return 1;
	return 0;
}

/* Tries every candidate that starts at group i; returns the last group used. */
static size_t try_at(struct engine *e, const struct colctx *col, const char *s, size_t n,
		     const struct group *g, size_t ng, size_t i, struct findings *out)
{
	struct cand best, c;
	size_t j, k, best_j = i;
	int have = 0, nd = 0;
	memset(&best, 0, sizeof best);
	/*
	 * A candidate may begin or end inside a run only where the run has a
	 * space: "067 123 45 67 050 123 45 67" holds two phones, but
	 * "2025-09-15-575687" and "12.01.2024" hold none.
	 */
	if (i > 0 && !has_space(s, g[i - 1].e, g[i].s))
		return i;
	for (j = i; j < ng && (int)(j - i) < e->max_groups; j++) {
		nd += g[j].nd;
		if (nd > e->max_digits)
			break;
		if (j + 1 < ng && !has_space(s, g[j].e, g[j + 1].s))
			continue;
		for (k = 0; k < e->nby_digits[nd]; k++) {
			size_t ri = e->by_digits[nd][k], start = g[i].s, end = g[j].e, ms, me;
			const struct rule *r = &e->rs->rule[ri];
			int groups = (int)(j - i + 1);
			if (groups < r->gmin || groups > r->gmax)
				continue;
			if (j > i && !seps_ok(e->sepset[ri], s, g, i, j))
				continue;
			/* a leading '+' or '(' belongs to a phone-like spelling */
			while (start > 0 && (s[start - 1] == '+' || s[start - 1] == '(') &&
			       bit_has(e->sepset[ri], (unsigned char)s[start - 1]))
				start--;
			if (r->prefix) {
				size_t from;
				if (!letter_before(s, start))
					continue;
				from = char_start(s, start > AFFIX_WINDOW ? start - AFFIX_WINDOW : 0, start);
				int rc = rx_search(r->prefix, s, start, from, &ms, &me);
				if (rc != 1) {
					if (rc < 0)
						e->limit_hits++;
					continue;
				}
				start = ms;
			} else if (word_before(s, start))
				continue;
			if (r->suffix) {
				if (rx_search(r->suffix, s + end, n - end > AFFIX_WINDOW ? AFFIX_WINDOW : n - end,
					      0, &ms, &me) != 1)
					continue;
				end += me;
			} else if (word_after(s, n, end))
				continue;
			if (!judge(e, col, ri, s, n, start, end, nd, &c))
				continue;
			if (!have || c.score > best.score ||
			    (c.score == best.score && c.end - c.start > best.end - best.start)) {
				best = c;
				best_j = j;
				have = 1;
			}
		}
	}
	if (!have)
		return i;
	{
		struct finding *f = findings_add(out);
		const struct rule *r = &e->rs->rule[best.rule];
		f->start = best.start;
		f->end = best.end;
		f->cat = (unsigned short)r->cat;
		f->rule = (unsigned short)best.rule;
		f->conf = best.conf;
		f->flags = best.flags;
		memcpy(f->norm, best.norm, sizeof f->norm);
		trace(e, r, best.start, best.end, "found", !!(best.flags & F_CONTEXT), 0, best.conf);
	}
	return best_j;
}

/* The one pass over digit runs. */
static void scan_digits(struct engine *e, const struct colctx *col, const char *s, size_t n,
			struct findings *out)
{
	struct group g[MAX_GROUPS];
	size_t i = 0;
	while (i < n) {
		size_t ng = 0, k, total = 0;
		i = next_digit(s, n, i);
		if (i >= n)
			break;
		/* collect the groups of one run */
		for (;;) {
			size_t st = i, p;
			while (i < n && is_digit(s[i]))
				i++;
			if (ng < MAX_GROUPS) {
				g[ng].s = st;
				g[ng].e = i;
				g[ng].nd = (int)(i - st);
				ng++;
			}
			total += i - st;
			/* up to three separators may join the next group */
			p = i;
			while (p < n && p - i < 3 && e->is_sep[(unsigned char)s[p]])
				p++;
			if (p > i && p < n && is_digit(s[p]))
				i = p;
			else
				break;
		}
		if ((int)total < e->rs->min_digits)
			continue;
		for (k = 0; k < ng; k++)
			k = try_at(e, col, s, n, g, ng, k, out);
	}
}

/*
 * Where the first of a word-start gate's literals at or after s[from]
 * begins, where a word may begin (litset_next_word: after no letter or
 * digit), or with "after_number" only after a number and a space, as a
 * month name in "1 лютого 1980"; n when none. The spaces after a digit
 * are found sixteen bytes at a time where SSE2 is (each loaded with the
 * byte before it): a sentence has few, so the months are looked up at
 * almost none.
 */
static size_t word_gate_hit(const struct rule *r, const struct gate *g, const char *s, size_t n,
			    size_t from)
{
	size_t i = from ? from - 1 : 0;
	if (!r->gate_after_number)
		return litset_next_word(&g->set, s, n, from);
	if (i == 0)
		i = 1; /* the byte s[0] follows no digit */
#if defined(__SSE2__)
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* the byte before each, a digit: 0..9 after subtracting '0',
		 * so its minimum with 9 is itself */
		__m128i d = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i - 1)),
					 _mm_set1_epi8('0'));
		__m128i sp = _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
					   _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d));
		unsigned m;
		for (m = (unsigned)_mm_movemask_epi8(sp); m; m &= m - 1) {
			size_t p = i + (size_t)__builtin_ctz(m) + 1;
			if (litset_at(&g->set, s, n, p))
				return p;
		}
	}
#endif
	for (; i < n; i++)
		if (s[i] == ' ' && is_digit(s[i - 1]) && litset_at(&g->set, s, n, i + 1))
			return i + 1;
	return n;
}

/*
 * A rule's gate: enough digits, and one of its literals (anywhere, or
 * with "at_word_start" where word_gate_hit finds one).
 */
#define GATE_SHUT ((size_t)-1)

/* GATE_SHUT, or where the rule's work may start: a word-start gate's
 * first hit (words_gate goes on from there), else 0. */
static size_t gate_open(const struct engine *e, const struct pass_rule *pr, const char *s, size_t n,
			int digits, int ascii)
{
	const struct rule *r;
	const struct gate *g;
	size_t i;
	if (digits < pr->gate_min_digits)
		return GATE_SHUT;
	/* a word for a person and a surname: letters of more than a byte */
	if (pr->after_person && (ascii || n < 6))
		return GATE_SHUT;
	if (!pr->lits)
		return 0;
	if (n < pr->minlen || (ascii && pr->non_ascii))
		return GATE_SHUT;
	/* a value the names rules cut into words already: the address
	 * recognizer reads their classes (a street type is W_STREET however
	 * it is spelled or glued), cheaper than the gate's look at every
	 * word, and it misses none the gate would */
	if (pr->match == MATCH_ADDRESS && e->tok && e->tok->src == s && e->tok->srclen == n)
		return 0;
	r = &e->rs->rule[pr->ri];
	g = &e->gate[pr->ri];
	if (pr->word_start)
		return (i = word_gate_hit(r, g, s, n, 0)) < n ? i : GATE_SHUT;
	if (pr->one_byte)
		return memchr(s, pr->one_byte, n) ? 0 : GATE_SHUT;
	if (litset_next(&g->set, s, n, 0) < n)
		return 0;
	return GATE_SHUT;
}

/*
 * Is rule pr out before its gate? Outside an address column an address
 * has a house number (address.h): a value without a digit has none.
 */
static int skipped(const struct colctx *col, const struct pass_rule *pr, int digits)
{
	return pr->match == MATCH_ADDRESS && !digits &&
	       !(col && (col->hint[pr->ri] == 1 || col->cat == (int)pr->cat));
}


/* The bytes an in_word rule's match never holds (struct rule.gate_in_word). */
static int ascii_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static void scan_regex(struct engine *e, const struct colctx *col, size_t ri, const char *s,
		       size_t n, struct findings *out)
{
	const struct rule *r = &e->rs->rule[ri];
	size_t from = 0, ms, me;
	int rc = 0;
	if (r->requires_context && !(col && (col->hint[ri] == 1 || col->cat == (int)r->cat))) {
		/* no column support: the value itself must hold a context word */
		size_t a, b;
		if (!r->context || rx_search(r->context, s, n, 0, &a, &b) != 1)
			return;
	}
	for (;;) {
		struct cand c;
		if (r->gate_in_word) {
			/* a match holds the literal and no space: none begins
			 * before the run of non-spaces around its next one */
			const char *lit = memchr(s + from, r->gate_lit[0][0], n - from);
			size_t run;
			if (!lit)
				break;
			for (run = (size_t)(lit - s); run > from && !ascii_space(s[run - 1]); run--)
				;
			from = run;
		}
		if ((rc = rx_search(r->pattern, s, n, from, &ms, &me)) != 1)
			break;
		if (me == ms) {
			from = me + 1;
			continue;
		}
		if (judge(e, col, ri, s, n, ms, me, 0, &c)) {
			struct finding *f = findings_add(out);
			f->start = c.start;
			f->end = c.end;
			f->cat = (unsigned short)r->cat;
			f->rule = (unsigned short)ri;
			f->conf = c.conf;
			f->flags = c.flags;
			memcpy(f->norm, c.norm, sizeof f->norm);
			trace(e, r, c.start, c.end, "found", !!(c.flags & F_CONTEXT), 0, c.conf);
		}
		from = me;
	}
	if (rc < 0)
		e->limit_hits++;
}

/*
 * Can the value hold an address, or a surname after a word for a person?
 * With a word-start gate, only the words where the gate finds one of its
 * literals are looked at (a street type), from its first hit at s[first]
 * on, found by gate_open.
 */
static int words_gate(const struct engine *e, size_t ri, const char *s, size_t n, size_t first)
{
	const struct rule *r = &e->rs->rule[ri];
	const struct gate *g = &e->gate[ri];
	int address = r->match == MATCH_ADDRESS;
	size_t p;
	if (!address)
		return names_titled_may_be(e->rs->lex, e->tok, s, n);
	if (!r->ngate_lit || !r->gate_word_start)
		return address_may_be(e->rs->lex, s, n);
	for (p = first; p < n; p = word_gate_hit(r, g, s, n, p + 1))
		if (address_may_be_at(e->rs->lex, s, n, p))
			return 1;
	return 0;
}

/*
 * A "names" or "address" rule: the value's words (tokenized once for both
 * kinds) go to the recognizer. A names rule needs two capitalised words
 * side by side (one in a name column), so most values of numbers, codes
 * and plain sentences are not tokenized at all.
 */
static void scan_words(struct engine *e, const struct colctx *col, size_t ri, const char *s,
		       size_t n, size_t first, struct findings *out)
{
	const struct rule *r = &e->rs->rule[ri];
	int hint = col ? col->hint[ri] : 0;
	int column = hint == 1 || (col && col->cat == (int)r->cat);
	size_t before = out->n, k;
	/* a column of officials is known by its header, never by its profile */
	if (hint == 2 || (r->requires_context && !column) || (r->official && hint != 1))
		return;
	if (e->tok->src != s || e->tok->srclen != n) {
		/* a names rule after a word for a person has one capitalised
		 * word to go on (words_gate found it after the word) */
		enum tok_want want = r->match != MATCH_NAMES || r->after_person ? TOK_ALL
				     : column ? TOK_CAPITAL : TOK_NAMES;
		if ((r->match == MATCH_ADDRESS || r->after_person) && !words_gate(e, ri, s, n, first))
			return;
		if (!tokens_scan(e->tok, e->rs->lex, s, n, want)) {
			e->tok->src = NULL;
			return;
		}
	}
	if (r->match == MATCH_NAMES && r->after_person)
		names_scan_titled(e->rs->lex, e->tok, r->cat, (unsigned)ri, r->confidence, out);
	else if (r->match == MATCH_NAMES)
		names_scan(e->rs->lex, e->tok, column, r->cat, (unsigned)ri, r->confidence, out);
	else
		address_scan(e->rs->lex, e->tok, column, r->cat, (unsigned)ri, r->confidence, out);
	for (k = before; k < out->n; k++) {
		if (r->official)
			out->v[k].flags |= F_OFFICIAL;
		trace(e, r, out->v[k].start, out->v[k].end, "found", 0, 0, out->v[k].conf);
	}
}

static int by_start(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->end > y->end) - (x->end < y->end);
}

/*
 * Sorts f by start (then end), keeping the order of equal ones as glibc's
 * qsort does (a merge sort): the findings come mostly in order, rule
 * after rule, a few to a value, where an insertion sort moves little and
 * calls no comparator.
 */
static void sort_by_start(struct findings *f)
{
	size_t i, j;
	if (f->n > 16) {
		qsort(f->v, f->n, sizeof *f->v, by_start);
		return;
	}
	for (i = 1; i < f->n; i++) {
		struct finding x;
		if (by_start(&f->v[i - 1], &f->v[i]) <= 0)
			continue;
		x = f->v[i];
		for (j = i; j > 0 && by_start(&f->v[j - 1], &x) > 0; j--)
			f->v[j] = f->v[j - 1];
		f->v[j] = x;
	}
}

/* Keeps, of overlapping findings, the one with the higher priority. */
static void resolve_overlaps(const struct engine *e, struct findings *f)
{
	size_t i, w = 0;
	if (f->n < 2)
		return;
	sort_by_start(f);
	for (i = 0; i < f->n; i++) {
		if (w && f->v[i].start < f->v[w - 1].end) {
			const struct finding *a = &f->v[w - 1], *b = &f->v[i];
			int pa = e->rs->rule[a->rule].priority + (a->flags & F_VALIDATED ? 100 : 0);
			int pb = e->rs->rule[b->rule].priority + (b->flags & F_VALIDATED ? 100 : 0);
			if (pb > pa || (pb == pa && b->end - b->start > a->end - a->start))
				f->v[w - 1] = *b;
			continue;
		}
		f->v[w++] = f->v[i];
	}
	f->n = w;
}

void engine_scan(struct engine *e, const struct colctx *col, const char *s, size_t n,
		 struct findings *out)
{
	size_t i = 0;
	int digits = 0;
	unsigned char high = 0;
	uint64_t orw = 0, letterish = 0;
	out->n = 0;
	e->memo.s = NULL;
	/* digits, non-ASCII bytes and bytes from 'A' up (every letter is
	 * one), sixteen bytes at a time where SSE2 is, then eight */
#if defined(__SSE2__)
	if (n >= 16) {
		const __m128i zero = _mm_setzero_si128();
		__m128i orv = zero, lv = zero, cnt = zero;
		unsigned rounds = 0;
		for (; i + 16 <= n; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			__m128i t = _mm_sub_epi8(v, _mm_set1_epi8('0'));
			/* a digit's byte counter goes up by one (minus -1) */
			cnt = _mm_sub_epi8(cnt, _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t));
			orv = _mm_or_si128(orv, v);
			lv = _mm_or_si128(lv, _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x41)), v));
			/* the byte counters hold 255: add them up before */
			if (++rounds == 255 || i + 32 > n) {
				__m128i sum = _mm_sad_epu8(cnt, zero);
				digits += _mm_cvtsi128_si32(sum) + _mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
				cnt = zero;
				rounds = 0;
			}
		}
		high = _mm_movemask_epi8(orv) ? 0x80 : 0;
		letterish = _mm_movemask_epi8(lv) ? HIGHS : 0;
	}
#endif
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		/* count the marked bytes: gather them into the top byte */
		digits += (int)(((digit_mask(w) >> 7) * ONES) >> 56);
		orw |= w;
		/* (b & 0x7F) + 0x3F reaches 0x80 from 'A' (0x41) on */
		letterish |= w | ((w & (0x7F * ONES)) + 0x3F * ONES);
	}
	high |= (orw & HIGHS) ? 0x80 : 0;
	letterish &= HIGHS;
	for (; i < n; i++) {
		digits += is_digit(s[i]);
		high |= (unsigned char)s[i];
		letterish |= (unsigned char)s[i] >= 0x41;
	}
	if (digits >= e->rs->min_digits)
		scan_digits(e, col, s, n, out);
	if (e->tok)
		tokens_forget(e->tok);
	for (i = 0; i < e->nregex; i++) {
		const struct pass_rule *pr = &e->regex[i];
		size_t ri = pr->ri, first;
		/* names and addresses are words: a value of digits and
		 * punctuation holds none */
		if ((!letterish && pr->match != MATCH_REGEX) || skipped(col, pr, digits))
			continue;
		first = gate_open(e, pr, s, n, digits, !(high & 0x80));
		if (first == GATE_SHUT)
			continue;
		if (pr->match == MATCH_REGEX)
			scan_regex(e, col, ri, s, n, out);
		else
			scan_words(e, col, ri, s, n, first, out);
	}
	resolve_overlaps(e, out);
}
