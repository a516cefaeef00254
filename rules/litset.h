/*
 * litset.h — a set of literals (byte strings) and the one question asked
 * of it at every word or every byte of a value: does one of them begin
 * here? Rule gates ask it at each word ("вул", "просп" before an address;
 * a month name after a number), the context word lists of regex.c at each
 * byte of the window before a candidate. Most places are ruled out by
 * their first two bytes, most of the rest by their first four (hashed);
 * the literals left are looked up by their first eight bytes (or fewer,
 * for a shorter one) in a hash table, one probe per length the set has,
 * so a place costs a few compares and never a search among the literals
 * (a set of spellings has hundreds, dozens of them alike in two bytes).
 *
 * Ownership: a litset owns copies of its literals; litset_release frees
 * them. It is only read after litset_init, by any number of threads.
 */
#ifndef ZNES_LITSET_H
#define ZNES_LITSET_H

#include <stddef.h>
#include <stdint.h>

#define LITSET_FOUR_BITS 16 /* the hashed set of first four bytes: 2^16 bits */

struct litset {
	unsigned char one[32];     /* the one-byte literals, a 256-bit set */
	/* of the longer ones: bit (b1 & 63) of first[b0] when one may begin
	 * b0 b1, short[b0] the same for those under four bytes */
	uint64_t first[256], first_short[256];
	uint64_t *four;            /* hashed set of the first four bytes of the rest */
	struct lit {
		uint64_t head;         /* the first (up to) eight bytes, big-endian, zero-padded */
		size_t len;
		const char *s;         /* all of it (owned) */
	} *lit;                    /* the literals of two bytes or more, by head */
	size_t n;
	/* litset_find's index: for each run of literals with the same first
	 * hlen bytes (hlen: the length up to 8) a slot, hashed by those
	 * bytes; the hlens there are, shortest first */
	struct lit_slot {
		uint64_t head;         /* the run's head (0 and cnt 0: an empty slot) */
		uint32_t idx;          /* its first literal in lit */
		uint16_t cnt;
		uint8_t hlen;
	} *slot;
	size_t slot_mask;          /* slots - 1 (a power of two) */
	unsigned char hlens[8], nhlen;
	size_t minlen;             /* the shortest literal's length (SIZE_MAX: none) */
	int char_starts;           /* every literal begins a UTF-8 character */
};

/* A set of the n NUL-terminated literals (empty ones are left out). */
void litset_init(struct litset *ls, const char *const *lits, size_t n);

/*
 * The first characters of a word and the ways each may be spelled, for a
 * set of every spelling: a context word's literal start in every case
 * (regex.c), a gate's street types in every case (engine.c).
 */
#define LITSET_CPS 8        /* characters of a word kept */
#define LITSET_SPELLINGS 8  /* spellings of one character kept */
#define LITSET_KEY_MAX 8    /* bytes of a spelling kept: a key */
struct litset_word {
	uint32_t alt[LITSET_CPS][LITSET_SPELLINGS];
	size_t nalt[LITSET_CPS];
	unsigned char opt[LITSET_CPS]; /* the character may be left out ("тел\\.?") */
	size_t n;
};

/* w from the n characters cps (opt may be NULL: none optional), each with
 * its caseless closure (ICU's) when caseless. -1 when a character has
 * more spellings than LITSET_SPELLINGS. */
int litset_word_spell(struct litset_word *w, const uint32_t *cps, const unsigned char *opt, size_t n,
		      int caseless);

/* A set of every spelling of the n words, each cut at LITSET_KEY_MAX
 * bytes: a literal of it begins wherever one of the words does, in any
 * spelling. -1 (and nothing to release) when a spelling is under two
 * bytes: too short to look for. */
int litset_init_spelled(struct litset *ls, const struct litset_word *w, size_t n);
void litset_release(struct litset *ls);

/* Where the first literal at or after s[from] begins (all of it within
 * s[0..n)), or n. */
size_t litset_next(const struct litset *ls, const char *s, size_t n, size_t from);

/*
 * litset_next, asked only where a word may begin: at s[0], or after a
 * byte that is ASCII but no letter or digit, or after any character but
 * an ASCII letter or digit or a letter of U+0400-U+047F (a lead byte D0
 * or D1 and its second byte: the Cyrillic letters, the old ones among
 * them). That is every place no letter or digit comes right before, and
 * a few more (after "é", or a letter of another script): a caller that
 * must know asks its pattern (regex.c: a lookbehind). The places are
 * found sixteen bytes at a time where SSE2 is: a sentence has a word
 * start every seven bytes, a literal could begin at every second.
 */
size_t litset_next_word(const struct litset *ls, const char *s, size_t n, size_t from);

/* Can a literal of two bytes or more begin with s[0], s[1]? (no: none
 * does; yes: litset_at decides) — the first look, inline for word loops. */
static inline int litset_may_begin(const struct litset *ls, const char *s)
{
	return ls->first[(unsigned char)s[0]] >> ((unsigned char)s[1] & 63) & 1;
}

/* The set of first four bytes, by this hash (s has four). */
static inline uint32_t litset_four_hash(const unsigned char *s)
{
	uint32_t x = (uint32_t)s[0] << 24 | (uint32_t)s[1] << 16 | (uint32_t)s[2] << 8 | s[3];
	return (x * 0x9E3779B1u) >> (32 - LITSET_FOUR_BITS);
}

/* Past the filters: is one of the literals of two bytes or more at s[i]
 * (n - i >= 2)? Looked up among those with the same first two bytes. */
int litset_find(const struct litset *ls, const char *s, size_t n, size_t i);

/* Past litset_may_begin: do the first four bytes rule the place out?
 * (not when a literal under four bytes begins so) */
static inline int litset_four_out(const struct litset *ls, const unsigned char *s, size_t left)
{
	uint32_t h;
	if (ls->first_short[s[0]] >> (s[1] & 63) & 1)
		return 0;
	if (left < 4)
		return 1; /* every literal that begins so has four bytes */
	h = litset_four_hash(s);
	return !(ls->four[h >> 6] >> (h & 63) & 1);
}

/* Does a literal begin at s[i], all of it within s[0..n)? Inline up to
 * the lookup itself: it is asked at every word of a value. */
static inline int litset_at(const struct litset *ls, const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;
	if (i >= n || n - i < ls->minlen)
		return 0;
	if (ls->one[u[0] >> 3] >> (u[0] & 7) & 1)
		return 1;
	return n - i >= 2 && litset_may_begin(ls, s + i) && !litset_four_out(ls, u, n - i) &&
	       litset_find(ls, s, n, i);
}

#endif
