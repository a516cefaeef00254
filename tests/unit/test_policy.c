/*
 * test_policy.c — unit tests for filters/policy.c: the default policy,
 * precedence (drop-column and public fields, then officials, then field,
 * category, default), officials kept with the art. 5 basis and everyone
 * else removed, the official flag honoured only when asked, and the
 * messages of a bad policy (file:line:col for syntax, the field or
 * category for a wrong action). The ruleset is hand-made, independent of
 * the rule packs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "filters/policy.h"
#include "filters/text.h"

enum { C_PHONE, C_TAX, C_DOB, C_NAME, C_ADDRESS, C_ORG, NCAT };

static struct ruleset rs;

static int setup(void **state)
{
	static const char *const def[NCAT][3] = {
		{ "phone", "[ТЕЛЕФОН]", "1" }, { "tax_id", "[РНОКПП]", "1" },
		{ "dob", "[ДАТА НАРОДЖЕННЯ]", "1" }, { "name", "[ПІБ]", "1" },
		{ "address", "[АДРЕСА]", "1" }, { "org_id", "[ЄДРПОУ]", "0" },
	};
	size_t i;
	(void)state;
	memset(&rs, 0, sizeof rs);
	rs.ncat = NCAT;
	rs.cat = xcalloc(NCAT, sizeof *rs.cat);
	for (i = 0; i < NCAT; i++) {
		rs.cat[i].id = xstrdup(def[i][0]);
		rs.cat[i].token = xstrdup(def[i][1]);
		rs.cat[i].token_len = strlen(def[i][1]);
		rs.cat[i].label = xstrdup(def[i][0]);
		rs.cat[i].personal = def[i][2][0] == '1';
	}
	return 0;
}

static int teardown(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < NCAT; i++) {
		free(rs.cat[i].id);
		free(rs.cat[i].token);
		free(rs.cat[i].label);
	}
	free(rs.cat);
	return 0;
}

static struct finding fnd(unsigned cat, size_t start, size_t end, unsigned flags)
{
	struct finding f;
	memset(&f, 0, sizeof f);
	f.cat = (unsigned short)cat;
	f.start = start;
	f.end = end;
	f.flags = flags;
	return f;
}

/* Parses text, failing the test on error. */
static void parse_ok(struct policy *p, const char *text)
{
	if (policy_parse(p, text, strlen(text), "p.json", &rs) < 0)
		fail_msg("policy did not parse: %s", text);
}

/* Parses text expecting an error; returns the message (stderr captured). */
static char *parse_err(const char *text)
{
	char path[] = "/tmp/znes-stderr-XXXXXX";
	struct policy p;
	int fd = mkstemp(path), saved = dup(2), rc;
	char buf[1024];
	ssize_t n;
	assert_true(fd >= 0 && saved >= 0);
	fflush(stderr);
	dup2(fd, 2);
	rc = policy_parse(&p, text, strlen(text), "p.json", &rs);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	policy_release(&p);
	assert_int_equal(rc, -1);
	n = pread(fd, buf, sizeof buf - 1, 0);
	close(fd);
	unlink(path);
	assert_true(n > 0);
	buf[n] = '\0';
	return xstrdup(buf);
}

static void expect_err(const char *text, const char *want)
{
	char *msg = parse_err(text);
	if (!strstr(msg, want))
		fail_msg("policy %s: message '%s' lacks '%s'", text, msg, want);
	free(msg);
}

static enum action decide(const struct policy *p, const char *col, const struct finding *f,
			  const char *val, const char *rec, const char **why)
{
	const char *w;
	const struct act *a = policy_decide(p, &rs, policy_field(p, col), f, val, rec, why ? why : &w);
	return a->kind;
}

/* ----------------------------------------------------------------- tests */

static void default_removes_everything_personal(void **state)
{
	struct policy p;
	struct finding f;
	const char *why;
	unsigned c;
	(void)state;
	policy_default(&p, &rs);
	for (c = 0; c < NCAT; c++) {
		f = fnd(c, 0, 3, 0);
		if (c == C_ORG)
			assert_int_equal(decide(&p, "x", &f, "abc", NULL, &why), ACT_NONE);
		else {
			assert_int_equal(decide(&p, "x", &f, "abc", NULL, &why), ACT_TOKEN);
			assert_string_equal(why, "default");
		}
	}
	/* Even a name flagged as an official's: the default does not honour it. */
	f = fnd(C_NAME, 0, 3, p.official_flag);
	assert_int_equal(decide(&p, "x", &f, "abc", NULL, NULL), ACT_TOKEN);
	assert_int_equal(p.uses_key, 0);
	policy_release(&p);
}

