/*
 * pack.h — rule packs: the data that says what znes looks for. A pack is a
 * JSON file of rules (see rules/packs/ua-identifiers.json for the fields);
 * categories.json names the categories, their replacement tokens and
 * Ukrainian labels. The built-in packs are read from the data folder, then
 * the packs of --rules DIR: a rule with an existing id replaces it, a rule
 * with "disabled": true removes it, new ids are added.
 *
 * Ownership: struct ruleset owns every rule, category and compiled pattern;
 * ruleset_release frees them.
 */
#ifndef ZNES_PACK_H
#define ZNES_PACK_H

#include <stddef.h>

#include "rules/regex.h"
#include "scanner/buf.h"

/* "names" and "address" rules run the recognizers of rules/names.h and
 * rules/address.h with the lexicons of <rules dir>/lexicons. */
enum rule_match { MATCH_DIGITS, MATCH_REGEX, MATCH_NAMES, MATCH_ADDRESS };

struct lexicon;

enum validator {
	V_NONE = 0, V_PHONE_UA, V_PHONE_LOCAL, V_RNOKPP, V_EDRPOU, V_CARD, V_IBAN_UA,
	V_UNZR, V_PASSPORT_BOOKLET, V_PASSPORT_FOREIGN, V_ID_CARD, V_CADASTRAL,
	V_PLATE, V_DATE, V_DATE_WORDS, V_EMAIL, V_BIRTH_YEAR,
};

struct category {
	char *id;
	char *token;      /* replacement, e.g. [ТЕЛЕФОН] */
	size_t token_len; /* its bytes (written for every finding) */
	char *label;      /* Ukrainian, for reports and the dataset passport */
	int personal;     /* 0: reported but kept (org_id) */
	/* Entity context in JSON objects: a category that marks an object as
	 * an organisation's (ЄДРПОУ) or a person's (РНОКПП), and what this
	 * category becomes inside an organisation's object (-1: stays). */
	int marks_org, marks_person;
	int in_org;
};

struct rule {
	char *id;
	char *pack;          /* file the rule came from */
	char *description;
	unsigned cat;        /* index into ruleset.cat */
	enum rule_match match;
	enum validator validator;
	int dmin, dmax;      /* digits: digit count range */
	int gmin, gmax;      /* digits: digit groups range */
	char seps[16];       /* digits: separators allowed between groups */
	int relax_min, relax_max; /* digits accepted unvalidated in a column of this category */
	int requires_context;
	float confidence;
	int priority;
	int gate_min_digits;
	char **gate_lit;
	size_t ngate_lit;
	char **months;       /* date_words: month names, January first */
	size_t nmonths;
	int gate_word_start;  /* gate literals count only at the start of a word */
	int official;         /* names: every name found is an official's (F_OFFICIAL) */
	int after_person;     /* names: only a lone surname after a word for a person */
	int gate_after_number; /* ... of a word that follows a number ("1 лютого") */
	/* regex: every match holds the gate's one-byte literal and no ASCII
	 * space, tab or line end (an e-mail's "@"): searched from the run of
	 * other bytes around each literal only */
	int gate_in_word;
	struct rx *pattern, *prefix, *suffix, *context, *negative, *headers, *negheaders;
	struct rx *context_after; /* words right after a finding (18.06.1989 р.н.) */
	struct rx *require;   /* the candidate must match this, anchored */
	char *pattern_src, *prefix_src, *suffix_src;
};

struct ruleset {
	struct rule *rule;
	size_t nrule;
	struct category *cat;
	size_t ncat;
	int min_digits;      /* smallest dmin of the digit rules */
	struct buf sources;  /* names of the files read, for --version and audit */
	struct lexicon *lex; /* names and addresses: loaded when a pack has such a rule */
};

/* Loads builtin_dir's packs, then extra_dir's (may be NULL). -1 after an error. */
int ruleset_load(struct ruleset *rs, const char *builtin_dir, const char *extra_dir);
void ruleset_release(struct ruleset *rs);
int ruleset_category(const struct ruleset *rs, const char *id);
const char *validator_name(enum validator v);

/* The folder of built-in data: $ZNES_RULES_DIR; else <folder of the
 * binary>/rules (or one or two folders up) when it has packs, as in the
 * build tree; else the installed ZNES_DATADIR/rules. */
const char *rules_default_dir(void);

#endif
