/*
 * imp_decode.c - bytes to UTF-8 text ([IMPORT-ENC] in docs/import.md).
 *
 * Target tables reach us as "CSV UTF-8" (with a BOM), plain UTF-8, "CSV"
 * as a Chinese Windows saves it (GBK, decoded as its superset GB18030), or
 * "Unicode text" (UTF-16 with a BOM).  Auto-detection: a BOM decides;
 * otherwise valid UTF-8 is UTF-8; otherwise, when no line is UTF-8 with
 * Chinese text in it (chinese_utf8), the file is GB18030.  A file with both UTF-8 lines
 * and lines that are not UTF-8 has mixed encodings: an error naming both
 * lines, since guessing would garble one half.  Every failure names the
 * line of the first bad byte.  Decoding never changes line breaks, so
 * line numbers of the text are line numbers of the file.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "../support/indc_limits.h"
#include "support/i18n.h"
#include "imp_internal.h"

static unsigned line_of(const char *s, size_t off) {
  unsigned line = 1;
  for (size_t i = 0; i < off; i++) line += s[i] == '\n';
  return line;
}

/* The bad UTF-16 unit at in (from is "UTF-16LE" or "UTF-16BE"), or -1
 * when fewer than two bytes are left. */
static long utf16_unit(const char *from, const char *in, size_t left) {
  const unsigned char *u = (const unsigned char *)in;
  if (left < 2) return -1;
  return strcmp(from, "UTF-16LE") ? (long)(u[0] << 8 | u[1]) : (long)(u[1] << 8 | u[0]);
}

/* A bad sequence at in (offset off in the file) of a from file. */
static void bad_sequence(ImpCtx *c, unsigned line, const char *from, const char *in, size_t left,
                         size_t off) {
  long unit = strncmp(from, "UTF-16", 6) ? -1 : utf16_unit(from, in, left);
  if (unit >= 0xD800 && unit <= 0xDFFF)
    imp_error(c, line,
              "unpaired UTF-16 surrogate 0x%04lX (offset %zu) is not a character: the file is "
              "damaged; save it again from the program that made it",
              (unsigned long)unit, off);
  else if (unit >= 0)
    imp_error(c, line, "unit 0x%04lX (offset %zu) is not valid %s", (unsigned long)unit, off,
              from);
  else
    imp_error(c, line, "byte 0x%02X (offset %zu) is not valid %s", (unsigned char)*in, off, from);
}

/* Convert with iconv into the arena.  On a bad sequence reports it at the
 * line it is on (counted in the output so far) and returns -1; base is
 * the offset of in in the file (after a BOM), so messages give file
 * offsets. */
static int convert(ImpCtx *c, const char *from, const char *in, size_t len, size_t base,
                   char **out, size_t *outlen) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == (iconv_t)-1) {
    imp_error(c, 0, "cannot decode %s: iconv does not support it", from);
    return -1;
  }
  size_t cap = len * 2 + 16;
  char *buf = arena_alloc(c->a, cap);
  char *ip, *op = buf;
  memcpy(&ip, &in, sizeof ip); /* iconv's prototype wants char ** */
  size_t il = len, ol = cap - 1;
  size_t rc = iconv(cd, &ip, &il, &op, &ol);
  int err = rc == (size_t)-1 ? errno : 0;
  iconv_close(cd);
  *op = '\0';
  if (err) {
    unsigned line = line_of(buf, (size_t)(op - buf));
    if (err == EINVAL)
      imp_error(c, line, "the file ends inside a %s character: is it truncated?", from);
    else
      bad_sequence(c, line, from, ip, il, base + (size_t)(ip - in));
    return -1;
  }
  *out = buf;
  *outlen = (size_t)(op - buf);
  return 0;
}

/* The first bad UTF-8 byte of s[0..n) or n. */
static size_t utf8_bad(const char *s, size_t n) {
  size_t bad;
  return src_validate_utf8(s, n, &bad) ? n : bad;
}

/* Chinese text and its punctuation: what a UTF-8 line of a target table
 * holds beyond ASCII.  Short GBK lines can be valid UTF-8 by chance
 * ("目 录" is C4 BF 20 C2 BC, "Ŀ ¼"), but then decode to Latin letters. */
static int chinese(int32_t cp) {
  return (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x2100 && cp <= 0x22FF) ||
         (cp >= 0x2460 && cp <= 0x24FF) || (cp >= 0x2E80 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFFEF) || cp == 0xB7 || cp == 0xD7;
}

/* Valid UTF-8 s[0..n) whose non-ASCII characters are all Chinese text. */
static int chinese_utf8(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    int32_t cp;
    i += src_utf8_decode(s + i, n - i, &cp);
    if (cp >= 0x80 && !chinese(cp)) return 0;
  }
  return 1;
}

/* Classify lines: the first one that is valid UTF-8 with Chinese text
 * (*u8) and the first one that is not valid UTF-8 (*bad), 0 when none. */
static void classify(const char *s, size_t n, unsigned *u8, unsigned *bad, size_t *badoff) {
  unsigned line = 1;
  *u8 = *bad = 0;
  for (size_t i = 0; i < n;) {
    size_t e = i;
    int hi = 0;
    while (e < n && s[e] != '\n') hi |= (unsigned char)s[e++] >= 0x80;
    if (hi) {
      size_t b = utf8_bad(s + i, e - i);
      if (b < e - i && !*bad) *bad = line, *badoff = i + b;
      if (b == e - i && !*u8 && chinese_utf8(s + i, e - i)) *u8 = line;
    }
    i = e + 1;
    line++;
  }
}

