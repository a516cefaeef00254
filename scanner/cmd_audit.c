/*
 * cmd_audit.c — `znes audit verify|summary AUDIT`: check an audit log
 * written by `znes redact --audit` (filters/audit.h does the checking) and
 * read it back for people: a report in Ukrainian and the text for the
 * dataset passport — for each field, which kind of restricted information
 * was withheld and how (domain.md §1, item 4), as text or, with `--format
 * html`, as one self-contained page (scanner/report_html.h). The log holds
 * no personal value, so neither does anything printed here.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "filters/audit.h"
#include "filters/crypto.h"
#include "scanner/cli.h"
#include "scanner/i18n.h"
#include "scanner/report_html.h"

static const char audit_help[] = N_(
	"usage: znes audit verify [--output FILE] [--input FILE] [--key-file FILE] AUDIT\n"
	"       znes audit summary [--key-file FILE] [--format text|html] AUDIT\n"
	"\n"
	"verify checks an audit log written by `znes redact --audit`: every line\n"
	"must follow the previous one in the hash chain (an edited, deleted,\n"
	"inserted or moved line breaks it), the trailer must be present and\n"
	"sealed (a run that was interrupted has none), and its counts must match\n"
	"the events. With --output (--input), the file's SHA-256 must be the one\n"
	"the log recorded. With a key (--key-file, or $ZNES_KEY), the log must\n"
	"have been made with that key and the trailer's MAC must match it: then\n"
	"not even a rewritten chain passes.\n"
	"\n"
	"summary verifies, then prints a report in Ukrainian and the passport\n"
	"text: for each field, the kind of restricted information withheld and\n"
	"how. --format html writes it as one self-contained page (a chart of the\n"
	"actions, the passport text ready to copy).\n"
	"\n"
	"exit status: 0 the log is intact (and matches the files given),\n"
	"1 it is not, 2 error (cannot read, bad usage)\n");

static int load_verify_key(struct key *k, const char *key_file, int *have)
{
	const char *env = getenv("ZNES_KEY");
	*have = 0;
	if (key_file) {
		if (key_from_file(k, key_file) < 0)
			return -1;
		*have = 1;
	} else if (env && *env) {
		if (key_from_secret(k, env, strlen(env)) < 0)
			return -1;
		*have = 1;
	}
	return 0;
}

/* ------------------------------------------------------------- summary */

static const char *action_phrase(const char *act, const char *to)
{
	if (!strcmp(act, "drop") || !strcmp(act, "token"))
		return "вилучено";
	if (!strcmp(act, "drop-column"))
		return "вилучено повністю (поле не оприлюднюється)";
	if (!strcmp(act, "placeholder"))
		return "вилучено, замінено умовними позначеннями (ОСОБА_1, ОСОБА_2…)";
	if (!strcmp(act, "mask"))
		return "частково приховано (маскування)";
	if (!strcmp(act, "pseudonym"))
		return "закодовано псевдонімом (HMAC-SHA-256 із секретним ключем; без ключа не "
		       "декодується)";
	if (!strcmp(act, "generalize")) {
		if (to && !strcmp(to, "year"))
			return "узагальнено до року";
		if (to && !strcmp(to, "month"))
			return "узагальнено до місяця";
		if (to && !strcmp(to, "settlement"))
			return "узагальнено до населеного пункту";
		if (to && !strcmp(to, "street"))
			return "узагальнено до вулиці";
		return "узагальнено до вікової групи";
	}
	if (!strcmp(act, "keep"))
		return "оприлюднено";
	return act;
}

static const char *label_of(json_t *cats, const char *cat, int *personal)
{
	json_t *c = json_object_get(cats, cat);
	const char *l = json_string_value(json_object_get(c, "label"));
	*personal = !c || json_is_true(json_object_get(c, "personal"));
	return l ? l : cat;
}

