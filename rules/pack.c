/*
 * pack.c — loading rule packs (JSON, through jansson) into a ruleset, with
 * errors that name the file and the rule, and compiling their patterns.
 */
#include "rules/pack.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rules/names.h"
#include "scanner/i18n.h"
#include "scanner/util.h"

#ifndef ZNES_DATADIR
#define ZNES_DATADIR "/usr/local/share/znes"
#endif

static const char *const validator_names[] = {
	[V_NONE] = "none", [V_PHONE_UA] = "phone_ua", [V_PHONE_LOCAL] = "phone_local",
	[V_RNOKPP] = "rnokpp", [V_EDRPOU] = "edrpou", [V_CARD] = "card", [V_IBAN_UA] = "iban_ua",
	[V_UNZR] = "unzr", [V_PASSPORT_BOOKLET] = "passport_booklet",
	[V_PASSPORT_FOREIGN] = "passport_foreign", [V_ID_CARD] = "id_card",
	[V_CADASTRAL] = "cadastral", [V_PLATE] = "plate", [V_DATE] = "date",
	[V_DATE_WORDS] = "date_words", [V_EMAIL] = "email", [V_BIRTH_YEAR] = "birth_year",
};

const char *validator_name(enum validator v)
{
	return validator_names[v];
}

static int is_dir_with_packs(const char *dir)
{
	struct buf p = BUF_INIT;
	struct stat st;
	int ok;
	buf_addf(&p, "%s/packs/categories.json", dir);
	ok = stat(p.ptr, &st) == 0;
	buf_release(&p);
	return ok;
}

const char *rules_default_dir(void)
{
	static char dir[PATH_MAX + 64];
	char exe[PATH_MAX];
	const char *env = getenv("ZNES_RULES_DIR");
	ssize_t n;
	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		/* the binary's folder, or up to two above it (build/asan/znes) */
		int up;
		exe[n] = '\0';
		for (up = 0; up < 3; up++) {
			char *slash = strrchr(exe, '/');
			if (!slash)
				break;
			*slash = '\0';
			snprintf(dir, sizeof dir, "%s/rules", exe);
			if (is_dir_with_packs(dir))
				return dir;
		}
	}
	snprintf(dir, sizeof dir, "%s/rules", ZNES_DATADIR);
	return dir;
}

static void rule_release(struct rule *r)
{
	size_t i;
	free(r->id);
	free(r->pack);
	free(r->description);
	for (i = 0; i < r->ngate_lit; i++)
		free(r->gate_lit[i]);
	free(r->gate_lit);
	for (i = 0; i < r->nmonths; i++)
		free(r->months[i]);
	free(r->months);
	rx_free(r->pattern);
	rx_free(r->prefix);
	rx_free(r->suffix);
	rx_free(r->context);
	rx_free(r->negative);
	rx_free(r->headers);
	rx_free(r->negheaders);
	rx_free(r->context_after);
	rx_free(r->require);
	free(r->pattern_src);
	free(r->prefix_src);
	free(r->suffix_src);
	memset(r, 0, sizeof *r);
}

void ruleset_release(struct ruleset *rs)
{
	size_t i;
	for (i = 0; i < rs->nrule; i++)
		rule_release(&rs->rule[i]);
	free(rs->rule);
	for (i = 0; i < rs->ncat; i++) {
		free(rs->cat[i].id);
		free(rs->cat[i].token);
		free(rs->cat[i].label);
	}
	free(rs->cat);
	buf_release(&rs->sources);
	if (rs->lex) {
		lexicon_release(rs->lex);
		free(rs->lex);
	}
	memset(rs, 0, sizeof *rs);
}

int ruleset_category(const struct ruleset *rs, const char *id)
{
	size_t i;
	for (i = 0; i < rs->ncat; i++)
		if (!strcmp(rs->cat[i].id, id))
			return (int)i;
	return -1;
}

