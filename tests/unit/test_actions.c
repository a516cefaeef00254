/*
 * test_actions.c — unit tests for filters/action.c: every action on its
 * own (actor_render), then whole records through actor_record with the
 * default policy and with field rules: what changes, what the audit log
 * gets, placeholders numbered consistently within a run, pseudonyms stable
 * for one key and different across keys, and the key file's permissions.
 * The ruleset is a small hand-made one, so the tests do not depend on the
 * rule packs (which other work changes).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "filters/action.h"

/* ---------------------------------------------------------------- fixture */

enum { C_PHONE, C_TAX, C_DOB, C_NAME, C_ADDRESS, C_ORG, NCAT };

static struct ruleset rs;

static void fake_rules(void)
{
	static const char *const def[NCAT][4] = {
		{ "phone", "[ТЕЛЕФОН]", "номер телефону", "1" },
		{ "tax_id", "[РНОКПП]", "РНОКПП", "1" },
		{ "dob", "[ДАТА НАРОДЖЕННЯ]", "дата народження", "1" },
		{ "name", "[ПІБ]", "прізвище, ім'я, по батькові", "1" },
		{ "address", "[АДРЕСА]", "адреса проживання", "1" },
		{ "org_id", "[ЄДРПОУ]", "код ЄДРПОУ", "0" },
	};
	size_t i;
	memset(&rs, 0, sizeof rs);
	rs.ncat = NCAT;
	rs.cat = xcalloc(NCAT, sizeof *rs.cat);
	for (i = 0; i < NCAT; i++) {
		rs.cat[i].id = xstrdup(def[i][0]);
		rs.cat[i].token = xstrdup(def[i][1]);
		rs.cat[i].token_len = strlen(def[i][1]);
		rs.cat[i].label = xstrdup(def[i][2]);
		rs.cat[i].personal = def[i][3][0] == '1';
		rs.cat[i].in_org = -1;
	}
	rs.nrule = 1;
	rs.rule = xcalloc(1, sizeof *rs.rule);
	rs.rule[0].id = xstrdup("test.rule");
}

static void free_rules(void)
{
	size_t i;
	for (i = 0; i < NCAT; i++) {
		free(rs.cat[i].id);
		free(rs.cat[i].token);
		free(rs.cat[i].label);
	}
	free(rs.cat);
	free(rs.rule[0].id);
	free(rs.rule);
}

static int setup(void **state)
{
	(void)state;
	fake_rules();
	return crypto_ready();
}

static int teardown(void **state)
{
	(void)state;
	free_rules();
	return 0;
}

static struct finding fnd(unsigned cat, size_t start, size_t end, const char *norm)
{
	struct finding f;
	memset(&f, 0, sizeof f);
	f.cat = (unsigned short)cat;
	f.start = start;
	f.end = end;
	f.conf = 0.9f;
	if (norm)
		snprintf(f.norm, sizeof f.norm, "%s", norm);
	return f;
}

static const char *cols[] = { "ПІБ", "Телефон", "Примітка", "Вік" };

static const char *colname(void *ctx, unsigned col)
{
	(void)ctx;
	return col < 4 ? cols[col] : "?";
}

static struct key test_key(const char *secret)
{
	struct key k;
	assert_int_equal(key_from_secret(&k, secret, strlen(secret)), 0);
	return k;
}

/* Renders v with act (finding of category cat over the whole value). */
static char *render(struct actor *a, const struct act *act, unsigned cat, const char *v,
		    const char *norm, enum action *done)
{
	struct buf out = BUF_INIT;
	struct finding f = fnd(cat, 0, strlen(v), norm);
	enum action d = actor_render(a, act, &f, v, strlen(v), &out);
	if (done)
		*done = d;
	return buf_detach(&out, NULL);
}

static void expect_render(struct actor *a, const struct act *act, unsigned cat, const char *v,
			  const char *norm, const char *want, enum action want_done)
{
	enum action done;
	char *got = render(a, act, cat, v, norm, &done);
	if (strcmp(got, want) || done != want_done)
		fail_msg("%s '%s': got '%s' (%s), want '%s' (%s)", action_name(act->kind), v, got,
			 action_name(done), want, action_name(want_done));
	free(got);
}

