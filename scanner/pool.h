/*
 * pool.h — the driver's threads: fn(ctx, w) runs at once on `threads`
 * threads, w = 0 on the caller and 1 .. threads - 1 on threads started for
 * the run, and pool_run returns when every one has returned. Each runs to
 * the end of the input on its own share (pipeline.c: a batch at a time,
 * in turn), so the threads are started once per run, not per batch.
 * `worker` lets fn use per-thread state without locks.
 *
 * Ownership: the threads end before pool_run returns.
 */
#ifndef ZNES_POOL_H
#define ZNES_POOL_H

typedef void pool_fn(void *ctx, unsigned worker);

/*
 * Runs fn as above; each started thread calls thread_end (if not NULL)
 * before it ends, to free what it kept in thread-local storage. A thread
 * the system refuses is not run: fewer run then, at least the caller.
 */
void pool_run(unsigned threads, pool_fn *fn, void *ctx, void (*thread_end)(void));

/* The number of processors online, at least 1. */
unsigned pool_cpus(void);

#endif
