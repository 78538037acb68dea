/*
 * json.c - the JSON reader (see json.h).  Recursive descent over RFC 8259:
 *
 *   value  := object | array | string | number | true | false | null
 *   object := '{' [string ':' value (',' string ':' value)*] '}'
 *   array  := '[' [value (',' value)*] ']'
 *   number := '-'? ('0' | [1-9][0-9]*) ('.' [0-9]+)? ([eE] [+-]? [0-9]+)?
 *
 * Every byte passes through json_adv, which keeps the line and column of
 * the read position.  The first error stops the parse (jp->failed); each
 * function returns NULL or -1 once it is set.
 */
#include "json.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "data_limits.h"
#include "data_msg.h"

typedef struct JsonParser {
  const char *p, *end;
  unsigned line, col;
  RtArena *a;
  JsonError *err;
  unsigned depth, nvalues;
  int failed;
  const DataSink *sink; /* translates the messages */
} JsonParser;

const char *json_kind_name(JsonKind k) {
  static const char *const names[] = {
      "null", "false", "true", DATA_N_("a number"), DATA_N_("a string"), DATA_N_("an array"),
      DATA_N_("an object")};
  return k <= JSON_OBJECT ? names[k] : "?";
}

static int json_at_end(const JsonParser *jp) { return jp->p >= jp->end; }

static void json_adv(JsonParser *jp) {
  unsigned char c = (unsigned char)*jp->p++;
  if (c == '\n') jp->line++, jp->col = 1;
  else if ((c & 0xC0) != 0x80) jp->col++;
}

#if defined(__GNUC__)
#define JSON_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define JSON_PRINTF(f, a)
#endif

/* Record the error at (line, col): fmt, a message, in the sink's
 * language.  The first one wins. */
static JSON_PRINTF(4, 0) void json_vfail_at(JsonParser *jp, unsigned line, unsigned col,
                                            const char *fmt, va_list ap) {
  if (jp->failed) return;
  jp->failed = 1;
  jp->err->line = line;
  jp->err->col = col;
  vsnprintf(jp->err->msg, sizeof jp->err->msg, data_tr(jp->sink, fmt), ap);
}

static JSON_PRINTF(4, 5) void json_fail_at(JsonParser *jp, unsigned line, unsigned col,
                                           const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  json_vfail_at(jp, line, col, fmt, ap);
  va_end(ap);
}

/* The error at the read position. */
static JSON_PRINTF(2, 3) void json_fail(JsonParser *jp, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  json_vfail_at(jp, jp->line, jp->col, fmt, ap);
  va_end(ap);
}

/* Out of memory: an error without a message. */
static void json_nomem(JsonParser *jp) {
  if (!jp->failed) jp->failed = 1, jp->err->line = jp->line, jp->err->col = jp->col;
  jp->err->nomem = 1;
}

/* The character at p, quoted for a message: 'x', or "end of text". */
static void json_describe(const JsonParser *jp, char *buf, size_t cap) {
  if (json_at_end(jp)) {
    snprintf(buf, cap, "%s", data_tr(jp->sink, DATA_N_("end of text")));
    return;
  }
  size_t k = 1;
  while (jp->p + k < jp->end && ((unsigned char)jp->p[k] & 0xC0) == 0x80 && k < 4) k++;
  snprintf(buf, cap, "'%.*s'", (int)k, jp->p);
}

/* "expected X, found Y" at the read position; what is in the sink's
 * language. */
static void json_expected_text(JsonParser *jp, const char *what) {
  char found[32];
  json_describe(jp, found, sizeof found);
  if (!json_at_end(jp) && *jp->p == '\'')
    json_fail(jp, "expected %s, found '\\'' (JSON strings use double quotes)", what);
  else if (!json_at_end(jp) && *jp->p == '/')
    json_fail(jp, "expected %s, found '/' (JSON has no comments)", what);
  else
    json_fail(jp, "expected %s, found %s", what, found);
}

/* The same with what a message (extracted: po/update.sh). */
static void json_expected(JsonParser *jp, const char *what) {
  json_expected_text(jp, data_tr(jp->sink, what));
}

