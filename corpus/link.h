/*
 * link.h — the re-identification analysis of a new dataset (domain.md §6):
 *   a. k-anonymity over its quasi-identifiers: classes, records in classes
 *      smaller than k, unique records;
 *   b. against each indexed published dataset that shares quasi-identifier
 *      kinds: the records whose combination matches exactly one published
 *      record that carries a direct identifier (re-identifiable);
 *   c. direct overlap: identifiers of the new dataset (or unkeyed hex
 *      hashes of them) that occur in a published dataset; a РНОКПП, which
 *      leaks birth date and sex by itself;
 * and the least lossy generalization (birth date → year, address →
 * street, or dropping a column) after which (a) and (b) find nothing.
 *
 * Ownership: struct link_report owns everything in it; link_report_free.
 */
#ifndef ZNES_LINK_H
#define ZNES_LINK_H

#include "corpus/index.h"
#include "scanner/pipeline.h"

struct link_dataset {
	char *name;
	char **columns;            /* new dataset's columns involved */
	size_t ncolumns;
	char **published;          /* the published dataset's columns involved */
	size_t npublished;
	unsigned slots;            /* slots compared */
	int64_t reidentifiable;
	int64_t overlap;           /* records sharing a direct identifier (or its hash) */
};

struct link_change {
	char *columns;             /* "Дата народження" (comma-joined when several) */
	const char *from, *to;     /* slot labels (English, N_()); to = "removed" */
};

struct link_report {
	char *file;
	int64_t records, k;
	struct { char *column; const char *kind; } *qi;
	size_t nqi;
	unsigned slots;            /* the slots k-anonymity was computed on */
	struct kstats ks;
	struct link_dataset *ds;
	size_t nds;
	int64_t reidentifiable;    /* records re-identifiable through any dataset */
	int64_t overlap;           /* records with a direct identifier found published */
	int64_t tax_leaks;
	int suggested;             /* 1: a generalization below reaches k and no links */
	struct link_change *change;
	size_t nchange;
	struct kstats after;
	char **warning;            /* in English: the JSON report's "warnings" */
	char **warning_text;       /* the same in the interface's language */
	size_t nwarning;
	int indexed;               /* an index was consulted */
};

struct link_opts {
	int64_t k;
	const char *rules_dir;
};

/* Analyses the dataset the pipeline options name, against the index c
 * (which may be an empty in-memory one: indexed = 0). -1 after an error. */
int link_analyze(struct corpus *c, int indexed, const struct pipeline_opts *po,
		 const struct link_opts *lo, struct link_report *r);
void link_report_free(struct link_report *r);
/* Any risk: records below k, re-identifiable records, overlap, РНОКПП. */
int link_risky(const struct link_report *r);
/* The report as a JSON object (the contract of `znes link --format json`),
 * indented by `indent` spaces, and as text lines (each prefixed). */
void link_report_json(const struct link_report *r, struct buf *out, int indent);
void link_report_text(const struct link_report *r, struct buf *out, const char *prefix);

#endif
