/*
 * index.h — the index of already published datasets: the one module that
 * talks to SQLite, and the keeper of the key that turns values into keyed
 * hashes (keyed BLAKE2b, through filters/crypto). What is stored per dataset:
 * its name, source, column kinds, and one row per record — row-aligned —
 * holding the keyed hash of each quasi-identifier slot and whether the
 * record carries a direct identifier (a name, a РНОКПП, ...); plus the
 * keyed hashes of its direct identifiers (and of their unkeyed MD5/SHA-1/
 * SHA-256 hex digests). Never a value: without the key, the hashes cannot
 * be tested against guesses.
 *
 * The key lives next to the database (DB + ".key", created 0600 on first
 * use); its fingerprint is in the database, so a wrong key is an error,
 * not silent non-matching.
 *
 * The analysis side works on a temporary table of the new dataset's rows
 * (corpus_new_*), so that k-anonymity classes and matches against a
 * million published rows are SQLite queries — sorted on disk when large —
 * and memory stays bounded.
 *
 * Ownership: struct corpus is opaque and owns its connection and key;
 * dataset lists returned here belong to the caller (corpus_datasets_free).
 */
#ifndef ZNES_INDEX_H
#define ZNES_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "corpus/qi.h"

struct corpus;

/* Direct identifier kinds in the index (struct corpus ident rows). */
enum ident_kind {
	ID_NAME = 1, ID_TAX, ID_PHONE, ID_EMAIL, ID_DOC, ID_ACCOUNT,
	ID_HEX,      /* an unkeyed hex digest of an identifier, or a hex value as published */
	ID_N
};
const char *ident_kind_name(int kind);

/* $XDG_DATA_HOME/znes/corpus.db, else $HOME/.local/share/znes/corpus.db
 * (malloc'd); NULL after an error. */
char *corpus_default_path(void);

/* Opens the index at path. create: make it (and its folder and key) when
 * missing; otherwise a missing index is an error. NULL after an error. */
struct corpus *corpus_open(const char *path, int create);
/* An empty in-memory index with a fresh key: the analysis of a file alone. */
struct corpus *corpus_open_memory(void);
void corpus_close(struct corpus *c);

/* The keyed hash of s[0..n) as a 64-bit integer. */
int64_t corpus_hash(const struct corpus *c, const char *s, size_t n);

struct corpus_column {
	char *name;
	char *kind;      /* qi kind name, or an identifier kind, or "hex" */
	unsigned slots;  /* the qi slots its values filled */
};

struct corpus_dataset {
	int64_t id;
	char *name, *source, *file, *added;
	int64_t records, direct;    /* records; records with a direct identifier */
	unsigned slots;             /* bit per qi slot that some record fills */
	struct corpus_column *col;
	size_t ncol;
};

/* ---- adding a published dataset (one transaction) ----------------------- */
int corpus_add_begin(struct corpus *c, const char *name, const char *source, const char *file,
		     int64_t *id);
int corpus_add_column(struct corpus *c, int64_t id, const char *col, const char *kind,
		      unsigned slots);
/* h[s] is used for each slot s set in `set`. */
int corpus_add_row(struct corpus *c, int64_t id, int64_t row, int direct, const int64_t *h,
		   unsigned set);
int corpus_add_ident(struct corpus *c, int kind, int64_t h);
int corpus_add_end(struct corpus *c, int64_t id, int64_t records, int64_t direct, unsigned slots);
void corpus_add_abort(struct corpus *c);

/* 0 removed, -1 after an error (unknown name included). */
int corpus_remove(struct corpus *c, const char *name);

/* All datasets by name; -1 after an error. */
int corpus_datasets(struct corpus *c, struct corpus_dataset **out, size_t *n);
void corpus_datasets_free(struct corpus_dataset *d, size_t n);

/* ---- the new dataset: a temporary table of its rows ---------------------- */
int corpus_new_begin(struct corpus *c);
int corpus_new_row(struct corpus *c, int64_t row, const int64_t *h, unsigned set);
int corpus_new_end(struct corpus *c);

struct kstats {
	int64_t classes;     /* distinct combinations */
	int64_t below_k;     /* records in classes smaller than k */
	int64_t unique;      /* records alone in their class */
};
/* Equivalence classes of the new rows over the slots in `slots` (a missing
 * value is a value of its own). */
int corpus_classes(struct corpus *c, unsigned slots, int64_t k, struct kstats *out);

/*
 * The new rows whose values on `slots` (all present) equal those of
 * exactly one record of dataset ds, and that record carries a direct
 * identifier. Calls hit(ctx, row) for each; *count gets their number.
 */
int corpus_link(struct corpus *c, int64_t ds, unsigned slots, void (*hit)(void *ctx, int64_t row),
		void *ctx, int64_t *count);

/* Calls found(ctx, ds) for each dataset holding the identifier (kind, h). */
int corpus_ident_find(struct corpus *c, int kind, int64_t h, void (*found)(void *ctx, int64_t ds),
		      void *ctx);

#endif
