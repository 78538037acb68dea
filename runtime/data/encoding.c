/*
 * encoding.c - BOM, UTF-8 validation and GBK -> UTF-8 (see encoding.h).
 *
 * Order of decisions: a UTF-16 byte-order mark is refused with advice; a
 * UTF-8 BOM means UTF-8; otherwise AUTO takes valid UTF-8 as UTF-8, a file
 * with UTF-8 Chinese text and bytes that are not UTF-8 as mixed encodings
 * (an error: either guess garbles half of it), and anything else as GBK.
 * NUL bytes are refused in every encoding: no text format has them, and
 * the readers rely on NUL-terminated text.
 */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "data_limits.h"
#include "data_msg.h"
#include "indrt.h"

size_t enc_utf8_len(unsigned char c) {
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) return 3;
  if (c >= 0xF0 && c <= 0xF4) return 4;
  return 1;
}

/* Length of the valid sequence at s[0..n), or 0 if it is not valid. */
static size_t enc_utf8_seq(const unsigned char *s, size_t n) {
  size_t k = enc_utf8_len(s[0]);
  if (k == 1) return s[0] < 0x80 ? 1 : 0;
  if (k > n) return 0;
  for (size_t i = 1; i < k; i++)
    if ((s[i] & 0xC0) != 0x80) return 0;
  if (s[0] == 0xE0 && s[1] < 0xA0) return 0;  /* overlong */
  if (s[0] == 0xED && s[1] >= 0xA0) return 0; /* surrogate */
  if (s[0] == 0xF0 && s[1] < 0x90) return 0;  /* overlong */
  if (s[0] == 0xF4 && s[1] >= 0x90) return 0; /* past U+10FFFF */
  return k;
}

size_t enc_utf8_valid(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < len) {
    size_t k = enc_utf8_seq(u + i, len - i);
    if (!k) return i;
    i += k;
  }
  return len;
}

size_t enc_utf8_count(const char *s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    n += ((unsigned char)s[i] & 0xC0) != 0x80;
  return n;
}

/* Line and column of offset off in the valid UTF-8 text s. */
static void enc_where(const char *s, size_t off, EncError *err) {
  unsigned line = 1;
  size_t start = 0;
  for (size_t i = 0; i < off; i++)
    if (s[i] == '\n') line++, start = i + 1;
  err->line = line;
  err->col = (unsigned)enc_utf8_count(s + start, off - start) + 1;
}

/* The message: fmt in the language of err->sink.  Returns ENC_BAD. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int enc_fail(EncError *err, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, data_tr(err->sink, fmt), ap);
  va_end(ap);
  return ENC_BAD;
}

/* Copy valid UTF-8 into the arena. */
static int enc_copy(RtArena *a, const char *s, size_t len, char **out, size_t *outlen) {
  *out = rt_strndup(a, s, len);
  *outlen = len;
  return *out ? ENC_OK : ENC_NOMEM;
}

/* The offset of the first NUL in s[0..len), or len. */
static size_t enc_find_nul(const char *s, size_t len) {
  const char *z = memchr(s, '\0', len);
  return z ? (size_t)(z - s) : len;
}

/* GBK (as GB18030) to UTF-8 with iconv.  Output is at most 3/2 of the
 * input for two-byte characters and equal for four-byte ones. */
static int enc_gbk(RtArena *a, const char *s, size_t len, char **out, size_t *outlen,
                   int guessed, EncError *err) {
  size_t cap = len + len / 2 + 8;
  char *buf = rt_alloc(a, cap);
  if (!buf) return ENC_NOMEM;
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == (iconv_t)-1) {
    err->line = err->col = 0;
    return enc_fail(err, "cannot decode GBK: iconv has no GB18030 converter");
  }
  char *in = (char *)(uintptr_t)s, *o = buf;
  size_t inleft = len, oleft = cap - 1;
  size_t r = iconv(cd, &in, &inleft, &o, &oleft);
  int e = errno;
  iconv_close(cd);
  *o = '\0';
  if (r == (size_t)-1) {
    enc_where(buf, (size_t)(o - buf), err);
    if (e == E2BIG) return enc_fail(err, "GBK text too long after conversion");
    if (guessed)
      return enc_fail(err, "invalid text: the file is neither UTF-8 nor GBK (byte 0x%02X)",
                      (unsigned char)*in);
    return enc_fail(err, "invalid GBK text (byte 0x%02X)", (unsigned char)*in);
  }
  *out = buf;
  *outlen = (size_t)(o - buf);
  if (*outlen > DATA_MAX_FILE_BYTES) {
    err->line = err->col = 0;
    return enc_fail(err, "file too large after conversion to UTF-8");
  }
  return ENC_OK;
}

