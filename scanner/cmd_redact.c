/*
 * cmd_redact.c — `znes redact`: read a dataset, let the policy decide what
 * happens to each finding (filters/policy.h, filters/action.h), write the
 * same format to OUT or stdout, and, with --audit, record every change in
 * a hash-chained audit log (filters/audit.h). The log's header goes out
 * before the first record, its events as records pass, its trailer (with
 * the input's and output's SHA-256, taken by taps on the byte streams)
 * only after the output is complete: a run that fails or is interrupted
 * leaves a log without a trailer, which `znes audit verify` rejects.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "filters/action.h"
#include "filters/audit.h"
#include "filters/crypto.h"
#include "filters/policy.h"
#include "rules/detect.h"
#include "scanner/cli.h"
#include "scanner/i18n.h"

static const char redact_help[] = N_(
	"usage: znes redact [options] [-o OUT] [FILE|-]\n"
	"\n"
	"Writes a de-identified copy of FILE (stdin when absent or '-') to OUT\n"
	"(stdout when absent or '-'), in the same format. Without a policy each\n"
	"piece of personal data found is replaced by its category token\n"
	"([ТЕЛЕФОН], [РНОКПП], ...); ЄДРПОУ codes of organisations are kept. A\n"
	"policy (--policy, see `znes policy check` and README.md) chooses per\n"
	"category or field: drop, token, placeholder, mask, pseudonym,\n"
	"generalize, drop-column or keep (with a legal basis). Records with\n"
	"nothing to change come out byte for byte as they went in. OUT is written\n"
	"to a temporary file and renamed only on success, so a failed run leaves\n"
	"no OUT. An Excel workbook (.xlsx) is written as .xlsx with the same\n"
	"worksheets (values only: no formatting or formulas), or one worksheet as\n"
	"CSV with --output-format csv.\n"
	"\n"
	"options:\n"
	"  -o, --output OUT    where to write (default: stdout)\n"
	"  --policy FILE       what to do with each finding (default: remove all)\n"
	"  --audit FILE        write an audit log (JSON Lines, hash-chained); check it\n"
	"                      with `znes audit verify FILE`\n"
	"  --key-file FILE     secret key for pseudonyms and the audit log's hmac\n"
	"                      (at least 16 bytes; refused if group or others may\n"
	"                      read it). Without it, $ZNES_KEY is used; with neither,\n"
	"                      the audit hmac uses a random key for this run only\n"
	"                      (its fingerprint is in the log) and pseudonyms are\n"
	"                      refused. The key itself is never written anywhere.\n"
	"  --format FMT        same as --input-format: the output has the input's format\n"
	"  --output-format FMT for an xlsx input: xlsx (default) or csv (delimiter:\n"
	"                      --delimiter, default ,); other inputs keep their format\n"
	"  --pass-through      no rules: parse and write only (the benchmark baseline)\n"
	"%s"
	"  -h, --help          show this help\n"
	"\n"
	"examples:\n"
	"  znes redact -o clean.csv register.csv\n"
	"  znes redact --policy policy.json --key-file ~/.znes.key --audit a.jsonl -o out.csv in.csv\n"
	"  cat in.csv | znes redact --audit a.jsonl > out.csv\n"
	"  znes redact -o clean.xlsx register.xlsx\n"
	"  znes redact --output-format csv -o clean.csv register.xlsx\n"
	"  export.sh | znes redact --format jsonl | upload.sh\n");

struct redact_stage {
	struct detector det;
	struct policy pol;
	struct key key;
	struct actor actor;
	struct audit audit;
	int audit_open;
	struct buf arena;
	unsigned long long records;
	struct sha256 in_digest, out_digest;
	unsigned long long out_bytes;
	const char *key_source;
};

static const char *colname(void *ctx, unsigned col)
{
	return reader_colname(ctx, col);
}

static int redact_record(void *ctx, struct reader *rd, struct record *rec)
{
	struct redact_stage *s = ctx;
	const struct findings *ff = detector_run(&s->det, rd, rec);
	buf_reset(&s->arena);
	s->actor.colname_ctx = rd;
	s->records += rec->kind == REC_DATA;
	return actor_record(&s->actor, rec, ff, &s->arena);
}

static void out_tap(void *ctx, const void *p, size_t n)
{
	struct redact_stage *s = ctx;
	sha256_update(&s->out_digest, p, n);
	s->out_bytes += n;
}

/* SHA-256 over the rule files read, in order: which rules judged the data. */
static int rules_digest(const struct ruleset *rs, char hex[SHA256_HEX])
{
	struct sha256 h;
	unsigned char d[SHA256_LEN];
	const char *p = rs->sources.ptr, *nl;
	sha256_init(&h);
	while ((nl = strchr(p, '\n'))) {
		char *path = xmemdup(p, (size_t)(nl - p));
		char fh[SHA256_HEX];
		int rc = file_sha256(path, fh);
		free(path);
		if (rc < 0)
			return -1;
		sha256_update(&h, fh, 64);
		p = nl + 1;
	}
	sha256_final(&h, d);
	hex_encode(d, sizeof d, hex);
	return 0;
}

