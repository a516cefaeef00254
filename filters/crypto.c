/*
 * crypto.c — libsodium (and nettle: plain SHA-256, which it computes with
 * the processor's SHA instructions, and the MD5 and SHA-1 that libsodium
 * lacks) behind the small interface of crypto.h: the one place znes calls
 * a crypto library. Everything keyed goes through HMAC-SHA-256
 * (crypto_auth_hmacsha256_*), which accepts keys of any length; subkeys
 * are HMACs of fixed labels under the user's secret, so one secret serves
 * pseudonyms and the audit log without the two ever producing the same
 * value. The linkage index hashes with keyed BLAKE2b (generichash).
 */
#include "filters/crypto.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/md5.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>
#include <sodium.h>

/* nettle's sha2.h gives its functions the names sha256_init and
 * sha256_update by macros; crypto.h's own have those names, and call
 * nettle's by theirs (nettle_sha256_*). */
#undef sha256_init
#undef sha256_update

#include "scanner/util.h"

_Static_assert(sizeof(struct sha256_ctx) <= sizeof(((struct sha256 *)0)->st),
	       "struct sha256 is too small for nettle's state");

int crypto_ready(void)
{
	static int done;
	if (done)
		return 0;
	if (sodium_init() < 0)
		return error("cannot initialise libsodium");
	done = 1;
	return 0;
}

/*
 * Plain SHA-256 is nettle's: it uses the processor's SHA instructions
 * where there are any (x86-64 SHA-NI here: 1050 MB/s against libsodium's
 * 358, and a 430-byte audit line in a quarter of the time), and an audit
 * log hashes the whole input, the whole output and every line it writes.
 * The digests are the same bytes whichever library computes them.
 */
void sha256_init(struct sha256 *h)
{
	nettle_sha256_init((struct sha256_ctx *)(void *)&h->st);
}

void sha256_update(struct sha256 *h, const void *p, size_t n)
{
	nettle_sha256_update((struct sha256_ctx *)(void *)&h->st, n, p);
}

void sha256_final(struct sha256 *h, unsigned char out[SHA256_LEN])
{
	nettle_sha256_digest((struct sha256_ctx *)(void *)&h->st, SHA256_LEN, out);
}

void hex_encode(const unsigned char *p, size_t n, char *hex)
{
	sodium_bin2hex(hex, 2 * n + 1, p, n);
}

void sha256_hex(const void *p, size_t n, char hex[SHA256_HEX])
{
	struct sha256 h;
	unsigned char d[SHA256_LEN];
	sha256_init(&h);
	sha256_update(&h, p, n);
	sha256_final(&h, d);
	hex_encode(d, sizeof d, hex);
}

void sha256_tap(void *ctx, const void *p, size_t n)
{
	sha256_update(ctx, p, n);
}

_Static_assert(sizeof(crypto_auth_hmacsha256_state) <= sizeof(((struct hmac_label *)0)->st),
	       "struct hmac_label is too small for libsodium's state");

void hmac_label_init(struct hmac_label *h, const unsigned char key[SHA256_LEN], const char *label)
{
	crypto_auth_hmacsha256_state *st = (crypto_auth_hmacsha256_state *)(void *)&h->st;
	crypto_auth_hmacsha256_init(st, key, SHA256_LEN);
	if (label) {
		/* The label's NUL separates it from the value: no ambiguity. */
		crypto_auth_hmacsha256_update(st, (const unsigned char *)label, strlen(label) + 1);
	}
}

/* The HMAC of p[0..n) from the keyed state h (left as it was). */
static void hmac_label_digest(const struct hmac_label *h, const void *p, size_t n,
			      unsigned char out[SHA256_LEN])
{
	crypto_auth_hmacsha256_state st;
	memcpy(&st, &h->st, sizeof st);
	crypto_auth_hmacsha256_update(&st, p, n);
	crypto_auth_hmacsha256_final(&st, out);
	sodium_memzero(&st, sizeof st);
}

void hmac_label_hex(const struct hmac_label *h, const void *p, size_t n, char hex[SHA256_HEX])
{
	unsigned char d[SHA256_LEN];
	hmac_label_digest(h, p, n, d);
	hex_encode(d, sizeof d, hex);
}

void hmac_label_release(struct hmac_label *h)
{
	sodium_memzero(&h->st, sizeof h->st);
}

void hmac_sha256(const unsigned char key[SHA256_LEN], const char *label,
		 const void *p, size_t n, unsigned char out[SHA256_LEN])
{
	struct hmac_label h;
	hmac_label_init(&h, key, label);
	hmac_label_digest(&h, p, n, out);
	hmac_label_release(&h);
}

