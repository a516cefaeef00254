/*
 * main.c — the znes command line: global options and the table of
 * subcommands. Everything else lives in the engine; each subcommand is one
 * cmd_*.c file that returns an exit code (see cli.h), and this is the only
 * place that exits.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "scanner/cli.h"
#include "scanner/i18n.h"

#ifndef ZNES_VERSION
#define ZNES_VERSION "0.0.0-dev"
#endif

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "scan", cmd_scan, N_("report what personal data is where") },
	{ "rules", cmd_rules, N_("list the rules, or try them on a text") },
	{ "redact", cmd_redact, N_("write a de-identified copy") },
	{ "audit", cmd_audit, N_("verify an audit log, or summarize it for the passport") },
	{ "policy", cmd_policy, N_("check a policy file") },
	{ "corpus", cmd_corpus, N_("keep the index of published datasets (add, list, remove)") },
	{ "link", cmd_link, N_("linkage / re-identification risk against published datasets") },
};

static void usage(FILE *f)
{
	size_t i;
	fputs(_("usage: znes <command> [options] [FILE...]\n"
		"\n"
		"znes finds Ukrainian personal data in CSV, JSON and JSON Lines datasets\n"
		"before they are published as open data, and removes it.\n"
		"\n"
		"commands:\n"), f);
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
	fputs("\n", f);
	fputs(_("options:\n"
		"  -h, --help     show this help (znes COMMAND --help for a command)\n"
		"  -V, --version  show the version\n"
		"  --lang LANG    uk or en: the language of messages, help and reports\n"
		"                 (default: from LANGUAGE, LC_ALL, LC_MESSAGES, LANG);\n"
		"                 accepted by every command\n"
		"\n"
		"exit status: 0 done (scan: nothing found), 1 scan found personal data,\n"
		"2 error (the message names the file, line and column)\n"), f);
}

int main(int argc, char **argv)
{
	size_t i;
	/* A closed pipe is an error we report (exit 2), not a silent death. */
	signal(SIGPIPE, SIG_IGN);
	/* Before anything is printed; takes --lang out of argv. */
	if (i18n_init(&argc, argv) < 0)
		return EXIT_ERROR;
	if (argc < 2) {
		usage(stderr);
		return EXIT_ERROR;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			char *sub[] = { argv[2], (char *)"--help", NULL };
			for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
				if (!strcmp(argv[2], commands[i].name))
					return commands[i].run(2, sub);
		}
		usage(stdout);
		return fflush(stdout) ? EXIT_ERROR : EXIT_OK;
	}
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
		printf("znes %s\n", ZNES_VERSION);
		return fflush(stdout) ? EXIT_ERROR : EXIT_OK;
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	error("unknown command '%s' (see znes --help)", argv[1]);
	return EXIT_ERROR;
}
