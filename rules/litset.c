/*
 * litset.c — the set of literals of litset.h: the filters are built from
 * the literals once; a question walks them from the cheapest (two bytes
 * looked up in a table) to the dearest (a compare of eight bytes).
 */
#include "rules/litset.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "scanner/unicode.h"
#include "scanner/util.h"

/* The first (up to) eight bytes of s[0..len), big-endian, zero-padded. */
static uint64_t head_of(const unsigned char *s, size_t len)
{
	uint64_t w = 0;
	size_t i;
	for (i = 0; i < 8; i++)
		w = w << 8 | (i < len ? s[i] : 0);
	return w;
}

/* The mask of a head's first len bytes (len >= 1). */
static uint64_t head_mask(size_t len)
{
	return len >= 8 ? ~0ull : ~0ull << (8 * (8 - len));
}

static int by_head(const void *a, const void *b)
{
	const struct lit *x = a, *y = b;
	if (x->head != y->head)
		return x->head < y->head ? -1 : 1;
	return (x->len > y->len) - (x->len < y->len);
}

static size_t hlen_of(size_t len)
{
	return len < 8 ? len : 8;
}

static size_t slot_of(const struct litset *ls, uint64_t head, size_t hlen)
{
	return (size_t)(((head ^ hlen) * 0x9E3779B97F4A7C15ull) >> 40) & ls->slot_mask;
}

/*
 * The index of litset_find: the literals, sorted by head and length, are
 * runs of the same head and hlen (longer literals than eight bytes share
 * their head: a run of several); each run gets a slot, by linear probing
 * in a table at most half full. A place's candidates are then a probe
 * per hlen the set has, not a search among every literal.
 */
static void index_runs(struct litset *ls)
{
	size_t slots = 4, i, j;
	unsigned seen = 0;
	while (slots < 2 * ls->n)
		slots *= 2;
	ls->slot = xcalloc(slots, sizeof *ls->slot);
	ls->slot_mask = slots - 1;
	for (i = 0; i < ls->n; i = j) {
		size_t hl = hlen_of(ls->lit[i].len), h;
		for (j = i + 1; j < ls->n && ls->lit[j].head == ls->lit[i].head &&
				hlen_of(ls->lit[j].len) == hl && j - i < UINT16_MAX;
		     j++)
			;
		for (h = slot_of(ls, ls->lit[i].head, hl); ls->slot[h].cnt; h = (h + 1) & ls->slot_mask)
			;
		ls->slot[h].head = ls->lit[i].head;
		ls->slot[h].idx = (uint32_t)i;
		ls->slot[h].cnt = (uint16_t)(j - i);
		ls->slot[h].hlen = (uint8_t)hl;
		seen |= 1u << hl;
	}
	for (i = 2; i <= 8; i++)
		if (seen >> i & 1)
			ls->hlens[ls->nhlen++] = (unsigned char)i;
}

void litset_init(struct litset *ls, const char *const *lits, size_t n)
{
	size_t i;
	memset(ls, 0, sizeof *ls);
	ls->four = xcalloc((size_t)1 << (LITSET_FOUR_BITS - 6), sizeof *ls->four);
	ls->lit = xcalloc(n ? n : 1, sizeof *ls->lit);
	ls->minlen = (size_t)-1;
	ls->char_starts = 1;
	for (i = 0; i < n; i++) {
		const unsigned char *s = (const unsigned char *)lits[i];
		size_t len = strlen(lits[i]);
		if (!len)
			continue;
		if (len < ls->minlen)
			ls->minlen = len;
		if ((s[0] & 0xC0) == 0x80)
			ls->char_starts = 0;
		if (len == 1) {
			ls->one[s[0] >> 3] |= (unsigned char)(1u << (s[0] & 7));
			continue;
		}
		ls->first[s[0]] |= 1ull << (s[1] & 63);
		if (len >= 4) {
			uint32_t h = litset_four_hash(s);
			ls->four[h >> 6] |= 1ull << (h & 63);
		} else
			ls->first_short[s[0]] |= 1ull << (s[1] & 63);
		ls->lit[ls->n].head = head_of(s, len);
		ls->lit[ls->n].len = len;
		ls->lit[ls->n].s = xmemdup(lits[i], len);
		ls->n++;
	}
	qsort(ls->lit, ls->n, sizeof *ls->lit, by_head);
	index_runs(ls);
}