/* Refuses an audit log that would overwrite the input or the output. */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	if (!a || !b || !strcmp(a, "-") || !strcmp(b, "-"))
		return 0;
	if (!strcmp(a, b))
		return 1;
	return !stat(a, &sa) && !stat(b, &sb) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int start_audit(struct redact_stage *s, const char *path, const struct common_opts *o)
{
	struct audit_header h;
	char rd[SHA256_HEX];
	const char **id, **label;
	int *personal, rc;
	size_t i, n = s->det.rs.ncat;
	if (same_file(path, o->pipe.in_path) || same_file(path, o->pipe.out_path))
		return error("the audit log '%s' would overwrite the input or the output", path);
	if (rules_digest(&s->det.rs, rd) < 0)
		return -1;
	if (audit_open(&s->audit, path, &s->key) < 0)
		return -1;
	s->audit_open = 1;
	id = xcalloc(n + 1, sizeof *id);
	label = xcalloc(n + 1, sizeof *label);
	personal = xcalloc(n + 1, sizeof *personal);
	for (i = 0; i < n; i++) {
		id[i] = s->det.rs.cat[i].id;
		label[i] = s->det.rs.cat[i].label;
		personal[i] = s->det.rs.cat[i].personal;
	}
	memset(&h, 0, sizeof h);
	h.input = o->pipe.in_path && strcmp(o->pipe.in_path, "-") ? o->pipe.in_path : "<stdin>";
	h.rules_digest = rd;
	h.policy = s->pol.source;
	h.policy_digest = s->pol.digest;
	h.key_source = s->key_source;
	h.cat_id = id;
	h.cat_label = label;
	h.cat_personal = personal;
	h.ncat = n;
	rc = audit_header(&s->audit, &h);
	free(id);
	free(label);
	free(personal);
	return rc;
}

static int finish_audit(struct redact_stage *s, const struct common_opts *o,
			unsigned long long in_bytes)
{
	struct audit_trailer t;
	unsigned char d[SHA256_LEN];
	char in_hex[SHA256_HEX], out_hex[SHA256_HEX];
	sha256_final(&s->in_digest, d);
	hex_encode(d, sizeof d, in_hex);
	sha256_final(&s->out_digest, d);
	hex_encode(d, sizeof d, out_hex);
	memset(&t, 0, sizeof t);
	t.records = s->records;
	t.fields_changed = s->actor.fields_changed;
	t.input_sha256 = in_hex;
	t.input_bytes = in_bytes;
	t.output = o->pipe.out_path && strcmp(o->pipe.out_path, "-") ? o->pipe.out_path : "<stdout>";
	t.output_sha256 = out_hex;
	t.output_bytes = s->out_bytes;
	return audit_trailer(&s->audit, &t);
}

/* Counts input bytes as well as hashing them (the trailer reports both). */
struct in_count {
	struct sha256 *h;
	unsigned long long n;
};

static void in_tap(void *ctx, const void *p, size_t n)
{
	struct in_count *c = ctx;
	sha256_update(c->h, p, n);
	c->n += n;
}

static int load_key(struct redact_stage *s, const char *key_file)
{
	const char *env = getenv("ZNES_KEY");
	if (key_file) {
		s->key_source = "key file";
		return key_from_file(&s->key, key_file);
	}
	if (env && *env) {
		s->key_source = "environment (ZNES_KEY)";
		if (key_from_secret(&s->key, env, strlen(env)) < 0)
			return error("ZNES_KEY: the key is too short (at least %d bytes needed)",
				     KEY_MIN_BYTES);
		return 0;
	}
	s->key_source = "random (this run only)";
	key_random(&s->key);
	return 0;
}