static void precedence_field_category_default(void **state)
{
	static const char pol[] =
		"{\"default\": \"drop\","
		" \"categories\": {\"phone\": {\"action\": \"mask\", \"keep_last\": 2},"
		"                  \"org_id\": \"token\"},"
		" \"fields\": {\"Контакт\": \"placeholder\","
		"            \"Посада\": {\"public\": true, \"basis\": \"ст. 6 Закону\"},"
		"            \"Службове\": {\"action\": \"drop-column\"}}}";
	struct policy p;
	struct finding ph = fnd(C_PHONE, 0, 3, 0), tax = fnd(C_TAX, 0, 3, 0),
		       org = fnd(C_ORG, 0, 3, 0);
	const char *why;
	(void)state;
	parse_ok(&p, pol);
	/* field > category > default */
	assert_int_equal(decide(&p, "Контакт", &ph, "abc", NULL, &why), ACT_PLACEHOLDER);
	assert_string_equal(why, "field");
	assert_int_equal(decide(&p, "Інше", &ph, "abc", NULL, &why), ACT_MASK);
	assert_string_equal(why, "category");
	assert_int_equal(decide(&p, "Інше", &tax, "abc", NULL, &why), ACT_DROP);
	assert_string_equal(why, "default");
	/* A field action is for personal data; an explicit category entry
	 * makes a non-personal category removable. */
	assert_int_equal(decide(&p, "Контакт", &org, "abc", NULL, &why), ACT_TOKEN);
	assert_string_equal(why, "category");
	/* Public field: kept with its basis. */
	{
		const struct act *a = policy_decide(&p, &rs, policy_field(&p, "Посада"), &ph, "abc",
						    NULL, &why);
		assert_int_equal(a->kind, ACT_KEEP);
		assert_string_equal(a->basis, "ст. 6 Закону");
		assert_string_equal(why, "public");
	}
	assert_int_equal(decide(&p, "Службове", &tax, "abc", NULL, NULL), ACT_DROP_COLUMN);
	assert_int_equal(p.deflt.kind, ACT_DROP);
	assert_int_equal(p.cat[C_PHONE].keep_last, 2);
	policy_release(&p);
}

static void officials_kept_with_basis_others_removed(void **state)
{
	static const char pol[] =
		"{\"categories\": {\"name\": \"placeholder\"},"
		" \"officials\": {\"people\": ["
		"   {\"name\": \"Кличко Віталій Володимирович\", \"aliases\": [\"Кличко В. В.\"]},"
		"   {\"name\": \"Петренко Ольга\", \"position\": \"начальник управління\"},"
		"   \"Сидоренко Іван\"]}}";
	static const char *const val = "КЛИЧКО  віталій володимирович";
	struct policy p;
	struct finding f;
	const char *why;
	struct buf rec = BUF_INIT;
	(void)state;
	parse_ok(&p, pol);
	f = fnd(C_NAME, 0, strlen(val), 0);
	{
		const struct act *a = policy_decide(&p, &rs, NULL, &f, val, NULL, &why);
		assert_int_equal(a->kind, ACT_KEEP);
		assert_string_equal(a->basis, OFFICIAL_BASIS);
		assert_string_equal(why, "officials");
	}
	f = fnd(C_NAME, 0, strlen("Кличко В. В."), 0);
	assert_int_equal(decide(&p, "x", &f, "Кличко В. В.", NULL, NULL), ACT_KEEP);
	f = fnd(C_NAME, 0, strlen("Сидоренко Іван"), 0);
	assert_int_equal(decide(&p, "x", &f, "Сидоренко Іван", NULL, NULL), ACT_KEEP);
	/* Anyone else: the name policy. */
	f = fnd(C_NAME, 0, strlen("Іваненко Петро"), 0);
	assert_int_equal(decide(&p, "x", &f, "Іваненко Петро", NULL, &why), ACT_PLACEHOLDER);
	/* A listed name inside a longer text is matched by its span only. */
	f = fnd(C_NAME, strlen("заява: "), strlen("заява: Сидоренко Іван"), 0);
	assert_int_equal(decide(&p, "x", &f, "заява: Сидоренко Іван", NULL, NULL), ACT_KEEP);
	/* Listed with a position: only where the record names the position. */
	f = fnd(C_NAME, 0, strlen("Петренко Ольга"), 0);
	assert_true(policy_needs_record_text(&p));
	{
		static const char t[] = "Петренко Ольга | Начальник  управління освіти";
		text_fold(&rec, t, sizeof t - 1);
	}
	assert_int_equal(decide(&p, "x", &f, "Петренко Ольга", rec.ptr, NULL), ACT_KEEP);
	buf_reset(&rec);
	text_fold(&rec, "Петренко Ольга | заявниця", strlen("Петренко Ольга | заявниця"));
	assert_int_equal(decide(&p, "x", &f, "Петренко Ольга", rec.ptr, NULL), ACT_PLACEHOLDER);
	assert_int_equal(decide(&p, "x", &f, "Петренко Ольга", NULL, NULL), ACT_PLACEHOLDER);
	/* A phone of an official is not a name: removed. */
	f = fnd(C_PHONE, 0, strlen(val), 0);
	assert_int_equal(decide(&p, "x", &f, val, NULL, NULL), ACT_TOKEN);
	buf_release(&rec);
	policy_release(&p);
}