void litset_release(struct litset *ls)
{
	size_t i;
	for (i = 0; i < ls->n; i++)
		free((char *)ls->lit[i].s);
	free(ls->lit);
	free(ls->slot);
	free(ls->four);
	memset(ls, 0, sizeof *ls);
}

int litset_find(const struct litset *ls, const char *str, size_t n, size_t i)
{
	const unsigned char *s = (const unsigned char *)str;
	uint64_t w = 0;
	size_t left = n - i, k;
	if (left >= 8) {
		memcpy(&w, s + i, 8);
		w = __builtin_bswap64(w);
	} else
		w = head_of(s + i, left);
	/* the run of each hlen whose head is the place's first hlen bytes */
	for (k = 0; k < ls->nhlen && ls->hlens[k] <= left; k++) {
		size_t hl = ls->hlens[k], h, j;
		uint64_t head = w & head_mask(hl);
		for (h = slot_of(ls, head, hl); ls->slot[h].cnt; h = (h + 1) & ls->slot_mask) {
			const struct lit_slot *sl = &ls->slot[h];
			if (sl->head != head || sl->hlen != hl)
				continue;
			for (j = sl->idx; j < (size_t)sl->idx + sl->cnt; j++) {
				const struct lit *l = &ls->lit[j];
				if (l->len <= 8)
					return 1; /* all of it is the head */
				if (l->len <= left && !memcmp(s + i + 8, l->s + 8, l->len - 8))
					return 1;
			}
		}
	}
	return 0;
}

size_t litset_next(const struct litset *ls, const char *str, size_t n, size_t from)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t p, step = 1;
	if (ls->minlen != 1 && ls->char_starts) {
		/* no literal begins at a character's second byte: past a
		 * two-byte character (all of Cyrillic) in one step */
		for (p = from; p + 2 <= n; p += step) {
			step = 1 + (s[p] - 0xC0u < 0x20u && (s[p + 1] & 0xC0) == 0x80);
			if (litset_may_begin(ls, str + p) && !litset_four_out(ls, s + p, n - p) &&
			    litset_find(ls, str, n, p))
				return p;
		}
		return n;
	}
	for (p = from; p < n; p++)
		if (litset_at(ls, str, n, p))
			return p;
	return n;
}

/* May a word begin at s[p] (p >= 1), by litset_next_word's rule? */
static inline int after_word_end(const unsigned char *s, size_t p)
{
	unsigned char b = s[p - 1];
	if (b < 0x80)
		return (unsigned char)(b - '0') > 9 && (unsigned char)((b | 0x20) - 'a') > 25;
	return !(p >= 2 && (s[p - 2] == 0xD0 || s[p - 2] == 0xD1) && (b & 0xC0) == 0x80);
}

size_t litset_next_word(const struct litset *ls, const char *str, size_t n, size_t from)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t p = from;
	if (p == 0) {
		if (litset_at(ls, str, n, 0))
			return 0;
		p = 1;
	}
	if (p == 1 && p < n) {
		if (after_word_end(s, 1) && litset_at(ls, str, n, 1))
			return 1;
		p = 2;
	}
