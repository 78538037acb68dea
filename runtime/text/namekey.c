/*
 * namekey.c - matching keys for names (see namekey.h).
 *
 * key(s) = NFKC(strip(NFKC(s))), where strip removes whitespace and maps
 * Chinese quotes.  The first NFKC turns full-width forms and the many
 * Unicode spaces into their plain forms; strip then removes the spaces.
 * Removing a character can leave a base letter next to a combining mark
 * that now composes (e + U+0020 + U+0301), so a second NFKC makes the key
 * normalised again.  Composition never creates whitespace or quotes, so the
 * result is a fixed point: key(key(s)) == key(s).
 *
 * Only utf8proc and libc: the runtime links this file too.
 */
#include "namekey.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* Whitespace dropped from keys: Unicode White_Space plus U+200B, U+FEFF. */
static int name_is_space(utf8proc_int32_t c) {
  if (c == ' ' || (c >= 0x09 && c <= 0x0D)) return 1;
  switch (c) {
  case 0x0085: case 0x00A0: case 0x1680: case 0x2028: case 0x2029:
  case 0x202F: case 0x205F: case 0x3000: case 0x200B: case 0xFEFF:
    return 1;
  }
  return c >= 0x2000 && c <= 0x200A;
}

/* The quote that c stands for in a key, or c itself. */
static utf8proc_int32_t name_map_quote(utf8proc_int32_t c) {
  if (c == 0x201C || c == 0x201D) return '"';
  if (c == 0x2018 || c == 0x2019) return '\'';
  return c;
}

/* NFKC of s[0..len) as a malloc'd string; NULL if invalid or no memory. */
static char *name_nfkc(const char *s, size_t len, int *invalid) {
  utf8proc_uint8_t *out = NULL;
  utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s,
                                    (utf8proc_ssize_t)len, &out,
                                    UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                        UTF8PROC_COMPAT);
  *invalid = n < 0 && n != UTF8PROC_ERROR_NOMEM;
  return n < 0 ? NULL : (char *)out;
}

/*
 * Strip whitespace and map quotes in the valid, NUL-terminated UTF-8 s, in
 * place (the result is never longer).  Returns 1 if anything changed.
 */
static int name_strip(char *s) {
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  utf8proc_uint8_t *w = (utf8proc_uint8_t *)s;
  int changed = 0;
  while (*p) {
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
    if (n <= 0) break; /* cannot happen: utf8proc_map output is valid */
    p += n;
    utf8proc_int32_t m = name_map_quote(c);
    changed |= m != c || name_is_space(c);
    if (!name_is_space(c)) w += utf8proc_encode_char(m, w);
  }
  *w = '\0';
  return changed;
}

/* The fallback key of invalid UTF-8: bytes without ASCII whitespace. */
static char *name_raw_key(const char *s, size_t len) {
  char *k = malloc(len + 1), *w = k;
  if (!k) return NULL;
  for (size_t i = 0; i < len; i++)
    if (!(s[i] == ' ' || (s[i] >= 0x09 && s[i] <= 0x0D))) *w++ = s[i];
  *w = '\0';
  return k;
}

/*
 * Most names are printable ASCII without spaces and Chinese characters of
 * U+4000..U+9FFF (UTF-8 lead bytes E4..E9), all of which NFKC leaves as they
 * are: their key is the text itself.  Checking that is much cheaper than
 * normalising, and matching data rows is dominated by it.
 */
static int name_is_stable(const char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)s[i];
    if (c > 0x20 && c < 0x7F) {
      i++;
    } else if (c >= 0xE4 && c <= 0xE9 && i + 2 < len &&
               ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
               ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
      i += 3;
    } else {
      return 0;
    }
  }
  return 1;
}

char *name_key(const char *s, size_t len) {
  int invalid;
  const char *nul = memchr(s, '\0', len);
  if (nul) len = (size_t)(nul - s);
  if (name_is_stable(s, len)) {
    char *k = malloc(len + 1);
    if (k) {
      memcpy(k, s, len);
      k[len] = '\0';
    }
    return k;
  }
  if (len > PTRDIFF_MAX / 8) return name_raw_key(s, len);
  char *k = name_nfkc(s, len, &invalid);
  if (!k) return invalid ? name_raw_key(s, len) : NULL;
  if (!name_strip(k)) return k;
  char *k2 = name_nfkc(k, strlen(k), &invalid);
  free(k);
  return k2;
}

char *name_key_in(const char *s, size_t len, char *buf, size_t cap) {
  const char *nul = memchr(s, '\0', len);
  if (nul) len = (size_t)(nul - s);
  if (len >= cap || !name_is_stable(s, len)) return name_key(s, len);
  memcpy(buf, s, len);
  buf[len] = '\0';
  return buf;
}

int name_equal(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  /* a stable name is its own key: two of them compare as they are (a
   * grade target against each member of a scale, without allocating) */
  if (name_is_stable(a, la) && name_is_stable(b, lb)) return strcmp(a, b) == 0;
  char *ka = name_key(a, la), *kb = name_key(b, lb);
  int eq = ka && kb ? strcmp(ka, kb) == 0 : strcmp(a, b) == 0;
  free(ka);
  free(kb);
  return eq;
}
