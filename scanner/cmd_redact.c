/*
 * cmd_redact.c — `znes redact`: read a dataset, replace what the rules find,
 * write the same format to OUT or stdout.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "filters/action.h"
#include "rules/detect.h"
#include "scanner/cli.h"

static const char redact_help[] =
	"usage: znes redact [options] [-o OUT] [FILE|-]\n"
	"\n"
	"Writes a de-identified copy of FILE (stdin when absent or '-') to OUT\n"
	"(stdout when absent or '-'), in the same format. Each piece of personal\n"
	"data found is replaced by its category token ([ТЕЛЕФОН], [РНОКПП], ...);\n"
	"ЄДРПОУ codes of organisations are kept. Records with nothing to change\n"
	"come out byte for byte as they went in. OUT is written to a temporary\n"
	"file and renamed only on success, so a failed run leaves no OUT.\n"
	"\n"
	"options:\n"
	"  -o, --output OUT    where to write (default: stdout)\n"
	"  --format FMT        same as --input-format: the output has the input's format\n"
	"%s"
	"  -h, --help          show this help\n"
	"\n"
	"examples:\n"
	"  znes redact -o clean.csv register.csv\n"
	"  export.sh | znes redact --format jsonl | upload.sh\n";

struct redact_stage {
	struct detector det;
	struct buf arena;
};

static void redact_profile(void *ctx, struct reader *rd, const struct record *rec)
{
	detector_profile(&((struct redact_stage *)ctx)->det, rd, rec);
}

static void redact_profile_end(void *ctx, struct reader *rd)
{
	detector_profile_end(&((struct redact_stage *)ctx)->det, rd);
}

static int redact_record(void *ctx, struct reader *rd, struct record *rec)
{
	struct redact_stage *s = ctx;
	size_t i;
	detector_run(&s->det, rd, rec);
	buf_reset(&s->arena);
	for (i = 0; i < rec->nf; i++)
		if (s->det.ff[i].n)
			action_tokenize(&s->det.rs, rec, i, &s->det.ff[i], &s->arena);
	if (rec->changed)
		action_commit(rec, &s->arena);
	return 0;
}

int cmd_redact(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "format", required_argument, NULL, 0 },
		COMMON_LONGOPTS,
	};
	struct common_opts o;
	struct redact_stage s;
	struct stage st;
	int c, idx, rc;
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
	if (detector_init(&s.det, NULL, o.rules_dir) < 0)
		return EXIT_ERROR;
	buf_init(&s.arena, 0);
	memset(&st, 0, sizeof st);
	st.profile = redact_profile;
	st.profile_end = redact_profile_end;
	st.record = redact_record;
	st.ctx = &s;
	rc = pipeline_run(&o.pipe, &st, 1) < 0 ? EXIT_ERROR : EXIT_OK;
	buf_release(&s.arena);
	detector_release(&s.det);
	return rc;
}
