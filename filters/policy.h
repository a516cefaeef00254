/*
 * policy.h — what to do with each finding: the officer's policy file (JSON)
 * or the built-in default, which removes everything found (each personal
 * finding becomes its category token). Precedence, most specific first:
 *
 *   a field marked drop-column       the whole value, every record
 *   a field declared public          kept, with the field's legal basis
 *   an official (listed, or flagged  kept, with the basis of art. 5 of the
 *     by the name detector when        Law on Personal Data Protection
 *     the policy honours the flag)
 *   the field's action               findings in that field
 *   the category's action            findings of that category anywhere
 *   the default action               every other personal finding
 *
 * Non-personal categories (ЄДРПОУ codes) are left alone unless a category
 * entry or a drop-column field names them. The file format is documented
 * in README.md ("Policy and audit") and checked by `znes policy check`.
 *
 * Ownership: struct policy owns every string and table it holds;
 * policy_release frees them. Decisions point into the policy.
 */
#ifndef ZNES_POLICY_H
#define ZNES_POLICY_H

#include <stddef.h>

#include "filters/crypto.h"
#include "rules/engine.h"
#include "scanner/buf.h"

enum action {
	ACT_NONE = 0,      /* not set (inherit) / leave alone */
	ACT_DROP,          /* empty the finding's span */
	ACT_TOKEN,         /* the category token, [ТЕЛЕФОН] */
	ACT_PLACEHOLDER,   /* ОСОБА_1: numbered per file and category */
	ACT_MASK,          /* keep a configurable part, star the rest */
	ACT_PSEUDONYM,     /* [ПСЕВДОНІМ:ab12cd34ef], keyed HMAC */
	ACT_GENERALIZE,    /* date -> year/month, address -> settlement/street, age -> band */
	ACT_DROP_COLUMN,   /* the whole value of the field, in every record */
	ACT_KEEP,          /* leave it, with a legal basis */
};

enum gen_level { GEN_NONE = 0, GEN_YEAR, GEN_MONTH, GEN_SETTLEMENT, GEN_STREET, GEN_BAND };

struct act {
	enum action kind;
	int keep_first, keep_last;   /* mask: characters kept at each end */
	enum gen_level to;           /* generalize */
	int width;                   /* generalize to band: years per band */
	int length;                  /* pseudonym: hex digits shown */
	char *prefix;                /* placeholder: e.g. "ОСОБА" (NULL = from the token) */
	char *basis;                 /* keep: the legal basis */
};

struct field_rule {
	char *name;                  /* column name or JSON path, exact */
	int is_public;               /* declared public: findings kept with basis */
	struct act act;              /* ACT_NONE when only public */
};

struct official {
	struct buf *names;           /* folded spellings */
	size_t nnames;
	char *position;              /* folded; NULL = any */
};

struct policy {
	char *source;                /* the file name, or "(default)" */
	char digest[SHA256_HEX];     /* SHA-256 of the file's bytes */
	struct act deflt;
	struct act *cat;             /* per ruleset category; kind ACT_NONE = not set */
	size_t ncat;
	struct field_rule *field;
	size_t nfield;
	struct official *off;
	size_t noff;
	int honour_flag;             /* keep names the detector flags as officials' */
	unsigned official_flag;      /* the finding flag that marks an official */
	int name_cat;                /* the "name" category, -1 when absent */
	struct act official_keep;    /* keep with the art. 5 basis */
	int uses_key;                /* some action needs the secret key */
};

#define OFFICIAL_BASIS "ст. 5 Закону України «Про захист персональних даних»"
/* The name detector's flag for "a name next to a position title". */
#define POLICY_OFFICIAL_FLAG ((unsigned)F_OFFICIAL)

/* The built-in policy: every personal finding becomes its token. */
void policy_default(struct policy *p, const struct ruleset *rs);
/* Reads a policy file; -1 after printing "FILE:LINE:COL: ..." or
 * "FILE: field 'x': ..." (one line, the first error). */
int policy_load(struct policy *p, const char *path, const struct ruleset *rs);
/* The same from memory (name is used in messages). */
int policy_parse(struct policy *p, const char *text, size_t n, const char *name,
		 const struct ruleset *rs);
void policy_release(struct policy *p);

const char *action_name(enum action a);
const char *gen_level_name(enum gen_level g);
/* The field rule for a column name, or NULL. */
const struct field_rule *policy_field(const struct policy *p, const char *colname);

/*
 * The action for finding fd (its text is val[fd->start..fd->end)) in a
 * field governed by fr (may be NULL). rec_folded is the folded text of the
 * whole record (text_fold of its fields, space separated) or NULL when no
 * official has a position. Returns the action (ACT_NONE: leave alone,
 * nothing to log) and sets *why to "field", "category", "default",
 * "public", "officials" or "official flag".
 */
const struct act *policy_decide(const struct policy *p, const struct ruleset *rs,
				const struct field_rule *fr, const struct finding *fd,
				const char *val, const char *rec_folded, const char **why);
/* Whether some official is listed with a position (rec_folded is needed). */
int policy_needs_record_text(const struct policy *p);

#endif
