/*
 * cmd_link.c — `znes link`: the re-identification risk of a dataset about
 * to be published, within itself (k-anonymity) and against the index of
 * published datasets (corpus/link.h). Exit status: 0 no risk found,
 * 1 risk, 2 error.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "corpus/link.h"
#include "scanner/cli.h"
#include "scanner/i18n.h"

static const char link_help[] = N_(
	"usage: znes link [--db FILE] [--k N] [--format text|json] [options] FILE\n"
	"\n"
	"Checks whether the records of FILE could be re-identified: records whose\n"
	"combination of quasi-identifiers (birth date, sex, address, ...) is shared\n"
	"by fewer than k records, and records whose combination matches exactly one\n"
	"record of an indexed published dataset that names the person. Suggests the\n"
	"generalization (birth date -> year, address -> street, or removing a\n"
	"column) that removes the risk with the least loss. Exit status: 0 no risk\n"
	"found, 1 risk, 2 error.\n"
	"\n"
	"options:\n"
	"  --db FILE           the index of published datasets (default:\n"
	"                      $XDG_DATA_HOME/znes/corpus.db; without one, only k-anonymity)\n"
	"  --k N               the smallest acceptable class size (default: 5)\n"
	"  --format FMT        report as text (default) or json\n"
	"%s"
	"  -h, --help          show this help\n"
	"\n"
	"examples:\n"
	"  znes corpus add --name voters voters.csv && znes link new.csv\n"
	"  znes link --db corpus.db --k 3 --format json new.csv\n");

int link_open_index(const char *db, struct corpus **c, int *indexed)
{
	char *dflt = NULL;
	struct stat st;
	*indexed = 0;
	if (!db) {
		dflt = corpus_default_path();
		/* no default index yet: the analysis of the file alone */
		if (!dflt || stat(dflt, &st) < 0) {
			free(dflt);
			*c = corpus_open_memory();
			return *c ? 0 : -1;
		}
		db = dflt;
	}
	*c = corpus_open(db, 0);
	free(dflt);
	if (!*c)
		return -1;
	*indexed = 1;
	return 0;
}

int cmd_link(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "k", required_argument, NULL, 'k' },
		{ "format", required_argument, NULL, 'r' },
		COMMON_LONGOPTS,
	};
	struct common_opts o;
	struct link_opts lo;
	struct link_report r;
	struct corpus *c;
	const char *db = NULL;
	struct buf out = BUF_INIT;
	int ch, idx, json = 0, indexed, rc;
	char *end;
	memset(&o, 0, sizeof o);
	memset(&lo, 0, sizeof lo);
	lo.k = 5;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "hq", longopts, &idx)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'k':
			lo.k = strtoll(optarg, &end, 10);
			if (*end || end == optarg || lo.k < 2 || lo.k > 1000000)
				return ZNES_USAGE_ERROR("bad --k '%s' (a whole number from 2)", optarg);
			break;
		case 'r':
			if (!strcmp(optarg, "json"))
				json = 1;
			else if (strcmp(optarg, "text"))
				return ZNES_USAGE_ERROR("unknown report format '%s' (text or json;"
							" the input's format is --input-format)", optarg);
			break;
		default:
			if ((ch = common_case(&o, ch, longopts, idx, "link", link_help)) >= 0)
				return ch;
		}
	}
	if (argc - optind > 1)
		return ZNES_USAGE_ERROR("link: expected one FILE, got %d", argc - optind);
	o.pipe.in_path = optind < argc ? argv[optind] : NULL;
	lo.rules_dir = o.rules_dir;
	if (link_open_index(db, &c, &indexed) < 0)
		return EXIT_ERROR;
	rc = link_analyze(c, indexed, &o.pipe, &lo, &r);
	corpus_close(c);
	if (rc < 0)
		return EXIT_ERROR;
	if (json) {
		link_report_json(&r, &out, 0);
		buf_addch(&out, '\n');
	} else {
		buf_addf(&out, "%s: ", r.file);
		link_report_text(&r, &out, "");
	}
	fwrite(out.ptr, 1, out.len, stdout);
	buf_release(&out);
	rc = link_risky(&r) ? EXIT_FOUND : EXIT_OK;
	link_report_free(&r);
	if (fflush(stdout) || ferror(stdout))
		return ZNES_USAGE_ERROR("cannot write the report to stdout");
	return rc;
}
