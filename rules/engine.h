/*
 * engine.h — detection: from one field's value to findings (byte span,
 * category, rule, confidence). Two mechanisms serve all rules:
 *
 *   - one pass over the runs of digits in the value; each run is cut into
 *     candidates (consecutive digit groups) whose digit count and shape fit
 *     a "digits" rule, checked by the rule's prefix/suffix patterns and its
 *     validator. Ten identifier kinds cost one scan, not ten regexes;
 *   - "regex" rules, searched only in values that pass their cheap gate
 *     (a literal such as "@", a minimum digit count, context present).
 *
 * Column knowledge (header keywords, a profiled category) comes in through
 * struct colctx: it satisfies rules that need context, lets a column's
 * category accept values its validator rejects (column_relax), and stops a
 * rule whose negative header matches (a "Дата рішення" column has no birth
 * dates). Overlapping findings are resolved: the higher score wins.
 *
 * Ownership: the engine borrows the ruleset; findings are owned by the
 * caller's struct findings and reused across fields.
 */
#ifndef ZNES_ENGINE_H
#define ZNES_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "rules/litset.h"
#include "rules/pack.h"

enum finding_flags {
	F_VALIDATED = 1,   /* the validator accepted it */
	F_CONTEXT = 2,     /* context words before it */
	F_COLUMN = 4,      /* the column's header or profile supports it */
	F_RELAXED = 8,     /* accepted by the column's category, validator failed */
	F_WEAK = 16,       /* validated but implausible (e.g. a 1900s birth date) */
	F_OFFICIAL = 32,   /* a name next to a position title, or in an officials' column */
	F_ADDR_APARTMENT = 64, /* an address with an apartment or room: a home */
	F_INSTITUTION = 128,   /* an address with an office: an institution's */
};

/* Parts of an address finding (struct finding.part), byte spans of the
 * value; an absent part is {0, 0}. */
enum addr_part { ADDR_SETTLEMENT, ADDR_STREET, ADDR_HOUSE, ADDR_APARTMENT, ADDR_PARTS };

struct finding {
	size_t start, end;     /* bytes in the field value */
	unsigned short cat;
	unsigned short rule;
	float conf;
	unsigned flags;
	char norm[32];         /* normalised form when the validator makes one */
	struct { uint32_t start, end; } part[ADDR_PARTS]; /* addresses: their parts */
};

struct findings {
	struct finding *v;
	size_t n, cap;
};

void findings_init(struct findings *f);
void findings_release(struct findings *f);
/* Makes dst hold the findings of src. */
void findings_copy(struct findings *dst, const struct findings *src);
/* Adds v[0..n) at the end of dst. */
void findings_append(struct findings *dst, const struct finding *v, size_t n);
/* Appends a zeroed finding (for the recognizers of names.h, address.h). */
struct finding *findings_push(struct findings *f);

/* Per-column knowledge, computed once per column. */
struct colctx {
	unsigned char *hint;   /* per rule: 1 header supports it, 2 header forbids it */
	int cat;               /* category assigned by the column profile, -1 none */
};

/* Why a candidate was kept or dropped, for `znes rules test`. */
struct trace_event {
	const struct rule *rule;
	size_t start, end;
	const char *verdict;   /* "found", "validator rejected", "needs context", ... */
	int context;           /* context words seen */
	int negative;          /* negative context words seen */
	float conf;
};

struct engine {
	const struct ruleset *rs;
	size_t *order;         /* digit rules by priority, highest first */
	size_t norder;
	/* the other rules (patterns, names, addresses), each with what the
	 * loop over them reads for every value, packed: a struct rule is
	 * four cache lines, with these fields spread over them */
	struct pass_rule {
		size_t ri;             /* index in rs->rule */
		unsigned cat;
		int gate_min_digits;
		size_t minlen;         /* the gate's shortest literal */
		unsigned char match;   /* enum rule_match */
		unsigned char after_person, word_start, non_ascii;
		unsigned char lits;    /* the rule has gate literals */
		unsigned char one_byte; /* its one literal is this byte, else 0 */
	} *regex;
	size_t nregex;
	int max_digits;
	int max_groups;
	char seps[32];         /* union of the digit rules' separators */
	unsigned char (*sepset)[32]; /* per rule: its separators as a 256-bit set */
	unsigned char is_sep[256];
	struct gate {          /* per rule: literal gate */
		struct litset set;     /* the rule's gate literals */
		int non_ascii;         /* every literal starts with a non-ASCII byte */
	} *gate;
	/* digit rules (by priority) whose digit range holds d, for each d */
	size_t *by_digits[65];
	size_t nby_digits[65];
	void (*trace)(void *ctx, const struct trace_event *ev);
	void *trace_ctx;
	unsigned long long limit_hits; /* regex searches stopped by a limit */
	struct {               /* the last validator verdict, reused by rules sharing it */
		const char *s;
		size_t start, end;
		int v, ok;
		unsigned flags;
		char norm[32];
	} memo;
	struct tokens *tok;    /* names and addresses: the words of the current value */
};

void engine_init(struct engine *e, const struct ruleset *rs);
void engine_release(struct engine *e);
void colctx_init(struct colctx *c, const struct engine *e, const char *colname);
void colctx_release(struct colctx *c);
/* Appends the findings in s[0..n) to out (after clearing it). */
void engine_scan(struct engine *e, const struct colctx *col, const char *s, size_t n,
		 struct findings *out);

#endif
