/*
 * strmap.c — the hash map of strmap.h.
 */
#include "scanner/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "scanner/util.h"

/*
 * Eight bytes at a time, each step a multiply and a shift (the keys are
 * words of a few letters, two bytes each in Cyrillic: a byte-at-a-time
 * hash cost more than the probe). The value is never stored or shown.
 */
uint32_t strmap_hash(const char *key, size_t len)
{
	const uint64_t k = 0x9E3779B97F4A7C15ull;
	uint64_t h = len * k, w;
	while (len >= 8) {
		memcpy(&w, key, 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
		key += 8;
		len -= 8;
	}
	if (len) {
		/* the last one to seven bytes: two overlapping loads, or three
		 * bytes (the length is in h already, so no two tails collide) */
		const unsigned char *t = (const unsigned char *)key;
		if (len >= 4) {
			uint32_t lo, hi;
			memcpy(&lo, t, 4);
			memcpy(&hi, t + len - 4, 4);
			w = (uint64_t)hi << 32 | lo;
		} else
			w = (uint64_t)t[0] | (uint64_t)t[len / 2] << 8 | (uint64_t)t[len - 1] << 16;
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	h *= k;
	return (uint32_t)(h >> 32);
}

/* The filter's two bits for hash h: the low bits, and the high half
 * turned round (for up to 2^18 bits, as a map of 32k slots has, they
 * share four bits of h) */
static inline uint32_t fbit1(const struct strmap *m, uint32_t h)
{
	return h & m->fmask;
}

static inline uint32_t fbit2(const struct strmap *m, uint32_t h)
{
	return (h >> 16 | h << 16) & m->fmask;
}

static void filter_add(struct strmap *m, uint32_t h)
{
	m->filter[fbit1(m, h) >> 6] |= 1ull << (fbit1(m, h) & 63);
	m->filter[fbit2(m, h) >> 6] |= 1ull << (fbit2(m, h) & 63);
}

static inline int filter_may_have(const struct strmap *m, uint32_t h)
{
	return (m->filter[fbit1(m, h) >> 6] >> (fbit1(m, h) & 63) & 1) &&
	       (m->filter[fbit2(m, h) >> 6] >> (fbit2(m, h) & 63) & 1);
}

/* A clear filter of eight bits per slot of the table. */
static void filter_make(struct strmap *m)
{
	size_t bits = st_mult(m->mask + 1, 8);
	free(m->filter);
	m->filter = xcalloc(bits / 64, sizeof *m->filter);
	m->fmask = (uint32_t)(bits - 1);
}

void strmap_init(struct strmap *m)
{
	m->mask = 15;
	m->count = 0;
	m->slot = xcalloc(m->mask + 1, sizeof *m->slot);
	m->filter = NULL;
	filter_make(m);
}

void strmap_release(struct strmap *m)
{
	size_t i;
	if (!m->slot)
		return;
	for (i = 0; i <= m->mask; i++)
		free(m->slot[i].key);
	free(m->slot);
	free(m->filter);
	m->slot = NULL;
	m->filter = NULL;
	m->count = 0;
}

static struct strmap_entry *find(const struct strmap *m, const char *key, size_t len, uint32_t h)
{
	size_t i = h & m->mask;
	for (;;) {
		struct strmap_entry *e = &m->slot[i];
		if (!e->key)
			return e;
		if (e->hash == h && e->len == len && !memcmp(e->key, key, len))
			return e;
		i = (i + 1) & m->mask;
	}
}

int strmap_get(const struct strmap *m, const char *key, size_t len)
{
	uint32_t h = strmap_hash(key, len);
	const struct strmap_entry *e;
	if (!filter_may_have(m, h))
		return -1;
	e = find(m, key, len, h);
	return e->key ? e->value : -1;
}

static void grow(struct strmap *m)
{
	struct strmap_entry *old = m->slot;
	size_t i, n = m->mask + 1;
	m->mask = st_mult(n, 2) - 1;
	m->slot = xcalloc(m->mask + 1, sizeof *m->slot);
	filter_make(m);
	for (i = 0; i < n; i++)
		if (old[i].key) {
			*find(m, old[i].key, old[i].len, old[i].hash) = old[i];
			filter_add(m, old[i].hash);
		}
	free(old);
}

void strmap_put(struct strmap *m, const char *key, size_t len, int value)
{
	uint32_t h = strmap_hash(key, len);
	struct strmap_entry *e = find(m, key, len, h);
	if (e->key) {
		e->value = value;
		return;
	}
	if ((m->count + 1) * 2 > m->mask + 1) {
		grow(m);
		e = find(m, key, len, h);
	}
	e->key = xmemdup(key, len);
	e->len = len;
	e->hash = h;
	e->value = value;
	filter_add(m, h);
	m->count++;
}
