/*
 * policy.c — reading, checking and applying the policy (see policy.h).
 * jansson parses the file; every key is checked so that a misspelt option
 * is an error, not a silently ignored wish (a privacy tool must not guess
 * what "acton" meant). Syntax errors carry jansson's line and column;
 * semantic errors name the field or category, since jansson keeps no
 * positions for values.
 */
#include "filters/policy.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "filters/text.h"
#include "scanner/i18n.h"

static const char default_text[] = "{\"default\": \"token\"}\n";

static const struct {
	const char *name;
	enum action a;
} actions[] = {
	{ "drop", ACT_DROP },           { "token", ACT_TOKEN },
	{ "placeholder", ACT_PLACEHOLDER }, { "mask", ACT_MASK },
	{ "pseudonym", ACT_PSEUDONYM }, { "generalize", ACT_GENERALIZE },
	{ "drop-column", ACT_DROP_COLUMN }, { "keep", ACT_KEEP },
};

static const char *const levels[] = { "", "year", "month", "settlement", "street", "band" };

const char *action_name(enum action a)
{
	size_t i;
	for (i = 0; i < sizeof actions / sizeof actions[0]; i++)
		if (actions[i].a == a)
			return actions[i].name;
	return "none";
}

const char *gen_level_name(enum gen_level g)
{
	return g > GEN_NONE && g <= GEN_BAND ? levels[g] : "";
}

static void act_release(struct act *a)
{
	free(a->prefix);
	free(a->basis);
	memset(a, 0, sizeof *a);
}

static void act_token(struct act *a)
{
	memset(a, 0, sizeof *a);
	a->kind = ACT_TOKEN;
}

static void init_common(struct policy *p, const struct ruleset *rs)
{
	memset(p, 0, sizeof *p);
	p->ncat = rs->ncat;
	p->cat = xcalloc(p->ncat ? p->ncat : 1, sizeof *p->cat);
	p->name_cat = ruleset_category(rs, "name");
	p->official_flag = POLICY_OFFICIAL_FLAG;
	act_token(&p->deflt);
	p->official_keep.kind = ACT_KEEP;
	p->official_keep.basis = xstrdup(OFFICIAL_BASIS);
}

void policy_default(struct policy *p, const struct ruleset *rs)
{
	init_common(p, rs);
	p->source = xstrdup("(default)");
	sha256_hex(default_text, sizeof default_text - 1, p->digest);
}

void policy_release(struct policy *p)
{
	size_t i, k;
	act_release(&p->deflt);
	for (i = 0; i < p->ncat; i++)
		act_release(&p->cat[i]);
	free(p->cat);
	for (i = 0; i < p->nfield; i++) {
		free(p->field[i].name);
		act_release(&p->field[i].act);
	}
	free(p->field);
	for (i = 0; i < p->noff; i++) {
		for (k = 0; k < p->off[i].nnames; k++)
			buf_release(&p->off[i].names[k]);
		free(p->off[i].names);
		free(p->off[i].position);
	}
	free(p->off);
	act_release(&p->official_keep);
	free(p->source);
	memset(p, 0, sizeof *p);
}

/* --------------------------------------------------------------- parsing */

struct pctx {
	const char *name;     /* file name for messages */
	const char *where;    /* "field 'x'" / "category 'y'" / "default" */
	const struct ruleset *rs;
};

/* The format is translated here (scanner/i18n.h); `make pot` collects the
 * literals passed as perr()'s second argument. */
static int perr(const struct pctx *c, const char *fmt, ...) ZNES_PRINTF(2, 3);
static int perr(const struct pctx *c, const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = verror_in(c->name, c->where, fmt, ap);
	va_end(ap);
	return rc;
}

static int get_int(const struct pctx *c, json_t *v, const char *key, int lo, int hi, int *out)
{
	json_int_t x;
	if (!json_is_integer(v))
		return perr(c, "'%s' must be a whole number", key);
	x = json_integer_value(v);
	if (x < lo || x > hi)
		return perr(c, "'%s' must be between %d and %d (got %lld)", key, lo, hi, (long long)x);
	*out = (int)x;
	return 0;
}