/* --- loading --------------------------------------------------------------- */

struct ctx {
	const char *file;
	const char *rule;
};

/* The format is translated here (scanner/i18n.h); `make pot` collects the
 * literals passed as perr()'s second argument. */
static int perr(const struct ctx *c, const char *fmt, ...) ZNES_PRINTF(2, 3);
static int perr(const struct ctx *c, const char *fmt, ...)
{
	char part[256];
	va_list ap;
	int rc;
	if (c->rule)
		snprintf(part, sizeof part, _("rule '%s'"), c->rule);
	va_start(ap, fmt);
	rc = verror_in(c->file, c->rule ? part : NULL, fmt, ap);
	va_end(ap);
	return rc;
}

static const char *get_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int get_range(const struct ctx *c, json_t *o, const char *key, int *lo, int *hi)
{
	json_t *v = json_object_get(o, key);
	if (!v)
		return 0;
	if (!json_is_array(v) || json_array_size(v) != 2 || !json_is_integer(json_array_get(v, 0)) ||
	    !json_is_integer(json_array_get(v, 1)))
		return perr(c, "'%s' must be [min, max]", key);
	*lo = (int)json_integer_value(json_array_get(v, 0));
	*hi = (int)json_integer_value(json_array_get(v, 1));
	if (*lo < 0 || *hi < *lo || *hi > 64)
		return perr(c, "'%s' must be 0 <= min <= max <= 64", key);
	return 0;
}

/* Reads an array of strings; -1 on a wrong type. */
static int get_words(const struct ctx *c, json_t *o, const char *key, char ***out, size_t *n)
{
	json_t *v = json_object_get(o, key), *w;
	size_t i;
	*out = NULL;
	*n = 0;
	if (!v)
		return 0;
	if (!json_is_array(v))
		return perr(c, "'%s' must be an array of strings", key);
	*out = xcalloc(json_array_size(v) + 1, sizeof **out);
	json_array_foreach(v, i, w) {
		if (!json_is_string(w))
			return perr(c, "'%s' must be an array of strings", key);
		(*out)[(*n)++] = xstrdup(json_string_value(w));
	}
	return 0;
}

static void free_words(char **w, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(w[i]);
	free(w);
}

/* Reports a pattern rx_compile (or rx_compile_words) refused, with err. */
static int compiled(const struct ctx *c, const char *what, struct buf err, struct rx *rx, struct rx **out)
{
	*out = rx;
	if (!*out) {
		perr(c, "bad pattern in '%s' %s", what, err.ptr);
		buf_release(&err);
		return -1;
	}
	return 0;
}

static int compile(const struct ctx *c, const char *what, const char *src, unsigned flags, struct rx **out)
{
	struct buf err = BUF_INIT;
	struct rx *rx = rx_compile(src, flags, &err);
	return compiled(c, what, err, rx, out);
}

/* Compiles a word list into one caseless alternation. */
static int compile_words(const struct ctx *c, json_t *o, const char *key, unsigned flags, struct rx **out)
{
	char **w;
	size_t n;
	struct buf err = BUF_INIT;
	struct rx *rx;
	*out = NULL;
	if (get_words(c, o, key, &w, &n) < 0) {
		free_words(w, n);
		return -1;
	}
	if (!n) {
		free(w);
		return 0;
	}
	rx = rx_compile_words((const char *const *)w, n, RX_CASELESS | flags, &err);
	free_words(w, n);
	return compiled(c, key, err, rx, out);
}