void hmac_sha256_hex(const unsigned char key[SHA256_LEN], const char *label,
		     const void *p, size_t n, char hex[SHA256_HEX])
{
	unsigned char d[SHA256_LEN];
	hmac_sha256(key, label, p, n, d);
	hex_encode(d, sizeof d, hex);
}

int crypto_equal(const void *a, const void *b, size_t n)
{
	return sodium_memcmp(a, b, n) == 0;
}

/* HMAC of a fixed label under the raw secret. */
static void derive(const void *secret, size_t n, const char *label, unsigned char out[SHA256_LEN])
{
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, secret, n);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)label, strlen(label));
	crypto_auth_hmacsha256_final(&st, out);
	sodium_memzero(&st, sizeof st);
}

int key_from_secret(struct key *k, const void *secret, size_t n)
{
	unsigned char fp[SHA256_LEN];
	memset(k, 0, sizeof *k);
	if (crypto_ready() < 0)
		return -1;
	if (n < KEY_MIN_BYTES)
		return error("the key is too short (%zu bytes; at least %d needed)", n, KEY_MIN_BYTES);
	derive(secret, n, "znes pseudonym key v1", k->pseudo);
	derive(secret, n, "znes audit key v1", k->audit);
	derive(secret, n, "znes key fingerprint v1", fp);
	hex_encode(fp, 8, k->fingerprint);
	k->user = 1;
	return 0;
}

int key_from_file(struct key *k, const char *path)
{
	unsigned char secret[4096];
	struct stat sb;
	ssize_t r;
	size_t n = 0;
	int fd, rc;
	memset(k, 0, sizeof *k);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return error("cannot open key file '%s': %s", path, strerror(errno));
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return error("key file '%s' is not a regular file", path);
	}
	/* A secret others can read is no secret: refuse it, as ssh does. */
	if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
		close(fd);
		return error("key file '%s' is accessible by group or others (mode %04o); "
			     "run: chmod 600 '%s'", path, (unsigned)(sb.st_mode & 07777), path);
	}
	while (n < sizeof secret) {
		r = read(fd, secret + n, sizeof secret - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			close(fd);
			sodium_memzero(secret, sizeof secret);
			return error("cannot read key file '%s': %s", path, strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (n == sizeof secret) {
		sodium_memzero(secret, sizeof secret);
		return error("key file '%s' is larger than %zu bytes", path, sizeof secret - 1);
	}
	/* `echo secret > key` adds a newline the user did not mean as key. */
	if (n && secret[n - 1] == '\n')
		n--;
	if (n && secret[n - 1] == '\r')
		n--;
	if (n < KEY_MIN_BYTES) {
		sodium_memzero(secret, sizeof secret);
		return error("key file '%s' is too short (%zu bytes; at least %d needed)", path, n,
			     KEY_MIN_BYTES);
	}
	rc = key_from_secret(k, secret, n);
	sodium_memzero(secret, sizeof secret);
	return rc;
}

void key_random(struct key *k)
{
	unsigned char secret[SHA256_LEN];
	if (crypto_ready() < 0)
		die("no random source");
	randombytes_buf(secret, sizeof secret);
	key_from_secret(k, secret, sizeof secret);
	sodium_memzero(secret, sizeof secret);
	k->user = 0;
}

void key_release(struct key *k)
{
	sodium_memzero(k, sizeof *k);
}

void keyed_hash128(const unsigned char key[SHA256_LEN], const void *p, size_t n,
		   unsigned char out[16])
{
	crypto_generichash(out, 16, (const unsigned char *)p, n, key, SHA256_LEN);
}

void crypto_random(void *p, size_t n)
{
	randombytes_buf(p, n);
}

void crypto_wipe(void *p, size_t n)
{
	sodium_memzero(p, n);
}

size_t digest_hex(enum digest_alg alg, const void *s, size_t n, char hex[65])
{
	unsigned char out[SHA256_LEN];
	size_t len;
	switch (alg) {
	case DIGEST_MD5: {
		struct md5_ctx m;
		md5_init(&m);
		md5_update(&m, n, (const uint8_t *)s);
		md5_digest(&m, MD5_DIGEST_SIZE, out);
		len = MD5_DIGEST_SIZE;
		break;
	}
	case DIGEST_SHA1: {
		struct sha1_ctx h;
		sha1_init(&h);
		sha1_update(&h, n, (const uint8_t *)s);
		sha1_digest(&h, SHA1_DIGEST_SIZE, out);
		len = SHA1_DIGEST_SIZE;
		break;
	}
	default:
		crypto_hash_sha256(out, (const unsigned char *)s, n);
		len = SHA256_LEN;
		break;
	}
	hex_encode(out, len, hex);
	return 2 * len;
}
