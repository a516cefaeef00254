/*
 * cmd_corpus.c — `znes corpus add|list|remove`: keep the index of datasets
 * already published, which `znes link` and `znes scan --db` check new
 * datasets against. `add` streams the dataset through the linkage stage
 * (corpus/extract.h) into the index in one transaction: keyed hashes of
 * its quasi-identifiers and direct identifiers, never the values.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/extract.h"
#include "corpus/index.h"
#include "scanner/cli.h"
#include "scanner/i18n.h"

static const char corpus_help[] = N_(
	"usage: znes corpus add [--db FILE] --name NAME [--source URL] [options] DATASET\n"
	"       znes corpus list [--db FILE]\n"
	"       znes corpus remove [--db FILE] NAME\n"
	"\n"
	"Keeps the index of datasets already published, for znes link and\n"
	"znes scan --db. The index stores keyed hashes (the key sits next to it,\n"
	"FILE.key, mode 0600), never the values.\n"
	"\n"
	"options:\n"
	"  --db FILE           the index (default: $XDG_DATA_HOME/znes/corpus.db,\n"
	"                      else ~/.local/share/znes/corpus.db)\n"
	"  --name NAME         the dataset's name in the index (add)\n"
	"  --source URL        where it is published (add)\n"
	"%s"
	"  -h, --help          show this help\n"
	"\n"
	"examples:\n"
	"  znes corpus add --name voters-2023 --source https://data.gov.ua/... voters.csv\n"
	"  znes corpus list\n");

struct add_ctx {
	struct corpus *c;
	int64_t id;
};

static int add_row(void *ctx, const struct xrow *r)
{
	struct add_ctx *a = ctx;
	size_t i;
	if (corpus_add_row(a->c, a->id, r->row, r->direct, r->h, r->set) < 0)
		return -1;
	for (i = 0; i < r->nid; i++)
		if (corpus_add_ident(a->c, r->id[i].kind, r->id[i].h) < 0)
			return -1;
	return 0;
}

static int corpus_add(struct corpus *c, const struct common_opts *o, const char *name,
		      const char *source)
{
	struct extractor x;
	struct stage st;
	struct add_ctx a;
	size_t i;
	int rc = -1;
	a.c = c;
	if (extractor_init(&x, c, o->rules_dir, 1) < 0)
		return -1;
	x.emit = add_row;
	x.emit_ctx = &a;
	extractor_stage(&x, &st);
	if (corpus_add_begin(c, name, source, o->pipe.in_path ? o->pipe.in_path : "-", &a.id) < 0)
		goto out;
	if (pipeline_run(&o->pipe, &st, 1) < 0) {
		corpus_add_abort(c);
		goto out;
	}
	for (i = 0; i < x.ncol; i++) {
		const struct xcol *xc = &x.col[i];
		const char *kind = NULL;
		if (!xc->name)
			continue;
		if (xc->kind != QK_NONE)
			kind = qi_kind_name(xc->kind);
		else if (xc->ident)
			kind = ident_kind_name(xc->ident);
		else if (xc->hex)
			kind = "hex";
		else if (xc->slots)
			kind = "birth_date";
		if (kind && corpus_add_column(c, a.id, xc->name, kind, xc->slots) < 0) {
			corpus_add_abort(c);
			goto out;
		}
	}
	if (corpus_add_end(c, a.id, x.records, x.direct_records, x.slots) < 0)
		goto out;
	if (!o->pipe.quiet)
		fprintf(stderr, ngettext("znes: indexed '%s': %lld record, %lld with a direct identifier\n",
					 "znes: indexed '%s': %lld records, %lld with a direct identifier\n",
					 plural_n((unsigned long long)x.records)),
			name, (long long)x.records, (long long)x.direct_records);
	rc = 0;
out:
	extractor_release(&x);
	return rc;
}

static int corpus_print_list(struct corpus *c)
{
	struct corpus_dataset *d;
	size_t n, i, k;
	if (corpus_datasets(c, &d, &n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		/* Tab-separated: name, records, with a direct identifier, added, source. */
		printf("%s\t", d[i].name);
		printf(ngettext("%lld record", "%lld records", plural_n((unsigned long long)d[i].records)),
		       (long long)d[i].records);
		putchar('\t');
		printf(_("%lld with a direct identifier"), (long long)d[i].direct);
		putchar('\t');
		printf(_("added %s"), d[i].added);
		printf("\t%s\n", d[i].source[0] ? d[i].source : d[i].file);
		for (k = 0; k < d[i].ncol; k++)
			printf("  %s: %s\n", d[i].col[k].name, d[i].col[k].kind);
	}
	corpus_datasets_free(d, n);
	return 0;
}

int cmd_corpus(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "name", required_argument, NULL, 'n' },
		{ "source", required_argument, NULL, 's' },
		COMMON_LONGOPTS,
	};
	struct common_opts o;
	const char *db = NULL, *name = NULL, *source = NULL, *verb;
	char *dflt = NULL;
	struct corpus *c;
	int ch, idx, rc;
	memset(&o, 0, sizeof o);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "hq", longopts, &idx)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 's':
			source = optarg;
			break;
		default:
			if ((ch = common_case(&o, ch, longopts, idx, "corpus", corpus_help)) >= 0)
				return ch;
		}
	}
	if (optind >= argc)
		return ZNES_USAGE_ERROR("corpus: missing subcommand (add, list or remove; see znes corpus --help)");
	verb = argv[optind++];
	if (strcmp(verb, "add") && strcmp(verb, "list") && strcmp(verb, "remove"))
		return ZNES_USAGE_ERROR("corpus: unknown subcommand '%s' (add, list or remove)", verb);
	if (!strcmp(verb, "add") && (!name || !*name))
		return ZNES_USAGE_ERROR("corpus add: --name NAME is required");
	if (!strcmp(verb, "add") && argc - optind != 1)
		return ZNES_USAGE_ERROR("corpus add: expected one DATASET file, got %d", argc - optind);
	if (!strcmp(verb, "remove") && argc - optind != 1)
		return ZNES_USAGE_ERROR("corpus remove: expected one NAME");
	if (!strcmp(verb, "list") && argc - optind != 0)
		return ZNES_USAGE_ERROR("corpus list: unexpected argument '%s'", argv[optind]);
	if (!db && !(db = dflt = corpus_default_path()))
		return EXIT_ERROR;
	c = corpus_open(db, !strcmp(verb, "add"));
	if (!c) {
		free(dflt);
		return EXIT_ERROR;
	}
	if (!strcmp(verb, "add")) {
		o.pipe.in_path = argv[optind];
		rc = corpus_add(c, &o, name, source);
	} else if (!strcmp(verb, "remove")) {
		rc = corpus_remove(c, argv[optind]);
	} else {
		rc = corpus_print_list(c);
	}
	corpus_close(c);
	free(dflt);
	if (rc < 0)
		return EXIT_ERROR;
	if (fflush(stdout) || ferror(stdout))
		return ZNES_USAGE_ERROR("cannot write to stdout");
	return EXIT_OK;
}
