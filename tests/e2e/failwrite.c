/*
 * failwrite.c — an LD_PRELOAD shim for the end-to-end tests (after jq's
 * inject_errors.c): write(2) to any descriptor but stderr fails with ENOSPC
 * once ZNES_FAIL_WRITE_AFTER bytes have been written, as on a full disk.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t n);

ssize_t write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);
	static long long written, limit = -2;
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "write");
	if (limit == -2) {
		const char *s = getenv("ZNES_FAIL_WRITE_AFTER");
		limit = s ? atoll(s) : -1;
	}
	if (fd != 2 && limit >= 0) {
		if (written + (long long)n > limit) {
			errno = ENOSPC;
			return -1;
		}
		written += (long long)n;
	}
	return real(fd, buf, n);
}
