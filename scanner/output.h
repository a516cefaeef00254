/*
 * output.h — where redacted data goes. A file given with -o is written to a
 * temporary file in the same folder and renamed over OUT only by
 * output_commit, so a failed run never leaves a half-written OUT (and a
 * fatal signal removes the temporary file). Standard output is written
 * directly; a write error there (disk full, closed pipe) is reported, and
 * the caller stops emitting.
 *
 * Ownership: struct output owns its descriptor, buffer and the temporary
 * file until commit or abort.
 */
#ifndef ZNES_OUTPUT_H
#define ZNES_OUTPUT_H

#include <stddef.h>

#include "scanner/buf.h"

struct output {
	char *name;   /* display name: the path or "<stdout>" */
	char *path;   /* final path, NULL for stdout */
	char *tmp;    /* temporary path while writing a file */
	int fd;
	int failed;
	struct buf buf;
	unsigned long long bytes; /* written so far */
	void (*tap)(void *ctx, const void *p, size_t n); /* sees every byte (digest) */
	void *tap_ctx;
};

/* path NULL or "-" = stdout. -1 after printing an error. */
int output_open(struct output *o, const char *path);
int output_write(struct output *o, const void *p, size_t n);
/*
 * A writer that builds a record in pieces appends them to the output's
 * buffer itself, with no buffer of its own to copy from: output_begin
 * returns the buffer (NULL after a failed write) and where the record
 * starts in it; output_end counts the bytes appended since, shows them to
 * the tap and flushes a full buffer. Nothing else may write in between.
 */
struct buf *output_begin(struct output *o, size_t *mark);
int output_end(struct output *o, size_t mark);
/* Flushes, closes and (for a file) renames into place. */
int output_commit(struct output *o);
/* Drops a file being written; harmless after commit. */
void output_abort(struct output *o);

#endif