int cmd_redact(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "pass-through", no_argument, NULL, 0 },
		{ "format", required_argument, NULL, 0 },
		{ "policy", required_argument, NULL, 'P' },
		{ "audit", required_argument, NULL, 'A' },
		{ "key-file", required_argument, NULL, 'K' },
		{ "output-format", required_argument, NULL, 'F' },
		COMMON_LONGOPTS,
	};
	struct common_opts o;
	struct redact_stage s;
	struct stage st;
	struct in_count ic;
	const char *policy_path = NULL, *audit_path = NULL, *key_file = NULL;
	int c, idx, rc = EXIT_ERROR;
	memset(&o, 0, sizeof o);
	o.pipe.write = 1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:hq", longopts, &idx)) != -1) {
		switch (c) {
		case 'o':
			o.pipe.out_path = optarg;
			break;
		case 'P':
			policy_path = optarg;
			break;
		case 'A':
			audit_path = optarg;
			break;
		case 'K':
			key_file = optarg;
			break;
		case 'F':
			if (format_parse(optarg, &o.pipe.out_format) < 0)
				return ZNES_USAGE_ERROR("unknown output format '%s' (expected xlsx or csv"
							" for an xlsx input)", optarg);
			break;
		default:
			if ((c = common_case(&o, c, longopts, idx, "redact", redact_help)) >= 0)
				return c;
		}
	}
	if (argc - optind > 1)
		return ZNES_USAGE_ERROR("redact takes one input (got %d); see znes redact --help",
					argc - optind);
	if (audit_path && o.pipe.bare)
		return ZNES_USAGE_ERROR("--audit cannot be used with --pass-through (nothing is redacted)");
	o.pipe.in_path = optind < argc ? argv[optind] : NULL;
	/* the baseline is parsing and writing alone: no rules are loaded,
	 * so their start-up cost is not counted in it */
	if (o.pipe.bare)
		return pipeline_run(&o.pipe, NULL, 0) < 0 ? EXIT_ERROR : EXIT_OK;
	memset(&s, 0, sizeof s);
	if (crypto_ready() < 0)
		return EXIT_ERROR;
	if (detector_init(&s.det, NULL, o.rules_dir) < 0)
		return EXIT_ERROR;
	s.det.threads = o.threads;
	if (policy_path ? policy_load(&s.pol, policy_path, &s.det.rs) < 0
			: (policy_default(&s.pol, &s.det.rs), 0))
		goto out_policy;
	if (load_key(&s, key_file) < 0)
		goto out_policy;
	/* Refuse before anything is written: no silent fallback to tokens. */
	if (s.pol.uses_key && !s.key.user) {
		error("the policy '%s' asks for pseudonyms, which need a secret key: "
		      "use --key-file FILE or set ZNES_KEY", s.pol.source);
		goto out_key;
	}
	if (audit_path && start_audit(&s, audit_path, &o) < 0)
		goto out_audit;
	actor_init(&s.actor, &s.det.rs, &s.pol, &s.key, s.audit_open ? &s.audit : NULL,
		   colname, NULL);
	buf_init(&s.arena, 0);
	sha256_init(&s.in_digest);
	sha256_init(&s.out_digest);
	ic.h = &s.in_digest;
	ic.n = 0;
	if (s.audit_open) {
		o.pipe.in_tap = in_tap;
		o.pipe.in_tap_ctx = &ic;
		o.pipe.out_tap = out_tap;
		o.pipe.out_tap_ctx = &s;
	}
	memset(&st, 0, sizeof st);
	detector_stage(&s.det, &st);
	st.record = redact_record;
	st.ctx = &s;
	rc = pipeline_run(&o.pipe, &st, 1) < 0 ? EXIT_ERROR : EXIT_OK;
	/* The trailer only for a complete output: otherwise verify must fail. */
	if (rc == EXIT_OK && s.audit_open && finish_audit(&s, &o, ic.n) < 0)
		rc = EXIT_ERROR;
	buf_release(&s.arena);
	actor_release(&s.actor);
out_audit:
	if (s.audit_open && audit_close(&s.audit) < 0)
		rc = EXIT_ERROR;
out_key:
	key_release(&s.key);
out_policy:
	policy_release(&s.pol);
	detector_release(&s.det);
	return rc;
}
