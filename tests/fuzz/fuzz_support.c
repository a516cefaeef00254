/*
 * fuzz_support.c — see fuzz_support.h.
 */
#include "tests/fuzz/fuzz_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int fuzz_memfd(const uint8_t *data, size_t n, char path[64])
{
	int fd = memfd_create("znes-fuzz", 0);
	size_t off = 0;
	if (fd < 0)
		abort();
	while (off < n) {
		ssize_t w = write(fd, data + off, n - off);
		if (w <= 0)
			abort();
		off += (size_t)w;
	}
	snprintf(path, 64, "/proc/self/fd/%d", fd);
	return fd;
}
