/*
 * pool.c — the worker threads of pool.h (POSIX threads). A job is
 * published under the mutex with a new generation number; each worker
 * wakes on the change, takes chunks of items from an atomic counter until
 * none are left, and the last one to finish signals the caller, which
 * takes chunks too once it waits.
 */
#include "scanner/pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "scanner/util.h"

/* Items taken at a time: enough to make the counter cheap, few enough to
 * keep the workers busy to the end of a batch of a few hundred records. */
#define CHUNK 4

/*
 * Pauses a thread spins for the next job, or for the job's end, before it
 * sleeps on the condition: a job (a batch) comes every millisecond or so,
 * and waking a sleeping thread costs tens of microseconds, more on a
 * virtual machine (where the processor is halted and woken too), twice a
 * batch. About 50 microseconds; a thread with nothing to do for longer
 * sleeps.
 */
#define SPINS 2000

static inline void relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

struct pool {
	unsigned nthreads;
	pthread_t *th;
	pthread_mutex_t mu;
	pthread_cond_t go, done;
	/* written under mu; read without it only to spin before a wait */
	atomic_ulong gen;       /* job number; a change wakes the workers */
	atomic_uint busy;       /* workers still on the current job */
	int quit;
	int started;            /* caller's side: a job started, not waited for */
	void (*thread_end)(void);
	/* the current job */
	pool_fn *fn;
	void *ctx;
	size_t n;
	atomic_size_t next;
	int each;               /* pool_each: every thread runs fn once, on its own index */
};

struct start {
	struct pool *p;
	unsigned worker;
};

static void work(struct pool *p, unsigned worker)
{
	size_t i, end;
	if (p->each) {
		p->fn(p->ctx, worker, worker);
		return;
	}
	while ((i = atomic_fetch_add(&p->next, CHUNK)) < p->n) {
		end = i + CHUNK < p->n ? i + CHUNK : p->n;
		for (; i < end; i++)
			p->fn(p->ctx, worker, i);
	}
}

static void *thread_main(void *arg)
{
	struct start st = *(struct start *)arg;
	struct pool *p = st.p;
	unsigned long seen = 0;
	free(arg);
	for (;;) {
		unsigned spin;
		for (spin = 0; spin < SPINS && atomic_load(&p->gen) == seen; spin++)
			relax();
		pthread_mutex_lock(&p->mu);
		while (p->gen == seen && !p->quit)
			pthread_cond_wait(&p->go, &p->mu);
		if (p->quit) {
			pthread_mutex_unlock(&p->mu);
			if (p->thread_end)
				p->thread_end();
			return NULL;
		}
		seen = p->gen;
		pthread_mutex_unlock(&p->mu);
		work(p, st.worker);
		pthread_mutex_lock(&p->mu);
		if (!--p->busy)
			pthread_cond_signal(&p->done);
		pthread_mutex_unlock(&p->mu);
	}
}

struct pool *pool_new(unsigned workers, void (*thread_end)(void))
{
	struct pool *p = xcalloc(1, sizeof *p);
	unsigned i;
	p->nthreads = workers + 1;
	p->thread_end = thread_end;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->go, NULL);
	pthread_cond_init(&p->done, NULL);
	atomic_init(&p->next, 0);
	p->th = xcalloc(p->nthreads, sizeof *p->th);
	for (i = 1; i < p->nthreads; i++) {
		struct start *st = xmalloc(sizeof *st);
		st->p = p;
		st->worker = i;
		if (pthread_create(&p->th[i], NULL, thread_main, st)) {
			/* fewer threads than asked: the jobs still run, slower */
			free(st);
			p->nthreads = i;
			break;
		}
	}
	return p;
}

unsigned pool_threads(const struct pool *p)
{
	return p->nthreads;
}

int pool_busy(const struct pool *p)
{
	return p->started;
}

/* Publishes a job to the workers (each: one call per thread). */
static void publish(struct pool *p, pool_fn *fn, void *ctx, size_t n, int each)
{
	pool_wait(p);
	p->started = 1;
	pthread_mutex_lock(&p->mu);
	p->fn = fn;
	p->ctx = ctx;
	p->n = n;
	p->each = each;
	atomic_store(&p->next, 0);
	p->busy = p->nthreads - 1;
	p->gen++;
	pthread_cond_broadcast(&p->go);
	pthread_mutex_unlock(&p->mu);
}

void pool_start(struct pool *p, pool_fn *fn, void *ctx, size_t n)
{
	publish(p, fn, ctx, n, 0);
}

void pool_each(struct pool *p, pool_fn *fn, void *ctx)
{
	publish(p, fn, ctx, p->nthreads, 1);
	pool_wait(p);
}

void pool_wait(struct pool *p)
{
	unsigned spin;
	if (!p->started)
		return;
	p->started = 0;
	work(p, 0);
	for (spin = 0; spin < SPINS && atomic_load(&p->busy); spin++)
		relax();
	pthread_mutex_lock(&p->mu);
	while (p->busy)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

void pool_free(struct pool *p)
{
	unsigned i;
	if (!p)
		return;
	pool_wait(p);
	pthread_mutex_lock(&p->mu);
	p->quit = 1;
	pthread_cond_broadcast(&p->go);
	pthread_mutex_unlock(&p->mu);
	for (i = 1; i < p->nthreads; i++)
		pthread_join(p->th[i], NULL);
	pthread_cond_destroy(&p->go);
	pthread_cond_destroy(&p->done);
	pthread_mutex_destroy(&p->mu);
	free(p->th);
	free(p);
}

unsigned pool_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
}
