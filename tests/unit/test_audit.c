/*
 * test_audit.c — unit tests for filters/audit.c: a log written through the
 * API verifies; each kind of tampering is caught and named (an edited,
 * deleted, inserted or moved line, a missing or edited trailer, a line
 * appended after it, a cut last line); the output's digest is checked; a
 * keyed log's MAC holds only for its key; no original value is written.
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
#include <jansson.h>

#include "filters/audit.h"
#include "scanner/buf.h"

static const char *const values[] = { "0671234567", "2232488350", "Іваненко Іван" };

static struct key key;
static char dir[] = "/tmp/znes-audit-XXXXXX";
static char logp[128], outp[128], tamp[128];

/* Lines of a file (each without its '\n'). */
struct lines {
	char *l[64];
	size_t n;
};

static void read_lines(const char *path, struct lines *ls)
{
	FILE *f = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	assert_non_null(f);
	ls->n = 0;
	while ((len = getline(&line, &cap, f)) > 0 && ls->n < 64) {
		if (line[len - 1] == '\n')
			line[len - 1] = '\0';
		ls->l[ls->n++] = xstrdup(line);
	}
	free(line);
	fclose(f);
}

static void write_lines(const char *path, const struct lines *ls, int cut_last)
{
	FILE *f = fopen(path, "wb");
	size_t i;
	assert_non_null(f);
	for (i = 0; i < ls->n; i++)
		fprintf(f, "%s%s", ls->l[i], cut_last && i + 1 == ls->n ? "" : "\n");
	assert_int_equal(fclose(f), 0);
}

static void free_lines(struct lines *ls)
{
	size_t i;
	for (i = 0; i < ls->n; i++)
		free(ls->l[i]);
	ls->n = 0;
}

/* Runs audit_verify with stdout captured; returns its result, message in msg. */
static int verify(const char *path, const char *output, const struct key *k, char *msg, size_t cap)
{
	char cpath[] = "/tmp/znes-stdout-XXXXXX";
	struct audit_check chk;
	int fd = mkstemp(cpath), saved = dup(1), rc;
	ssize_t n;
	assert_true(fd >= 0 && saved >= 0);
	fflush(stdout);
	dup2(fd, 1);
	rc = audit_verify(path, output, NULL, k, &chk);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	n = pread(fd, msg, cap - 1, 0);
	msg[n > 0 ? n : 0] = '\0';
	close(fd);
	unlink(cpath);
	return rc;
}

/* Writes a log of three events over an output file, like a redact run. */
static void write_log(const struct key *k)
{
	static const char *const ids[] = { "phone", "tax_id", "name" };
	static const char *const labels[] = { "номер телефону", "РНОКПП", "ПІБ" };
	static const int personal[] = { 1, 1, 1 };
	static const char output[] = "ПІБ,Телефон\n[ПІБ],[ТЕЛЕФОН]\n";
	struct audit a;
	struct audit_header h;
	struct audit_event e;
	struct audit_trailer t;
	char out_hex[SHA256_HEX];
	FILE *f = fopen(outp, "wb");
	size_t i;
	assert_non_null(f);
	fputs(output, f);
	fclose(f);
	sha256_hex(output, sizeof output - 1, out_hex);
	assert_int_equal(audit_open(&a, logp, k), 0);
	memset(&h, 0, sizeof h);
	h.input = "in.csv";
	h.rules_digest = "00";
	h.policy = "(default)";
	h.policy_digest = "11";
	h.key_source = "test";
	h.cat_id = ids;
	h.cat_label = labels;
	h.cat_personal = personal;
	h.ncat = 3;
	assert_int_equal(audit_header(&a, &h), 0);
	for (i = 0; i < 3; i++) {
		memset(&e, 0, sizeof e);
		e.record = i;
		e.line = (unsigned long)i + 2;
		e.field = "Телефон";
		e.category = ids[i];
		e.rule = "test.rule";
		e.action = i == 2 ? "keep" : "token";
		e.basis = i == 2 ? "ст. 5" : NULL;
		e.end = strlen(values[i]);
		e.confidence = 0.95;
		e.value = values[i];
		e.value_len = strlen(values[i]);
		assert_int_equal(audit_event(&a, &e), 0);
	}
	memset(&t, 0, sizeof t);
	t.records = 3;
	t.fields_changed = 2;
	t.input_sha256 = "22";
	t.output = "out.csv";
	t.output_sha256 = out_hex;
	t.output_bytes = sizeof output - 1;
	assert_int_equal(audit_trailer(&a, &t), 0);
	assert_int_equal(audit_close(&a), 0);
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir) || crypto_ready() < 0)
		return -1;
	snprintf(logp, sizeof logp, "%s/a.jsonl", dir);
	snprintf(outp, sizeof outp, "%s/out.csv", dir);
	snprintf(tamp, sizeof tamp, "%s/t.jsonl", dir);
	return key_from_secret(&key, "the audit test key, 32 bytes ok.", 32);
}

