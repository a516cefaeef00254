/*
 * crypto.h — the one place znes talks to libsodium and nettle: SHA-256
 * digests (the audit log's hash chain, input and output digests; nettle),
 * keyed HMAC-SHA-256 (pseudonyms and the audit log's hash of each original
 * value; libsodium), the secret key and its fingerprint, and random bytes
 * for a per-run key.
 *
 * Keys: the user's secret is never used directly. Two subkeys are derived
 * from it (HMAC of a fixed label), one for pseudonyms and one for the
 * audit log, so an audit hmac never equals a published pseudonym. The
 * fingerprint is a third derivation, safe to print.
 *
 * Ownership: struct key holds its secret bytes in memory it zeroes on
 * release; struct sha256 is a plain value.
 */
#ifndef ZNES_CRYPTO_H
#define ZNES_CRYPTO_H

#include <stddef.h>

#define SHA256_LEN 32
#define SHA256_HEX 65          /* 64 hex digits and a NUL */
#define KEY_FINGERPRINT_HEX 17 /* 16 hex digits and a NUL */
#define KEY_MIN_BYTES 16

/* Initialises libsodium once; -1 after printing an error. */
int crypto_ready(void);

struct sha256 {
	/* crypto_hash_sha256_state, kept opaque so sodium.h stays in crypto.c */
	union {
		unsigned char bytes[128];
		unsigned long long align;
	} st;
};

void sha256_init(struct sha256 *h);
void sha256_update(struct sha256 *h, const void *p, size_t n);
void sha256_final(struct sha256 *h, unsigned char out[SHA256_LEN]);
/* One-shot digest of p[0..n) as lowercase hex. */
void sha256_hex(const void *p, size_t n, char hex[SHA256_HEX]);
void hex_encode(const unsigned char *p, size_t n, char *hex);

/*
 * HMAC-SHA-256 under one key and label (may be NULL) for many values: the
 * keyed state after the label is made once (hmac_label_init), and each
 * value costs only its own blocks and the two final ones. hmac_label_hex
 * gives what hmac_sha256_hex(key, label, p, n) gives; hmac_sha256 is one
 * such state used once.
 */
struct hmac_label {
	/* crypto_auth_hmacsha256_state, opaque like struct sha256's */
	union {
		unsigned char bytes[256];
		unsigned long long align;
	} st;
};

void hmac_label_init(struct hmac_label *h, const unsigned char key[SHA256_LEN], const char *label);
void hmac_label_hex(const struct hmac_label *h, const void *p, size_t n, char hex[SHA256_HEX]);
/* Zeroes the keyed state. */
void hmac_label_release(struct hmac_label *h);

/* A digest tap for struct output / struct input: ctx is a struct sha256. */
void sha256_tap(void *ctx, const void *p, size_t n);

struct key {
	unsigned char pseudo[SHA256_LEN]; /* subkey for pseudonyms */
	unsigned char audit[SHA256_LEN];  /* subkey for the audit log's hmac */
	char fingerprint[KEY_FINGERPRINT_HEX];
	int user;                         /* 1: from the user; 0: random for this run */
};

/* Derives the subkeys from secret[0..n) (at least KEY_MIN_BYTES). */
int key_from_secret(struct key *k, const void *secret, size_t n);
/*
 * Reads the key from path (refused when group or others may read it, or
 * shorter than KEY_MIN_BYTES; one trailing newline is ignored). The error
 * names the file, never its contents.
 */
int key_from_file(struct key *k, const char *path);
/* A random key for this run only (the audit log records its fingerprint). */
void key_random(struct key *k);
void key_release(struct key *k);

/* HMAC-SHA-256 of p[0..n) under a 32-byte subkey, with a domain label
 * (may be NULL) hashed first so that equal bytes of different categories
 * give different results. */
void hmac_sha256(const unsigned char key[SHA256_LEN], const char *label,
		 const void *p, size_t n, unsigned char out[SHA256_LEN]);
void hmac_sha256_hex(const unsigned char key[SHA256_LEN], const char *label,
		     const void *p, size_t n, char hex[SHA256_HEX]);
/* Constant-time comparison of two equal-length byte strings. */
int crypto_equal(const void *a, const void *b, size_t n);

/* A 128-bit keyed hash (BLAKE2b) for index keys: fast, and with a secret
 * key the stored hashes are no lookup table of the values. */
void keyed_hash128(const unsigned char key[SHA256_LEN], const void *p, size_t n,
		   unsigned char out[16]);
/* Fills p with n random bytes (for new keys). */
void crypto_random(void *p, size_t n);
/* Zeroes secret memory in a way the compiler may not remove. */
void crypto_wipe(void *p, size_t n);

/*
 * The unkeyed digests people use to "pseudonymize" identifiers before
 * publishing (MD5, SHA-1, SHA-256, as lowercase hex). The linkage analysis
 * recomputes them, so that a column of such hashes is recognised for what
 * it is: the identifiers themselves, a lookup away. Never used to protect
 * data. MD5 and SHA-1 come from nettle (libsodium has neither), SHA-256
 * from libsodium. Writes the hex and its NUL into hex (at least 65 bytes);
 * returns the number of hex digits (32, 40 or 64).
 */
enum digest_alg { DIGEST_MD5, DIGEST_SHA1, DIGEST_SHA256, DIGEST_N };
size_t digest_hex(enum digest_alg alg, const void *s, size_t n, char hex[65]);

#endif
