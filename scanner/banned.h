/*
 * banned.h — functions znes never calls, after git's banned.h. They either
 * overflow buffers silently (strcpy, strcat, sprintf, vsprintf) or keep
 * hidden state (strtok). Use memcpy with a checked length, snprintf, or the
 * growable buffer in buf.h instead. Including this header turns a use into a
 * compile error that names the function.
 */
#ifndef ZNES_BANNED_H
#define ZNES_BANNED_H

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef gets
#define gets(x) BANNED(gets)

#endif