static int get_basis(const struct pctx *c, json_t *v, char **out)
{
	const char *s;
	if (!json_is_string(v) || !*(s = json_string_value(v)))
		return perr(c, "'basis' must be a non-empty text (the legal basis)");
	free(*out);
	*out = xstrdup(s);
	return 0;
}

/*
 * An action: a string ("token") or an object ({"action": "mask",
 * "keep_last": 2}). `cat` is the category index for category entries
 * (-1 otherwise) so that parameters can be checked against it.
 */
static int parse_act(const struct pctx *c, json_t *v, struct act *a, int cat, int field_level)
{
	const char *key, *name = NULL;
	json_t *val, *action = NULL;
	size_t i;
	memset(a, 0, sizeof *a);
	if (json_is_string(v))
		action = v;
	else if (json_is_object(v))
		action = json_object_get(v, "action");
	else
		return perr(c, "expected an action name or an object with \"action\"");
	if (!action)
		return perr(c, "missing \"action\"");
	if (!json_is_string(action))
		return perr(c, "\"action\" must be a text");
	name = json_string_value(action);
	for (i = 0; i < sizeof actions / sizeof actions[0]; i++)
		if (!strcmp(name, actions[i].name))
			a->kind = actions[i].a;
	if (a->kind == ACT_NONE)
		return perr(c, "unknown action '%s' (expected drop, token, placeholder, mask, "
			    "pseudonym, generalize, drop-column or keep)", name);
	/* Defaults of the parameters. */
	a->keep_last = a->kind == ACT_MASK ? 2 : 0;
	/* 16 hex digits (64 bits): two people of a ten-million-value
	 * register share one with odds of a few in a million; at 10 digits,
	 * a million values would likely hold a pair */
	a->length = 16;
	a->width = 10;
	if (json_is_object(v)) {
		json_object_foreach(v, key, val) {
			if (!strcmp(key, "action") || !strcmp(key, "comment"))
				continue;
			if (!strcmp(key, "keep_first") && a->kind == ACT_MASK) {
				if (get_int(c, val, key, 0, 64, &a->keep_first) < 0)
					return -1;
			} else if (!strcmp(key, "keep_last") && a->kind == ACT_MASK) {
				if (get_int(c, val, key, 0, 64, &a->keep_last) < 0)
					return -1;
			} else if (!strcmp(key, "length") && a->kind == ACT_PSEUDONYM) {
				if (get_int(c, val, key, 8, 64, &a->length) < 0)
					return -1;
			} else if (!strcmp(key, "width") && a->kind == ACT_GENERALIZE) {
				if (get_int(c, val, key, 1, 100, &a->width) < 0)
					return -1;
			} else if (!strcmp(key, "prefix") && a->kind == ACT_PLACEHOLDER) {
				if (!json_is_string(val) || !*json_string_value(val) ||
				    strpbrk(json_string_value(val), "\"\n"))
					return perr(c, "'prefix' must be a non-empty one-line text");
				a->prefix = xstrdup(json_string_value(val));
			} else if (!strcmp(key, "basis")) {
				if (get_basis(c, val, &a->basis) < 0)
					return -1;
			} else if (!strcmp(key, "to") && a->kind == ACT_GENERALIZE) {
				const char *s = json_is_string(val) ? json_string_value(val) : "";
				for (i = 1; i < sizeof levels / sizeof levels[0]; i++)
					if (!strcmp(s, levels[i]))
						a->to = (enum gen_level)i;
				if (a->to == GEN_NONE)
					return perr(c, "'to' must be year, month, settlement, street or band");
			} else
				return perr(c, "unknown option '%s' for action '%s'", key, name);
		}
	}
	if (a->kind == ACT_KEEP && !a->basis)
		return perr(c, "action 'keep' needs a \"basis\" (the legal ground for publishing)");
	if (a->kind == ACT_GENERALIZE) {
		const char *cid = cat >= 0 ? c->rs->cat[cat].id : NULL;
		if (a->to == GEN_NONE)
			return perr(c, "action 'generalize' needs \"to\": year, month, settlement, "
				    "street or band");
		if (a->to == GEN_BAND && !field_level)
			return perr(c, "'to': 'band' generalizes a whole field (ages); use it "
				    "in \"fields\"");
		if (cid && (a->to == GEN_YEAR || a->to == GEN_MONTH) && strcmp(cid, "dob") &&
		    strcmp(cid, "date"))
			return perr(c, "'to': '%s' applies to dates, not to %s", levels[a->to], cid);
		if (cid && (a->to == GEN_SETTLEMENT || a->to == GEN_STREET) && strcmp(cid, "address"))
			return perr(c, "'to': '%s' applies to addresses, not to %s", levels[a->to], cid);
	}
	if (a->kind == ACT_DROP_COLUMN && !field_level)
		return perr(c, "action 'drop-column' applies to a field; use it in \"fields\"");
	return 0;
}

