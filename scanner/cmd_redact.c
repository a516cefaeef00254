/*
 * cmd_redact.c — `znes redact`: read a dataset, replace what the rules find
 * according to the policy, write the same format to OUT or stdout.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "scanner/cli.h"

static const char redact_help[] =
	"usage: znes redact [options] [-o OUT] [FILE|-]\n"
	"\n"
	"Writes a de-identified copy of FILE (stdin when absent or '-') to OUT\n"
	"(stdout when absent or '-'), in the same format. Records with nothing\n"
	"to change come out byte for byte as they went in. OUT is written to a\n"
	"temporary file and renamed only on success, so a failed run leaves no OUT.\n"
	"\n"
	"options:\n"
	"  -o, --output OUT    where to write (default: stdout)\n"
	"%s"
	"  -h, --help          show this help\n"
	"\n"
	"examples:\n"
	"  znes redact -o clean.csv register.csv\n"
	"  export.sh | znes redact --format jsonl | upload.sh\n";

int cmd_redact(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
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
	int c, idx;
	memset(&o, 0, sizeof o);
	o.pipe.write = 1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:hq", longopts, &idx)) != -1) {
		switch (c) {
		case 'o':
			o.pipe.out_path = optarg;
			break;
		case 'h':
			printf(redact_help, common_options_help);
			return fflush(stdout) ? EXIT_ERROR : EXIT_OK;
		case 'q':
			o.quiet = 1;
			break;
		case 0:
			if (common_option(&o, longopts[idx].name, optarg) < 0)
				return EXIT_ERROR;
			break;
		default:
			fprintf(stderr, "see znes redact --help\n");
			return EXIT_ERROR;
		}
	}
	if (argc - optind > 1)
		return ZNES_USAGE_ERROR("redact takes one input (got %d); see znes redact --help",
					argc - optind);
	o.pipe.in_path = optind < argc ? argv[optind] : NULL;
	if (pipeline_run(&o.pipe, NULL, 0) < 0)
		return EXIT_ERROR;
	return EXIT_OK;
}
