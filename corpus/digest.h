/*
 * digest.h — the unkeyed digests people use to "pseudonymize" identifiers
 * before publishing (MD5, SHA-1, SHA-256 written as lowercase hex). The
 * linkage analysis recomputes them from the identifiers of published
 * datasets, so that a column of such hashes in a new dataset is recognised
 * for what it is: the identifiers themselves, a lookup away.
 *
 * Ownership: nothing here allocates; outputs go to caller buffers.
 */
#ifndef ZNES_DIGEST_H
#define ZNES_DIGEST_H

#include <stddef.h>

enum digest_alg { DIGEST_MD5, DIGEST_SHA1, DIGEST_SHA256, DIGEST_N };

/* Writes the lowercase hex digest of s[0..n) and its NUL into hex (at
 * least 65 bytes); returns the number of hex digits (32, 40 or 64). */
size_t digest_hex(enum digest_alg alg, const void *s, size_t n, char hex[65]);

#endif