static int parse_rule(const struct ctx *c, struct ruleset *rs, json_t *o, struct rule *r)
{
	const char *s;
	json_t *v, *gate;
	int cat;
	memset(r, 0, sizeof *r);
	r->id = xstrdup(c->rule);
	r->pack = xstrdup(c->file);
	r->description = xstrdup((s = get_str(o, "description")) ? s : "");
	if (!(s = get_str(o, "category")))
		return perr(c, "missing 'category'");
	if ((cat = ruleset_category(rs, s)) < 0)
		return perr(c, "unknown category '%s'", s);
	r->cat = (unsigned)cat;
	s = get_str(o, "match");
	if (!s || !strcmp(s, "digits"))
		r->match = MATCH_DIGITS;
	else if (!strcmp(s, "regex"))
		r->match = MATCH_REGEX;
	else if (!strcmp(s, "names"))
		r->match = MATCH_NAMES;
	else if (!strcmp(s, "address"))
		r->match = MATCH_ADDRESS;
	else
		return perr(c, "'match' must be \"digits\", \"regex\", \"names\" or \"address\", not '%s'",
			    s);
	r->official = json_is_true(json_object_get(o, "official"));
	r->after_person = json_is_true(json_object_get(o, "after_person"));
	if (r->after_person && r->match != MATCH_NAMES)
		return perr(c, "'after_person' is for \"match\": \"names\" rules");
	if ((s = get_str(o, "validator"))) {
		size_t k;
		for (k = 1; k < sizeof validator_names / sizeof validator_names[0]; k++)
			if (!strcmp(s, validator_names[k]))
				r->validator = (enum validator)k;
		if (!r->validator)
			return perr(c, "unknown validator '%s'", s);
	}
	r->gmin = 1;
	r->gmax = 1;
	if (get_range(c, o, "digits", &r->dmin, &r->dmax) < 0 ||
	    get_range(c, o, "groups", &r->gmin, &r->gmax) < 0 ||
	    get_range(c, o, "column_relax", &r->relax_min, &r->relax_max) < 0)
		return -1;
	if (r->match == MATCH_DIGITS && (!r->dmin || r->gmin < 1))
		return perr(c, "a digits rule needs 'digits': [min, max] with min >= 1");
	s = get_str(o, "separators");
	if (s && strlen(s) >= sizeof r->seps)
		return perr(c, "too many 'separators'");
	memcpy(r->seps, s ? s : " -", strlen(s ? s : " -") + 1);
	r->requires_context = json_is_true(json_object_get(o, "requires_context"));
	v = json_object_get(o, "confidence");
	r->confidence = json_is_number(v) ? (float)json_number_value(v) : 0.8f;
	v = json_object_get(o, "priority");
	r->priority = json_is_integer(v) ? (int)json_integer_value(v) : 50;
	if ((s = get_str(o, "pattern"))) {
		r->pattern_src = xstrdup(s);
		if (compile(c, "pattern", s, 0, &r->pattern) < 0)
			return -1;
	} else if (r->match == MATCH_REGEX)
		return perr(c, "a regex rule needs a 'pattern'");
	if ((s = get_str(o, "prefix"))) {
		struct buf p = BUF_INIT;
		int rc;
		r->prefix_src = xstrdup(s);
		buf_addf(&p, "(?:%s)\\z", s);
		rc = compile(c, "prefix", p.ptr, 0, &r->prefix);
		buf_release(&p);
		if (rc < 0)
			return -1;
	}
	if ((s = get_str(o, "suffix"))) {
		r->suffix_src = xstrdup(s);
		if (compile(c, "suffix", s, RX_ANCHOR_START, &r->suffix) < 0)
			return -1;
	}
	if ((s = get_str(o, "require"))) {
		if (compile(c, "require", s, RX_ANCHOR_START, &r->require) < 0)
			return -1;
	}
	{
		char **w;
		size_t nw;
		if (get_words(c, o, "context_after", &w, &nw) < 0) {
			free_words(w, nw);
			return -1;
		}
		if (nw) {
			struct buf src = BUF_INIT;
			int rc;
			buf_adds(&src, "\\s*");
			rx_alternation(&src, (const char *const *)w, nw);
			rc = compile(c, "context_after", src.ptr, RX_CASELESS | RX_ANCHOR_START, &r->context_after);
			buf_release(&src);
			free_words(w, nw);
			if (rc < 0)
				return -1;
		} else
			free(w);
	}
	/* context words are looked for before every candidate: gated */
	if (compile_words(c, o, "context", RX_GATED | RX_WORD_START, &r->context) < 0 ||
	    compile_words(c, o, "negative_context", RX_GATED | RX_WORD_START, &r->negative) < 0 ||
	    compile_words(c, o, "headers", RX_WORD_START | RX_CAMEL, &r->headers) < 0 ||
	    compile_words(c, o, "negative_headers", RX_WORD_START | RX_CAMEL, &r->negheaders) < 0)
		return -1;
	if ((gate = json_object_get(o, "gate"))) {
		v = json_object_get(gate, "min_digits");
		r->gate_min_digits = json_is_integer(v) ? (int)json_integer_value(v) : 0;
		if (get_words(c, gate, "literal", &r->gate_lit, &r->ngate_lit) < 0)
			return -1;
		r->gate_word_start = json_is_true(json_object_get(gate, "at_word_start"));
		r->gate_after_number = json_is_true(json_object_get(gate, "after_number"));
		r->gate_word_start |= r->gate_after_number;
		r->gate_in_word = json_is_true(json_object_get(gate, "in_word"));
		if (r->gate_in_word && (r->match != MATCH_REGEX || r->ngate_lit != 1 || strlen(r->gate_lit[0]) != 1))
			return perr(c, "'in_word' needs a regex rule whose gate has one one-byte literal");
	}
	if (get_words(c, o, "months", &r->months, &r->nmonths) < 0)
		return -1;
	if (r->validator == V_DATE_WORDS && r->nmonths != 12)
		return perr(c, "validator date_words needs 'months': twelve month names");
	return 0;
}

