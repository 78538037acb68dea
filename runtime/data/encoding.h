/*
 * encoding.h - the text encodings of actual-data files ([DATA-ENC] in
 * docs/data-formats.md).
 *
 * Data files come from Excel: "CSV UTF-8" (with a byte-order mark),
 * plain UTF-8 from scripts, or "CSV" as a Chinese Windows saves it, which
 * is GBK (code page 936).  enc_decode turns any of them into one
 * NUL-terminated UTF-8 buffer without BOM, so the CSV and JSON readers only
 * ever see valid UTF-8.  GBK is decoded with iconv as GB18030, its
 * superset, so every character a GBK file can hold is accepted.
 */
#ifndef INDRT_ENCODING_H
#define INDRT_ENCODING_H

#include <stddef.h>

#include "../model.h"

struct DataSink;

/* A problem with the bytes: 1-based line and column (in characters). */
typedef struct EncError {
  unsigned line, col;
  char msg[400];                /* room for a translation */
  const struct DataSink *sink;  /* translates msg (set by enc_decode) */
} EncError;

enum { ENC_OK = 0, ENC_BAD = -1, ENC_NOMEM = -2 };

/*
 * Decode bytes[0..len) into arena a as NUL-terminated UTF-8 without a
 * byte-order mark.
 *   sink      translates err's message (data_msg.h); NULL: English
 *   encoding  INDRT_ENC_AUTO (valid UTF-8 is UTF-8; UTF-8 Chinese text
 *             beside bytes that are not UTF-8 is an error, mixed
 *             encodings; anything else GBK), INDRT_ENC_UTF8 or INDRT_ENC_GBK
 *   out, outlen  the text and its length (NULs are refused, so strlen works)
 *   used      the encoding decided: INDRT_ENC_UTF8 or INDRT_ENC_GBK
 * Returns ENC_OK, ENC_BAD (err says where and why) or ENC_NOMEM.
 */
int enc_decode(RtArena *a, const void *bytes, size_t len, int encoding, char **out,
               size_t *outlen, int *used, const struct DataSink *sink, EncError *err);

/* Offset of the first byte of s[0..len) that is not part of valid UTF-8
 * (no overlong forms, surrogates or code points past U+10FFFF), or len. */
size_t enc_utf8_valid(const char *s, size_t len);

/* Byte-order marks: 1 when bytes[0..len) begin with a UTF-16 one (which
 * enc_decode refuses); the length of a UTF-8 one (3), or 0. */
int enc_utf16_bom(const void *bytes, size_t len);
size_t enc_utf8_bom(const void *bytes, size_t len);

/* Length of the UTF-8 sequence that starts with byte c (1 for an invalid
 * lead byte, so a scan always advances). */
size_t enc_utf8_len(unsigned char c);

/* Code points in the valid UTF-8 s[0..len). */
size_t enc_utf8_count(const char *s, size_t len);

#endif