/* ------------------------------------------------------------ the actions */

static void drop_and_token(void **state)
{
	struct policy p;
	struct key k = test_key("a test key of 32 bytes, no more.");
	struct actor a;
	struct act act = { ACT_DROP, 0, 0, GEN_NONE, 0, 0, NULL, NULL };
	(void)state;
	policy_default(&p, &rs);
	actor_init(&a, &rs, &p, &k, NULL, colname, NULL);
	expect_render(&a, &act, C_PHONE, "+380 67 123 45 67", NULL, "", ACT_DROP);
	act.kind = ACT_TOKEN;
	expect_render(&a, &act, C_PHONE, "+380 67 123 45 67", NULL, "[ТЕЛЕФОН]", ACT_TOKEN);
	expect_render(&a, &act, C_TAX, "2232488350", NULL, "[РНОКПП]", ACT_TOKEN);
	actor_release(&a);
	policy_release(&p);
}

static void placeholder_same_value_same_number(void **state)
{
	struct policy p;
	struct key k = test_key("a test key of 32 bytes, no more.");
	struct actor a, b;
	struct act act = { ACT_PLACEHOLDER, 0, 0, GEN_NONE, 0, 0, NULL, NULL };
	(void)state;
	policy_default(&p, &rs);
	actor_init(&a, &rs, &p, &k, NULL, colname, NULL);
	expect_render(&a, &act, C_NAME, "Іваненко Іван Іванович", NULL, "ОСОБА_1", ACT_PLACEHOLDER);
	expect_render(&a, &act, C_NAME, "Петренко Петро", NULL, "ОСОБА_2", ACT_PLACEHOLDER);
	/* Case and spacing do not make another person. */
	expect_render(&a, &act, C_NAME, "ІВАНЕНКО  іван Іванович", NULL, "ОСОБА_1", ACT_PLACEHOLDER);
	expect_render(&a, &act, C_NAME, "Петренко Петро", NULL, "ОСОБА_2", ACT_PLACEHOLDER);
	/* Phones compare by their normal form; numbering is per category. */
	expect_render(&a, &act, C_PHONE, "067 123 45 67", "+380671234567", "ТЕЛЕФОН_1", ACT_PLACEHOLDER);
	expect_render(&a, &act, C_PHONE, "+38(067)1234567", "+380671234567", "ТЕЛЕФОН_1", ACT_PLACEHOLDER);
	expect_render(&a, &act, C_PHONE, "050 000 00 00", "+380500000000", "ТЕЛЕФОН_2", ACT_PLACEHOLDER);
	expect_render(&a, &act, C_DOB, "13.02.1961", NULL, "ДАТА_НАРОДЖЕННЯ_1", ACT_PLACEHOLDER);
	/* A new run (another file) starts from 1 again. */
	actor_init(&b, &rs, &p, &k, NULL, colname, NULL);
	expect_render(&b, &act, C_NAME, "Петренко Петро", NULL, "ОСОБА_1", ACT_PLACEHOLDER);
	actor_release(&b);
	actor_release(&a);
	policy_release(&p);
}

static void mask_keeps_configured_part(void **state)
{
	struct policy p;
	struct key k = test_key("a test key of 32 bytes, no more.");
	struct actor a;
	struct act act = { ACT_MASK, 0, 2, GEN_NONE, 0, 0, NULL, NULL };
	(void)state;
	policy_default(&p, &rs);
	actor_init(&a, &rs, &p, &k, NULL, colname, NULL);
	expect_render(&a, &act, C_PHONE, "+380 67 123 45 67", NULL, "+*** ** *** ** 67", ACT_MASK);
	expect_render(&a, &act, C_TAX, "2232488350", NULL, "********50", ACT_MASK);
	act.keep_first = 2;
	act.keep_last = 0;
	expect_render(&a, &act, C_NAME, "Іваненко Іван", NULL, "Ів****** ****", ACT_MASK);
	/* Keeping as much as there is would publish it: everything masked. */
	act.keep_first = 3;
	act.keep_last = 3;
	expect_render(&a, &act, C_TAX, "12345", NULL, "*****", ACT_MASK);
	actor_release(&a);
	policy_release(&p);
}

