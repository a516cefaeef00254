/*
 * strmap.h — an open-addressing hash map from byte strings to small
 * integers (a multiplicative hash of eight bytes at a time, linear
 * probing, power-of-two table kept at most half full, a Bloom filter in
 * front). Used to intern JSON field paths into column ids and, in rules/,
 * for word lookups where a regex would be the slow way.
 *
 * Ownership: the map copies every key it stores into an arena of its own
 * and frees it in strmap_release.
 */
#ifndef ZNES_STRMAP_H
#define ZNES_STRMAP_H

#include <stddef.h>
#include <stdint.h>

/* Sixteen bytes: the key lives in the map's arena, so a probe reads one
 * slot and a hit one more line, not a separate allocation per key. */
struct strmap_entry {
	uint32_t hash;
	int value;
	uint32_t len;
	uint32_t key;  /* 1 + offset of the key in strmap.keys; 0: empty slot */
};

struct strmap {
	struct strmap_entry *slot;
	size_t mask;   /* table size - 1 */
	size_t count;
	char *keys;    /* every key, one after another (at most 4 GiB) */
	size_t klen, kcap;
	/* A Bloom filter of eight bits per slot, two bits per key in one
	 * 64-bit word, from the low half of the key's quick hash (strmap.c;
	 * a short key's slot is from its high half): every key's bits are set, so
	 * a clear bit is an absent key told without touching the table. The
	 * lexicons' maps are read for every word and are larger than the
	 * caches the streamed data leaves them; most words are in none, and
	 * the filter (a 24th of the table) stays cached. */
	uint64_t *filter;
	uint32_t fmask;  /* its 64-bit words - 1 */
};

void strmap_init(struct strmap *m);
void strmap_release(struct strmap *m);
/* Returns the value, or -1 when the key is absent. */
int strmap_get(const struct strmap *m, const char *key, size_t len);
/* Sets key -> value (value >= 0), replacing an existing value. */
void strmap_put(struct strmap *m, const char *key, size_t len, int value);
uint32_t strmap_hash(const char *key, size_t len);

#endif