static int parse_categories(struct policy *p, struct pctx *c, json_t *obj)
{
	const char *key;
	json_t *val;
	char where[256];
	if (!json_is_object(obj))
		return perr(c, "\"categories\" must be an object (category id -> action)");
	json_object_foreach(obj, key, val) {
		int k = ruleset_category(c->rs, key);
		snprintf(where, sizeof where, _("category '%s'"), key);
		c->where = where;
		if (k < 0) {
			struct buf known = BUF_INIT;
			size_t i;
			for (i = 0; i < c->rs->ncat; i++)
				buf_addf(&known, "%s%s", i ? ", " : "", c->rs->cat[i].id);
			perr(c, "unknown category (known: %s)", known.ptr);
			buf_release(&known);
			return -1;
		}
		act_release(&p->cat[k]);
		if (parse_act(c, val, &p->cat[k], k, 0) < 0)
			return -1;
	}
	c->where = NULL;
	return 0;
}

static int parse_fields(struct policy *p, struct pctx *c, json_t *obj)
{
	const char *key, *k2;
	json_t *val, *v2;
	char where[512];
	size_t n = 0;
	if (!json_is_object(obj))
		return perr(c, "\"fields\" must be an object (field name -> action)");
	p->field = xcalloc(json_object_size(obj) + 1, sizeof *p->field);
	json_object_foreach(obj, key, val) {
		struct field_rule *fr = &p->field[n++];
		p->nfield = n;
		fr->name = xstrdup(key);
		snprintf(where, sizeof where, _("field '%s'"), key);
		c->where = where;
		if (json_is_object(val) && json_object_get(val, "public")) {
			json_t *pub = json_object_get(val, "public");
			if (!json_is_boolean(pub))
				return perr(c, "'public' must be true or false");
			fr->is_public = json_is_true(pub);
			json_object_foreach(val, k2, v2) {
				if (!strcmp(k2, "public") || !strcmp(k2, "comment"))
					continue;
				if (!strcmp(k2, "basis")) {
					if (get_basis(c, v2, &fr->act.basis) < 0)
						return -1;
				} else
					return perr(c, "unknown option '%s' for a public field "
						    "(expected \"public\" and \"basis\")", k2);
			}
			if (fr->is_public && !fr->act.basis)
				return perr(c, "a public field needs a \"basis\" (the legal ground)");
			if (fr->is_public)
				fr->act.kind = ACT_KEEP;
			continue;
		}
		if (parse_act(c, val, &fr->act, -1, 1) < 0)
			return -1;
	}
	c->where = NULL;
	return 0;
}

static int add_name(struct official *o, const struct pctx *c, json_t *v)
{
	if (!json_is_string(v) || !*json_string_value(v))
		return perr(c, "an official's name must be a non-empty text");
	o->names = xrealloc(o->names, st_mult(o->nnames + 1, sizeof *o->names));
	buf_init(&o->names[o->nnames], 0);
	text_fold(&o->names[o->nnames], json_string_value(v), strlen(json_string_value(v)));
	o->nnames++;
	return 0;
}