static json_t *load_json(const char *path)
{
	json_error_t je;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		error("%s:%d:%d: %s", path, je.line, je.column, je.text);
	return root;
}

static int load_categories(struct ruleset *rs, const char *path)
{
	json_t *root = load_json(path), *arr, *c;
	struct ctx cx = { path, NULL };
	size_t i;
	if (!root)
		return -1;
	arr = json_object_get(root, "categories");
	if (!json_is_array(arr)) {
		json_decref(root);
		return perr(&cx, "missing 'categories' array");
	}
	json_array_foreach(arr, i, c) {
		const char *id = get_str(c, "id"), *tok = get_str(c, "token"), *label = get_str(c, "label");
		int at;
		if (!id || !tok || !label) {
			json_decref(root);
			return perr(&cx, "category %s needs 'id', 'token' and 'label'", id ? id : "?");
		}
		at = ruleset_category(rs, id);
		if (at < 0) {
			rs->cat = xrealloc(rs->cat, st_mult(rs->ncat + 1, sizeof *rs->cat));
			at = (int)rs->ncat++;
			rs->cat[at].id = xstrdup(id);
		} else {
			free(rs->cat[at].token);
			free(rs->cat[at].label);
		}
		rs->cat[at].token = xstrdup(tok);
		rs->cat[at].token_len = strlen(tok);
		rs->cat[at].label = xstrdup(label);
		rs->cat[at].personal = !json_is_false(json_object_get(c, "personal"));
		rs->cat[at].marks_org = json_is_true(json_object_get(c, "marks_organisation"));
		rs->cat[at].marks_person = json_is_true(json_object_get(c, "marks_person"));
		rs->cat[at].in_org = -1;
	}
	json_array_foreach(arr, i, c) {
		const char *id = get_str(c, "id"), *to = get_str(c, "in_organisation_object");
		int at = ruleset_category(rs, id), dst;
		if (!to)
			continue;
		if ((dst = ruleset_category(rs, to)) < 0) {
			json_decref(root);
			return perr(&cx, "category %s: unknown 'in_organisation_object' category '%s'", id, to);
		}
		rs->cat[at].in_org = dst;
	}
	buf_addf(&rs->sources, "%s\n", path);
	json_decref(root);
	return 0;
}

