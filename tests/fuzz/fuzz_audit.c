/*
 * fuzz_audit.c — libFuzzer target for `znes audit verify`: any bytes as an
 * audit log. Verification must answer valid (0), tampered (1) or unreadable
 * (-1) without crashing, hanging or leaking, whatever the lines hold.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "filters/audit.h"
#include "tests/fuzz/fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct audit_check res;
	char path[64];
	int fd = fuzz_memfd(data, size, path), rc;
	rc = audit_verify(path, NULL, NULL, NULL, &res);
	if (rc < -1 || rc > 1)
		abort();
	close(fd);
	return 0;
}