static int ulen(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void print_count(const char *s, json_int_t n)
{
	printf("  %s%*s %lld\n", s, 60 - ulen(s) > 0 ? 60 - ulen(s) : 1, "", (long long)n);
}

/* The verification and the run, as the header and trailer tell them. */
static void print_log_info(const char *path, const struct audit_check *chk, int ok, json_t *header,
			   json_t *trailer)
{
	printf("Журнал аудиту: %s\n", path);
	if (ok)
		printf("Перевірка: журнал цілісний (%llu %s, %llu %s%s; голова ланцюжка %s)\n",
		       chk->lines, uk_plural(chk->lines, "рядок", "рядки", "рядків"), chk->events,
		       uk_plural(chk->events, "подія", "події", "подій"),
		       chk->mac_checked ? ", MAC перевірено ключем" : "", chk->head);
	else
		printf("Перевірка: ЖУРНАЛ ПОШКОДЖЕНО АБО НЕПОВНИЙ (див. повідомлення вище); "
		       "звіт нижче не можна вважати достовірним\n");
	if (header) {
		printf("Інструмент: %s; почато %s\n",
		       json_string_value(json_object_get(header, "tool")),
		       json_string_value(json_object_get(header, "started")));
		printf("Правила (SHA-256): %s\n", json_string_value(json_object_get(header, "rules_digest")));
		printf("Політика: %s (SHA-256 %s)\n", json_string_value(json_object_get(header, "policy")),
		       json_string_value(json_object_get(header, "policy_digest")));
		printf("Ключ: відбиток %s (%s)\n",
		       json_string_value(json_object_get(header, "key_fingerprint")),
		       json_string_value(json_object_get(header, "key_source")));
		printf("Вхідний файл: %s\n", json_string_value(json_object_get(header, "input")));
	}
	if (trailer) {
		printf("  SHA-256 %s, %lld байт\n",
		       json_string_value(json_object_get(trailer, "input_sha256")),
		       (long long)json_integer_value(json_object_get(trailer, "input_bytes")));
		printf("Вихідний файл: %s\n  SHA-256 %s, %lld байт\n",
		       json_string_value(json_object_get(trailer, "output")),
		       json_string_value(json_object_get(trailer, "output_sha256")),
		       (long long)json_integer_value(json_object_get(trailer, "output_bytes")));
		printf("Записів: %lld; змінено полів: %lld; подій: %lld\n",
		       (long long)json_integer_value(json_object_get(trailer, "records")),
		       (long long)json_integer_value(json_object_get(trailer, "fields_changed")),
		       (long long)json_integer_value(json_object_get(trailer, "events")));
	}
}

/*
 * A summary groups the events by field and by what happened (action,
 * level, basis), listing the categories of each group: one passport line
 * per group. The counts per kind and the groups are gathered from the
 * log's lines first (summary_line), then printed as text or handed to the
 * HTML page (summarize).
 */
struct summary {
	json_t *header, *trailer, *groups, *cats, *bycat, *actions;
};

static void summary_init(struct summary *sm)
{
	memset(sm, 0, sizeof *sm);
	sm->groups = json_object();
	sm->bycat = json_object();
	sm->actions = json_object();
}

static void summary_release(struct summary *sm)
{
	json_decref(sm->header);
	json_decref(sm->trailer);
	json_decref(sm->groups);
	json_decref(sm->bycat);
	json_decref(sm->actions);
	memset(sm, 0, sizeof *sm);
}

/* One more of key in obj (key -> count). */
static void tally(json_t *obj, const char *key)
{
	json_t *n = json_object_get(obj, key);
	if (n)
		json_integer_set(n, json_integer_value(n) + 1);
	else
		json_object_set_new(obj, key, json_integer(1));
}

/* One line of the log (a parsed json_t, only read) into the summary. */
static void summary_line(void *ctx, void *line)
{
	struct summary *sm = ctx;
	json_t *o = line;
	const char *type = json_string_value(json_object_get(o, "type"));
	if (!type)
		return;
	if (!strcmp(type, "header") && !sm->header) {
		sm->header = json_incref(o);
		sm->cats = json_object_get(sm->header, "categories");
		return;
	}
	if (!strcmp(type, "trailer")) {
		json_decref(sm->trailer);
		sm->trailer = json_incref(o);
		return;
	}
	if (!strcmp(type, "event")) {
		const char *field = json_string_value(json_object_get(o, "field"));
		const char *cat = json_string_value(json_object_get(o, "category"));
		const char *act = json_string_value(json_object_get(o, "action"));
		const char *to = json_string_value(json_object_get(o, "to"));
		const char *basis = json_string_value(json_object_get(o, "basis"));
		struct buf gk = BUF_INIT, ck = BUF_INIT;
		json_t *fg, *grp;
		if (!field || !act)
			return;
		tally(sm->actions, act);
		if (!(fg = json_object_get(sm->groups, field)))
			json_object_set_new(sm->groups, field, fg = json_object());
		buf_addf(&gk, "%s%s%s", action_phrase(act, to), basis ? ": " : "", basis ? basis : "");
		if (!(grp = json_object_get(fg, gk.ptr))) {
			json_object_set_new(fg, gk.ptr, grp = json_object());
			json_object_set_new(grp, "keep", json_boolean(!strcmp(act, "keep")));
			json_object_set_new(grp, "cats", json_object());
		}
		json_object_set_new(json_object_get(grp, "cats"), cat ? cat : "", json_true());
		buf_addf(&ck, "%s\x1f%s", cat ? cat : "", gk.ptr);
		tally(sm->bycat, ck.ptr);
		buf_release(&gk);
		buf_release(&ck);
	}
}

/* Reads every line of the log into sm, whatever verify said of it. */
static int summary_read(const char *path, struct summary *sm)
{
	FILE *f = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	if (!f)
		return error("cannot open audit log '%s'", path);
	while ((len = getline(&line, &cap, f)) > 0) {
		json_t *o = json_loadb(line, (size_t)len, 0, NULL);
		if (o)
			summary_line(sm, o);
		json_decref(o);
	}
	free(line);
	fclose(f);
	return 0;
}

/* Prints the summary of the log sm gathered. */
static int summarize(const char *path, const struct audit_check *chk, int ok, int html,
		     struct summary *sm)
{
	json_t *header = sm->header, *trailer = sm->trailer, *groups = sm->groups, *cats = sm->cats;
	json_t *bycat = sm->bycat, *kinds = json_array(), *actions = sm->actions;
	struct buf passport = BUF_INIT;
	const char *key, *k2;
	json_t *g, *v;

	json_object_foreach(bycat, key, v) {
		const char *sep = strchr(key, '\x1f');
		int personal;
		char *cat = xmemdup(key, (size_t)(sep - key));
		json_array_append_new(kinds, json_pack("{s:s, s:s, s:s, s:I}", "category", cat, "kind",
						       *cat ? label_of(cats, cat, &personal) : "поле повністю",
						       "how", sep + 1, "count", json_integer_value(v)));
		free(cat);
	}

	json_object_foreach(groups, key, g) {
		json_object_foreach(g, k2, v) {
			const char *c;
			json_t *t;
			int first = 1, personal = 1, any_personal = 0;
			struct buf kinds_of = BUF_INIT;
			if (json_is_true(json_object_get(v, "keep")))
				continue;
			json_object_foreach(json_object_get(v, "cats"), c, t) {
				const char *l = *c ? label_of(cats, c, &personal) : NULL;
				if (!l)
					continue;
				any_personal |= personal;
				buf_addf(&kinds_of, "%s%s", first ? "" : "; ", l);
				first = 0;
			}
			if (!kinds_of.len)
				buf_addf(&passport, "Поле «%s»: інформація з обмеженим доступом — %s\n", key, k2);
			else if (any_personal)
				buf_addf(&passport, "Поле «%s»: конфіденційна інформація про фізичну особу (%s) — %s\n",
					 key, kinds_of.ptr, k2);
			else
				buf_addf(&passport, "Поле «%s»: інформація з обмеженим доступом (%s) — %s\n", key,
					 kinds_of.ptr, k2);
			buf_release(&kinds_of);
		}
	}
	{
		int any = 0;
		json_object_foreach(groups, key, g) {
			json_object_foreach(g, k2, v) {
				const char *c;
				json_t *t;
				int first = 1, personal;
				if (!json_is_true(json_object_get(v, "keep")))
					continue;
				if (!any)
					buf_adds(&passport, "\nОприлюднено на правовій підставі (персональні дані, "
							    "залишені свідомо):\n");
				any = 1;
				buf_addf(&passport, "Поле «%s»: ", key);
				json_object_foreach(json_object_get(v, "cats"), c, t) {
					buf_addf(&passport, "%s%s", first ? "" : "; ",
						 *c ? label_of(cats, c, &personal) : "значення");
					first = 0;
				}
				buf_addf(&passport, " — %s\n", k2);
			}
		}
	}

	if (html) {
		struct html_audit a = { path, ok, chk, header, trailer, kinds, actions, passport.ptr };
		struct buf page = BUF_INIT;
		html_audit_report(&page, &a);
		fwrite(page.ptr, 1, page.len, stdout);
		buf_release(&page);
	} else {
		size_t i;
		print_log_info(path, chk, ok, header, trailer);
		printf("\nЗа видами інформації:\n");
		if (!json_array_size(kinds))
			printf("  персональних даних не виявлено, нічого не змінено\n");
		json_array_foreach(kinds, i, v) {
			struct buf b = BUF_INIT;
			buf_addf(&b, "%s — %s", json_string_value(json_object_get(v, "kind")),
				 json_string_value(json_object_get(v, "how")));
			print_count(b.ptr, json_integer_value(json_object_get(v, "count")));
			buf_release(&b);
		}
		printf("\nДля паспорта набору даних — елементи, не оприлюднені через обмежений доступ,\n"
		       "із зазначенням виду інформації:\n");
		fputs(passport.ptr, stdout);
	}
	buf_release(&passport);
	json_decref(kinds);
	return fflush(stdout) ? -1 : 0;
}

int cmd_audit(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "input", required_argument, NULL, 'i' },
		{ "key-file", required_argument, NULL, 'K' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL, *input = NULL, *key_file = NULL, *sub;
	struct audit_check chk;
	struct key key;
	int c, have_key, rc, html = 0;
	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		fputs(_(audit_help), stdout);
		return fflush(stdout) ? EXIT_ERROR : EXIT_OK;
	}
	if (argc < 2)
		return ZNES_USAGE_ERROR("audit needs a subcommand: verify or summary (see znes audit --help)");
	sub = argv[1];
	if (strcmp(sub, "verify") && strcmp(sub, "summary"))
		return ZNES_USAGE_ERROR("unknown audit subcommand '%s' (expected verify or summary)", sub);
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 'i':
			input = optarg;
			break;
		case 'K':
			key_file = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "text") && strcmp(optarg, "html"))
				return ZNES_USAGE_ERROR("unknown report format '%s' (text or html)", optarg);
			html = !strcmp(optarg, "html");
			break;
		case 'h':
			fputs(_(audit_help), stdout);
			return fflush(stdout) ? EXIT_ERROR : EXIT_OK;
		default:
			fprintf(stderr, _("see znes %s --help\n"), "audit");
			return EXIT_ERROR;
		}
	}
	if (html && strcmp(sub, "summary"))
		return ZNES_USAGE_ERROR("--format html is for audit summary (verify prints one line)");
	if (argc - 1 - optind != 1)
		return ZNES_USAGE_ERROR("audit %s takes one audit log (see znes audit --help)", sub);
	if (crypto_ready() < 0)
		return EXIT_ERROR;
	memset(&key, 0, sizeof key);
	if (load_verify_key(&key, key_file, &have_key) < 0)
		return EXIT_ERROR;
	if (!strcmp(sub, "summary")) {
		/* a log that holds is summarised from verify's own reading of
		 * it; one that does not, from a reading of every line */
		struct summary sm;
		summary_init(&sm);
		rc = audit_verify_each(argv[1 + optind], output, input, have_key ? &key : NULL, &chk,
				       summary_line, &sm);
		key_release(&key);
		if (rc > 0) {
			summary_release(&sm);
			summary_init(&sm);
			if (summary_read(argv[1 + optind], &sm) < 0)
				rc = -1;
		}
		if (rc < 0 || summarize(argv[1 + optind], &chk, rc == 0, html, &sm) < 0) {
			summary_release(&sm);
			return EXIT_ERROR;
		}
		summary_release(&sm);
		return rc ? EXIT_FOUND : EXIT_OK;
	}
	rc = audit_verify(argv[1 + optind], output, input, have_key ? &key : NULL, &chk);
	key_release(&key);
	if (rc < 0)
		return EXIT_ERROR;
	if (!rc) {
		printf(ngettext("%s: ok: %llu line", "%s: ok: %llu lines", plural_n(chk.lines)),
		       argv[1 + optind], chk.lines);
		fputs(", ", stdout);
		printf(ngettext("%llu event", "%llu events", plural_n(chk.events)), chk.events);
		fputs(_(", trailer sealed"), stdout);
		if (chk.mac_checked)
			fputs(_(", MAC matches the key"), stdout);
		if (output)
			fputs(_(", output matches"), stdout);
		if (input)
			fputs(_(", input matches"), stdout);
		printf(_("; chain head %s\n"), chk.head);
	}
	if (fflush(stdout))
		return EXIT_ERROR;
	return rc ? EXIT_FOUND : EXIT_OK;
}