static void official_flag_only_when_honoured(void **state)
{
	struct policy on, off;
	struct finding flagged, plain;
	const char *why;
	(void)state;
	parse_ok(&on, "{\"officials\": {\"honour_flag\": true}}");
	parse_ok(&off, "{\"officials\": {\"honour_flag\": false}}");
	flagged = fnd(C_NAME, 0, 3, on.official_flag);
	plain = fnd(C_NAME, 0, 3, 0);
	assert_int_equal(decide(&on, "x", &flagged, "abc", NULL, &why), ACT_KEEP);
	assert_string_equal(why, "official flag");
	assert_string_equal(on.official_keep.basis, OFFICIAL_BASIS);
	assert_int_equal(decide(&on, "x", &plain, "abc", NULL, NULL), ACT_TOKEN);
	assert_int_equal(decide(&off, "x", &flagged, "abc", NULL, NULL), ACT_TOKEN);
	/* The flag means nothing on another category. */
	flagged.cat = C_PHONE;
	assert_int_equal(decide(&on, "x", &flagged, "abc", NULL, NULL), ACT_TOKEN);
	policy_release(&on);
	policy_release(&off);
}

static void errors_are_precise(void **state)
{
	(void)state;
	expect_err("{\"fields\": {\"x\": {\"action\": \"y\"}}}", "p.json: field 'x': unknown action 'y'");
	expect_err("{\"fields\": {\"x\": \"y\"}}", "field 'x': unknown action 'y'");
	expect_err("{\"default\": \"token\",\n \"categories\": {\"phone\": \"mask\",}\n}", "p.json:2:");
	expect_err("{\"categories\": {\"phne\": \"drop\"}}", "category 'phne': unknown category");
	expect_err("{\"categories\": {\"phone\": \"keep\"}}", "category 'phone': action 'keep' needs a \"basis\"");
	expect_err("{\"categories\": {\"phone\": {\"action\": \"generalize\", \"to\": \"year\"}}}",
		   "applies to dates, not to phone");
	expect_err("{\"categories\": {\"dob\": {\"action\": \"generalize\", \"to\": \"street\"}}}",
		   "applies to addresses, not to dob");
	expect_err("{\"categories\": {\"phone\": \"drop-column\"}}", "use it in \"fields\"");
	expect_err("{\"categories\": {\"phone\": {\"action\": \"mask\", \"keep_lst\": 2}}}",
		   "unknown option 'keep_lst' for action 'mask'");
	expect_err("{\"categories\": {\"phone\": {\"action\": \"mask\", \"keep_last\": -1}}}",
		   "'keep_last' must be between 0 and 64");
	expect_err("{\"fields\": {\"Посада\": {\"public\": true}}}", "field 'Посада': a public field needs a \"basis\"");
	expect_err("{\"default\": {\"action\": \"keep\", \"basis\": \"x\"}}",
		   "the default action must remove or encode");
	expect_err("{\"acton\": \"drop\"}", "unknown key 'acton'");
	expect_err("{\"officials\": {\"people\": [{\"position\": \"мер\"}]}}", "officials[0]: missing \"name\"");
	expect_err("{\"default\": \"drop\", \"default\": \"token\"}", "p.json:1:");
	expect_err("[]", "a policy is a JSON object");
}

static void key_needed_is_known(void **state)
{
	struct policy p;
	(void)state;
	parse_ok(&p, "{\"categories\": {\"tax_id\": {\"action\": \"pseudonym\", \"length\": 12}}}");
	assert_true(p.uses_key);
	assert_int_equal(p.cat[C_TAX].length, 12);
	policy_release(&p);
	/* the default: 64 bits, so two people of a large register do not
	 * share a pseudonym */
	parse_ok(&p, "{\"categories\": {\"tax_id\": \"pseudonym\"}}");
	assert_int_equal(p.cat[C_TAX].length, 16);
	policy_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(default_removes_everything_personal),
		cmocka_unit_test(precedence_field_category_default),
		cmocka_unit_test(officials_kept_with_basis_others_removed),
		cmocka_unit_test(official_flag_only_when_honoured),
		cmocka_unit_test(errors_are_precise),
		cmocka_unit_test(key_needed_is_known),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
