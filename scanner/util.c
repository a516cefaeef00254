/*
 * util.c — allocation, size arithmetic and diagnostics shared by all of
 * znes. Out of memory is not a condition znes tries to survive: a redactor
 * that limps on after a failed allocation could emit a record it did not
 * examine, so the x* family aborts instead.
 */
#include "scanner/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scanner/i18n.h"

const char *znes_progname = "znes";
void (*znes_before_diagnostic)(void);

void diagnostic_begin(void)
{
	if (znes_before_diagnostic)
		znes_before_diagnostic();
}

ZNES_NORETURN static void oom(size_t n)
{
	fprintf(stderr, "%s: out of memory allocating %zu bytes\n", znes_progname, n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(st_mult(n, size));
	return p;
}

void *xaligned_calloc(size_t align, size_t n, size_t size)
{
	/* aligned_alloc wants a size that is a multiple of the alignment */
	size_t bytes = st_mult(n ? n : 1, size ? size : 1);
	size_t round = st_add(bytes, align - 1) / align * align;
	void *p = aligned_alloc(align, round);
	if (!p)
		oom(round);
	memset(p, 0, round);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *xmemdup(const void *p, size_t n)
{
	char *q = xmalloc(st_add(n, 1));
	if (n)
		memcpy(q, p, n);
	q[n] = '\0';
	return q;
}

char *xstrdup(const char *s)
{
	return xmemdup(s, strlen(s));
}

size_t st_add(size_t a, size_t b)
{
	if (a > SIZE_MAX - b)
		die("size overflow: %zu + %zu", a, b);
	return a + b;
}

size_t st_mult(size_t a, size_t b)
{
	if (b && a > SIZE_MAX / b)
		die("size overflow: %zu * %zu", a, b);
	return a * b;
}

/* The format is translated here, once for every caller: xgettext collects
 * the literals passed to error() and warning() (see `make pot`). */
static void vreport(const char *prefix, const char *fmt, va_list ap)
{
	char msg[4096];
	diagnostic_begin();
	vsnprintf(msg, sizeof msg, _(fmt), ap);
	fprintf(stderr, "%s: %s%s\n", znes_progname, prefix, msg);
}

int error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
	return -1;
}

int verror_in(const char *file, const char *part, const char *fmt, va_list ap)
{
	char msg[4096];
	vsnprintf(msg, sizeof msg, _(fmt), ap);
	return part ? error("%s: %s: %s", file, part, msg) : error("%s: %s", file, msg);
}

void warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(_("warning: "), fmt, ap);
	va_end(ap);
}

void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport("fatal: ", fmt, ap);
	va_end(ap);
	abort();
}

long long days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153LL * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
	long long era, yoe, doe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

int tmpfile_unlinked(const char *stem)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	size_t n;
	int fd, e;
	if (!dir || !*dir)
		dir = "/tmp";
	n = st_add(st_add(strlen(dir), strlen(stem)), 16);
	path = xmalloc(n);
	snprintf(path, n, "%s/%s-XXXXXX", dir, stem);
	fd = mkstemp(path);
	e = errno;
	if (fd >= 0)
		unlink(path);
	free(path);
	errno = e;
	return fd;
}

void *xgrow_zeroed_slow(void *p, size_t *n, size_t i, size_t size, size_t first)
{
	size_t m = *n ? *n : first;
	char *a = p;
	if (i < *n)
		return p;
	while (m <= i)
		m = st_mult(m, 2);
	a = xrealloc(a, st_mult(m, size));
	memset(a + *n * size, 0, (m - *n) * size);
	*n = m;
	return a;
}