static int load_pack(struct ruleset *rs, const char *path)
{
	json_t *root = load_json(path), *arr, *o;
	struct ctx cx = { path, NULL };
	size_t i;
	int rc = 0;
	if (!root)
		return -1;
	arr = json_object_get(root, "rules");
	if (!json_is_array(arr)) {
		json_decref(root);
		return perr(&cx, "missing 'rules' array");
	}
	json_array_foreach(arr, i, o) {
		const char *id = get_str(o, "id");
		size_t k;
		struct rule r;
		if (!id) {
			rc = perr(&cx, "rule #%zu has no 'id'", i + 1);
			break;
		}
		cx.rule = id;
		for (k = 0; k < rs->nrule; k++)
			if (!strcmp(rs->rule[k].id, id))
				break;
		if (json_is_true(json_object_get(o, "disabled"))) {
			if (k < rs->nrule) {
				rule_release(&rs->rule[k]);
				memmove(&rs->rule[k], &rs->rule[k + 1], (rs->nrule - k - 1) * sizeof r);
				rs->nrule--;
			}
			continue;
		}
		if (parse_rule(&cx, rs, o, &r) < 0) {
			rule_release(&r);
			rc = -1;
			break;
		}
		if (k < rs->nrule) {
			rule_release(&rs->rule[k]);
			rs->rule[k] = r;
		} else {
			rs->rule = xrealloc(rs->rule, st_mult(rs->nrule + 1, sizeof r));
			rs->rule[rs->nrule++] = r;
		}
	}
	buf_addf(&rs->sources, "%s\n", path);
	json_decref(root);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads DIR/categories.json (if any), then the other JSON files of DIR by name. */
static int load_dir(struct ruleset *rs, const char *dir, int required)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i;
	int rc = 0;
	char path[PATH_MAX + 512];
	if (!d) {
		if (!required && errno == ENOENT)
			return 0;
		return error("cannot read rule packs in '%s': %s", dir, strerror(errno));
	}
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len > 5 && !strcmp(e->d_name + len - 5, ".json") && strcmp(e->d_name, "categories.json")) {
			names = xrealloc(names, st_mult(n + 1, sizeof *names));
			names[n++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	snprintf(path, sizeof path, "%s/categories.json", dir);
	if (access(path, R_OK) == 0 && load_categories(rs, path) < 0)
		rc = -1;
	for (i = 0; i < n && !rc; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (load_pack(rs, path) < 0)
			rc = -1;
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int ruleset_load(struct ruleset *rs, const char *builtin_dir, const char *extra_dir)
{
	char packs[PATH_MAX + 64];
	size_t i;
	memset(rs, 0, sizeof *rs);
	buf_init(&rs->sources, 0);
	snprintf(packs, sizeof packs, "%s/packs", builtin_dir);
	if (load_dir(rs, packs, 1) < 0)
		return -1;
	if (!rs->ncat)
		return error("no categories.json in '%s'", packs);
	if (extra_dir && load_dir(rs, extra_dir, 1) < 0)
		return -1;
	rs->min_digits = 64;
	for (i = 0; i < rs->nrule; i++)
		if (rs->rule[i].match == MATCH_DIGITS && rs->rule[i].dmin < rs->min_digits)
			rs->min_digits = rs->rule[i].dmin;
	/* the lexicons of names and addresses live beside the built-in packs */
	for (i = 0; i < rs->nrule && !rs->lex; i++)
		if (rs->rule[i].match == MATCH_NAMES || rs->rule[i].match == MATCH_ADDRESS) {
			snprintf(packs, sizeof packs, "%s/lexicons", builtin_dir);
			rs->lex = xmalloc(sizeof *rs->lex);
			if (lexicon_init(rs->lex, packs) < 0)
				return -1;
		}
	return 0;
}
