/*
 * fuzz_support.h — what the libFuzzer targets share: turning the fuzzer's
 * bytes into an input znes can open (a memfd, opened by its /proc path, so
 * the real reading code runs), and silencing diagnostics.
 */
#ifndef ZNES_FUZZ_SUPPORT_H
#define ZNES_FUZZ_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

/* Writes data to a fresh memfd; returns its fd (the path is in path). */
int fuzz_memfd(const uint8_t *data, size_t n, char path[64]);

#endif
