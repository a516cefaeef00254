/*
 * util.h — the small runtime every znes module leans on: allocation that
 * aborts on out-of-memory (so no caller checks for NULL), overflow-checked
 * size arithmetic, and error() which prints one diagnostic line on stderr
 * and returns -1 so that callers can write `return error(...)`.
 *
 * Ownership: xmalloc/xrealloc/xstrdup return memory the caller frees.
 */
#ifndef ZNES_UTIL_H
#define ZNES_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define ZNES_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define ZNES_NORETURN __attribute__((noreturn))
/* For a function on the hot path of every word, that GCC would otherwise
 * leave out of line once it has several callers. */
#define ZNES_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ZNES_PRINTF(f, a)
#define ZNES_NORETURN
#define ZNES_ALWAYS_INLINE inline
#endif

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
/* zeroed like xcalloc, at a multiple of align (a power of two); free() it */
void *xaligned_calloc(size_t align, size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xmemdup(const void *p, size_t n); /* copies n bytes, adds a NUL */

/*
 * Days since 1970-01-01 of a proleptic Gregorian date and back (Howard
 * Hinnant's "chrono-compatible low-level date algorithms"): calendar
 * arithmetic without a table or libc's time zone code (РНОКПП birth
 * dates, Excel's date serials).
 */
long long days_from_civil(long long y, unsigned m, unsigned d);
void civil_from_days(long long z, long long *y, unsigned *m, unsigned *d);

/* A temporary file in $TMPDIR (default /tmp) named after stem, already
 * unlinked: it goes when its descriptor is closed, even after a crash.
 * The descriptor, or -1 with errno set. */
int tmpfile_unlinked(const char *stem);

/*
 * Grows the array p of *n elements of `size` bytes (doubling from
 * `first`) so that index i is in it, and returns it; the new elements are
 * zeroed. For the tables indexed by column id, which appear as records go.
 */
void *xgrow_zeroed_slow(void *p, size_t *n, size_t i, size_t size, size_t first);
/* (inline: it is asked for every field of every record, and the answer is
 * almost always that the array is big enough) */
static inline void *xgrow_zeroed(void *p, size_t *n, size_t i, size_t size, size_t first)
{
	return i < *n ? p : xgrow_zeroed_slow(p, n, i, size, first);
}

/* Overflow-checked size arithmetic: abort rather than wrap. */
size_t st_add(size_t a, size_t b);
size_t st_mult(size_t a, size_t b);

/* Prints "znes: <message>" on stderr and returns -1. */
int error(const char *fmt, ...) ZNES_PRINTF(1, 2);
/*
 * error() for a place in a file: "znes: FILE: PART: <message>", or
 * "znes: FILE: <message>" when part is NULL; the format is translated like
 * error()'s. The policy and rule-pack loaders build their perr() on it.
 */
int verror_in(const char *file, const char *part, const char *fmt, va_list ap);
/* Prints "znes: warning: <message>" on stderr. */
void warning(const char *fmt, ...) ZNES_PRINTF(1, 2);
/* Unrecoverable programming or resource error: prints and aborts. */
ZNES_NORETURN void die(const char *fmt, ...) ZNES_PRINTF(1, 2);

/* The program name used as a prefix of diagnostics ("znes"). */
extern const char *znes_progname;
/* Called before any diagnostic is printed (the progress line erases itself). */
extern void (*znes_before_diagnostic)(void);
void diagnostic_begin(void);

#include "scanner/banned.h"

#endif