static void pseudonym_stable_per_key(void **state)
{
	struct policy p;
	struct key k1 = test_key("first key, thirty-two bytes long"),
		   k1again = test_key("first key, thirty-two bytes long"),
		   k2 = test_key("second key, another thirty-two b");
	struct actor a, b, c;
	struct act act = { ACT_PSEUDONYM, 0, 0, GEN_NONE, 0, 10, NULL, NULL };
	char *x, *y, *z, *w, *t;
	(void)state;
	policy_default(&p, &rs);
	actor_init(&a, &rs, &p, &k1, NULL, colname, NULL);
	actor_init(&b, &rs, &p, &k1again, NULL, colname, NULL);
	actor_init(&c, &rs, &p, &k2, NULL, colname, NULL);
	x = render(&a, &act, C_TAX, "2232488350", NULL, NULL);
	y = render(&b, &act, C_TAX, "2232488350", NULL, NULL); /* another run, same key */
	z = render(&c, &act, C_TAX, "2232488350", NULL, NULL); /* another key */
	w = render(&a, &act, C_TAX, "2232488351", NULL, NULL); /* another value */
	t = render(&a, &act, C_PHONE, "2232488350", NULL, NULL); /* another category */
	assert_int_equal(strlen(x), strlen("[ПСЕВДОНІМ:]") + 10);
	assert_memory_equal(x, "[ПСЕВДОНІМ:", strlen("[ПСЕВДОНІМ:"));
	assert_string_equal(x, y);
	assert_string_not_equal(x, z);
	assert_string_not_equal(x, w);
	assert_string_not_equal(x, t);
	/* The value itself is not in the pseudonym. */
	assert_null(strstr(x, "2232488350"));
	/* It is the HMAC under the pseudonym subkey of the category's id (and
	 * its NUL) then the normal form, as every earlier run made it: a
	 * pseudonym published once stays the same. The keyed state after the
	 * label is made once a category, then used for every value. */
	{
		char hex[SHA256_HEX], want[64];
		hmac_sha256_hex(k1.pseudo, rs.cat[C_TAX].id, "2232488350", 10, hex);
		snprintf(want, sizeof want, "[ПСЕВДОНІМ:%.10s]", hex);
		assert_string_equal(x, want);
		free(w);
		w = render(&a, &act, C_TAX, "2232488351", NULL, NULL);
		hmac_sha256_hex(k1.pseudo, rs.cat[C_TAX].id, "2232488351", 10, hex);
		snprintf(want, sizeof want, "[ПСЕВДОНІМ:%.10s]", hex);
		assert_string_equal(w, want);
	}
	free(x), free(y), free(z), free(w), free(t);
	/* Same phone, different spelling: same pseudonym (normal form). */
	x = render(&a, &act, C_PHONE, "067 123 45 67", "+380671234567", NULL);
	y = render(&a, &act, C_PHONE, "+380671234567", "+380671234567", NULL);
	assert_string_equal(x, y);
	{
		char hex[SHA256_HEX], want[64];
		hmac_sha256_hex(k1.pseudo, rs.cat[C_PHONE].id, "+380671234567", 13, hex);
		snprintf(want, sizeof want, "[ПСЕВДОНІМ:%.10s]", hex);
		assert_string_equal(x, want);
	}
	free(x), free(y);
	actor_release(&a);
	actor_release(&b);
	actor_release(&c);
	policy_release(&p);
}

static void pseudonym_refused_without_user_key(void **state)
{
	struct policy p;
	struct key k;
	struct actor a;
	struct act act = { ACT_PSEUDONYM, 0, 0, GEN_NONE, 0, 10, NULL, NULL };
	enum action done;
	char *x;
	(void)state;
	key_random(&k);
	policy_default(&p, &rs);
	actor_init(&a, &rs, &p, &k, NULL, colname, NULL);
	x = render(&a, &act, C_TAX, "2232488350", NULL, &done);
	assert_int_equal(done, ACT_NONE);
	free(x);
	actor_release(&a);
	policy_release(&p);
}

