/*
 * json.h - a small JSON reader (RFC 8259) that keeps the line and column
 * of every value and key and the exact text of every number ([DATA-JSON]
 * in docs/data-formats.md; docs/dependencies.md says why it is not
 * json-c).
 *
 * json_parse builds a tree in an arena.  The text must be valid UTF-8
 * (encoding.c makes sure).  Nesting deeper than DATA_MAX_DEPTH, strings
 * longer than DATA_MAX_FIELD_BYTES, numbers longer than
 * DATA_MAX_NUMBER_CHARS and more than DATA_MAX_JSON_VALUES values are errors, so
 * no input can exhaust the C stack or memory.  A syntax error stops the
 * reading: JSON has no safe point to resume from.
 */
#ifndef INDRT_JSON_H
#define INDRT_JSON_H

#include <stddef.h>

#include "../model.h"

struct DataSink;

typedef enum JsonKind {
  JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT
} JsonKind;

typedef struct JsonValue JsonValue;
struct JsonValue {
  JsonKind kind;
  unsigned line, col;  /* 1-based start of the value; col in characters */
  const char *text;    /* STRING: unescaped UTF-8; NUMBER: as written */
  size_t len;          /* bytes of text (a string may hold \u0000) */
  JsonValue *first;    /* ARRAY, OBJECT: the first element or member */
  unsigned n;          /* ARRAY, OBJECT: number of elements or members */
  JsonValue *next;     /* the next element or member of the parent */
  /* members of an object: the key (unescaped) and where it starts */
  const char *key;
  size_t keylen;
  unsigned key_line, key_col;
};

typedef struct JsonError {
  unsigned line, col;
  int nomem;           /* 1: out of memory (msg is empty) */
  char msg[320];       /* room for a translation (UTF-8 Chinese takes 3 bytes a character) */
} JsonError;

/* Parse text[0..len) (one value, surrounded by optional whitespace) into
 * arena a; NULL on error, with err filled, its message translated by
 * sink (data_msg.h; NULL: English). */
JsonValue *json_parse(RtArena *a, const char *text, size_t len, const struct DataSink *sink,
                      JsonError *err);

/* Name of a kind for messages: "a string", "an object", ... (English,
 * marked for translation: data_tr it). */
const char *json_kind_name(JsonKind k);

#endif
