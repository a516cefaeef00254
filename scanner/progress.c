/*
 * progress.c — the terminal progress line of progress.h.
 */
#include "scanner/progress.h"

#include "scanner/util.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define EVERY 0.5 /* seconds between redraws */

static struct progress *shown; /* the one progress line on the terminal */

/* Before a diagnostic: erase the line, so the message starts a clean one. */
static void erase_shown(void)
{
	if (shown)
		progress_end(shown);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(struct progress *p, int fd, int quiet)
{
	struct stat st;
	memset(p, 0, sizeof *p);
	p->on = !quiet && isatty(2);
	if (!p->on)
		return;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		p->total = (unsigned long long)st.st_size;
	p->start = p->last = now();
}

void progress_format(char *out, size_t cap, unsigned long long done, unsigned long long total,
		     double elapsed)
{
	double mb = (double)done / 1e6, rate = elapsed > 0 ? mb / elapsed : 0;
	if (total) {
		double left = rate > 0 ? ((double)(total - (done < total ? done : total)) / 1e6) / rate : 0;
		unsigned secs = (unsigned)(left + 0.5);
		snprintf(out, cap, "%.1f of %.1f MB (%u%%), %.1f MB/s, %u:%02u left", mb,
			 (double)total / 1e6, (unsigned)(100.0 * (double)done / (double)total), rate,
			 secs / 60, secs % 60);
	} else
		snprintf(out, cap, "%.1f MB, %.1f MB/s", mb, rate);
}

void progress_update(struct progress *p, unsigned long long done)
{
	char line[128];
	double t;
	if (!p->on || (++p->tick & 1023))
		return; /* look at the clock every 1024 records only */
	t = now();
	if (t - p->last < EVERY)
		return;
	p->last = t;
	progress_format(line, sizeof line, done, p->total, t - p->start);
	fprintf(stderr, "\rznes: %-70s", line);
	fflush(stderr);
	p->drawn = 1;
	shown = p;
	znes_before_diagnostic = erase_shown;
}

void progress_end(struct progress *p)
{
	if (p->drawn) {
		fprintf(stderr, "\r%-78s\r", "");
		fflush(stderr);
	}
	p->drawn = 0;
	if (shown == p) {
		shown = NULL;
		znes_before_diagnostic = NULL;
	}
}
