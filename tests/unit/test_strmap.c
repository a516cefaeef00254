/*
 * test_strmap.c — the hash map of scanner/strmap.h answers as a plain
 * list of pairs does: keys of every length from 0 to 40 bytes (a short
 * key is hashed whole from its two ends, a long one walked), keys that
 * differ only in the middle (the ends the filter's hash reads are the
 * same), keys with NUL bytes, values replaced, and enough keys to grow
 * the table several times; and every absent key of such shapes is absent.
 */
#include "tests/unit/support.h"

#include <stdio.h>
#include <string.h>

#include "scanner/strmap.h"

#define MAXKEY 48

struct pair {
	char key[MAXKEY];
	size_t len;
	int value;
};

static int same_key(const struct pair *p, const char *key, size_t len)
{
	return p->len == len && !memcmp(p->key, key, len);
}

/* The plain way: the last value put for the key, or -1. */
static int plain_get(const struct pair *p, size_t n, const char *key, size_t len)
{
	size_t i;
	int v = -1;
	for (i = 0; i < n; i++)
		if (same_key(&p[i], key, len))
			v = p[i].value;
	return v;
}

/* Key number k of length len: its first and last eight bytes the same
 * for every k (the middle, when there is one, tells them apart), or for
 * short keys all of it drawn from k. */
static size_t make_key(char *out, unsigned k, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++)
		out[i] = (char)('a' + (i % 7));
	if (len > 16) {
		/* the middle: k in base 256, NULs included */
		for (i = 8; i < len - 8 && i < 12; i++)
			out[i] = (char)(k >> (8 * (i - 8)));
	} else
		for (i = 0; i < len; i++)
			out[i] = (char)(out[i] ^ (k >> (i % 4 * 8)) ^ (char)(k * 31 + i));
	return len;
}

static void answers_as_a_list(void **s)
{
	static struct pair pairs[4096];
	struct strmap m;
	size_t n = 0, len, i;
	unsigned k;
	(void)s;
	strmap_init(&m);
	/* 40 lengths x 64 keys, then every tenth put again with a new value */
	for (len = 0; len <= 40; len++)
		for (k = 0; k < (len ? 64u : 1u); k++) {
			struct pair *p = &pairs[n++];
			p->len = make_key(p->key, k, len);
			p->value = (int)n;
			strmap_put(&m, p->key, p->len, p->value);
		}
	for (i = 0; i < n; i += 10) {
		pairs[n] = pairs[i];
		pairs[n].value = (int)(100000 + i);
		strmap_put(&m, pairs[n].key, pairs[n].len, pairs[n].value);
		n++;
	}
	for (i = 0; i < n; i++) {
		int want = plain_get(pairs, n, pairs[i].key, pairs[i].len);
		int got = strmap_get(&m, pairs[i].key, pairs[i].len);
		if (got != want)
			fail_msg("key %zu (%zu bytes): got %d, want %d", i, pairs[i].len, got, want);
	}
	/* absent: the same shapes with other numbers, and every key cut by one */
	for (len = 1; len <= 40; len++)
		for (k = 64; k < 128; k++) {
			char key[MAXKEY];
			size_t l = make_key(key, k, len);
			int want = plain_get(pairs, n, key, l);
			if (strmap_get(&m, key, l) != want)
				fail_msg("absent key %u of %zu bytes answered", k, len);
		}
	for (i = 0; i < n; i++)
		if (pairs[i].len &&
		    strmap_get(&m, pairs[i].key, pairs[i].len - 1) !=
			    plain_get(pairs, n, pairs[i].key, pairs[i].len - 1))
			fail_msg("key %zu cut by a byte answered wrongly", i);
	{
		/* as many keys as there are different ones */
		size_t distinct = 0, j;
		for (i = 0; i < n; i++) {
			for (j = 0; j < i && !same_key(&pairs[j], pairs[i].key, pairs[i].len); j++)
				;
			distinct += j == i;
		}
		assert_int_equal(m.count, distinct);
	}
	strmap_release(&m);
}

static void many_keys_grow_the_table(void **s)
{
	struct strmap m;
	char key[32];
	unsigned i;
	(void)s;
	strmap_init(&m);
	for (i = 0; i < 50000; i++) {
		int len = snprintf(key, sizeof key, "слово-%u", i);
		strmap_put(&m, key, (size_t)len, (int)i);
	}
	for (i = 0; i < 50000; i++) {
		int len = snprintf(key, sizeof key, "слово-%u", i);
		if (strmap_get(&m, key, (size_t)len) != (int)i)
			fail_msg("'%s' lost after the table grew", key);
		len = snprintf(key, sizeof key, "слово+%u", i);
		if (strmap_get(&m, key, (size_t)len) != -1)
			fail_msg("'%s' found, never put", key);
	}
	assert_int_equal(m.count, 50000);
	strmap_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(answers_as_a_list),
		cmocka_unit_test(many_keys_grow_the_table),
	};
	return cmocka_run_group_tests_name("strmap", tests, NULL, NULL);
}