static int teardown(void **state)
{
	(void)state;
	unlink(logp);
	unlink(outp);
	unlink(tamp);
	rmdir(dir);
	return 0;
}

static void intact_log_verifies(void **state)
{
	char msg[1024];
	struct lines ls;
	(void)state;
	write_log(&key);
	assert_int_equal(verify(logp, outp, &key, msg, sizeof msg), 0);
	assert_int_equal(verify(logp, NULL, NULL, msg, sizeof msg), 0);
	read_lines(logp, &ls);
	assert_int_equal(ls.n, 5);
	assert_non_null(strstr(ls.l[0], "\"type\":\"header\""));
	assert_non_null(strstr(ls.l[4], "\"type\":\"trailer\""));
	assert_non_null(strstr(ls.l[4], "\"counts\":{\"phone\":{\"token\":1},\"tax_id\":{\"token\":1},"
				       "\"name\":{\"keep\":1}}"));
	assert_non_null(strstr(ls.l[3], "\"basis\":\"ст. 5\""));
	free_lines(&ls);
}

static void log_holds_no_value(void **state)
{
	FILE *f;
	struct buf b = BUF_INIT;
	char chunk[4096], hex[SHA256_HEX];
	size_t n, i;
	(void)state;
	write_log(&key);
	f = fopen(logp, "rb");
	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	for (i = 0; i < 3; i++) {
		assert_null(strstr(b.ptr, values[i]));
		/* Nor its plain SHA-256, which a lookup table would reverse. */
		sha256_hex(values[i], strlen(values[i]), hex);
		assert_null(strstr(b.ptr, hex));
	}
	assert_null(strstr(b.ptr, "the audit test key"));
	assert_non_null(strstr(b.ptr, key.fingerprint));
	buf_release(&b);
}

/* The event line jansson writes for e (as audit.c once built every
 * line: a json_t for each member, then json_dumps), given its chain. */
static char *jansson_event(const struct audit_event *e, unsigned long long seq, const char *prev)
{
	json_t *o = json_object();
	char hmac[SHA256_HEX], *s;
	json_object_set_new(o, "type", json_string("event"));
	json_object_set_new(o, "record", json_integer((json_int_t)e->record));
	json_object_set_new(o, "line", json_integer((json_int_t)e->line));
	json_object_set_new(o, "field", json_string(e->field));
	json_object_set_new(o, "category", e->category ? json_string(e->category) : json_null());
	json_object_set_new(o, "rule", e->rule ? json_string(e->rule) : json_null());
	json_object_set_new(o, "action", json_string(e->action));
	if (e->detail)
		json_object_set_new(o, "to", json_string(e->detail));
	json_object_set_new(o, "start", json_integer((json_int_t)e->start));
	json_object_set_new(o, "end", json_integer((json_int_t)e->end));
	json_object_set_new(o, "confidence", e->confidence >= 0 ? json_real(e->confidence) : json_null());
	hmac_sha256_hex(key.audit, "znes audit value", e->value, e->value_len, hmac);
	json_object_set_new(o, "hmac", json_string(hmac));
	if (e->basis)
		json_object_set_new(o, "basis", json_string(e->basis));
	if (e->why)
		json_object_set_new(o, "decided_by", json_string(e->why));
	json_object_set_new(o, "seq", json_integer((json_int_t)seq));
	json_object_set_new(o, "prev", json_string(prev));
	s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(3));
	json_decref(o);
	return s;
}

