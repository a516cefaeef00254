/*
 * digest.c — MD5 (RFC 1321) and SHA-1 (FIPS 180-4), which libsodium does
 * not offer, written out here, and SHA-256 from libsodium. Only the
 * linkage analysis uses them, to recognise unkeyed hashes of identifiers;
 * nothing in znes uses them to protect data.
 */
#include "corpus/digest.h"

#include <sodium.h>
#include <stdint.h>
#include <string.h>

static uint32_t rol(uint32_t x, int c)
{
	return (x << c) | (x >> (32 - c));
}

/* Pads like MD5/SHA-1 (0x80, zeros, 64-bit length) and feeds blocks. */
static void blocks(const unsigned char *s, size_t n, int big_endian, void (*f)(uint32_t *, const unsigned char *),
		   uint32_t *h)
{
	unsigned char tail[128];
	size_t full = n / 64 * 64, rest = n - full, i, tl;
	uint64_t bits = (uint64_t)n * 8;
	for (i = 0; i < full; i += 64)
		f(h, s + i);
	memset(tail, 0, sizeof tail);
	memcpy(tail, s + full, rest);
	tail[rest] = 0x80;
	tl = rest + 1 + 8 <= 64 ? 64 : 128;
	for (i = 0; i < 8; i++)
		tail[big_endian ? tl - 1 - i : tl - 8 + i] = (unsigned char)(bits >> (8 * i));
	f(h, tail);
	if (tl == 128)
		f(h, tail + 64);
}

static void md5_block(uint32_t *h, const unsigned char *p)
{
	static const uint32_t K[64] = {
		0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
		0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
		0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
		0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
		0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
		0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
		0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
		0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
	};
	static const int R[64] = {
		7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
		5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
		4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
		6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
	};
	uint32_t m[16], a = h[0], b = h[1], c = h[2], d = h[3];
	int i;
	for (i = 0; i < 16; i++)
		m[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 | (uint32_t)p[4 * i + 2] << 16 |
		       (uint32_t)p[4 * i + 3] << 24;
	for (i = 0; i < 64; i++) {
		uint32_t f, t;
		int g;
		if (i < 16)
			f = (b & c) | (~b & d), g = i;
		else if (i < 32)
			f = (d & b) | (~d & c), g = (5 * i + 1) % 16;
		else if (i < 48)
			f = b ^ c ^ d, g = (3 * i + 5) % 16;
		else
			f = c ^ (b | ~d), g = (7 * i) % 16;
		t = d;
		d = c;
		c = b;
		b = b + rol(a + f + K[i] + m[g], R[i]);
		a = t;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
}

static void sha1_block(uint32_t *h, const unsigned char *p)
{
	uint32_t w[80], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
	int i;
	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 |
		       (uint32_t)p[4 * i + 3];
	for (i = 16; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	for (i = 0; i < 80; i++) {
		uint32_t f, k, t;
		if (i < 20)
			f = (b & c) | (~b & d), k = 0x5a827999;
		else if (i < 40)
			f = b ^ c ^ d, k = 0x6ed9eba1;
		else if (i < 60)
			f = (b & c) | (b & d) | (c & d), k = 0x8f1bbcdc;
		else
			f = b ^ c ^ d, k = 0xca62c1d6;
		t = rol(a, 5) + f + e + k + w[i];
		e = d;
		d = c;
		c = rol(b, 30);
		b = a;
		a = t;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

static void to_hex(const unsigned char *d, size_t n, char *hex)
{
	static const char xd[] = "0123456789abcdef";
	size_t i;
	for (i = 0; i < n; i++) {
		hex[2 * i] = xd[d[i] >> 4];
		hex[2 * i + 1] = xd[d[i] & 15];
	}
	hex[2 * n] = '\0';
}

size_t digest_hex(enum digest_alg alg, const void *s, size_t n, char hex[65])
{
	unsigned char out[32];
	uint32_t h[5];
	int i;
	switch (alg) {
	case DIGEST_MD5:
		h[0] = 0x67452301, h[1] = 0xefcdab89, h[2] = 0x98badcfe, h[3] = 0x10325476;
		blocks(s, n, 0, md5_block, h);
		for (i = 0; i < 16; i++)
			out[i] = (unsigned char)(h[i / 4] >> (8 * (i % 4)));
		to_hex(out, 16, hex);
		return 32;
	case DIGEST_SHA1:
		h[0] = 0x67452301, h[1] = 0xefcdab89, h[2] = 0x98badcfe, h[3] = 0x10325476, h[4] = 0xc3d2e1f0;
		blocks(s, n, 1, sha1_block, h);
		for (i = 0; i < 20; i++)
			out[i] = (unsigned char)(h[i / 4] >> (8 * (3 - i % 4)));
		to_hex(out, 20, hex);
		return 40;
	default:
		crypto_hash_sha256(out, s, n);
		to_hex(out, 32, hex);
		return 64;
	}
}
