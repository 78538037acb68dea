/*
 * namekey.h - matching keys for indicator and project names ([IND-1]).
 *
 * Analysts type the same 三级指标 in many ways: with or without spaces,
 * with full-width or half-width brackets and colons, with Chinese or ASCII
 * quotes.  name_key turns a name into a key under which all of these are
 * equal; two names are the same indicator when their keys are equal.
 *
 * The key is for matching only: it is never shown.  Names are displayed,
 * stored and reported exactly as written.
 *
 * Used by the compiler and by the runtime (actual data refers to
 * indicators by name), so namekey.c depends only on utf8proc and libc.
 */
#ifndef INDC_NAMEKEY_H
#define INDC_NAMEKEY_H

#include <stddef.h>

/*
 * The matching key of the UTF-8 name s[0..len) (up to a NUL byte, if
 * any), as a malloc'd, NUL-terminated string that the caller frees, or
 * NULL when out of memory.
 * The key is:
 *   1. Unicode NFKC (utf8proc), so full-width ASCII and punctuation become
 *      half-width: （含税） and (含税) match, ＡＢ１ and AB1 match;
 *   2. with every whitespace character removed: Unicode White_Space
 *      (ASCII space, tab and newlines, U+0085, U+00A0, U+1680,
 *      U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) and the
 *      invisible U+200B zero width space and U+FEFF byte-order mark, so
 *      "12355 工单 处置比例" and "12355工单处置比例" match;
 *   3. with Chinese quotes “ ” mapped to " and ‘ ’ to '.
 * Letter case is kept.  The key of a key is the key itself.  A name that
 * is not valid UTF-8 cannot be normalised; its key is its bytes with ASCII
 * whitespace removed, so it matches only names spelt byte for byte alike.
 */
char *name_key(const char *s, size_t len);

/*
 * name_key without an allocation in the common case: when s[0..len) is its
 * own key and fits in buf[0..cap), the key is written there and buf is
 * returned; otherwise name_key's result.  The caller frees the result
 * when it is not buf.
 */
char *name_key_in(const char *s, size_t len, char *buf, size_t cap);

/*
 * 1 when the NUL-terminated names a and b have equal keys, else 0.  When
 * out of memory it falls back to comparing the bytes.
 */
int name_equal(const char *a, const char *b);

#endif
