/*
 * cli.h — what the subcommand files share: the exit-code table (the one
 * place that defines what znes's exit statuses mean), the parsing of the
 * options common to every command that reads a dataset, and the
 * subcommand entry points. Each subcommand lives in its own cmd_*.c and
 * returns an exit code; only main() calls exit.
 */
#ifndef ZNES_CLI_H
#define ZNES_CLI_H

#include <getopt.h>

#include "scanner/pipeline.h"

enum exit_code {
	EXIT_OK = 0,      /* done; for scan: no personal data found */
	EXIT_FOUND = 1,   /* scan: personal data found */
	EXIT_ERROR = 2,   /* bad usage, bad input, I/O failure */
};

/* Options every dataset-reading command understands. */
struct common_opts {
	struct pipeline_opts pipe;  /* --quiet is pipe.quiet */
	const char *rules_dir;    /* --rules DIR: extra or overriding packs */
	unsigned threads;         /* --threads N: detection threads; 0 = one per processor */
};

/*
 * Handles one of the common options (long name `name`, argument `arg`).
 * Returns 1 when it was one, 0 when not, -1 after printing a usage error.
 */
int common_option(struct common_opts *o, const char *name, const char *arg);
/* The help text lines of the common options. */
extern const char common_options_help[];

/*
 * The cases of a dataset command's getopt_long loop that every command
 * shares, for its `default:` branch: -h prints help (a printf format whose
 * %s, if any, receives common_options_help), -q, the common long options
 * (c == 0, longopts[idx]), and anything else as a usage error naming `cmd`.
 * Returns -1 to go on parsing, or the exit code to return now.
 */
int common_case(struct common_opts *o, int c, const struct option *longopts, int idx,
		const char *cmd, const char *help);

/* The long options every dataset command accepts (--help and --quiet as
 * -h and -q, the rest with flag 0 for common_option), all handled by
 * common_case; a command's own table ends with COMMON_LONGOPTS. */
#define COMMON_LONGOPTS \
	{ "help", no_argument, NULL, 'h' }, \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "input-format", required_argument, NULL, 0 }, \
	{ "delimiter", required_argument, NULL, 0 }, \
	{ "encoding", required_argument, NULL, 0 }, \
	{ "max-field", required_argument, NULL, 0 }, \
	{ "no-header", no_argument, NULL, 0 }, \
	{ "sheet", required_argument, NULL, 0 }, \
	{ "rules", required_argument, NULL, 0 }, \
	{ "profile-records", required_argument, NULL, 0 }, \
	{ "profile-bytes", required_argument, NULL, 0 }, \
	{ "threads", required_argument, NULL, 0 }, \
	{ NULL, 0, NULL, 0 }

int cmd_scan(int argc, char **argv);
int cmd_redact(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_policy(int argc, char **argv);
int cmd_corpus(int argc, char **argv);
int cmd_link(int argc, char **argv);

/* Opens the index of published datasets for link and scan --db: db, else
 * the default one if it exists (*indexed = 1), else an empty in-memory
 * one (*indexed = 0). -1 after an error. */
struct corpus;
int link_open_index(const char *db, struct corpus **c, int *indexed);

#define ZNES_USAGE_ERROR(...) (error(__VA_ARGS__), EXIT_ERROR)

#endif