static void json_space(JsonParser *jp) {
  while (!json_at_end(jp) &&
         (*jp->p == ' ' || *jp->p == '\t' || *jp->p == '\n' || *jp->p == '\r'))
    json_adv(jp);
}

static JsonValue *json_new(JsonParser *jp, JsonKind kind) {
  if (++jp->nvalues > DATA_MAX_JSON_VALUES) {
    json_fail(jp, "too many values (the limit is %u)", DATA_MAX_JSON_VALUES);
    return NULL;
  }
  JsonValue *v = rt_alloc(jp->a, sizeof *v);
  if (!v) {
    json_nomem(jp);
    return NULL;
  }
  v->kind = kind;
  v->line = jp->line;
  v->col = jp->col;
  return v;
}

/* ---- strings --------------------------------------------------------------- */

static int json_hex4(const char *s, unsigned *out) {
  unsigned v = 0;
  for (int i = 0; i < 4; i++) {
    char c = s[i];
    unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                 : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                 : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                        : 16u;
    if (d == 16) return -1;
    v = v * 16 + d;
  }
  *out = v;
  return 0;
}

static size_t json_put_utf8(char *w, unsigned c) {
  if (c < 0x80) return (size_t)(w[0] = (char)c, 1);
  if (c < 0x800) {
    w[0] = (char)(0xC0 | c >> 6), w[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    w[0] = (char)(0xE0 | c >> 12), w[1] = (char)(0x80 | (c >> 6 & 0x3F));
    w[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  w[0] = (char)(0xF0 | c >> 18), w[1] = (char)(0x80 | (c >> 12 & 0x3F));
  w[2] = (char)(0x80 | (c >> 6 & 0x3F)), w[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

/* \uXXXX (p after the 'u'), with a surrogate pair as one code point. */
static int json_unicode(JsonParser *jp, unsigned *cp) {
  if (jp->end - jp->p < 4 || json_hex4(jp->p, cp) < 0) {
    json_fail(jp, "invalid \\u escape: expected four hex digits");
    return -1;
  }
  for (int i = 0; i < 4; i++) json_adv(jp);
  if (*cp >= 0xDC00 && *cp <= 0xDFFF) goto lone;
  if (*cp < 0xD800 || *cp > 0xDBFF) goto done;
  unsigned lo;
  if (jp->end - jp->p < 6 || jp->p[0] != '\\' || jp->p[1] != 'u' ||
      json_hex4(jp->p + 2, &lo) < 0 || lo < 0xDC00 || lo > 0xDFFF)
    goto lone;
  for (int i = 0; i < 6; i++) json_adv(jp);
  *cp = 0x10000 + ((*cp - 0xD800) << 10) + (lo - 0xDC00);
done:
  if (*cp != 0) return 0;
  json_fail(jp, "\\u0000 is not allowed in a string");
  return -1;
lone:
  json_fail(jp, "invalid \\u escape: unpaired surrogate");
  return -1;
}

/* One escape after the backslash, written at *w. */
static int json_escape(JsonParser *jp, char **w) {
  static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
  const char *e = json_at_end(jp) ? NULL : strchr(from, *jp->p);
  if (e && *e) {
    *(*w)++ = to[e - from];
    json_adv(jp);
    return 0;
  }
  if (!json_at_end(jp) && *jp->p == 'u') {
    unsigned cp;
    json_adv(jp);
    if (json_unicode(jp, &cp) < 0) return -1;
    *w += json_put_utf8(*w, cp);
    return 0;
  }
  json_expected(jp, "an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
  return -1;
}

/* Bytes from p to the closing quote: escapes never grow, so the unescaped
 * string fits in as many. */
static size_t json_string_span(const JsonParser *jp) {
  const char *q = jp->p + 1;
  while (q < jp->end && *q != '"') q += (*q == '\\' && q + 1 < jp->end) ? 2 : 1;
  return (size_t)(q - jp->p);
}

/* string at p (the opening quote); the result in *out, *outlen. */
static int json_string(JsonParser *jp, const char **out, size_t *outlen) {
  unsigned line = jp->line, col = jp->col;
  char *buf = rt_alloc(jp->a, json_string_span(jp) + 1), *w = buf;
  if (!buf) return json_nomem(jp), -1;
  json_adv(jp);
  while (!json_at_end(jp) && *jp->p != '"') {
    unsigned char c = (unsigned char)*jp->p;
    if (c < 0x20) {
      if (c == '\n') json_fail(jp, "line break in a string (write \\n)");
      else json_fail(jp, "control character in a string (escape it)");
      return -1;
    }
    if (c == '\\') {
      json_adv(jp);
      if (json_escape(jp, &w) < 0) return -1;
    } else {
      *w++ = (char)c;
      json_adv(jp);
    }
  }
  if (json_at_end(jp)) {
    json_fail_at(jp, line, col, "unterminated string (its quote opens here)");
    return -1;
  }
  json_adv(jp);
  *w = '\0';
  *out = buf;
  *outlen = (size_t)(w - buf);
  if (*outlen <= DATA_MAX_FIELD_BYTES) return 0;
  json_fail_at(jp, line, col, "string too long (%zu bytes; the limit is %u)", *outlen,
               DATA_MAX_FIELD_BYTES);
  return -1;
}

/* ---- numbers and literals ---------------------------------------------------- */

static int json_digit(const JsonParser *jp) {
  return !json_at_end(jp) && *jp->p >= '0' && *jp->p <= '9';
}

/* One or more digits; 0 when there are none. */
static int json_digits(JsonParser *jp) {
  if (!json_digit(jp)) return 0;
  while (json_digit(jp)) json_adv(jp);
  return 1;
}

static int json_number_syntax(JsonParser *jp) {
  if (*jp->p == '-') json_adv(jp);
  if (!json_digit(jp)) return json_expected(jp, "a digit"), -1;
  if (*jp->p == '0') {
    json_adv(jp);
    if (json_digit(jp)) return json_fail(jp, "leading zeros are not allowed in a number"), -1;
  } else {
    json_digits(jp);
  }
  if (!json_at_end(jp) && *jp->p == '.') {
    json_adv(jp);
    if (!json_digits(jp)) return json_expected(jp, "a digit after '.'"), -1;
  }
  if (!json_at_end(jp) && (*jp->p == 'e' || *jp->p == 'E')) {
    json_adv(jp);
    if (!json_at_end(jp) && (*jp->p == '+' || *jp->p == '-')) json_adv(jp);
    if (!json_digits(jp)) return json_expected(jp, "a digit in the exponent"), -1;
  }
  return 0;
}

static JsonValue *json_number(JsonParser *jp) {
  JsonValue *v = json_new(jp, JSON_NUMBER);
  if (!v) return NULL;
  v->text = jp->p;
  if (json_number_syntax(jp) < 0) return NULL;
  v->len = (size_t)(jp->p - v->text);
  if (v->len <= DATA_MAX_NUMBER_CHARS) return v;
  json_fail_at(jp, v->line, v->col, "number too long (%zu characters; the limit is %u)", v->len,
               DATA_MAX_NUMBER_CHARS);
  return NULL;
}

static JsonValue *json_literal(JsonParser *jp) {
  static const struct { const char *word; JsonKind kind; } lits[] = {
      {"true", JSON_TRUE}, {"false", JSON_FALSE}, {"null", JSON_NULL}};
  for (size_t i = 0; i < sizeof lits / sizeof lits[0]; i++) {
    size_t n = strlen(lits[i].word);
    if ((size_t)(jp->end - jp->p) < n || memcmp(jp->p, lits[i].word, n) != 0) continue;
    JsonValue *v = json_new(jp, lits[i].kind);
    for (size_t k = 0; v && k < n; k++) json_adv(jp);
    return v;
  }
  json_expected(jp, "a value");
  return NULL;
}

/* ---- arrays and objects -------------------------------------------------------- */

static JsonValue *json_value(JsonParser *jp);

/* Enter a nested array or object. */
static int json_enter(JsonParser *jp) {
  if (++jp->depth <= DATA_MAX_DEPTH) return 0;
  json_fail(jp, "nesting too deep (the limit is %u levels)", DATA_MAX_DEPTH);
  return -1;
}

/* After an element (what: a message naming it): 1 to go on (a comma), 0
 * at the closer, -1 on error. */
static int json_more(JsonParser *jp, char closer, const char *what) {
  json_space(jp);
  if (!json_at_end(jp) && *jp->p == closer) {
    json_adv(jp);
    return 0;
  }
  if (json_at_end(jp) || *jp->p != ',') {
    char exp[160];
    snprintf(exp, sizeof exp, data_tr(jp->sink, DATA_N_("',' or '%c' after %s")), closer,
             data_tr(jp->sink, what));
    json_expected_text(jp, exp);
    return -1;
  }
  json_adv(jp);
  json_space(jp);
  if (!json_at_end(jp) && *jp->p == closer) {
    json_fail(jp, "trailing comma before '%c'", closer);
    return -1;
  }
  return 1;
}

static void json_append(JsonValue *parent, JsonValue **tail, JsonValue *v) {
  if (*tail) (*tail)->next = v;
  else parent->first = v;
  *tail = v;
  parent->n++;
}

static JsonValue *json_array(JsonParser *jp) {
  JsonValue *arr = json_new(jp, JSON_ARRAY), *tail = NULL;
  if (!arr || json_enter(jp) < 0) return NULL;
  json_adv(jp);
  json_space(jp);
  int more = 1;
  if (!json_at_end(jp) && *jp->p == ']') json_adv(jp), more = 0;
  while (more > 0) {
    JsonValue *v = json_value(jp);
    if (!v) return NULL;
    json_append(arr, &tail, v);
    more = json_more(jp, ']', DATA_N_("an array element"));
  }
  jp->depth--;
  return more < 0 ? NULL : arr;
}

/* key ':' value, with the key's position on the value. */
static JsonValue *json_member(JsonParser *jp) {
  unsigned line = jp->line, col = jp->col;
  const char *key;
  size_t keylen;
  if (json_at_end(jp) || *jp->p != '"') return json_expected(jp, "a string key"), NULL;
  if (json_string(jp, &key, &keylen) < 0) return NULL;
  json_space(jp);
  if (json_at_end(jp) || *jp->p != ':') return json_expected(jp, "':' after the key"), NULL;
  json_adv(jp);
  JsonValue *v = json_value(jp);
  if (!v) return NULL;
  v->key = key, v->keylen = keylen, v->key_line = line, v->key_col = col;
  return v;
}

static JsonValue *json_object(JsonParser *jp) {
  JsonValue *obj = json_new(jp, JSON_OBJECT), *tail = NULL;
  if (!obj || json_enter(jp) < 0) return NULL;
  json_adv(jp);
  json_space(jp);
  int more = 1;
  if (!json_at_end(jp) && *jp->p == '}') json_adv(jp), more = 0;
  while (more > 0) {
    JsonValue *v = json_member(jp);
    if (!v) return NULL;
    json_append(obj, &tail, v);
    more = json_more(jp, '}', DATA_N_("an object member"));
  }
  jp->depth--;
  return more < 0 ? NULL : obj;
}

static JsonValue *json_value(JsonParser *jp) {
  json_space(jp);
  if (json_at_end(jp)) return json_expected(jp, "a value"), NULL;
  char c = *jp->p;
  if (c == '{') return json_object(jp);
  if (c == '[') return json_array(jp);
  if (c == '-' || (c >= '0' && c <= '9')) return json_number(jp);
  if (c != '"') return json_literal(jp);
  JsonValue *v = json_new(jp, JSON_STRING);
  if (!v || json_string(jp, &v->text, &v->len) < 0) return NULL;
  return v;
}

JsonValue *json_parse(RtArena *a, const char *text, size_t len, const DataSink *sink,
                      JsonError *err) {
  JsonParser jp = {text, text + len, 1, 1, a, err, 0, 0, 0, sink};
  memset(err, 0, sizeof *err);
  JsonValue *v = json_value(&jp);
  if (!v) return NULL;
  json_space(&jp);
  if (json_at_end(&jp)) return v;
  json_expected(&jp, "the end of the text after the JSON value");
  return NULL;
}
