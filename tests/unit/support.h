/*
 * support.h — helpers shared by the unit tests: run a reader over bytes
 * held in memory (written to a temporary file, since inputs are files or
 * stdin), collect its records, and write records back into a buffer.
 */
#ifndef ZNES_TEST_SUPPORT_H
#define ZNES_TEST_SUPPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "scanner/reader.h"

struct tfile {
	char path[64];
	struct input in;
	struct reader *rd;
	struct record rec;
};

/* Writes data to a temporary file named with ext and opens a reader. */
int tfile_open(struct tfile *t, const char *data, size_t n, const char *ext,
	       const struct read_opts *ro, enum encoding enc);
void tfile_close(struct tfile *t);
/* Reads every record and writes it back, changed or not; returns RD_EOF or RD_ERR. */
int tfile_roundtrip(struct tfile *t, struct buf *out,
		    void (*edit)(struct record *rec, void *ctx), void *ctx);
/* Asserts that each of files[0..n) (named with ext) comes back unchanged
 * when every record is read and written back. */
void assert_round_trips(const char *const *files, size_t n, const char *ext);
/* Compares a view with a C string. */
int view_eq(struct view v, const char *s);
/*
 * A random text for the tests that hold a quick path to the plain one:
 * one to max_parts of pieces[0..npieces), drawn with *seed (a 64-bit
 * LCG, so a failing case comes back), as long as out (cap bytes, NUL
 * included) takes them. Returns its length.
 */
size_t random_text(char *out, size_t cap, const char *const *pieces, size_t npieces,
		   size_t max_parts, uint64_t *seed);

#endif
