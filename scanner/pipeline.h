/*
 * pipeline.h — the streaming driver: input -> reader -> stages -> writer.
 * Records are processed and written one at a time, in order. A stage is a
 * callback that may read the record's fields and set replacements on
 * them; the detection and filter stages plug in here. A stage that can
 * work on many records at once (detection, over several threads) gets
 * them in batches: each of the driver's threads reads a batch in turn
 * (pinned in the reader's buffers, or copied out of them: reader_pin),
 * has the stage scan it, then processes its records one by one as
 * before, in input order. The driver owns the failure policy: on any
 * error it stops before writing the record at hand, and a file output is
 * removed rather than left half-written.
 *
 * Ownership: the driver opens and releases the input, reader and output it
 * uses; stage contexts belong to the caller.
 */
#ifndef ZNES_PIPELINE_H
#define ZNES_PIPELINE_H

#include "scanner/reader.h"

/* What a stage does with a batch (or a part of the look-ahead window)
 * of records on the driver's thread `worker`. */
typedef void stage_batch_fn(void *ctx, struct record *const *recs, size_t n, unsigned worker);

struct stage {
	/* Called once the reader exists (columns may still be unnamed). */
	int (*begin)(void *ctx, struct reader *rd);
	/*
	 * Column profiling: called for each record of the look-ahead window
	 * (the first records of the input, bounded in count and bytes) before
	 * any record is processed, then once with profile_end.
	 */
	void (*profile)(void *ctx, struct reader *rd, const struct record *rec);
	void (*profile_end)(void *ctx, struct reader *rd);
	void *profile_ctx;   /* what profile, profile_end and batch get; NULL: ctx */
	/*
	 * Optional, for a stage that scans records on threads (detection):
	 * with threads >= 2 the driver runs that many threads past the
	 * look-ahead window. Each reads a batch of records in its turn
	 * (prepare sees the batch then), scans it on its own (scan; both get
	 * the thread's index 0 .. threads - 1, scan runs beside other
	 * threads' scans), then
	 * processes it once the batches before it are: `record` and the
	 * writer, in input order. The reader is used by one thread at a time
	 * (reading and processing take turns under one lock); the scans run
	 * outside it, so a record is read, scanned and written on one thread
	 * and does not cross to another processor's cache. Scan must not
	 * change the records. The window is prepared in parts, part k with
	 * index k, and the parts scanned on the threads before any record is
	 * processed. forget: the batches seen are about to be
	 * freed (at the end, or after an error). thread_end: called by each
	 * of the driver's threads but the caller before it ends.
	 */
	unsigned threads;
	void (*prepare)(void *ctx, struct reader *rd, struct record *const *recs, size_t n,
			unsigned worker);
	stage_batch_fn *scan;
	/* Optional with scan: the window's profile in parts too, each part
	 * prepared, then profiled on the threads (beside each other) in
	 * place of `profile`, before profile_end. */
	stage_batch_fn *profile_part;
	void (*forget)(void *ctx);
	void (*thread_end)(void);
	/* Called for each record; returns 0 or -1 (error already printed). */
	int (*record)(void *ctx, struct reader *rd, struct record *rec);
	/* Called after the last record; -1 fails the run. */
	int (*end)(void *ctx, struct reader *rd);
	void *ctx;
};

struct pipeline_opts {
	const char *in_path;      /* NULL or "-" = stdin */
	const char *out_path;     /* NULL or "-" = stdout; unused when !write */
	int write;                /* emit records (redact) or only read (scan) */
	enum format out_format;   /* what to write; FMT_AUTO = the input's format */
	enum encoding encoding;
	struct read_opts read;
	int bare;                 /* no stages: read and write only (benchmark baseline) */
	int quiet;                /* no progress line on a terminal */
	size_t window_records;    /* look-ahead for profiling; 0 = default */
	size_t window_bytes;
	/* Optional taps that see every input byte as read and every output
	 * byte as written (the audit log's digests). */
	void (*in_tap)(void *ctx, const void *p, size_t n);
	void *in_tap_ctx;
	void (*out_tap)(void *ctx, const void *p, size_t n);
	void *out_tap_ctx;
};

#define DEFAULT_WINDOW_RECORDS 1000
#define DEFAULT_WINDOW_BYTES ((size_t)8 << 20)
/* A batch: enough records to hand a thread at little cost per batch,
 * few enough bytes to keep memory flat (a batch per thread is held). */
#define BATCH_RECORDS 512
#define BATCH_BYTES ((size_t)1 << 20)

/* Runs the pipeline; returns 0, or -1 after an error has been printed. */
int pipeline_run(const struct pipeline_opts *o, struct stage *stages, size_t nstages);

#endif