static int parse_officials(struct policy *p, struct pctx *c, json_t *obj)
{
	const char *key;
	json_t *val, *people = NULL;
	size_t i;
	char where[64];
	if (!json_is_object(obj))
		return perr(c, "\"officials\" must be an object with \"people\" and \"honour_flag\"");
	json_object_foreach(obj, key, val) {
		if (!strcmp(key, "honour_flag")) {
			if (!json_is_boolean(val))
				return perr(c, "officials: 'honour_flag' must be true or false");
			p->honour_flag = json_is_true(val);
		} else if (!strcmp(key, "people")) {
			people = val;
		} else if (!strcmp(key, "basis")) {
			c->where = "officials";
			if (get_basis(c, val, &p->official_keep.basis) < 0)
				return -1;
			c->where = NULL;
		} else if (strcmp(key, "comment"))
			return perr(c, "officials: unknown option '%s' (expected people, honour_flag, basis)", key);
	}
	if (!people)
		return 0;
	if (!json_is_array(people))
		return perr(c, "officials: 'people' must be a list");
	p->off = xcalloc(json_array_size(people) + 1, sizeof *p->off);
	json_array_foreach(people, i, val) {
		struct official *o = &p->off[p->noff++];
		json_t *item;
		snprintf(where, sizeof where, "officials[%zu]", i);
		c->where = where;
		if (json_is_string(val)) {
			if (add_name(o, c, val) < 0)
				return -1;
			continue;
		}
		if (!json_is_object(val))
			return perr(c, "expected a name or an object with \"name\"");
		if (!json_object_get(val, "name"))
			return perr(c, "missing \"name\"");
		json_object_foreach(val, key, item) {
			size_t k;
			json_t *alias;
			if (!strcmp(key, "name")) {
				if (add_name(o, c, item) < 0)
					return -1;
			} else if (!strcmp(key, "aliases")) {
				if (!json_is_array(item))
					return perr(c, "'aliases' must be a list of names");
				json_array_foreach(item, k, alias)
					if (add_name(o, c, alias) < 0)
						return -1;
			} else if (!strcmp(key, "position")) {
				struct buf b = BUF_INIT;
				if (!json_is_string(item) || !*json_string_value(item))
					return perr(c, "'position' must be a non-empty text");
				text_fold(&b, json_string_value(item), strlen(json_string_value(item)));
				o->position = buf_detach(&b, NULL);
			} else if (strcmp(key, "comment"))
				return perr(c, "unknown option '%s' (expected name, aliases, position)", key);
		}
	}
	c->where = NULL;
	return 0;
}

static void note_key_use(struct policy *p)
{
	size_t i;
	p->uses_key = p->deflt.kind == ACT_PSEUDONYM;
	for (i = 0; i < p->ncat; i++)
		p->uses_key |= p->cat[i].kind == ACT_PSEUDONYM;
	for (i = 0; i < p->nfield; i++)
		p->uses_key |= p->field[i].act.kind == ACT_PSEUDONYM;
}