static void generalize_dates_addresses_ages(void **state)
{
	struct policy p;
	struct key k = test_key("a test key of 32 bytes, no more.");
	struct actor a;
	struct act act = { ACT_GENERALIZE, 0, 0, GEN_YEAR, 10, 0, NULL, NULL };
	(void)state;
	policy_default(&p, &rs);
	actor_init(&a, &rs, &p, &k, NULL, colname, NULL);
	expect_render(&a, &act, C_DOB, "13.02.1961", NULL, "1961", ACT_GENERALIZE);
	expect_render(&a, &act, C_DOB, "1961-02-13", NULL, "1961", ACT_GENERALIZE);
	expect_render(&a, &act, C_DOB, "13 лютого 1961 р.", NULL, "1961", ACT_GENERALIZE);
	expect_render(&a, &act, C_DOB, "1961", NULL, "1961", ACT_GENERALIZE);  /* dob.year */
	act.to = GEN_MONTH;
	expect_render(&a, &act, C_DOB, "13.02.1961", NULL, "02.1961", ACT_GENERALIZE);
	expect_render(&a, &act, C_DOB, "1961-02-13", NULL, "1961-02", ACT_GENERALIZE);
	expect_render(&a, &act, C_DOB, "13 лютого 1961 р.", NULL, "лютого 1961", ACT_GENERALIZE);
	/* a year alone is coarser than a month: kept as it is */
	expect_render(&a, &act, C_DOB, "1961", NULL, "1961", ACT_GENERALIZE);
	/* Not a date it understands: the token, never the value. */
	expect_render(&a, &act, C_DOB, "61", NULL, "[ДАТА НАРОДЖЕННЯ]", ACT_TOKEN);
	expect_render(&a, &act, C_DOB, "весна 1961", NULL, "[ДАТА НАРОДЖЕННЯ]", ACT_TOKEN);
	act.to = GEN_SETTLEMENT;
	expect_render(&a, &act, C_ADDRESS, "м. Київ, вул. Гетьмана Мазепи, 76, кв. 239", NULL,
		      "м. Київ", ACT_GENERALIZE);
	expect_render(&a, &act, C_ADDRESS, "Київська обл., с. Гора, вулиця Садова 5", NULL,
		      "Київська обл., с. Гора", ACT_GENERALIZE);
	act.to = GEN_STREET;
	expect_render(&a, &act, C_ADDRESS, "м. Київ, вул. Гетьмана Мазепи, 76, кв. 239", NULL,
		      "м. Київ, вул. Гетьмана Мазепи", ACT_GENERALIZE);
	expect_render(&a, &act, C_ADDRESS, "01001, м. Львів, просп. Свободи, буд. 1", NULL,
		      "м. Львів, просп. Свободи", ACT_GENERALIZE);
	/* No settlement named: the token. */
	expect_render(&a, &act, C_ADDRESS, "вул. Садова, 5", NULL, "[АДРЕСА]", ACT_TOKEN);
	/* A year asked of an address does not apply: the token. */
	act.to = GEN_YEAR;
	expect_render(&a, &act, C_ADDRESS, "м. Київ, вул. Садова, 5", NULL, "[АДРЕСА]", ACT_TOKEN);
	act.to = GEN_BAND;
	expect_render(&a, &act, C_DOB, "45", NULL, "40–49", ACT_GENERALIZE);
	expect_render(&a, &act, C_DOB, "7", NULL, "0–9", ACT_GENERALIZE);
	act.width = 5;
	expect_render(&a, &act, C_DOB, "47 років", NULL, "45–49", ACT_GENERALIZE);
	expect_render(&a, &act, C_DOB, "сорок", NULL, "[ДАТА НАРОДЖЕННЯ]", ACT_TOKEN);
	actor_release(&a);
	policy_release(&p);
}

/* ---------------------------------------------------------- whole records */

struct rec3 {
	struct record rec;
	struct findings ff[4];
	struct buf arena;
};

static void rec3_init(struct rec3 *r, const char *const vals[4])
{
	size_t i;
	record_init(&r->rec);
	buf_init(&r->arena, 0);
	for (i = 0; i < 4; i++) {
		struct field *f = record_add_field(&r->rec);
		f->val.ptr = vals[i];
		f->val.len = strlen(vals[i]);
		f->col = (unsigned)i;
		f->line = 2;
		findings_init(&r->ff[i]);
	}
	r->rec.kind = REC_DATA;
	r->rec.line = 2;
}