/*
 * Event lines are written without jansson (there is one for every
 * finding), yet each is the bytes jansson writes for the same event, as
 * the header's and the trailer's are: fields with every kind of escape,
 * a name that is no UTF-8 (left out, as jansson leaves it), null and
 * optional members, confidences of several spellings one after another,
 * and each value's hmac under the audit key. The trailer counts every
 * category and action, in the order first seen.
 */
static void event_lines_are_what_jansson_writes(void **state)
{
	static const char *const fields[] = {
		"Телефон", "a\"b", "back\\slash", "tab\tnew\nline\rret", "\b\f\x01\x1f\x7f",
		"/slash/", "", "Ґ’ї — «так»", "\xff\xfe not UTF-8", "emoji \xf0\x9f\x98\x80",
	};
	static const double conf[] = { 0.95, 1.0, 0.9, 0.85, 0.5, 0.333333, 0.1, 0.95, -1, 0.75 };
	struct audit a;
	struct audit_event ev[30];
	struct audit_trailer t;
	struct lines ls;
	char prev[SHA256_HEX];
	json_t *counts = json_object(), *trailer;
	size_t i;
	(void)state;
	assert_int_equal(audit_open(&a, logp, &key), 0);
	for (i = 0; i < 30; i++) {
		struct audit_event *e = &ev[i];
		memset(e, 0, sizeof *e);
		e->record = i * 1000003ull;
		e->line = (unsigned long)i * 7;
		e->field = fields[i % (sizeof fields / sizeof *fields)];
		e->category = i % 4 == 3 ? NULL : "phone";
		e->rule = i % 4 == 3 ? NULL : "phone.ua";
		e->action = i % 3 ? "mask" : "generalize";
		e->detail = i % 3 ? NULL : "рік";
		e->start = i;
		e->end = i + 10;
		e->confidence = conf[i % (sizeof conf / sizeof *conf)];
		e->value = fields[i % 5];
		e->value_len = strlen(e->value);
		e->basis = i % 5 == 1 ? "ст. 5 \"закону\"" : NULL;
		e->why = i % 2 ? "columns[0]" : NULL;
		assert_int_equal(audit_event(&a, e), 0);
	}
	memset(&t, 0, sizeof t);
	t.input_sha256 = t.output_sha256 = "00";
	t.output = "out";
	assert_int_equal(audit_trailer(&a, &t), 0);
	assert_int_equal(audit_close(&a), 0);
	read_lines(logp, &ls);
	assert_int_equal(ls.n, 31);
	/* the trailer counts each category and action, in the order seen */
	for (i = 0; i < 30; i++) {
		const char *cat = ev[i].category ? ev[i].category : "(column)";
		json_t *c = json_object_get(counts, cat), *n;
		if (!c)
			json_object_set_new(counts, cat, c = json_object());
		n = json_object_get(c, ev[i].action);
		json_object_set_new(c, ev[i].action, json_integer(n ? json_integer_value(n) + 1 : 1));
	}
	trailer = json_loads(ls.l[30], 0, NULL);
	assert_non_null(trailer);
	{
		char *got = json_dumps(json_object_get(trailer, "counts"), JSON_COMPACT);
		char *want = json_dumps(counts, JSON_COMPACT);
		assert_string_equal(got, want);
		free(got);
		free(want);
	}
	json_decref(trailer);
	json_decref(counts);
	free(ls.l[--ls.n]);
	memset(prev, '0', 64);
	prev[64] = '\0';
	for (i = 0; i < ls.n; i++) {
		char *want = jansson_event(&ev[i], i, prev);
		if (strcmp(want, ls.l[i]))
			fail_msg("event %zu:\n  written %s\n  jansson %s", i, ls.l[i], want);
		sha256_hex(ls.l[i], strlen(ls.l[i]), prev);
		free(want);
	}
	free_lines(&ls);
}

/* Applies one tampering to the lines and expects verify to name it. */
static void expect_caught(const char *what, void (*edit)(struct lines *), int cut, const char *want)
{
	struct lines ls;
	char msg[1024];
	write_log(&key);
	read_lines(logp, &ls);
	edit(&ls);
	write_lines(tamp, &ls, cut);
	free_lines(&ls);
	if (verify(tamp, NULL, NULL, msg, sizeof msg) != 1)
		fail_msg("%s: not caught", what);
	if (!strstr(msg, want))
		fail_msg("%s: message '%s' lacks '%s'", what, msg, want);
}

