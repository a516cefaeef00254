/*
 * pool.c — the driver's threads of pool.h (POSIX threads): started, run,
 * joined.
 */
#include "scanner/pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "scanner/util.h"

struct start {
	pool_fn *fn;
	void *ctx;
	unsigned worker;
	void (*thread_end)(void);
};

static void *thread_main(void *arg)
{
	struct start *st = arg;
	st->fn(st->ctx, st->worker);
	if (st->thread_end)
		st->thread_end();
	return NULL;
}

void pool_run(unsigned threads, pool_fn *fn, void *ctx, void (*thread_end)(void))
{
	pthread_t *th = xcalloc(threads ? threads : 1, sizeof *th);
	struct start *st = xcalloc(threads ? threads : 1, sizeof *st);
	unsigned i, started = 1;
	for (i = 1; i < threads; i++) {
		st[i].fn = fn;
		st[i].ctx = ctx;
		st[i].worker = started;
		st[i].thread_end = thread_end;
		/* a thread refused: the others share its work */
		if (pthread_create(&th[started], NULL, thread_main, &st[i]) == 0)
			started++;
	}
	fn(ctx, 0);
	for (i = 1; i < started; i++)
		pthread_join(th[i], NULL);
	free(st);
	free(th);
}

unsigned pool_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
}
