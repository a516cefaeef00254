/*
 * qi.h — quasi-identifiers: what kind of value a column holds for linkage
 * (birth date, sex, address, ...) and the normal form of such values, so
 * that the same fact written two ways compares equal across datasets:
 * `вул. Шевченка, 12` and `вулиця Шевченка, буд. 12`; `01.02.1980`,
 * `1980-02-01` and `1 лютого 1980 р.`; `Коваленко О.П.` and `Олена
 * Петрівна Коваленко`; case, apostrophes, Latin look-alikes in Cyrillic.
 *
 * A record's quasi-identifiers live in slots. A slot is one comparable
 * value; a kind of column fills one or more slots (a birth date fills the
 * date and the year slot, an address the street + house, the street and,
 * when it names one, the settlement slot). Slots form generalization
 * groups: a group's slots go from specific to general (date → year), and
 * generalizing a group means comparing on a later slot, or on none.
 *
 * Which header names which kind is data: rules/packs/quasi-identifiers.json
 * (struct qi_pack). Ownership: normalizers write into caller-owned
 * buffers; a qi_pack owns its keywords.
 */
#ifndef ZNES_QI_H
#define ZNES_QI_H

#include <stddef.h>

#include "rules/validators.h"
#include "scanner/buf.h"

enum qi_slot {
	QS_BDATE, QS_BYEAR, QS_AGE, QS_AGE5, QS_SEX, QS_ADDR, QS_STREET,
	QS_SETTLEMENT, QS_DISTRICT, QS_POSTAL, QS_SCHOOL, QS_JOB, QS_EMPLOYER,
	QS_EDATE, QS_EMONTH, QS_CADASTRAL, QS_PLATE,
	QS_N
};

/* Column kinds of the pack; QK_NAME is a direct identifier (a person's
 * name), taken by header until the name recognizer reports it. */
enum qi_kind {
	QK_NONE = -1,
	QK_BIRTH_DATE, QK_BIRTH_YEAR, QK_AGE, QK_SEX, QK_ADDRESS, QK_STREET,
	QK_SETTLEMENT, QK_DISTRICT, QK_POSTAL, QK_SCHOOL, QK_JOB, QK_EMPLOYER,
	QK_EVENT_DATE, QK_CADASTRAL, QK_PLATE, QK_NAME,
	QK_N
};

/* Generalization groups: slots from specific to general. */
struct qi_group {
	const char *id;          /* "birth", "address", ... */
	int slot[2];
	int nslot;
};
extern const struct qi_group qi_groups[];
extern const size_t qi_ngroups;

const char *qi_slot_name(int slot);     /* "bdate", "byear", ... (SQL column names) */
const char *qi_slot_label(int slot);    /* "birth date", "birth year", ... */
const char *qi_kind_name(int kind);     /* "birth_date", ... as in the pack */
int qi_kind_parse(const char *s);       /* QK_NONE if unknown */
int qi_slot_group(int slot);            /* index into qi_groups */

/* The slot values of one record, normalized (not yet hashed). */
struct qi_values {
	struct buf v[QS_N];
	unsigned set;            /* bit per slot with a value */
};
void qi_values_init(struct qi_values *q);
void qi_values_clear(struct qi_values *q);
void qi_values_release(struct qi_values *q);
/* Sets slot s to v[0..n) unless it already has a value. */
void qi_values_put(struct qi_values *q, int slot, const char *v, size_t n);

/*
 * Fills the slots that a value of kind `kind` gives (first value wins per
 * slot). Returns the number of slots filled; 0 when the value does not
 * parse as that kind (an empty or unreadable cell).
 */
int qi_extract(struct qi_values *q, int kind, const char *s, size_t n);

/* ---- normalizers (exposed for tests) ------------------------------------ */

/*
 * Text for comparison: lowercase (Cyrillic and Latin), apostrophes dropped
 * (' ’ ʼ ` ´ ‘), combining breve/diaeresis composed (и+̆ → й, і+̈ → ї),
 * other combining marks dropped, Latin look-alikes turned Cyrillic inside
 * words that hold a Cyrillic letter, every other non-alphanumeric run
 * turned into one space, trimmed. Appends to out.
 */
void qi_norm_text(struct buf *out, const char *s, size_t n);

/* A date in any common spelling: numeric (parse_date_numeric's forms, with
 * an optional time after it), or with a month name in Ukrainian, Russian or
 * English ("1 лютого 1980 р.", "February 1, 1980"). */
int qi_parse_date(const char *s, size_t n, struct ymd *out);

struct qi_address {
	struct buf settlement, street, house, postal;
};
void qi_address_init(struct qi_address *a);
void qi_address_release(struct qi_address *a);
/* Parses a postal address into normalized parts (absent parts empty).
 * Returns 1 when a street or a settlement was found. */
int qi_parse_address(struct qi_address *a, const char *s, size_t n);

/*
 * Name keys for matching names written with initials against full names:
 * "surname|f" and, when the patronymic (or its initial) is known,
 * "surname|f|p" (f, p: first letters). Word order is guessed from
 * patronymic endings and ALL-CAPS surnames ("Борис ФІЛАТОВ"). Returns 0
 * when there is no surname plus a first name or initial.
 */
int qi_name_keys(const char *s, size_t n, struct buf *short_key, struct buf *full_key);

/* 1 when the whole value is 32, 40 or 64 hex digits (an MD5, SHA-1 or
 * SHA-256 digest written as hex). */
int qi_is_hex_digest(const char *s, size_t n);

/* ---- the pack: which header names which kind ----------------------------- */

struct qi_pack {
	struct {
		char **kw;          /* normalized keywords */
		size_t n;
	} header[QK_N];
	int order[QK_N];        /* kinds in pack order: the first match wins */
	int norder;
	int cat_kind[64];       /* detection category index -> kind, QK_NONE */
	unsigned char direct_cat[64]; /* detection categories that are direct identifiers */
};

struct ruleset;
/* Loads <rules_dir>/packs/quasi-identifiers.json against the ruleset's
 * categories; -1 after an error. */
int qi_pack_load(struct qi_pack *p, const char *rules_dir, const struct ruleset *rs);
void qi_pack_release(struct qi_pack *p);
/* The kind a column header names, QK_NONE if none (first kind in pack order). */
int qi_pack_header_kind(const struct qi_pack *p, const char *header);

#endif
