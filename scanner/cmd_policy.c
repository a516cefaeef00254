/*
 * cmd_policy.c — `znes policy check FILE`: reads a policy the way `znes
 * redact --policy` would (filters/policy.h) and reports the first problem
 * with its position (FILE:LINE:COL for JSON syntax, the field or category
 * for a wrong action), or a one-line description of what the policy does.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "filters/policy.h"
#include "rules/pack.h"
#include "scanner/cli.h"
#include "scanner/i18n.h"

static const char policy_help[] = N_(
	"usage: znes policy check [--rules DIR] FILE\n"
	"\n"
	"Checks a policy file for `znes redact --policy`: JSON syntax (reported\n"
	"as FILE:LINE:COL), known categories and actions, the parameters of each\n"
	"action, a legal basis for everything kept. The format and worked\n"
	"examples are in README.md, section \"Policy and audit\".\n"
	"\n"
	"exit status: 0 valid, 2 invalid or unreadable\n");

int cmd_policy(int argc, char **argv)
{
	const char *rules_dir = NULL, *path;
	struct ruleset rs;
	struct policy p;
	size_t i, ncat = 0;
	int rc, a = 2;
	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		fputs(_(policy_help), stdout);
		return fflush(stdout) ? EXIT_ERROR : EXIT_OK;
	}
	if (argc < 2 || strcmp(argv[1], "check"))
		return ZNES_USAGE_ERROR("usage: znes policy check FILE (see znes policy --help)");
	if (a + 1 < argc && !strcmp(argv[a], "--rules")) {
		rules_dir = argv[a + 1];
		a += 2;
	}
	if (a + 1 != argc)
		return ZNES_USAGE_ERROR("policy check takes one file (see znes policy --help)");
	path = argv[a];
	memset(&rs, 0, sizeof rs);
	if (ruleset_load(&rs, rules_default_dir(), rules_dir) < 0) {
		ruleset_release(&rs);
		return EXIT_ERROR;
	}
	rc = policy_load(&p, path, &rs);
	if (!rc) {
		for (i = 0; i < p.ncat; i++)
			ncat += p.cat[i].kind != ACT_NONE;
		/* TRANSLATORS: the action is a name in the policy file (drop, token...). */
		printf(_("%s: ok: default %s"), path, action_name(p.deflt.kind));
		fputs(", ", stdout);
		printf(ngettext("%zu category", "%zu categories", ncat), ncat);
		fputs(", ", stdout);
		printf(ngettext("%zu field", "%zu fields", p.nfield), p.nfield);
		fputs(", ", stdout);
		printf(ngettext("%zu official", "%zu officials", p.noff), p.noff);
		if (p.honour_flag)
			fputs(_(", names flagged as officials' kept"), stdout);
		if (p.uses_key)
			fputs(_("; needs a key (pseudonyms)"), stdout);
		putchar('\n');
	}
	policy_release(&p);
	ruleset_release(&rs);
	if (rc < 0)
		return EXIT_ERROR;
	return fflush(stdout) ? EXIT_ERROR : EXIT_OK;
}
