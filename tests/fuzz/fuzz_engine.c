/*
 * fuzz_engine.c — libFuzzer target for the detection engine on one field
 * value, with every built-in rule (patterns, validators, context words).
 * The first byte picks a column name, so header-supported and relaxed paths
 * run too. Invariants: findings lie inside the value, in order, without
 * overlaps, on known categories and rules; nothing crashes, leaks or hangs
 * (PCRE2 match and depth limits bound every search). The tokenizer's quick
 * paths give the general paths' tokens and answers, and the engine the
 * same findings with either, and with its regex short cuts off (the
 * context word lists' gates, the e-mail rule's "in_word").
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/detect.h"
#include "rules/names.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts unless a and b hold the same findings (span, rule, flags). */
static void same_findings(const struct findings *a, const struct findings *b)
{
	size_t i;
	if (a->n != b->n)
		abort();
	for (i = 0; i < a->n; i++)
		if (a->v[i].start != b->v[i].start || a->v[i].end != b->v[i].end ||
		    a->v[i].rule != b->v[i].rule || a->v[i].flags != b->v[i].flags)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct detector d, plain;
	static struct colctx cols[6], pcols[6];
	static const char *const names[6] = { "", "Телефон", "РНОКПП", "Дата народження",
					      "Дата рішення", "Паспорт" };
	static int ready;
	static struct findings ff, gf, pf;
	static struct tokens fast, general;
	size_t i;
	const struct colctx *col;
	if (!ready) {
		if (detector_init(&d, NULL, NULL) < 0)
			abort();
		/* ZNES_NO_GATE is read as the word lists are compiled */
		setenv("ZNES_NO_GATE", "1", 1);
		if (detector_init(&plain, NULL, NULL) < 0)
			abort();
		unsetenv("ZNES_NO_GATE");
		for (i = 0; i < plain.rs.nrule; i++)
			plain.rs.rule[i].gate_in_word = 0;
		for (i = 0; i < 6; i++) {
			colctx_init(&cols[i], &d.eng, names[i]);
			colctx_init(&pcols[i], &plain.eng, names[i]);
		}
		cols[2].cat = pcols[2].cat = ruleset_category(&d.rs, "tax_id");
		findings_init(&ff);
		findings_init(&gf);
		findings_init(&pf);
		tokens_init(&fast);
		tokens_init(&general);
		general.general = 1;
		ready = 1;
	}
	if (!size)
		return 0;
	col = &cols[data[0] % 6];
	/* the engine with the tokenizer's general paths only, then with its
	 * quick ones: the same findings */
	d.eng.tok->general = 1;
	engine_scan(&d.eng, col, (const char *)data + 1, size - 1, &gf);
	d.eng.tok->general = 0;
	engine_scan(&d.eng, col, (const char *)data + 1, size - 1, &ff);
	same_findings(&ff, &gf);
	/* and without the regex short cuts */
	engine_scan(&plain.eng, &pcols[data[0] % 6], (const char *)data + 1, size - 1, &pf);
	same_findings(&ff, &pf);
	for (i = 0; i < ff.n; i++) {
		const struct finding *f = &ff.v[i];
		if (f->start >= f->end || f->end > size - 1 || f->cat >= d.rs.ncat || f->rule >= d.rs.nrule)
			abort();
		if (i && f->start < ff.v[i - 1].end)
			abort();
	}
	if (tokens_scan(&fast, d.rs.lex, (const char *)data + 1, size - 1, TOK_ALL) !=
		    tokens_scan(&general, d.rs.lex, (const char *)data + 1, size - 1, TOK_ALL) ||
	    !tokens_same(&fast, &general))
		abort();
	if (tokens_scan(&fast, d.rs.lex, (const char *)data + 1, size - 1, TOK_NAMES) !=
	    tokens_scan(&general, d.rs.lex, (const char *)data + 1, size - 1, TOK_NAMES))
		abort();
	return 0;
}