static void rec3_add(struct rec3 *r, size_t i, struct finding f)
{
	struct findings *ff = &r->ff[i];
	if (ff->n == ff->cap) {
		ff->cap = ff->cap ? ff->cap * 2 : 4;
		ff->v = xrealloc(ff->v, ff->cap * sizeof *ff->v);
	}
	ff->v[ff->n++] = f;
}

static void rec3_release(struct rec3 *r)
{
	size_t i;
	for (i = 0; i < 4; i++)
		findings_release(&r->ff[i]);
	record_release(&r->rec);
	buf_release(&r->arena);
}

static int changed_to(const struct record *rec, size_t i, const char *want)
{
	const struct field *f = &rec->f[i];
	if (!f->changed)
		return !strcmp(want, "(unchanged)");
	return f->nval.len == strlen(want) && !memcmp(f->nval.ptr, want, f->nval.len);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_detach(&b, NULL);
}

static void record_default_policy_and_log(void **state)
{
	static const char *const vals[4] = { "Іваненко Іван", "+380 67 123 45 67",
					     "тел 0671234567, код 12345678", "45" };
	char path[] = "/tmp/znes-actions-XXXXXX";
	struct policy p;
	struct key k = test_key("a test key of 32 bytes, no more.");
	struct audit au;
	struct actor a;
	struct rec3 r;
	char *log;
	int fd;
	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	policy_default(&p, &rs);
	assert_int_equal(audit_open(&au, path, &k), 0);
	actor_init(&a, &rs, &p, &k, &au, colname, NULL);
	rec3_init(&r, vals);
	rec3_add(&r, 0, fnd(C_NAME, 0, strlen(vals[0]), NULL));
	rec3_add(&r, 1, fnd(C_PHONE, 0, strlen(vals[1]), "+380671234567"));
	rec3_add(&r, 2, fnd(C_PHONE, 7, 17, "+380671234567"));
	rec3_add(&r, 2, fnd(C_ORG, 23, 31, NULL)); /* not personal: stays */
	assert_int_equal(actor_record(&a, &r.rec, r.ff, &r.arena), 0);
	assert_true(changed_to(&r.rec, 0, "[ПІБ]"));
	assert_true(changed_to(&r.rec, 1, "[ТЕЛЕФОН]"));
	assert_true(changed_to(&r.rec, 2, "тел [ТЕЛЕФОН], код 12345678"));
	assert_true(changed_to(&r.rec, 3, "(unchanged)"));
	assert_int_equal(a.fields_changed, 3);
	assert_int_equal(a.events, 3);
	assert_int_equal(audit_close(&au), 0);
	log = slurp(path);
	/* Events name field, category and action, and never the value. */
	assert_non_null(strstr(log, "\"field\":\"Примітка\",\"category\":\"phone\""));
	assert_non_null(strstr(log, "\"action\":\"token\""));
	assert_non_null(strstr(log, "\"start\":7,\"end\":17"));
	assert_null(strstr(log, "Іваненко"));
	assert_null(strstr(log, "0671234567"));
	assert_null(strstr(log, "123 45 67"));
	assert_null(strstr(log, "12345678\""));
	free(log);
	unlink(path);
	rec3_release(&r);
	actor_release(&a);
	policy_release(&p);
}

/*
 * A replacement of a valid value on character boundaries is known valid
 * (nval_utf8), so the JSON writer does not check it again; one that cuts
 * a character, or a value not known valid, is not.
 */
