/*
 * extract.h — the pipeline stage that turns records into what the linkage
 * analysis compares: per record, the keyed hashes of its quasi-identifier
 * slots, whether it carries a direct identifier, and the keyed hashes of
 * its direct identifiers. It runs the rules stage (rules/detect.h) and
 * decides each column's kind from its header (the quasi-identifiers pack)
 * or, failing that, from the category the column profile found. Both
 * `znes corpus add` and `znes link` read datasets through it, so the two
 * sides normalize and hash alike.
 *
 * Ownership: the extractor owns its detector, pack, buffers, and the
 * column names it copies at the end of the run; a struct xrow passed to
 * the emit callback is valid during the call only. It borrows the corpus
 * (for the key).
 */
#ifndef ZNES_EXTRACT_H
#define ZNES_EXTRACT_H

#include "corpus/index.h"
#include "corpus/qi.h"
#include "rules/detect.h"
#include "scanner/pipeline.h"

struct xident {
	int kind;              /* enum ident_kind */
	int64_t h;
};

struct xrow {
	int64_t row;           /* 0-based data record */
	int64_t h[QS_N];
	unsigned set;          /* slots with a value */
	int direct;            /* carries a direct identifier */
	struct xident *id;
	size_t nid, cap;
};

struct xcol {
	int decided;
	int kind;              /* enum qi_kind, QK_NONE */
	int ident;             /* enum ident_kind seen in the column (most frequent first seen), 0 */
	int hex;               /* holds hex digests */
	int tax_derived;       /* birth date and sex decoded from a РНОКПП here */
	unsigned slots;        /* slots its values filled */
	char *name;            /* copied at the end of the run */
};

struct extractor {
	const struct corpus *cx;
	int digests;           /* add hex digests of identifiers (published side) */
	struct detector det;
	struct qi_pack pack;
	int cat_ident[64];     /* detection category -> ident kind, 0 */
	struct xcol *col;
	size_t ncol;
	struct qi_values q;
	struct buf t1, t2, t3;
	struct xrow row;
	int (*emit)(void *ctx, const struct xrow *r);
	void *emit_ctx;
	int64_t records, direct_records, tax_leaks, hex_values;
	int64_t slotcount[QS_N];  /* records with a value per slot */
	unsigned slots;        /* slots filled in at least half of the records (set at the end):
				* a slot most records lack (a settlement some addresses name)
				* would make those records unmatchable, not safer */
};

/* rules_dir: --rules DIR or NULL. digests: see above. -1 after an error. */
int extractor_init(struct extractor *x, const struct corpus *cx, const char *rules_dir, int digests);
void extractor_release(struct extractor *x);
/* Fills st with the extractor's callbacks. */
void extractor_stage(struct extractor *x, struct stage *st);

#endif
