/*
 * audit.c — writing and verifying the audit log (see audit.h). The header
 * and the trailer are built with jansson (compact, in insertion order) so
 * that every string is escaped correctly; event lines, one per finding,
 * are written straight into a buffer in the same bytes, with jansson kept
 * for the strings that need escaping (test_audit holds them to it). The
 * chain hashes the exact bytes written, without the line end. The
 * trailer's seal is the SHA-256 of the trailer with the seal (and MAC)
 * members left out — the last line has no successor to chain it.
 */
#include "filters/audit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "scanner/buf.h"
#include "scanner/unicode.h"

#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"
#define DUMP_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(3))

static void now_utc(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int audit_open(struct audit *a, const char *path, const struct key *key)
{
	memset(a, 0, sizeof *a);
	memcpy(a->prev, ZERO_HASH, sizeof a->prev);
	a->key = key;
	a->f = fopen(path, "wb");
	if (!a->f)
		return error("cannot create audit log '%s': %s", path, strerror(errno));
	/* a line for every finding: written a quarter megabyte at a time,
	 * not stdio's default page (a write call for every 4 KiB) */
	setvbuf(a->f, NULL, _IOFBF, (size_t)256 << 10);
	a->path = xstrdup(path);
	a->counts = json_object();
	buf_init(&a->line, 0);
	hmac_label_init(&a->value_mac, key->audit, "znes audit value");
	return 0;
}

/*
 * Ends the line in a->line (an object's members, its '}' not yet
 * written) with "seq" and "prev", seals it when asked, and writes it as
 * the next line.
 */
static int finish_line(struct audit *a, int seal)
{
	struct buf *line = &a->line;
	char hex[SHA256_HEX];
	buf_adds(line, ",\"seq\":");
	buf_add_ull(line, a->seq);
	buf_adds(line, ",\"prev\":\"");
	buf_add(line, a->prev, SHA256_HEX - 1);
	buf_adds(line, "\"}");
	if (seal) {
		unsigned char d[SHA256_LEN];
		/* line ends with '}': seal what precedes the members we add. */
		sha256_hex(line->ptr, line->len, hex);
		buf_setlen(line, line->len - 1);
		buf_addf(line, ",\"seal\":\"%s\"", hex);
		if (a->key && a->key->user) {
			char mac[SHA256_HEX];
			hmac_sha256(a->key->audit, "znes audit seal", hex, 64, d);
			hex_encode(d, sizeof d, mac);
			buf_addf(line, ",\"mac\":\"%s\"", mac);
		}
		buf_addch(line, '}');
	}
	sha256_hex(line->ptr, line->len, a->prev);
	buf_addch(line, '\n');
	if (!a->failed && fwrite(line->ptr, 1, line->len, a->f) != line->len) {
		a->failed = 1;
		return error("cannot write audit log '%s': %s", a->path, strerror(errno));
	}
	a->seq++;
	return a->failed ? -1 : 0;
}

/* Writes obj (consumed, with members) as the next line. */
static int put_line(struct audit *a, json_t *obj, int seal)
{
	char *s = json_dumps(obj, DUMP_FLAGS);
	json_decref(obj);
	if (!s)
		die("out of memory");
	buf_reset(&a->line);
	buf_add(&a->line, s, strlen(s) - 1); /* all but its '}' */
	free(s);
	return finish_line(a, seal);
}

/* ,"key": (key is one of ours: nothing to escape) */
static void member(struct buf *b, const char *key)
{
	buf_adds(b, ",\"");
	buf_adds(b, key);
	buf_adds(b, "\":");
}

/*
 * An event's members, written as jansson writes the header's and the
 * trailer's (JSON_COMPACT, insertion order), without a json_t for each:
 * a log has an event for every finding. A string with nothing to escape
 * (most) is copied; one with something is escaped by jansson itself; one
 * that is no UTF-8 is left out, as json_object_set_new leaves out the
 * NULL that json_string gives it. A confidence (member_real) is written
 * by jansson too, its text kept for the next event with the same value.
 */
static void member_str(struct buf *b, const char *key, const char *s)
{
	size_t n = strlen(s);
	int trunc;
	json_t *j;
	char *d;
	if (json_next_special(s, n, 0) == n && utf8_valid_prefix(s, n, &trunc) == n) {
		member(b, key);
		buf_addch(b, '"');
		buf_add(b, s, n);
		buf_addch(b, '"');
		return;
	}
	if (!(j = json_string(s)))
		return;
	if (!(d = json_dumps(j, JSON_ENCODE_ANY | DUMP_FLAGS)))
		die("out of memory");
	member(b, key);
	buf_adds(b, d);
	free(d);
	json_decref(j);
}

static void member_str_or_null(struct buf *b, const char *key, const char *s)
{
	if (s)
		member_str(b, key, s);
	else {
		member(b, key);
		buf_adds(b, "null");
	}
}

static void member_ull(struct buf *b, const char *key, unsigned long long v)
{
	member(b, key);
	buf_add_ull(b, v);
}

static void member_real(struct audit *a, const char *key, double v)
{
	struct real_text *r = &a->reals[(unsigned)(v * 1000.0) % 16];
	if (!r->text[0] || r->v != v) {
		json_t *j = json_real(v);
		char *d = json_dumps(j, JSON_ENCODE_ANY | DUMP_FLAGS);
		if (!d || strlen(d) >= sizeof r->text)
			die("cannot write a confidence");
		r->v = v;
		memcpy(r->text, d, strlen(d) + 1);
		free(d);
		json_decref(j);
	}
	member(&a->line, key);
	buf_adds(&a->line, r->text);
}

int audit_header(struct audit *a, const struct audit_header *h)
{
	json_t *o = json_object(), *cats = json_object();
	char t[32];
	size_t i;
	now_utc(t);
	json_object_set_new(o, "type", json_string("header"));
	json_object_set_new(o, "format", json_string(AUDIT_FORMAT));
	json_object_set_new(o, "tool", json_string("znes " ZNES_VERSION));
	json_object_set_new(o, "started", json_string(t));
	json_object_set_new(o, "input", json_string(h->input));
	json_object_set_new(o, "rules_digest", json_string(h->rules_digest));
	json_object_set_new(o, "policy", json_string(h->policy));
	json_object_set_new(o, "policy_digest", json_string(h->policy_digest));
	json_object_set_new(o, "key_fingerprint", json_string(a->key->fingerprint));
	json_object_set_new(o, "key_source", json_string(h->key_source));
	for (i = 0; i < h->ncat; i++) {
		json_t *c = json_object();
		json_object_set_new(c, "label", json_string(h->cat_label[i]));
		json_object_set_new(c, "personal", json_boolean(h->cat_personal[i]));
		json_object_set_new(cats, h->cat_id[i], c);
	}
	json_object_set_new(o, "categories", cats);
	if (put_line(a, o, 0) < 0)
		return -1;
	/* On disk at once: a run killed before its first record still leaves
	 * a log that says it started (and, lacking a trailer, fails verify). */
	if (fflush(a->f)) {
		a->failed = 1;
		return error("cannot write audit log '%s': %s", a->path, strerror(errno));
	}
	return 0;
}

/* Counts an event under its category and action, in the order first
 * seen (the trailer's "counts"); the same pair as the event before it,
 * most often, without a lookup. */
/* One more event of category cat (NULL: a whole column) and action in
 * counts (category -> action -> count, in the order first seen), as the
 * trailer has them and verify adds them up again; the count's json_t. */
static json_t *count_in(json_t *counts, const char *cat, const char *action)
{
	json_t *c, *n;
	if (!cat)
		cat = "(column)";
	if (!(c = json_object_get(counts, cat)))
		json_object_set_new(counts, cat, c = json_object());
	if ((n = json_object_get(c, action)))
		json_integer_set(n, json_integer_value(n) + 1);
	else
		json_object_set_new(c, action, n = json_integer(1));
	return n;
}

int audit_event(struct audit *a, const struct audit_event *e)
{
	struct buf *b = &a->line;
	char hmac[SHA256_HEX];
	buf_reset(b);
	buf_adds(b, "{\"type\":\"event\"");
	member_ull(b, "record", e->record);
	member_ull(b, "line", e->line);
	member_str(b, "field", e->field);
	member_str_or_null(b, "category", e->category);
	member_str_or_null(b, "rule", e->rule);
	member_str(b, "action", e->action);
	if (e->detail)
		member_str(b, "to", e->detail);
	member_ull(b, "start", e->start);
	member_ull(b, "end", e->end);
	if (e->confidence >= 0)
		member_real(a, "confidence", e->confidence);
	else
		member_str_or_null(b, "confidence", NULL);
	hmac_label_hex(&a->value_mac, e->value, e->value_len, hmac);
	member_str(b, "hmac", hmac);
	if (e->basis)
		member_str(b, "basis", e->basis);
	if (e->why)
		member_str(b, "decided_by", e->why);
	count_in(a->counts, e->category, e->action);
	a->events++;
	return finish_line(a, 0);
}

int audit_trailer(struct audit *a, const struct audit_trailer *t)
{
	json_t *o = json_object();
	char when[32];
	now_utc(when);
	json_object_set_new(o, "type", json_string("trailer"));
	json_object_set_new(o, "finished", json_string(when));
	json_object_set_new(o, "records", json_integer((json_int_t)t->records));
	json_object_set_new(o, "fields_changed", json_integer((json_int_t)t->fields_changed));
	json_object_set_new(o, "events", json_integer((json_int_t)a->events));
	json_object_set_new(o, "counts", json_incref(a->counts));
	json_object_set_new(o, "input_sha256", json_string(t->input_sha256));
	json_object_set_new(o, "input_bytes", json_integer((json_int_t)t->input_bytes));
	json_object_set_new(o, "output", json_string(t->output));
	json_object_set_new(o, "output_sha256", json_string(t->output_sha256));
	json_object_set_new(o, "output_bytes", json_integer((json_int_t)t->output_bytes));
	return put_line(a, o, 1);
}

int audit_close(struct audit *a)
{
	int rc = a->failed ? -1 : 0;
	if (a->f) {
		if (fflush(a->f) || ferror(a->f)) {
			if (!rc)
				rc = error("cannot write audit log '%s': %s", a->path, strerror(errno));
		}
		if (fclose(a->f) && !rc)
			rc = error("cannot write audit log '%s': %s", a->path, strerror(errno));
	}
	json_decref(a->counts);
	free(a->path);
	buf_release(&a->line);
	hmac_label_release(&a->value_mac);
	memset(a, 0, sizeof *a);
	return rc;
}

/* ------------------------------------------------------------- verifying */

int file_sha256(const char *path, char hex[SHA256_HEX])
{
	FILE *f = fopen(path, "rb");
	struct sha256 h;
	unsigned char d[SHA256_LEN], chunk[65536];
	size_t r;
	if (!f)
		return error("cannot open '%s': %s", path, strerror(errno));
	sha256_init(&h);
	while ((r = fread(chunk, 1, sizeof chunk, f)) > 0)
		sha256_update(&h, chunk, r);
	if (ferror(f)) {
		fclose(f);
		return error("cannot read '%s'", path);
	}
	fclose(f);
	sha256_final(&h, d);
	hex_encode(d, sizeof d, hex);
	return 0;
}

static int is_hex64(const char *s)
{
	size_t i;
	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/*
 * Checks the trailer's seal (and MAC): the line must end with
 * ,"seal":"<64 hex>"[,"mac":"<64 hex>"]} and the seal must be the SHA-256
 * of the line without those members.
 */
static int check_seal(const char *path, unsigned long ln, const char *line, size_t n,
		      const struct key *key, struct audit_check *res)
{
	static const char sk[] = ",\"seal\":\"", mk[] = ",\"mac\":\"";
	const char *seal = NULL, *mac = NULL, *p;
	struct buf body = BUF_INIT;
	char hex[SHA256_HEX];
	size_t tail;
	for (p = line; (p = strstr(p, sk)); p++)
		seal = p;
	if (!seal || (size_t)(line + n - seal) < sizeof sk - 1 + 64 + 2 ||
	    !is_hex64(seal + sizeof sk - 1) || seal[sizeof sk - 1 + 64] != '"')
		goto bad;
	tail = (size_t)(seal - line) + sizeof sk - 1 + 65;
	if (!strncmp(line + tail, mk, sizeof mk - 1)) {
		mac = line + tail + sizeof mk - 1;
		if ((size_t)(line + n - mac) < 66 || !is_hex64(mac) || mac[64] != '"')
			goto bad;
		tail += sizeof mk - 1 + 65;
	}
	if (tail + 1 != n || line[tail] != '}')
		goto bad;
	buf_add(&body, line, (size_t)(seal - line));
	buf_addch(&body, '}');
	sha256_hex(body.ptr, body.len, hex);
	buf_release(&body);
	if (memcmp(hex, seal + sizeof sk - 1, 64)) {
		printf("%s:%lu: the trailer was edited (its seal does not match)\n", path, ln);
		return 1;
	}
	if (key && key->user) {
		unsigned char d[SHA256_LEN];
		char want[SHA256_HEX];
		if (!mac) {
			printf("%s:%lu: the trailer has no MAC, but a key was given\n", path, ln);
			return 1;
		}
		hmac_sha256(key->audit, "znes audit seal", hex, 64, d);
		hex_encode(d, sizeof d, want);
		if (!crypto_equal(want, mac, 64)) {
			printf("%s:%lu: the trailer's MAC does not match the key: the log was "
			       "rewritten, or made with another key\n", path, ln);
			return 1;
		}
		res->mac_checked = 1;
	}
	return 0;
bad:
	printf("%s:%lu: the trailer has no valid seal (edited or cut)\n", path, ln);
	return 1;
}

/* Compares the trailer's counts with those recomputed from the events. */
static int same_counts(json_t *a, json_t *b)
{
	return json_is_object(a) && json_is_object(b) && json_equal(a, b);
}

static int check_digest(const char *path, unsigned long ln, json_t *tr, const char *key,
			const char *file, const char *what)
{
	char hex[SHA256_HEX];
	const char *want = json_string_value(json_object_get(tr, key));
	if (!file)
		return 0;
	if (file_sha256(file, hex) < 0)
		return -1;
	if (!want || strcmp(want, hex)) {
		printf("%s:%lu: the %s '%s' does not match the log (SHA-256 %.16s…, log says %.16s…)\n",
		       path, ln, what, file, hex, want ? want : "nothing");
		return 1;
	}
	return 0;
}

int audit_verify(const char *path, const char *output, const char *input,
		 const struct key *key, struct audit_check *res)
{
	return audit_verify_each(path, output, input, key, res, NULL, NULL);
}

int audit_verify_each(const char *path, const char *output, const char *input,
		      const struct key *key, struct audit_check *res,
		      void (*each)(void *ctx, void *line), void *ctx)
{
	FILE *f = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long ln = 0;
	char prev[SHA256_HEX];
	json_t *counts = json_object(), *trailer = NULL;
	int rc = 0;
	memset(res, 0, sizeof *res);
	if (!f) {
		json_decref(counts);
		return error("cannot open audit log '%s': %s", path, strerror(errno));
	}
	memcpy(prev, ZERO_HASH, sizeof prev);
#define FAIL(...) do { printf(__VA_ARGS__); rc = 1; goto done; } while (0)
	while ((len = getline(&line, &cap, f)) >= 0) {
		json_t *o, *parsed;
		json_error_t je;
		const char *type, *p;
		json_int_t seq;
		ln++;
		if (trailer)
			FAIL("%s:%lu: a line after the trailer (appended or moved)\n", path, ln);
		if (len == 0 || line[len - 1] != '\n')
			FAIL("%s:%lu: the line is incomplete: the log was cut (the run did not finish?)\n",
			     path, ln);
		line[--len] = '\0';
		o = json_loadb(line, (size_t)len, JSON_REJECT_DUPLICATES, &je);
		if (!o || !json_is_object(o)) {
			json_decref(o);
			FAIL("%s:%lu: not a JSON object (edited or cut): %s\n", path, ln, je.text);
		}
		parsed = o; /* the trailer's is kept past the line */
		type = json_string_value(json_object_get(o, "type"));
		p = json_string_value(json_object_get(o, "prev"));
		seq = json_integer_value(json_object_get(o, "seq"));
		if (!type || !p || !json_is_integer(json_object_get(o, "seq"))) {
			json_decref(o);
			FAIL("%s:%lu: not an audit line (no type, seq or prev)\n", path, ln);
		}
		if (strcmp(p, prev)) {
			json_decref(o);
			if (ln == 1)
				FAIL("%s:1: the first line is not a log's start (a line was inserted "
				     "before the header, or the header was removed)\n", path);
			FAIL("%s:%lu: hash chain broken: line %lu was edited, or a line was "
			     "deleted, inserted or moved here\n", path, ln, ln - 1);
		}
		if (seq != (json_int_t)(ln - 1)) {
			json_decref(o);
			FAIL("%s:%lu: sequence number %lld where %lu belongs: lines were deleted, "
			     "inserted or moved\n", path, ln, (long long)seq, ln - 1);
		}
		if (ln == 1) {
			const char *fmt = json_string_value(json_object_get(o, "format"));
			const char *fp = json_string_value(json_object_get(o, "key_fingerprint"));
			if (strcmp(type, "header") || !fmt || strcmp(fmt, AUDIT_FORMAT)) {
				json_decref(o);
				FAIL("%s:1: not a znes audit log header (format %s)\n", path, AUDIT_FORMAT);
			}
			if (key && key->user && (!fp || strcmp(fp, key->fingerprint))) {
				printf("%s:1: the log was made with another key (fingerprint %s, yours %s)\n",
				       path, fp ? fp : "none", key->fingerprint);
				json_decref(o);
				rc = 1;
				goto done;
			}
		} else if (!strcmp(type, "event")) {
			const char *cat = json_string_value(json_object_get(o, "category"));
			const char *act = json_string_value(json_object_get(o, "action"));
			if (!act) {
				json_decref(o);
				FAIL("%s:%lu: an event without an action\n", path, ln);
			}
			count_in(counts, cat, act);
			res->events++;
		} else if (!strcmp(type, "trailer")) {
			if (check_seal(path, ln, line, (size_t)len, key, res)) {
				json_decref(o);
				rc = 1;
				goto done;
			}
			trailer = o;
			o = NULL;
			if (!same_counts(json_object_get(trailer, "counts"), counts) ||
			    json_integer_value(json_object_get(trailer, "events")) != (json_int_t)res->events)
				FAIL("%s:%lu: the trailer's counts do not match the events\n", path, ln);
		} else {
			printf("%s:%lu: unknown line type '%s'\n", path, ln, type);
			json_decref(o);
			rc = 1;
			goto done;
		}
		if (each)
			each(ctx, parsed);
		json_decref(o);
		sha256_hex(line, (size_t)len, prev);
	}
	if (ferror(f)) {
		rc = error("cannot read audit log '%s'", path);
		goto done;
	}
	if (!ln)
		FAIL("%s: empty: no header, no trailer\n", path);
	if (!trailer)
		FAIL("%s:%lu: no trailer: the run did not finish, or the log was cut\n", path, ln);
	res->has_trailer = 1;
	{
		int r = check_digest(path, ln, trailer, "output_sha256", output, "output");
		if (!r)
			r = check_digest(path, ln, trailer, "input_sha256", input, "input");
		if (r) {
			rc = r;
			goto done;
		}
	}
#undef FAIL
done:
	res->lines = ln;
	memcpy(res->head, prev, sizeof prev);
	json_decref(trailer);
	json_decref(counts);
	free(line);
	fclose(f);
	return rc;
}
