/*
 * cmd_rules.c — `znes rules list` shows the loaded rules; `znes rules test
 * TEXT` runs them on a text and shows every candidate and what became of
 * it (rule, byte span, verdict, context words, confidence), so that a rule
 * author can see why something was or was not found.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "rules/detect.h"
#include "scanner/cli.h"
#include "scanner/i18n.h"

static const char rules_help[] = N_(
	"usage: znes rules list [--rules DIR]\n"
	"       znes rules test [--rules DIR] [--column NAME] TEXT\n"
	"\n"
	"list   shows each rule: id, category, how it matches, its validator, the\n"
	"       pack it comes from\n"
	"test   runs the rules on TEXT as if it were a value of column NAME and shows\n"
	"       every candidate: rule, byte span, verdict, context words, confidence\n"
	"\n"
	"examples:\n"
	"  znes rules test 'тел. 067 123 45 67, РНОКПП 3184710691'\n"
	"  znes rules test --column 'Дата народження' '01.02.1980'\n"
	"  znes rules list --rules ./my-packs\n");

struct tctx {
	const char *text;
};

static void on_trace(void *ctx, const struct trace_event *ev)
{
	const struct tctx *t = ctx;
	printf("  %-20s [%zu,%zu) %-24.*s %-28s%s%s", ev->rule->id, ev->start, ev->end,
	       (int)(ev->end - ev->start), t->text + ev->start, ev->verdict,
	       ev->context ? " context" : "", ev->negative ? " negative-context" : "");
	if (ev->conf > 0)
		printf(" conf=%.2f", ev->conf);
	printf("\n");
}

static const char *match_name(enum rule_match m)
{
	switch (m) {
	case MATCH_DIGITS: return "digits";
	case MATCH_REGEX: return "regex";
	case MATCH_NAMES: return "names";
	case MATCH_ADDRESS: return "address";
	}
	return "?";
}

static int rules_list(const struct detector *d)
{
	size_t i;
	const struct ruleset *rs = &d->rs;
	printf("%-20s %-10s %-7s %-17s %s\n", "rule", "category", "match", "validator", "pack");
	for (i = 0; i < rs->nrule; i++) {
		const struct rule *r = &rs->rule[i];
		printf("%-20s %-10s %-7s %-17s %s\n", r->id, rs->cat[r->cat].id,
		       match_name(r->match), validator_name(r->validator), r->pack);
	}
	return fflush(stdout) ? EXIT_ERROR : EXIT_OK;
}

static int rules_test(struct detector *d, const char *column, const char *text)
{
	struct colctx col;
	struct findings ff;
	struct tctx t = { text };
	size_t k;
	colctx_init(&col, &d->eng, column ? column : "");
	findings_init(&ff);
	d->eng.trace = on_trace;
	d->eng.trace_ctx = &t;
	printf("candidates:\n");
	engine_scan(&d->eng, &col, text, strlen(text), &ff);
	printf("findings:\n");
	for (k = 0; k < ff.n; k++) {
		const struct finding *f = &ff.v[k];
		printf("  %-10s [%zu,%zu) %.*s  rule=%s conf=%.2f%s%s%s%s%s%s%s\n", d->rs.cat[f->cat].id,
		       f->start, f->end, (int)(f->end - f->start), text + f->start,
		       d->rs.rule[f->rule].id, f->conf, f->flags & F_VALIDATED ? " validated" : "",
		       f->flags & F_CONTEXT ? " context" : "", f->flags & F_COLUMN ? " column" : "",
		       f->flags & F_RELAXED ? " relaxed" : "", f->flags & F_OFFICIAL ? " official" : "",
		       f->flags & F_ADDR_APARTMENT ? " apartment" : "",
		       f->flags & F_INSTITUTION ? " institution" : "");
	}
	if (!ff.n)
		printf("  none\n");
	findings_release(&ff);
	colctx_release(&col);
	return fflush(stdout) ? EXIT_ERROR : EXIT_OK;
}

int cmd_rules(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "rules", required_argument, NULL, 'r' },
		{ "column", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	const char *extra = NULL, *column = NULL;
	struct detector d;
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(_(rules_help), stdout);
			return fflush(stdout) ? EXIT_ERROR : EXIT_OK;
		case 'r':
			extra = optarg;
			break;
		case 'c':
			column = optarg;
			break;
		default:
			fprintf(stderr, _("see znes %s --help\n"), "rules");
			return EXIT_ERROR;
		}
	}
	if (optind >= argc)
		return ZNES_USAGE_ERROR("rules needs 'list' or 'test TEXT'; see znes rules --help");
	if (strcmp(argv[optind], "list") && strcmp(argv[optind], "test"))
		return ZNES_USAGE_ERROR("unknown rules command '%s' (list or test)", argv[optind]);
	if (!strcmp(argv[optind], "test") && optind + 2 != argc)
		return ZNES_USAGE_ERROR("rules test takes one TEXT argument");
	if (detector_init(&d, NULL, extra) < 0)
		return EXIT_ERROR;
	rc = !strcmp(argv[optind], "list") ? rules_list(&d) : rules_test(&d, column, argv[optind + 1]);
	detector_release(&d);
	return rc;
}