static void replacements_known_utf8(void **state)
{
	static const char *const vals[4] = { "Іваненко Іван", "тел 0671234567", "Іваненко", "45" };
	struct policy p;
	struct key k = test_key("a test key of 32 bytes, no more.");
	struct actor a;
	struct rec3 r;
	(void)state;
	policy_default(&p, &rs);
	actor_init(&a, &rs, &p, &k, NULL, colname, NULL);
	rec3_init(&r, vals);
	r.rec.f[0].utf8 = r.rec.f[1].utf8 = r.rec.f[2].utf8 = 1;
	rec3_add(&r, 0, fnd(C_NAME, 0, strlen("Іваненко"), NULL));
	rec3_add(&r, 1, fnd(C_PHONE, 4, 14, "+380671234567"));
	rec3_add(&r, 2, fnd(C_NAME, 1, 4, NULL)); /* from inside "І" to inside "в" */
	r.rec.f[3].utf8 = 0;
	rec3_add(&r, 3, fnd(C_DOB, 0, 2, NULL));
	assert_int_equal(actor_record(&a, &r.rec, r.ff, &r.arena), 0);
	assert_true(changed_to(&r.rec, 0, "[ПІБ] Іван"));
	assert_true(r.rec.f[0].nval_utf8);
	assert_true(r.rec.f[1].nval_utf8);
	assert_true(r.rec.f[2].changed);
	assert_false(r.rec.f[2].nval_utf8);
	assert_true(r.rec.f[3].changed);
	assert_false(r.rec.f[3].nval_utf8);
	rec3_release(&r);
	actor_release(&a);
	policy_release(&p);
}

static void record_field_rules(void **state)
{
	static const char pol[] =
		"{\"fields\": {\"Примітка\": {\"action\": \"drop-column\"},"
		"              \"Вік\": {\"action\": \"generalize\", \"to\": \"band\"},"
		"              \"Телефон\": {\"action\": \"mask\", \"keep_last\": 3}},"
		" \"categories\": {\"name\": {\"action\": \"keep\", \"basis\": \"згода\"}}}";
	static const char *const vals[4] = { "Іваненко Іван", "0671234567", "нічого особистого",
					     "45" };
	struct policy p;
	struct key k = test_key("a test key of 32 bytes, no more.");
	struct actor a;
	struct rec3 r;
	(void)state;
	assert_int_equal(policy_parse(&p, pol, sizeof pol - 1, "t.json", &rs), 0);
	actor_init(&a, &rs, &p, &k, NULL, colname, NULL);
	rec3_init(&r, vals);
	rec3_add(&r, 0, fnd(C_NAME, 0, strlen(vals[0]), NULL));
	rec3_add(&r, 1, fnd(C_PHONE, 0, strlen(vals[1]), "+380671234567"));
	assert_int_equal(actor_record(&a, &r.rec, r.ff, &r.arena), 0);
	assert_true(changed_to(&r.rec, 0, "(unchanged)"));       /* kept, with basis */
	assert_true(changed_to(&r.rec, 1, "*******567"));        /* field mask */
	assert_true(changed_to(&r.rec, 2, ""));                  /* dropped column, no finding */
	assert_true(changed_to(&r.rec, 3, "40–49"));             /* age band */
	assert_int_equal(a.events, 4);                           /* the keep is logged too */
	rec3_release(&r);
	actor_release(&a);
	policy_release(&p);
}

/* ------------------------------------------------------------------- keys */

static void key_file_permissions(void **state)
{
	char path[] = "/tmp/znes-key-XXXXXX";
	struct key k, same;
	int fd;
	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "0123456789abcdef0123\n", 21), 21);
	close(fd);
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(key_from_file(&k, path), -1);
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(key_from_file(&k, path), -1);
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(key_from_file(&k, path), 0);
	assert_true(k.user);
	/* The newline is not part of the key. */
	assert_int_equal(key_from_secret(&same, "0123456789abcdef0123", 20), 0);
	assert_string_equal(k.fingerprint, same.fingerprint);
	assert_memory_equal(k.pseudo, same.pseudo, sizeof k.pseudo);
	/* Subkeys differ from each other: an audit hmac is not a pseudonym. */
	assert_memory_not_equal(k.pseudo, k.audit, sizeof k.pseudo);
	/* Too short. */
	fd = open(path, O_WRONLY | O_TRUNC);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "short\n", 6), 6);
	close(fd);
	assert_int_equal(key_from_file(&k, path), -1);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(drop_and_token),
		cmocka_unit_test(placeholder_same_value_same_number),
		cmocka_unit_test(mask_keeps_configured_part),
		cmocka_unit_test(pseudonym_stable_per_key),
		cmocka_unit_test(pseudonym_refused_without_user_key),
		cmocka_unit_test(generalize_dates_addresses_ages),
		cmocka_unit_test(record_default_policy_and_log),
		cmocka_unit_test(replacements_known_utf8),
		cmocka_unit_test(record_field_rules),
		cmocka_unit_test(key_file_permissions),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