/* s[0..n) as UTF-8; base is the offset of s in the file (after a BOM),
 * so messages give file offsets. */
static int utf8_only(ImpCtx *c, const char *s, size_t n, size_t base, char **out,
                     size_t *outlen) {
  size_t b = utf8_bad(s, n);
  if (b < n) {
    if (s[b] == '\0')
      imp_error(c, line_of(s, b), "NUL byte at offset %zu: this is not a text export", base + b);
    else
      imp_error(c, line_of(s, b), "byte 0x%02X (offset %zu) is not valid UTF-8%s",
                (unsigned char)s[b], base + b,
                b + 4 > n ? _(": is the file truncated?") : _("; is the file GBK? (--encoding gbk)"));
    return -1;
  }
  *out = arena_strndup(c->a, s, n);
  *outlen = n;
  c->r->encoding = "UTF-8";
  return 0;
}

static int gb18030(ImpCtx *c, const char *s, size_t n, size_t base, char **out,
                   size_t *outlen) {
  c->r->encoding = "GB18030";
  return convert(c, "GB18030", s, n, base, out, outlen);
}

static int auto_detect(ImpCtx *c, const char *s, size_t n, char **out, size_t *outlen) {
  unsigned u8, bad;
  size_t badoff = 0;
  classify(s, n, &u8, &bad, &badoff);
  if (!bad) return utf8_only(c, s, n, 0, out, outlen);
  if (u8 && badoff + 4 > n && (unsigned char)s[badoff] >= 0xC2) {
    imp_error(c, bad, "the file ends inside a UTF-8 character: is it truncated?");
    return -1;
  }
  if (u8) {
    imp_error(c, bad,
              "mixed encodings: line %u is UTF-8 but this line is not (byte 0x%02X); "
              "save the file in one encoding, or name it with --encoding",
              u8, (unsigned char)s[badoff]);
    return -1;
  }
  return gb18030(c, s, n, 0, out, outlen);
}

/* A file with NUL bytes and no BOM: UTF-16 without a BOM or binary. */
static int has_nul(const char *s, size_t n) { return memchr(s, '\0', n) != NULL; }

/* UTF-32 (which no exporter of target tables writes, and indc does not
 * read): by its BOM, or without one by its NULs, two or three in every
 * four bytes over the first 64 units.  1 when it is (reported). */
static int utf32(ImpCtx *c, const unsigned char *u, size_t len) {
  static const char *const names[] = {"UTF-32LE", "UTF-32BE"};
  int bom = -1;
  if (len >= 4 && u[0] == 0xFF && u[1] == 0xFE && !u[2] && !u[3]) bom = 0;
  if (len >= 4 && !u[0] && !u[1] && u[2] == 0xFE && u[3] == 0xFF) bom = 1;
  if (bom >= 0) {
    imp_error(c, 1,
              "the file is %s (its byte-order mark says so), which indc import does not read: "
              "save it as UTF-8, or convert it, e.g. iconv -f %s -t UTF-8",
              names[bom], names[bom]);
    return 1;
  }
  if (len < 8 || len % 4) return 0;
  for (int be = 0; be < 2; be++) {
    size_t i = 0;
    for (; i < len && i < 256; i += 4) {
      const unsigned char *q = u + i;
      int hi = be ? q[0] | (q[1] > 0x10) : q[3] | (q[2] > 0x10); /* above U+10FFFF */
      if (hi || !(be ? q[2] | q[3] : q[0] | q[1])) break;         /* or U+0000 */
    }
    if (i >= len || i >= 256) {
      imp_error(c, 1,
                "the file looks like %s without a byte-order mark (NUL bytes in every unit "
                "of four bytes), which indc import does not read: save it as UTF-8, or "
                "convert it, e.g. iconv -f %s -t UTF-8",
                names[be], names[be]);
      return 1;
    }
  }
  return 0;
}

int imp_decode(ImpCtx *c, const char *bytes, size_t len, char **text, size_t *tlen) {
  const unsigned char *u = (const unsigned char *)bytes;
  if (len > LIM_FILE_BYTES) {
    imp_error(c, 0, "file too large (%zu bytes, limit %u)", len, LIM_FILE_BYTES);
    return -1;
  }
  if (utf32(c, u, len)) return -1;
  if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
    c->r->encoding = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
    return convert(c, c->r->encoding, bytes + 2, len - 2, 2, text, tlen);
  }
  /* a UTF-8 BOM decides, unless --encoding says otherwise: a GBK file that
   * an editor prefixed with one (the error on it suggests --encoding gbk) */
  size_t bom = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
  if (bom && c->opt->encoding == IMP_ENC_GB18030)
    return gb18030(c, bytes + bom, len - bom, bom, text, tlen);
  if (bom || c->opt->encoding == IMP_ENC_UTF8)
    return utf8_only(c, bytes + bom, len - bom, bom, text, tlen);
  if (has_nul(bytes, len)) {
    size_t off = (size_t)((const char *)memchr(bytes, '\0', len) - bytes);
    imp_error(c, line_of(bytes, off),
              "NUL byte at offset %zu: binary data or UTF-16 without a byte-order mark; "
              "expected text (UTF-8, GBK) or CSV",
              off);
    return -1;
  }
  if (c->opt->encoding == IMP_ENC_GB18030) return gb18030(c, bytes, len, 0, text, tlen);
  return auto_detect(c, bytes, len, text, tlen);
}