int policy_parse(struct policy *p, const char *text, size_t n, const char *name,
		 const struct ruleset *rs)
{
	json_error_t je;
	json_t *root, *val;
	const char *key;
	struct pctx c = { name, NULL, rs };
	init_common(p, rs);
	p->source = xstrdup(name);
	sha256_hex(text, n, p->digest);
	root = json_loadb(text, n, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return error("%s:%d:%d: %s", name, je.line, je.column, je.text);
	if (!json_is_object(root)) {
		json_decref(root);
		return perr(&c, "a policy is a JSON object");
	}
	json_object_foreach(root, key, val) {
		int rc = 0;
		if (!strcmp(key, "default")) {
			c.where = "default";
			act_release(&p->deflt);
			rc = parse_act(&c, val, &p->deflt, -1, 0);
			c.where = NULL;
		} else if (!strcmp(key, "categories"))
			rc = parse_categories(p, &c, val);
		else if (!strcmp(key, "fields"))
			rc = parse_fields(p, &c, val);
		else if (!strcmp(key, "officials"))
			rc = parse_officials(p, &c, val);
		else if (strcmp(key, "comment") && strcmp(key, "about") && strcmp(key, "version"))
			rc = perr(&c, "unknown key '%s' (expected default, categories, fields, officials)",
				  key);
		if (rc < 0) {
			json_decref(root);
			return -1;
		}
	}
	json_decref(root);
	if (p->deflt.kind == ACT_KEEP || p->deflt.kind == ACT_GENERALIZE) {
		/* A default that keeps or generalizes every unknown finding is
		 * not the conservative default design.md asks for. */
		c.where = "default";
		return perr(&c, "the default action must remove or encode (drop, token, "
			    "placeholder, mask or pseudonym), not '%s'", action_name(p->deflt.kind));
	}
	note_key_use(p);
	return 0;
}

int policy_load(struct policy *p, const char *path, const struct ruleset *rs)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[8192];
	size_t r;
	int rc;
	if (!f) {
		init_common(p, rs);
		p->source = xstrdup(path);
		return error("cannot open policy '%s': %s", path, strerror(errno));
	}
	while ((r = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, r);
	if (ferror(f)) {
		fclose(f);
		buf_release(&b);
		init_common(p, rs);
		p->source = xstrdup(path);
		return error("cannot read policy '%s'", path);
	}
	fclose(f);
	rc = policy_parse(p, b.ptr, b.len, path, rs);
	buf_release(&b);
	return rc;
}

/* -------------------------------------------------------------- deciding */

const struct field_rule *policy_field(const struct policy *p, const char *colname)
{
	size_t i;
	for (i = 0; i < p->nfield; i++)
		if (!strcmp(p->field[i].name, colname))
			return &p->field[i];
	return NULL;
}

int policy_needs_record_text(const struct policy *p)
{
	size_t i;
	for (i = 0; i < p->noff; i++)
		if (p->off[i].position)
			return 1;
	return 0;
}

static int is_listed_official(const struct policy *p, const char *val, const struct finding *fd,
			      const char *rec_folded)
{
	struct buf f = BUF_INIT;
	size_t i, k;
	int hit = 0;
	if (!p->noff)
		return 0;
	text_fold(&f, val + fd->start, fd->end - fd->start);
	for (i = 0; i < p->noff && !hit; i++) {
		const struct official *o = &p->off[i];
		for (k = 0; k < o->nnames && !hit; k++)
			hit = o->names[k].len == f.len && !memcmp(o->names[k].ptr, f.ptr, f.len);
		/* Listed with a position: only where the record names it. */
		if (hit && o->position)
			hit = rec_folded && text_has_words(rec_folded, strlen(rec_folded), o->position,
							   strlen(o->position));
	}
	buf_release(&f);
	return hit;
}

const struct act *policy_decide(const struct policy *p, const struct ruleset *rs,
				const struct field_rule *fr, const struct finding *fd,
				const char *val, const char *rec_folded, const char **why)
{
	static const struct act none = { ACT_NONE, 0, 0, GEN_NONE, 0, 0, NULL, NULL };
	int personal = rs->cat[fd->cat].personal;
	if (fr && fr->act.kind == ACT_DROP_COLUMN) {
		*why = "field";
		return &fr->act;
	}
	if (fr && fr->is_public) {
		*why = "public";
		return &fr->act;
	}
	if ((int)fd->cat == p->name_cat) {
		if (p->honour_flag && (fd->flags & p->official_flag)) {
			*why = "official flag";
			return &p->official_keep;
		}
		if (is_listed_official(p, val, fd, rec_folded)) {
			*why = "officials";
			return &p->official_keep;
		}
	}
	if (fr && fr->act.kind != ACT_NONE && personal) {
		*why = "field";
		return &fr->act;
	}
	if (fd->cat < p->ncat && p->cat[fd->cat].kind != ACT_NONE) {
		*why = "category";
		return &p->cat[fd->cat];
	}
	if (personal) {
		*why = "default";
		return &p->deflt;
	}
	*why = "not personal";
	return &none;
}
