/*
 * fuzz_policy.c — libFuzzer target for the policy loader: any bytes as a
 * policy file. It must accept or reject with one message, never crash or
 * leak; an accepted policy must answer a decision for every category.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "filters/policy.h"
#include "rules/detect.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct detector d;
	static int ready;
	struct policy p;
	if (!ready) {
		if (detector_init(&d, NULL, NULL) < 0)
			abort();
		ready = 1;
	}
	if (policy_parse(&p, (const char *)data, size, "fuzz.json", &d.rs) == 0) {
		struct finding f;
		size_t c;
		const char *why = NULL;
		memset(&f, 0, sizeof f);
		f.end = 1;
		for (c = 0; c < d.rs.ncat; c++) {
			f.cat = (unsigned short)c;
			if (!policy_decide(&p, &d.rs, policy_field(&p, "Телефон"), &f, "x", "x", &why))
				abort();
		}
	}
	policy_release(&p);
	return 0;
}
