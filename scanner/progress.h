/*
 * progress.h — the progress line an officer sees on a terminal while a long
 * file is read: bytes done, percent and ETA when the size is known, speed.
 * Drawn on stderr with a carriage return, at most every half second, and
 * erased at the end, so it never mixes with the data (stdout) or with a
 * diagnostic. Off when stderr is not a terminal or with --quiet.
 *
 * Ownership: struct progress is a plain value; it holds no resources.
 */
#ifndef ZNES_PROGRESS_H
#define ZNES_PROGRESS_H

#include <stddef.h>

struct progress {
	int on;
	unsigned long long total;  /* input size, 0 when unknown (a pipe) */
	double start, last;        /* seconds (monotonic clock) */
	int drawn;                 /* a line is on the screen */
	unsigned tick;
};

/* Turns progress on for a terminal stderr unless quiet; fd is the input. */
void progress_init(struct progress *p, int fd, int quiet);
/* Called per record with the input bytes read so far; cheap when nothing is due. */
void progress_update(struct progress *p, unsigned long long done);
/* Erases the line. */
void progress_end(struct progress *p);
/* Formats the line for done bytes after `elapsed` seconds (exposed for tests). */
void progress_format(char *out, size_t cap, unsigned long long done, unsigned long long total,
		     double elapsed);

#endif
