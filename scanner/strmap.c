/*
 * strmap.c — the hash map of strmap.h.
 */
#include "scanner/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "scanner/util.h"

/* A key's last one to seven bytes as a number: two overlapping loads, or
 * three bytes (the hashes mix in the length, so no two tails collide). */
static inline uint64_t short_bytes(const char *key, size_t len)
{
	const unsigned char *t = (const unsigned char *)key;
	uint32_t lo, hi;
	if (len < 4)
		return len ? (uint64_t)t[0] | (uint64_t)t[len / 2] << 8 | (uint64_t)t[len - 1] << 16 : 0;
	memcpy(&lo, t, 4);
	memcpy(&hi, t + len - 4, 4);
	return (uint64_t)hi << 32 | lo;
}

/*
 * A key's quick hash: its length and its first and last eight bytes (the
 * whole of a key of up to sixteen bytes, eight Cyrillic letters: most
 * words), a few instructions for any length. Its low half picks the
 * filter's bits; for a key of up to sixteen bytes its high half is the
 * table's hash too, so a lookup hashes such a key once.
 */
static inline uint64_t quick_hash(const char *key, size_t len)
{
	const uint64_t k = 0x9E3779B97F4A7C15ull;
	uint64_t a, b = 0, h;
	if (len >= 8) {
		memcpy(&a, key, 8);
		memcpy(&b, key + len - 8, 8);
	} else
		a = short_bytes(key, len);
	h = (a ^ len * k) * k;
	h = (h ^ h >> 29 ^ b) * k;
	return (h ^ h >> 32) * k;
}

/*
 * The table's hash of a key quick hashed q: q's high half, or for a key
 * longer than sixteen bytes (whose middle q does not see) all of it,
 * eight bytes at a time, each step a multiply and a shift (a
 * byte-at-a-time hash cost more than the probe). The value is never
 * stored or shown.
 */
static inline uint32_t table_hash(const char *key, size_t len, uint64_t q)
{
	const uint64_t k = 0x9E3779B97F4A7C15ull;
	uint64_t h = len * k, w;
	if (len <= 16)
		return (uint32_t)(q >> 32);
	while (len >= 8) {
		memcpy(&w, key, 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
		key += 8;
		len -= 8;
	}
	if (len) {
		h = (h ^ short_bytes(key, len)) * k;
		h ^= h >> 29;
	}
	h *= k;
	return (uint32_t)(h >> 32);
}

uint32_t strmap_hash(const char *key, size_t len)
{
	return table_hash(key, len, len <= 16 ? quick_hash(key, len) : 0);
}

/* The filter's word for h (the low half of a key's hash) and its two
 * bits in it (one load per lookup): the bits from h's low twelve bits,
 * the word from the rest. */
static inline uint64_t fbits(uint32_t h)
{
	return 1ull << (h & 63) | 1ull << (h >> 6 & 63);
}

static inline uint64_t *fword(const struct strmap *m, uint32_t h)
{
	return &m->filter[(h >> 12) & m->fmask];
}

static void filter_add(struct strmap *m, uint32_t h)
{
	*fword(m, h) |= fbits(h);
}

static inline int filter_may_have(const struct strmap *m, uint32_t h)
{
	return (*fword(m, h) & fbits(h)) == fbits(h);
}

/* A clear filter of eight bits per slot of the table. */
static void filter_make(struct strmap *m)
{
	size_t words = st_mult(m->mask + 1, 8) / 64;
	free(m->filter);
	m->filter = xcalloc(words, sizeof *m->filter);
	m->fmask = (uint32_t)(words - 1);
}

void strmap_init(struct strmap *m)
{
	m->mask = 15;
	m->count = 0;
	m->slot = xcalloc(m->mask + 1, sizeof *m->slot);
	m->keys = NULL;
	m->klen = m->kcap = 0;
	m->filter = NULL;
	filter_make(m);
}

void strmap_release(struct strmap *m)
{
	if (!m->slot)
		return;
	free(m->slot);
	free(m->keys);
	free(m->filter);
	m->slot = NULL;
	m->keys = NULL;
	m->klen = m->kcap = 0;
	m->filter = NULL;
	m->count = 0;
}

static const char *key_of(const struct strmap *m, const struct strmap_entry *e)
{
	return m->keys + e->key - 1;
}

static struct strmap_entry *find(const struct strmap *m, const char *key, size_t len, uint32_t h)
{
	size_t i = h & m->mask;
	for (;;) {
		struct strmap_entry *e = &m->slot[i];
		if (!e->key)
			return e;
		if (e->hash == h && e->len == len && !memcmp(key_of(m, e), key, len))
			return e;
		i = (i + 1) & m->mask;
	}
}

int strmap_get(const struct strmap *m, const char *key, size_t len)
{
	const struct strmap_entry *e;
	uint64_t q = quick_hash(key, len);
	if (!filter_may_have(m, (uint32_t)q))
		return -1;
	e = find(m, key, len, table_hash(key, len, q));
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
			*find(m, key_of(m, &old[i]), old[i].len, old[i].hash) = old[i];
			filter_add(m, (uint32_t)quick_hash(key_of(m, &old[i]), old[i].len));
		}
	free(old);
}

void strmap_put(struct strmap *m, const char *key, size_t len, int value)
{
	uint64_t q = quick_hash(key, len);
	uint32_t h = table_hash(key, len, q);
	struct strmap_entry *e = find(m, key, len, h);
	if (e->key) {
		e->value = value;
		return;
	}
	if ((m->count + 1) * 2 > m->mask + 1) {
		grow(m);
		e = find(m, key, len, h);
	}
	if (len > UINT32_MAX - 1 - m->klen)
		die("a map's keys exceed 4 GiB");
	m->keys = xgrow_zeroed(m->keys, &m->kcap, m->klen + len, 1, 256);
	memcpy(m->keys + m->klen, key, len);
	e->key = (uint32_t)(m->klen + 1);
	m->klen += len;
	e->len = (uint32_t)len;
	e->hash = h;
	e->value = value;
	filter_add(m, (uint32_t)q);
	m->count++;
}