static void edit_event(struct lines *ls)
{
	char *p = strstr(ls->l[2], "\"record\":1");
	assert_non_null(p);
	p[9] = '7';
}

static void edit_header(struct lines *ls)
{
	char *p = strstr(ls->l[0], "(default)");
	assert_non_null(p);
	memcpy(p, "(DEFAULT)", 9);
}

static void delete_event(struct lines *ls)
{
	free(ls->l[2]);
	memmove(&ls->l[2], &ls->l[3], (ls->n - 3) * sizeof ls->l[0]);
	ls->n--;
}

static void insert_event(struct lines *ls)
{
	memmove(&ls->l[3], &ls->l[2], (ls->n - 2) * sizeof ls->l[0]);
	ls->l[2] = xstrdup(ls->l[1]);
	ls->n++;
}

static void swap_events(struct lines *ls)
{
	char *t = ls->l[1];
	ls->l[1] = ls->l[2];
	ls->l[2] = t;
}

static void drop_trailer(struct lines *ls)
{
	free(ls->l[--ls->n]);
}

static void edit_trailer(struct lines *ls)
{
	char *p = strstr(ls->l[4], "\"records\":3");
	assert_non_null(p);
	p[10] = '9';
}

static void edit_trailer_counts(struct lines *ls)
{
	char *p = strstr(ls->l[4], "\"token\":1");
	assert_non_null(p);
	p[8] = '0';
}

static void append_line(struct lines *ls)
{
	ls->l[ls->n] = xstrdup(ls->l[1]);
	ls->n++;
}

static void nothing(struct lines *ls)
{
	(void)ls;
}

static void tampering_is_caught(void **state)
{
	(void)state;
	expect_caught("edited event", edit_event, 0, ":4: hash chain broken: line 3 was edited");
	expect_caught("edited header", edit_header, 0, ":2: hash chain broken: line 1 was edited");
	expect_caught("deleted event", delete_event, 0, ":3: hash chain broken");
	expect_caught("inserted event", insert_event, 0, ":3: hash chain broken");
	expect_caught("reordered events", swap_events, 0, ":2: hash chain broken");
	expect_caught("missing trailer", drop_trailer, 0, "no trailer");
	expect_caught("edited trailer", edit_trailer, 0, ":5: the trailer was edited");
	expect_caught("edited trailer counts", edit_trailer_counts, 0, ":5: the trailer was edited");
	expect_caught("line after the trailer", append_line, 0, ":6: a line after the trailer");
	expect_caught("cut last line", nothing, 1, ":5: the line is incomplete");
}

static void output_digest_checked(void **state)
{
	char msg[1024];
	FILE *f;
	(void)state;
	write_log(&key);
	assert_int_equal(verify(logp, outp, NULL, msg, sizeof msg), 0);
	f = fopen(outp, "ab");
	assert_non_null(f);
	fputs("x", f);
	fclose(f);
	assert_int_equal(verify(logp, outp, NULL, msg, sizeof msg), 1);
	assert_non_null(strstr(msg, "does not match the log"));
}

static void mac_binds_the_key(void **state)
{
	struct key other;
	char msg[1024];
	(void)state;
	assert_int_equal(key_from_secret(&other, "another key, also thirty-two by.", 32), 0);
	write_log(&key);
	assert_int_equal(verify(logp, NULL, &key, msg, sizeof msg), 0);
	assert_int_equal(verify(logp, NULL, &other, msg, sizeof msg), 1);
	assert_non_null(strstr(msg, "another key"));
	/* A log written without a user key has no MAC to check. */
	{
		struct key rnd;
		key_random(&rnd);
		write_log(&rnd);
		assert_int_equal(verify(logp, NULL, NULL, msg, sizeof msg), 0);
		assert_int_equal(verify(logp, NULL, &key, msg, sizeof msg), 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(intact_log_verifies),
		cmocka_unit_test(log_holds_no_value),
		cmocka_unit_test(tampering_is_caught),
		cmocka_unit_test(output_digest_checked),
		cmocka_unit_test(mac_binds_the_key),
		cmocka_unit_test(event_lines_are_what_jansson_writes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
