/*
 * pool.h — a fixed set of worker threads that run one job at a time over
 * n items: fn(ctx, worker, item) is called once for each item in [0, n),
 * spread over the workers and, once it waits, the calling thread. Items
 * are handed out in small chunks from a shared counter, so a slow item
 * does not stall a whole share. pool_start returns at once, so the caller
 * can do other work meanwhile; pool_wait helps with what is left and
 * returns when every item is done.
 *
 * Why a pool and not a thread per job: the driver runs a job per batch of
 * a few hundred records, thousands of times a file; threads are started
 * once. `worker` (0 = the caller, 1..nthreads-1 = the pool's threads) lets
 * fn use per-thread state without locks.
 *
 * Ownership: the pool owns its threads; pool_free joins them.
 */
#ifndef ZNES_POOL_H
#define ZNES_POOL_H

#include <stddef.h>

struct pool;

typedef void pool_fn(void *ctx, unsigned worker, size_t item);

/* A pool of `workers` threads beside the caller (0: none, the caller
 * does all the work in pool_wait);
 * each thread calls thread_end (if not NULL) before it ends, to free what
 * it kept in thread-local storage. */
struct pool *pool_new(unsigned workers, void (*thread_end)(void));
/* The number of distinct `worker` values fn may see: workers + 1. */
unsigned pool_threads(const struct pool *p);
/* Starts a job (waiting first for the one before, if any). */
void pool_start(struct pool *p, pool_fn *fn, void *ctx, size_t n);
/* Runs fn(ctx, w, w) once on every thread, w = 0 (the caller) to
 * pool_threads - 1, and returns when all have returned: for work that
 * keeps each thread on its own share to the end (pipeline.c's threads). */
void pool_each(struct pool *p, pool_fn *fn, void *ctx);
/* Helps with the job at hand and returns when it is done (at once if none). */
void pool_wait(struct pool *p);
/* Is a job started and not yet waited for? */
int pool_busy(const struct pool *p);
void pool_free(struct pool *p);

/* The number of processors online, at least 1. */
unsigned pool_cpus(void);

#endif
