/*
 * detect.h — the rules stage of the pipeline: the engine applied to every
 * field of a record, with what is known about the field's column. Column
 * knowledge has two sources: the header (the column name, or the JSON path,
 * against each rule's header keywords) and the profile of the look-ahead
 * window (the share of a column's values in which a category is found). A
 * column whose values are mostly one category becomes that category: its
 * other values are judged with the column's support (a 5-digit local
 * number in a phone column, a date in a birth-date column).
 *
 * Batches: each of the pipeline's threads reads a batch of records in its
 * turn, scans it (with its own engine and caches; the ruleset and column
 * knowledge are shared read-only; see detector_stage),
 * and processes it in input order, where detector_run hands over those
 * findings instead of scanning again. A record is scanned the same way
 * whichever thread scans it, so the findings do not depend on the number
 * of threads.
 *
 * Ownership: the detector owns the ruleset, the engines and caches of
 * every thread, per-column state and the findings of the current record
 * (valid until the next detector_run).
 */
#ifndef ZNES_DETECT_H
#define ZNES_DETECT_H

#include "rules/engine.h"
#include "scanner/reader.h"

struct stage;

struct colstat {
	int init;
	struct colctx ctx;
	unsigned long nonempty;          /* profiled values */
	unsigned long *hits;             /* profiled values with a finding, per category */
};

/* The window's profile as one thread counted it, until profile_end adds
 * it to the columns': per column, values profiled and, per category
 * (column * (categories + 1) + category), values mostly of it. */
struct pcounts {
	unsigned long *nonempty, *hits;
	size_t nnonempty, nhits;
};

struct detector {
	struct ruleset rs;
	struct engine eng;
	struct colstat *col;
	size_t ncol;
	struct findings *ff;             /* per field of the record scanned last here */
	size_t nff;
	struct findings *view;           /* per field: views of a batch's findings */
	size_t nview;
	double profile_share;            /* share that makes a column a category */
	unsigned long profile_min;       /* values needed before profiling decides */
	unsigned threads;                /* scanning batches; 0 = one per processor, 1 = none */
	struct detect_batch *batch;      /* the threads' engines, caches and batches */
	struct vcset *vc;                /* the caller's thread's cache of values seen */
	struct pcounts pc;               /* the profile of the window a record at a time */
	struct detect_window *win;       /* and the findings it made, for detector_run */
};

/* Loads the built-in rules (rules_dir NULL = default) and extra_dir's. */
int detector_init(struct detector *d, const char *rules_dir, const char *extra_dir);
void detector_release(struct detector *d);
void detector_profile(struct detector *d, struct reader *rd, const struct record *rec);
void detector_profile_end(struct detector *d, struct reader *rd);
/* Sets a pipeline stage's detection callbacks on st (struct stage,
 * pipeline.h; profile_ctx = d): the window's profile, and with 2 threads
 * or more the batches' scans; so every command that detects profiles and
 * scans the same way. The caller sets record, end and ctx. */
void detector_stage(struct detector *d, struct stage *st);
/* The threads d scans on: d->threads, or one per processor; 1 means none
 * (records are then read and scanned one at a time, never copied). */
unsigned detector_threads(const struct detector *d);
/* The findings of each field of rec (rec->nf of them), valid until the
 * next call: views of those a thread's scan of the record's batch left
 * (no copy), or scanned now into d->ff. */
const struct findings *detector_run(struct detector *d, struct reader *rd, const struct record *rec);
/* The column's profiled category, -1 if none. */
int detector_column_category(const struct detector *d, unsigned col);

#endif
