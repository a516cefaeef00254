/*
 * action.h — the filters stage: for each finding of a record, the policy's
 * action (policy.h) rewrites the field and the audit log (audit.h) gets an
 * event. The actions:
 *
 *   drop         the finding's span is emptied
 *   token        the category token, [ТЕЛЕФОН]
 *   placeholder  ОСОБА_1, ОСОБА_2…: numbered per run (one file) and category;
 *                the same value gets the same number (phones compared in
 *                E.164, names without regard to case and spacing)
 *   mask         letters and digits become '*' except keep_first/keep_last
 *   pseudonym    [ПСЕВДОНІМ:ab12cd34ef]: HMAC-SHA-256 under the user's key
 *                of the category and the normalized value — stable across
 *                runs with one key, unlinkable without it
 *   generalize   a date to its year or month, an address to its settlement
 *                or street, a whole field of ages to a band ("40–49");
 *                what cannot be generalized becomes the token (fail closed)
 *   drop-column  every value of a field is emptied, found or not
 *   keep         unchanged, logged with its legal basis
 *
 * Ownership: the actor borrows the ruleset, policy, key and audit log;
 * rewritten values go into the caller's arena and the record's views point
 * there until the arena is reset.
 */
#ifndef ZNES_ACTION_H
#define ZNES_ACTION_H

#include "filters/audit.h"
#include "filters/policy.h"
#include "rules/engine.h"
#include "scanner/record.h"
#include "scanner/strmap.h"

struct actor {
	const struct ruleset *rs;
	const struct policy *pol;
	const struct key *key;
	struct audit *audit;              /* NULL: no log */
	const char *(*colname)(void *ctx, unsigned col);
	void *colname_ctx;
	struct strmap ph;                 /* placeholder numbers by category and value */
	unsigned *ph_next;                /* last number given, per category */
	const struct field_rule **colrule; /* per column, cached */
	unsigned char *colknown;
	size_t ncol;
	struct buf tmp, fold, recfold;
	/* per category, the pseudonym HMAC's keyed state after its label
	 * (the category's id); NULL without a user's key */
	struct hmac_label *pseudo_mac;
	unsigned long long fields_changed;
	unsigned long long events;
};

void actor_init(struct actor *a, const struct ruleset *rs, const struct policy *pol,
		const struct key *key, struct audit *audit,
		const char *(*colname)(void *ctx, unsigned col), void *colname_ctx);
void actor_release(struct actor *a);

/*
 * Applies the policy to every field of rec; ff[i] holds field i's findings
 * (sorted, not overlapping). Changed fields get views into arena. Returns
 * 0, or -1 after printing an error (a pseudonym without a user key, a
 * failed audit write).
 */
int actor_record(struct actor *a, struct record *rec, const struct findings *ff,
		 struct buf *arena);

/* The rewriting of one span by one action, exposed for the unit tests:
 * appends the replacement of v[0..n) (finding fd) to out. Returns the
 * action actually applied (a failed generalization becomes ACT_TOKEN). */
enum action actor_render(struct actor *a, const struct act *act, const struct finding *fd,
			 const char *v, size_t n, struct buf *out);

#endif