#if defined(__SSE2__)
	for (; p + 16 <= n; p += 16) {
		/* b1, b2: the bytes one and two before each place */
		__m128i b1 = _mm_loadu_si128((const __m128i *)(const void *)(s + p - 1));
		__m128i b2 = _mm_loadu_si128((const __m128i *)(const void *)(s + p - 2));
		__m128i d = _mm_sub_epi8(b1, _mm_set1_epi8('0'));
		__m128i l = _mm_sub_epi8(_mm_or_si128(b1, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
		__m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
		__m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(l, _mm_set1_epi8(25)), l);
		/* ASCII: positive as a signed byte */
		__m128i ascii = _mm_cmpgt_epi8(b1, _mm_set1_epi8(-1));
		__m128i alnum = _mm_and_si128(ascii, _mm_or_si128(digit, letter));
		/* a second byte (10xxxxxx) after D0 or D1 */
		__m128i cont = _mm_cmpeq_epi8(_mm_and_si128(b1, _mm_set1_epi8((char)0xC0)),
					      _mm_set1_epi8((char)0x80));
		__m128i cyr = _mm_and_si128(cont, _mm_or_si128(_mm_cmpeq_epi8(b2, _mm_set1_epi8((char)0xD0)),
							       _mm_cmpeq_epi8(b2, _mm_set1_epi8((char)0xD1))));
		__m128i out = _mm_or_si128(alnum, cyr);
		unsigned m;
		if (ls->char_starts) {
			/* and no literal begins at a character's second byte */
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
			out = _mm_or_si128(out, _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xC0)),
							      _mm_set1_epi8((char)0x80)));
		}
		m = (unsigned)_mm_movemask_epi8(out) ^ 0xFFFFu;
		for (; m; m &= m - 1) {
			size_t q = p + (size_t)__builtin_ctz(m);
			if (litset_at(ls, str, n, q))
				return q;
		}
	}
#endif
	for (; p < n; p++)
		if (after_word_end(s, p) && litset_at(ls, str, n, p))
			return p;
	return n;
}

int litset_word_spell(struct litset_word *w, const uint32_t *cps, const unsigned char *opt, size_t n,
		      int caseless)
{
	size_t k;
	w->n = n < LITSET_CPS ? n : LITSET_CPS;
	for (k = 0; k < w->n; k++) {
		w->opt[k] = opt ? opt[k] : 0;
		w->nalt[k] = 1;
		w->alt[k][0] = cps[k];
		if (caseless)
			w->nalt[k] = ucase_closure(cps[k], w->alt[k], LITSET_SPELLINGS);
		if (w->nalt[k] > LITSET_SPELLINGS)
			return -1;
	}
	return 0;
}

/* The keys of a set of spellings, each a NUL-terminated string. */
struct keys {
	char (*v)[LITSET_KEY_MAX + 1];
	size_t n, cap;
};

/*
 * Adds to keys every spelling of characters i.. of w (with an optional
 * one and without) after the bytes in b[0..blen), cut at LITSET_KEY_MAX
 * bytes. -1 when a spelling's key would be shorter than two bytes.
 */
static int add_spellings(struct keys *keys, const struct litset_word *w, size_t i,
			 const unsigned char *b, size_t blen)
{
	size_t k;
	if (blen >= LITSET_KEY_MAX || i == w->n) {
		size_t len = blen < LITSET_KEY_MAX ? blen : LITSET_KEY_MAX;
		if (len < 2)
			return -1;
		keys->v = xgrow_zeroed(keys->v, &keys->cap, keys->n, sizeof *keys->v, 16);
		memcpy(keys->v[keys->n], b, len);
		keys->v[keys->n++][len] = '\0';
		return 0;
	}
	if (w->opt[i] && add_spellings(keys, w, i + 1, b, blen) < 0)
		return -1;
	for (k = 0; k < w->nalt[i]; k++) {
		unsigned char nb[LITSET_KEY_MAX + 4];
		memcpy(nb, b, blen);
		if (add_spellings(keys, w, i + 1, nb, blen + utf8_put((char *)nb + blen, w->alt[i][k])) < 0)
			return -1;
	}
	return 0;
}

int litset_init_spelled(struct litset *ls, const struct litset_word *w, size_t n)
{
	struct keys keys = { NULL, 0, 0 };
	unsigned char none[1] = { 0 };
	const char **lits;
	size_t i;
	for (i = 0; i < n; i++)
		if (add_spellings(&keys, &w[i], 0, none, 0) < 0) {
			free(keys.v);
			return -1;
		}
	lits = xcalloc(keys.n ? keys.n : 1, sizeof *lits);
	for (i = 0; i < keys.n; i++)
		lits[i] = keys.v[i];
	litset_init(ls, lits, keys.n);
	free(lits);
	free(keys.v);
	return 0;
}
