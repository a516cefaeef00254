/*
 * cp1251.h - Windows-1251 <-> Unicode for the znes test tooling.
 *
 * Test tooling only (tests/eval/gen.c writes a 1C-style export with it,
 * tests/eval/verify.c reads it back); the scanner has its own decoder.
 * The table is the upper half of code page 1251 (0x98 is unassigned).
 * Encoding maps U+2019 and U+02BC (the apostrophes of Ukrainian text) to
 * ASCII ' the way 1C and Excel exports do; that mapping is lossy, so the
 * generator never emits those two characters into a cp1251 dataset and the
 * truth offsets stay exact.  Everything here is static inline: include it
 * from one .c file per program.
 */
#ifndef ZNES_EVAL_CP1251_H
#define ZNES_EVAL_CP1251_H

#include <stdint.h>

static const uint16_t cp1251_high[128] = {
	0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
	0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
	0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x0000, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
	0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
	0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
	0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
	0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
	/* 0xC0..0xFF: А..Я а..я, filled in by the functions below */
};

/* The code point of a cp1251 byte; 0 for the unassigned 0x98. */
static inline uint32_t cp1251_to_ucs(unsigned char c)
{
	if (c < 0x80)
		return c;
	if (c >= 0xC0)
		return 0x0410u + (uint32_t)(c - 0xC0);
	return cp1251_high[c - 0x80];
}

/* The cp1251 byte for a code point, or -1 if the code page lacks it. */
static inline int cp1251_from_ucs(uint32_t u)
{
	int i;

	if (u < 0x80)
		return (int)u;
	if (u >= 0x0410 && u <= 0x044F)
		return (int)(0xC0 + (u - 0x0410));
	if (u == 0x2019 || u == 0x02BC)
		return '\'';
	for (i = 0; i < 64; i++)
		if (cp1251_high[i] == u && u != 0)
			return 0x80 + i;
	return -1;
}

#endif