/* 1 when the code point of the valid 3-byte sequence at u is Chinese
 * text: a CJK ideograph (U+4E00-U+9FFF), CJK punctuation (U+3000-U+303F)
 * or a full-width form (U+FF00-U+FFEF). */
static int enc_chinese3(const unsigned char *u) {
  uint32_t c = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x303F) ||
         (c >= 0xFF00 && c <= 0xFFEF);
}

/* 1 when the run s[0..n) of bytes above 0x7F is all valid UTF-8 with a
 * Chinese character in it. */
static int enc_chinese_run(const unsigned char *s, size_t n) {
  int chinese = 0;
  for (size_t i = 0, k; i < n; i += k) {
    if (!(k = enc_utf8_seq(s + i, n - i))) return 0;
    chinese |= k == 3 && enc_chinese3(s + i);
  }
  return chinese;
}

/*
 * The line of the first UTF-8 Chinese text in s[0..len), or 0 when there
 * is none.  The unit is a run of bytes above 0x7F (between ASCII bytes):
 * a GBK file has stretches that happen to be valid UTF-8 (GBK 椤啊 is
 * E9 A1 B0 A1, and E9 A1 B0 is UTF-8 for 顰), but a whole run of GBK
 * Chinese that is valid UTF-8 and decodes to Chinese is rare, while a
 * UTF-8 cell is such a run.  A run, not a line as in the importer ([IMPORT-ENC]):
 * one GBK cell in a UTF-8 row is the case that matters here.
 */
static unsigned enc_utf8_text_line(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  unsigned line = 1;
  for (size_t i = 0; i < len;) {
    if (u[i] < 0x80) {
      line += u[i++] == '\n';
      continue;
    }
    size_t j = i;
    while (j < len && u[j] >= 0x80) j++;
    if (enc_chinese_run(u + i, j - i)) return line;
    i = j;
  }
  return 0;
}

/* Mixed encodings: the first byte that is not UTF-8 (offset bad) in a
 * file with UTF-8 Chinese text on line u8.  Returns ENC_BAD. */
static int enc_mixed(const char *s, size_t bad, unsigned u8, EncError *err) {
  enc_where(s, bad, err);
  return enc_fail(err,
                  "mixed encodings: byte 0x%02X is not UTF-8, but the file has UTF-8 text on "
                  "line %u; save the whole file as UTF-8 (or, if it is all GBK, give encoding gbk)",
                  (unsigned char)s[bad], u8);
}

int enc_utf16_bom(const void *bytes, size_t len) {
  const unsigned char *u = bytes;
  return len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF));
}

size_t enc_utf8_bom(const void *bytes, size_t len) {
  const unsigned char *u = bytes;
  return len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
}

/* Refuse UTF-16 and NUL bytes, which no supported encoding has. */
static int enc_precheck(const unsigned char *u, size_t len, EncError *err) {
  err->line = 1, err->col = 1;
  if (enc_utf16_bom(u, len))
    return enc_fail(err, "UTF-16 text is not supported: save the file as CSV UTF-8 or CSV");
  size_t z = enc_find_nul((const char *)u, len);
  if (z == len) return ENC_OK;
  enc_where((const char *)u, z, err);
  return enc_fail(err, "NUL byte in text (is the file UTF-16 or binary?)");
}

int enc_decode(RtArena *a, const void *bytes, size_t len, int encoding, char **out,
               size_t *outlen, int *used, const DataSink *sink, EncError *err) {
  const char *s = bytes ? bytes : "";
  const unsigned char *u = (const unsigned char *)s;
  memset(err, 0, sizeof *err);
  err->sink = sink;
  int rc = enc_precheck(u, len, err);
  if (rc != ENC_OK) return rc;
  size_t bom = enc_utf8_bom(u, len);
  if (encoding == INDRT_ENC_GBK && !bom) {
    *used = INDRT_ENC_GBK;
    return enc_gbk(a, s, len, out, outlen, 0, err);
  }
  s += bom, len -= bom;
  size_t bad = enc_utf8_valid(s, len);
  if (bad == len) {
    *used = INDRT_ENC_UTF8;
    return enc_copy(a, s, len, out, outlen);
  }
  unsigned u8 = encoding == INDRT_ENC_AUTO && !bom ? enc_utf8_text_line(s, len) : 0;
  if (u8) return enc_mixed(s, bad, u8, err);
  if (encoding == INDRT_ENC_AUTO && !bom) {
    *used = INDRT_ENC_GBK;
    return enc_gbk(a, s, len, out, outlen, 1, err);
  }
  enc_where(s, bad, err);
  if (bom)
    return enc_fail(err, "invalid UTF-8 after a UTF-8 byte-order mark (byte 0x%02X)",
                    (unsigned char)s[bad]);
  return enc_fail(err, "invalid UTF-8 (byte 0x%02X): a GBK file needs encoding gbk",
                  (unsigned char)s[bad]);
}
