/*
 * audit.h — the audit log of a redaction (design.md, "Audit log"): JSON
 * Lines, written as the run goes so that a pipeline stage needs no second
 * pass and an interrupted run leaves a log without a trailer.
 *
 *   header   format, tool version, start time, input name, rules and policy
 *            digests, key fingerprint (never the key), category labels
 *   event    one per finding changed or deliberately kept: record index,
 *            input line, field, category, rule, action, byte span,
 *            confidence, keyed hmac of the original value (never the
 *            value), legal basis when kept
 *   trailer  counts per category and action, SHA-256 of the input (taken
 *            while streaming, which is why it is here and not in the
 *            header) and of the output, a seal over the trailer itself and,
 *            with a user key, a MAC of the seal
 *
 * Every line carries "seq" (0, 1, 2, …) and "prev", the SHA-256 of the
 * previous line's bytes (64 zeros for the header): a hash chain, so an
 * edited, deleted, inserted or moved line breaks it. audit_verify checks all
 * of it and names the first line that fails.
 *
 * Ownership: struct audit owns its FILE and buffers; audit_close closes.
 */
#ifndef ZNES_AUDIT_H
#define ZNES_AUDIT_H

#include <stddef.h>
#include <stdio.h>

#include "filters/crypto.h"
#include "scanner/buf.h"

#define AUDIT_FORMAT "znes-audit/1"

struct audit {
	FILE *f;
	char *path;
	char prev[SHA256_HEX];
	unsigned long long seq;
	unsigned long long events;
	void *counts;               /* json_t: category -> action -> count */
	const struct key *key;
	int failed;
	/* events: the value hmac's keyed state, made once; the line being
	 * built; a few confidences as jansson writes them */
	struct hmac_label value_mac;
	struct buf line;
	struct real_text {
		double v;
		char text[32];
	} reals[16];
};

struct audit_header {
	const char *input;          /* input name, "<stdin>" */
	const char *rules_digest;
	const char *policy;         /* policy file or "(default)" */
	const char *policy_digest;
	const char *key_source;     /* "key file", "environment", "random (this run only)" */
	const char *const *cat_id;  /* categories, for the summary's labels */
	const char *const *cat_label;
	const int *cat_personal;
	size_t ncat;
};

struct audit_event {
	unsigned long long record;
	unsigned long line;
	const char *field;
	const char *category;       /* NULL for a whole column dropped */
	const char *rule;           /* NULL likewise */
	const char *action;
	const char *detail;         /* generalize: the level; NULL otherwise */
	size_t start, end;
	double confidence;          /* < 0: none */
	const char *value;          /* the original, hashed with the audit key */
	size_t value_len;
	const char *basis;          /* when kept */
	const char *why;            /* which policy entry decided */
};

struct audit_trailer {
	unsigned long long records;
	unsigned long long fields_changed;
	const char *input_sha256;
	unsigned long long input_bytes;
	const char *output;
	const char *output_sha256;
	unsigned long long output_bytes;
};

/* Creates (truncates) path; -1 after printing an error. The key is
 * borrowed until audit_close. */
int audit_open(struct audit *a, const char *path, const struct key *key);
int audit_header(struct audit *a, const struct audit_header *h);
int audit_event(struct audit *a, const struct audit_event *e);
int audit_trailer(struct audit *a, const struct audit_trailer *t);
/* Flushes and closes; -1 if any write failed. */
int audit_close(struct audit *a);

/* What audit_verify learned, for `audit verify` and `audit summary`. */
struct audit_check {
	unsigned long long lines, events;
	char head[SHA256_HEX];      /* SHA-256 of the last line: the chain head */
	int has_trailer;
	int mac_checked;
};

/*
 * Checks the log at path. output/input (may be NULL) are files whose
 * SHA-256 must match the trailer's; key (may be NULL) must match the
 * header's fingerprint and the trailer's MAC. Returns 0 when everything
 * holds, 1 after printing the first failure ("PATH:LINE: ..."), -1 on an
 * I/O error.
 */
int audit_verify(const char *path, const char *output, const char *input,
		 const struct key *key, struct audit_check *res);
/* The same, handing each line that passed its checks, parsed (a json_t,
 * valid during the call), to each(ctx, line): a caller that reads every
 * line too (`audit summary`) reads the log once when it holds. */
int audit_verify_each(const char *path, const char *output, const char *input,
		      const struct key *key, struct audit_check *res,
		      void (*each)(void *ctx, void *line), void *ctx);

/* SHA-256 of a file's bytes as hex; -1 after printing an error. */
int file_sha256(const char *path, char hex[SHA256_HEX]);

#endif
