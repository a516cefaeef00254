/*
 * strmap.c — the hash map of strmap.h.
 */
#include "scanner/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "scanner/util.h"

uint32_t strmap_hash(const char *key, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;
	for (i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 16777619u;
	}
	return h;
}

void strmap_init(struct strmap *m)
{
	m->mask = 15;
	m->count = 0;
	m->slot = xcalloc(m->mask + 1, sizeof *m->slot);
}

void strmap_release(struct strmap *m)
{
	size_t i;
	if (!m->slot)
		return;
	for (i = 0; i <= m->mask; i++)
		free(m->slot[i].key);
	free(m->slot);
	m->slot = NULL;
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
	const struct strmap_entry *e = find(m, key, len, strmap_hash(key, len));
	return e->key ? e->value : -1;
}

static void grow(struct strmap *m)
{
	struct strmap_entry *old = m->slot;
	size_t i, n = m->mask + 1;
	m->mask = st_mult(n, 2) - 1;
	m->slot = xcalloc(m->mask + 1, sizeof *m->slot);
	for (i = 0; i < n; i++)
		if (old[i].key)
			*find(m, old[i].key, old[i].len, old[i].hash) = old[i];
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
	m->count++;
}
