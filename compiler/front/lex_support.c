/*
 * lex_support.c - token decoding and keyword lookup for grammar/lexer.l.
 */
#include "lex_support.h"
#include "support/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser.h"
#include "rt_hash.h"

/* ---- diagnostics and comments ------------------------------------------ */

/* What to do about an unexpected character at s (NUL-terminated: the
 * character may be the last byte of the file, so compare with strncmp). */
static const char *bad_char_hint(const char *s) {
  if (strncmp(s, "。", 3) == 0)
    return N_("a statement needs no full stop: end it with a new line or ';'");
  if (strncmp(s, "”", 3) == 0) return N_("this ” closes no “; a text opened with “ ends with ”");
  if (s[0] == '\'' || strncmp(s, "‘", 3) == 0 || strncmp(s, "’", 3) == 0 ||
      strncmp(s, "「", 3) == 0 || strncmp(s, "」", 3) == 0 || strncmp(s, "『", 3) == 0 ||
      strncmp(s, "』", 3) == 0)
    return N_("texts go in double quotes: \"…\" or “…”");
  if (s[0] == '`') return N_("a name in backquotes ends with ` on the same line: `工单2023`");
  if (strncmp(s, "—", 3) == 0) /* a table's "none", a range (15—20), a minus */
    return N_("a minus sign is -, a range is written as one bound (≥15 场), and a dash that "
              "means none is a text in quotes: \"—\"");
  if ((unsigned char)s[0] < 0x20 || s[0] == 0x7F)
    return N_("remove it: control characters are invisible in most editors");
  return N_("names and texts go in quotes: \"…\"");
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

int lex_typed_date(const ParseCtx *pc, uint32_t at, int v[3]) {
  char sep = at < pc->len ? pc->text[at] : '\0';
  if (sep != '.' && sep != '/') return 0;
  uint32_t i = at;
  while (i > 0 && (is_digit(pc->text[i - 1]) || pc->text[i - 1] == sep)) i--;
  size_t ndig[3];
  for (int k = 0; k < 3; k++) {
    uint32_t start = i;
    long x = 0;
    while (i < pc->len && is_digit(pc->text[i]) && i - start < 5)
      x = x * 10 + (pc->text[i++] - '0');
    ndig[k] = i - start;
    v[k] = (int)x;
    if (ndig[k] == 0 || (k < 2 && (i >= pc->len || pc->text[i++] != sep))) return 0;
  }
  if (i < pc->len && (is_digit(pc->text[i]) || pc->text[i] == sep)) return 0; /* more parts */
  return ndig[0] == 4 && ndig[1] <= 2 && ndig[2] <= 2 && v[1] >= 1 && v[1] <= 12 && v[2] >= 1 &&
         v[2] <= 31;
}

/* Add the hint for a date typed 2023.12.31 or 2023/12/31 whose separator
 * is at `at`; 0 when it is no such date. */
int lex_typed_date_hint(const ParseCtx *pc, Diag *d, uint32_t at) {
  int v[3];
  if (!d || !lex_typed_date(pc, at, v)) return 0;
  diag_hint(d, "write the date as %d-%02d-%02d or %d年%d月%d日", v[0], v[1], v[2], v[0], v[1],
            v[2]);
  return 1;
}

/* 1 for an unexpected character right after the same one (——, ……):
 * one message says all there is to say of the run. */
static int repeated_bad_char(ParseCtx *pc, uint32_t lo, uint32_t hi) {
  int again = pc->bad_hi == lo && pc->bad_hi > pc->bad_lo && hi - lo == pc->bad_hi - pc->bad_lo &&
              memcmp(pc->text + lo, pc->text + pc->bad_lo, hi - lo) == 0;
  pc->bad_lo = lo;
  pc->bad_hi = hi;
  return again;
}

void lex_error(ParseCtx *pc, DiagCode code, uint32_t lo, uint32_t hi, const char *fmt, ...) {
  if (code == E_BAD_CHAR && repeated_bad_char(pc, lo, hi)) {
    pc->lex_failed = 1;
    return;
  }
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, _(fmt), ap);
  va_end(ap);
  Diag *d = diag_report(pc->diags, code, parse_span(pc, lo, hi), "%s", buf);
  pc->lex_failed = 1;
  if (!d) return;
  switch (code) {
  case E_UNTERM_STRING:
    diag_hint(d, "close the string with \" (or ” for a string opened with “) on the same line");
    break;
  case E_UNTERM_COMMENT:
    diag_hint(d, "close the comment with */");
    break;
  case E_INNER_QUOTE:
    diag_hint(d, "write a quote inside a text as \\\" or use Chinese quotes: \"举办“青春+”活动\"");
    break;
  case E_BAD_NUMBER:
    diag_hint(d, "numbers are exact decimals with at most %d decimal places; round it", DEC_DIGITS);
    break;
  case E_OVERFLOW:
    diag_hint(d, "the largest number is 9223372036.854775807 (about 9.2 billion)");
    break;
  case E_NESTING:
    if (pc->text[lo] == '{' || strncmp(pc->text + lo, "｛", strlen("｛")) == 0)
      diag_hint(d, "blocks nest only as deep as 项目 { 产出指标 { 数量指标 { 指标 … { } } } }; close "
                   "each block with '}' before the next one opens");
    else
      diag_hint(d, "split the computation, or remove parentheses that group nothing");
    break;
  case E_BAD_ESCAPE:
    diag_hint(d, "the escapes are \\\\ \\\" \\n \\t and \\u{XXXX}; write \\\\ for a backslash");
    break;
  case E_BAD_CHAR: /* 2023.12.31: the lexer read 2023.12 as a number */
    if (!lex_typed_date_hint(pc, d, lo)) diag_hint(d, "%s", _(bad_char_hint(pc->text + lo)));
    break;
  default:
    break;
  }
}

void lex_comment(ParseCtx *pc, uint32_t lo, uint32_t hi) {
  File *f = pc->out;
  if ((f->ncomments & (f->ncomments - 1)) == 0) {
    size_t ncap = f->ncomments ? f->ncomments * 2 : 8;
    Comment *c = arena_alloc(pc->arena, ncap * sizeof *c);
    if (f->ncomments) memcpy(c, f->comments, f->ncomments * sizeof *c);
    f->comments = c;
  }
  Comment *c = &f->comments[f->ncomments++];
  c->span = parse_span(pc, lo, hi);
  c->text = arena_strndup(pc->arena, pc->text + lo, hi - lo);
  /* own line: only spaces (also U+3000 and U+00A0) before it, back to a
   * newline or the start of the file (after a byte-order mark) */
  uint32_t i = lo;
  for (;;) {
    if (i > 0 && (pc->text[i - 1] == ' ' || pc->text[i - 1] == '\t')) i--;
    else if (i >= 3 && memcmp(pc->text + i - 3, "\xE3\x80\x80", 3) == 0) i -= 3;
    else if (i >= 2 && memcmp(pc->text + i - 2, "\xC2\xA0", 2) == 0) i -= 2;
    else break;
  }
  c->own_line = i == 0 || pc->text[i - 1] == '\n' ||
                (i == 3 && memcmp(pc->text, "\xEF\xBB\xBF", 3) == 0);
}

const char *lex_text(ParseCtx *pc, const char *s, size_t n) {
  return arena_strndup(pc->arena, s, n);
}

/* ---- strings ------------------------------------------------------------ */

void lex_sbuf_add(ParseCtx *pc, const char *s, size_t n) {
  if (pc->slen + n + 1 > pc->scap) {
    size_t ncap = pc->scap ? pc->scap * 2 : 256;
    while (ncap < pc->slen + n + 1) ncap *= 2;
    char *p = realloc(pc->sbuf, ncap);
    if (!p) {
      fputs("indc: fatal: out of memory\n", stderr);
      abort();
    }
    pc->sbuf = p;
    pc->scap = ncap;
  }
  memcpy(pc->sbuf + pc->slen, s, n);
  pc->slen += n;
  pc->sbuf[pc->slen] = '\0';
}

static size_t utf8_len(unsigned char c) {
  return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static size_t utf8_encode(uint32_t cp, char out[4]) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/*
 * Decode one escape at s (s[0] == '\\') into the string buffer.  Returns the
 * number of bytes consumed, or 0 after reporting an invalid escape at lo.
 */
static size_t decode_escape(ParseCtx *pc, const char *s, size_t n, uint32_t lo) {
  char c = n > 1 ? s[1] : '\0';
  switch (c) {
  case '\\': lex_sbuf_add(pc, "\\", 1); return 2;
  case '"': lex_sbuf_add(pc, "\"", 1); return 2;
  case 'n': lex_sbuf_add(pc, "\n", 1); return 2;
  case 't': lex_sbuf_add(pc, "\t", 1); return 2;
  case 'u': {
    uint32_t cp = 0;
    size_t i = 2, digits = 0;
    if (i < n && s[i] == '{') {
      for (i++; i < n && hexval((unsigned char)s[i]) >= 0 && digits < 6; i++, digits++)
        cp = cp * 16 + (uint32_t)hexval((unsigned char)s[i]);
      if (i < n && s[i] == '}' && digits > 0 && cp <= 0x10FFFF && cp != 0 &&
          !(cp >= 0xD800 && cp <= 0xDFFF)) {
        char buf[4];
        lex_sbuf_add(pc, buf, utf8_encode(cp, buf));
        return i + 1;
      }
    }
    lex_error(pc, E_BAD_ESCAPE, lo, lo + 2, "invalid \\u escape in string");
    return 0;
  }
  default: {
    /* name the whole character after the backslash, not its first byte */
    size_t k = lo + 1 < pc->len ? utf8_len((unsigned char)pc->text[lo + 1]) : 0;
    if (lo + 1 + k > pc->len) k = pc->len - lo - 1;
    lex_error(pc, E_BAD_ESCAPE, lo, lo + 1 + (uint32_t)k, "invalid escape '\\%.*s' in string",
              (int)k, pc->text + lo + 1);
    return 0;
  }
  }
}

/* Lines looked at after an unterminated string for its end. */
#define LEX_RUNON_LINES 10

/* Unescaped '"' in text[i..end of line); *first: offset of the first. */
static unsigned count_quotes(const ParseCtx *pc, uint32_t i, uint32_t *first) {
  unsigned n = 0;
  for (; i < pc->len && pc->text[i] != '\n'; i++) {
    if (pc->text[i] == '\\' && i + 1 < pc->len && pc->text[i + 1] != '\n')
      i++;
    else if (pc->text[i] == '"' && n++ == 0)
      *first = i;
  }
  return n;
}

uint32_t lex_string_runs_on(const ParseCtx *pc, uint32_t eol) {
  uint32_t i = eol;
  for (int line = 0; line < LEX_RUNON_LINES && i < pc->len; line++) {
    uint32_t start = ++i; /* past the '\n' */
    for (; i < pc->len && pc->text[i] != '\n' && pc->text[i] != '"'; i++)
      if (pc->text[i] == '{' || pc->text[i] == '}') return 0; /* code, not text */
    if (i < pc->len && pc->text[i] == '"') {
      uint32_t first = 0;
      return count_quotes(pc, start, &first) % 2 ? first + 1 : 0;
    }
  }
  return 0;
}

void lex_unterminated(ParseCtx *pc, uint32_t lo, uint32_t end) {
  if (!end) {
    lex_error(pc, E_UNTERM_STRING, lo, lo + 1, "unterminated string");
    return;
  }
  uint32_t line, col;
  src_linecol(src_get(pc->ss, pc->file), end - 1, &line, &col);
  Diag *d = diag_report(pc->diags, E_UNTERM_STRING, parse_span(pc, lo, lo + 1),
                        "unterminated string: the text goes on to line %u", (unsigned)line);
  pc->lex_failed = 1;
  diag_hint(d, "a text ends on the line where it starts: join the lines (a line break in an "
               "Excel cell splits a text), or write \\n for a line break");
}

void lex_unterminated_fw(ParseCtx *pc) {
  Diag *d = diag_report(pc->diags, E_UNTERM_STRING, parse_span(pc, pc->str_lo, pc->str_lo + 3),
                        "unterminated string");
  pc->lex_failed = 1;
  diag_hint(d, "close the string with ＂ on the same line (a ＂ inside it is written \\＂)");
}

int lex_string(ParseCtx *pc, const char *body, size_t n, const char **out) {
  uint32_t base = pc->tok_lo + 1;
  pc->slen = 0;
  lex_sbuf_add(pc, "", 0);
  int ok = 1;
  for (size_t i = 0; i < n;) {
    if (body[i] == '\\') {
      size_t k = decode_escape(pc, body + i, n - i, base + (uint32_t)i);
      if (k == 0) {
        ok = 0;
        i += 2;
        continue;
      }
      i += k;
    } else {
      size_t j = i;
      while (j < n && body[j] != '\\') j++;
      lex_sbuf_add(pc, body + i, j - i);
      i = j;
    }
  }
  if (n + 2 > LIM_TOKEN_BYTES) {
    lex_error(pc, E_TOKEN_TOO_LONG, pc->tok_lo, pc->tok_lo + 1,
              "string longer than %u bytes", LIM_TOKEN_BYTES);
    return ERROR;
  }
  *out = arena_strndup(pc->arena, pc->sbuf, pc->slen);
  return ok ? STRING : ERROR;
}

int lex_escape(ParseCtx *pc, const char *s, size_t n) {
  return decode_escape(pc, s, n, pc->tok_lo) != 0;
}

int lex_cq_string(ParseCtx *pc, const char **out) {
  if (pc->slen + 6 > LIM_TOKEN_BYTES) {
    lex_error(pc, E_TOKEN_TOO_LONG, pc->str_lo, pc->str_lo + 3, "string longer than %u bytes",
              LIM_TOKEN_BYTES);
    return ERROR;
  }
  *out = arena_strndup(pc->arena, pc->sbuf ? pc->sbuf : "", pc->slen);
  return STRING;
}

/* ---- numbers and dates -------------------------------------------------- */

static char *ascii_digits(ParseCtx *pc, const char *s, size_t n, size_t *outlen, char *buf,
                          size_t cap);

int lex_number(ParseCtx *pc, const char *s, size_t n, NumTok *out) {
  char buf[64];
  s = ascii_digits(pc, s, n, &n, buf, sizeof buf); /* ９５ is 95 */
  DecStatus st = dec_parse(s, n, &out->v);
  out->text = intern_get(&pc->strs, s, n); /* the same numbers recur */
  if (st == DEC_OK) return NUMBER;
  if (st == DEC_PRECISION)
    lex_error(pc, E_BAD_NUMBER, pc->tok_lo, pc->off,
              "number '%.*s' has more than %d decimal places", (int)(n > 64 ? 64 : n), s,
              DEC_DIGITS);
  else
    lex_error(pc, E_OVERFLOW, pc->tok_lo, pc->off, "number '%.*s' is out of range",
              (int)(n > 64 ? 64 : n), s);
  return ERROR;
}

int lex_days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return days[m - 1];
}

/* The decimal numbers in s, in order (at most 3). */
/* [LEX-2] The digit at s[0..n): its value and *len (1 for 0-9, 3 for a
 * full-width ０-９, U+FF10..U+FF19), or -1. */
static int digit_at(const char *s, size_t n, size_t *len) {
  const unsigned char *u = (const unsigned char *)s;
  if (n >= 1 && u[0] >= '0' && u[0] <= '9') return *len = 1, u[0] - '0';
  if (n >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99)
    return *len = 3, u[2] - 0x90;
  return -1;
}

/* s[0..n) with full-width digits and ．made ASCII: in buf when it fits
 * (cap bytes), else in the arena. */
static char *ascii_digits(ParseCtx *pc, const char *s, size_t n, size_t *outlen, char *buf,
                          size_t cap) {
  char *o = n < cap ? buf : arena_alloc(pc->arena, n + 1);
  size_t k = 0, len;
  for (size_t i = 0; i < n;) {
    int d = digit_at(s + i, n - i, &len);
    if (d >= 0) o[k++] = (char)('0' + d), i += len;
    else if (n - i >= 3 && memcmp(s + i, "\xEF\xBC\x8E", 3) == 0) o[k++] = '.', i += 3;
    else o[k++] = s[i++];
  }
  o[k] = '\0';
  *outlen = k;
  return o;
}

static int scan_ints(const char *s, size_t n, int v[3]) {
  int k = 0;
  size_t len;
  for (size_t i = 0; i < n && k < 3;) {
    if (digit_at(s + i, n - i, &len) >= 0) {
      long x = 0;
      int d;
      while (i < n && (d = digit_at(s + i, n - i, &len)) >= 0) {
        if (x < 100000) x = x * 10 + d;
        i += len;
      }
      v[k++] = (int)x;
    } else {
      i++;
    }
  }
  return k;
}

static int make_date(ParseCtx *pc, const char *s, size_t n, int y, int m, int d, DateTok *out) {
  out->text = intern_get(&pc->strs, s, n); /* 2023年12月底前完成 recurs */
  out->year = y;
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > lex_days_in_month(y, m)) {
    lex_error(pc, E_BAD_DATE, pc->tok_lo, pc->off, "invalid date '%.*s'", (int)n, s);
    if (pc->diags->n) diag_hint(&pc->diags->items[pc->diags->n - 1],
                                "months are 1 to 12 and days must exist in their month");
    return ERROR;
  }
  out->d.y = (int16_t)y;
  out->d.m = (int8_t)m;
  out->d.d = (int8_t)d;
  return 1;
}

size_t lex_trim_space(const char *s, size_t n) {
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  return n;
}

/* Where word w starts in s[0..n), or NULL (s is not NUL-terminated). */
static const char *find_word(const char *s, size_t n, const char *w) {
  size_t wl = strlen(w);
  for (size_t i = 0; i + wl <= n; i++)
    if (memcmp(s + i, w, wl) == 0) return s + i;
  return NULL;
}

/* The month that ends the quarter or half year of a deadline of form 4
 * (2023年第三季度, 2023年第3季度末) or 5 (2023年上半年): 3, 6, 9, 12; 0 for a
 * quarter that does not exist (第5季度), which make_date reports. */
static int last_month(const char *s, size_t n, int form) {
  static const char *const cn[] = {"一", "二", "三", "四"};
  if (form == 5) return find_word(s, n, "上半年") ? 6 : 12;
  const char *ji = find_word(s, n, "季");
  while (ji && ji > s && (ji[-1] == ' ' || ji[-1] == '\t')) ji--;
  for (int i = 0; ji && i < 4; i++) /* the numeral just before 季 */
    if (ji - s >= 3 && memcmp(ji - 3, cn[i], 3) == 0) return 3 * (i + 1);
  int v[3] = {0, 0, 0};
  scan_ints(s, n, v); /* the year, then the quarter in digits */
  return v[1] >= 1 && v[1] <= 4 ? 3 * v[1] : 0;
}

int lex_deadline(ParseCtx *pc, const char *s, size_t n, int form, DateTok *out) {
  int v[3] = {0, 12, 31};
  scan_ints(s, n, v);
  if (form == 1) {
    v[1] = 12;
    v[2] = 31;
  } else if (form == 2) {
    v[2] = v[1] >= 1 && v[1] <= 12 ? lex_days_in_month(v[0], v[1]) : 1;
  } else if (form >= 4) {
    v[1] = last_month(s, n, form);
    if (!v[1]) { /* 第5季度 */
      out->text = intern_get(&pc->strs, s, n);
      lex_error(pc, E_BAD_DATE, pc->tok_lo, pc->off, "invalid date '%.*s'", (int)n, s);
      if (pc->diags->n) diag_hint(&pc->diags->items[pc->diags->n - 1],
                                  "a year has four quarters, 第一季度 to 第四季度");
      return ERROR;
    }
    v[2] = lex_days_in_month(v[0], v[1]);
  }
  return make_date(pc, s, n, v[0], v[1], v[2], out) == ERROR ? ERROR : DEADLINE;
}

int lex_isodate(ParseCtx *pc, const char *s, size_t n, DateTok *out) {
  int v[3] = {0, 0, 0};
  scan_ints(s, n, v);
  return make_date(pc, s, n, v[0], v[1], v[2], out) == ERROR ? ERROR : ISODATE;
}

int lex_period(ParseCtx *pc, const char *s, size_t n, DateTok *out) {
  int v[3] = {0, 1, 1};
  scan_ints(s, n, v);
  return make_date(pc, s, n, v[0], 1, 1, out) == ERROR ? ERROR : PERIOD;
}

/* ---- words ----------------------------------------------------------------- */

/* Full-width punctuation, operators and spaces that end a non-ASCII word.
 * tok: the token, or -1 for a space. */
static const struct {
  const char *s;
  int tok;
} stops[] = {
    {"\xE3\x80\x80", -1}, /* U+3000 ideographic space */
    {"\xC2\xA0", -1},     /* U+00A0 no-break space */
    {"\xEF\xBB\xBF", -1}, /* U+FEFF zero-width no-break space */
    {"\xE2\x80\x8B", -1}, /* U+200B zero-width space */
    {"：", ':'},  {"；", ';'},  {"，", ','},  {"、", ','},  {"（", '('},
    {"）", ')'},  {"｛", '{'},  {"｝", '}'},  {"％", '%'},  {"／", '/'},
    {"＝", '='},  {"＞", '>'},  {"＜", '<'},  {"≥", GE},    {"≧", GE},
    {"≤", LE},    {"≦", LE},    {"＋", '+'},  {"－", '-'},  {"＊", '*'},
    {"≠", NE},    {"“", STRING}, {"”", ERROR}, {"。", ERROR}, {"【", ERROR},
    {"】", ERROR}, {"‘", ERROR}, {"’", ERROR}, {"《", ERROR}, {"》", ERROR},
    {"！", KW_NOT},  {"…", ERROR}, {"·", ERROR}, {"—", ERROR}, {"？", ERROR},
    /* the multiplication and division signs of formulas as Chinese documents
     * write them (合格数÷总数×100%), which an IME offers */
    {"×", '*'},   {"÷", '/'},
    {"＂", STRING}, /* ＂…＂ is a string: the lexer rule */
    {"「", ERROR}, {"」", ERROR}, {"『", ERROR}, {"』", ERROR},
};

static int stop_at(const char *s, size_t n, size_t *len) {
  /* every stop character starts with one of these bytes; Chinese
   * characters (E4..E9 lead bytes) never do, so most calls end here */
  const unsigned char *u = (const unsigned char *)s;
  if (n == 0 || (u[0] != 0xC2 && u[0] != 0xC3 && u[0] != 0xE2 && u[0] != 0xE3 && u[0] != 0xEF))
    return -1;
  size_t l = u[0] == 0xC2 || u[0] == 0xC3 ? 2 : 3; /* U+00A0 · × ÷ are of two bytes */
  if (l > n) return -1;
  /* byte by byte, not strlen and memcmp per entry: this runs for every
   * ≥, ≤ and full-width sign of a spec */
  for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
    const unsigned char *t = (const unsigned char *)stops[i].s;
    if (t[0] == u[0] && t[1] == u[1] && (l == 2 ? t[2] == 0 : t[2] == u[2] && t[3] == 0)) {
      *len = l;
      return (int)i;
    }
  }
  return -1;
}

/* Length of the full-width number at s (digits, then ．and digits), or 0. */
static size_t fw_number_len(const char *s, size_t n) {
  size_t i = 0, len;
  while (i < n && digit_at(s + i, n - i, &len) >= 0 && len == 3) i += 3;
  if (i && n - i >= 3 && memcmp(s + i, "\xEF\xBC\x8E", 3) == 0 &&
      digit_at(s + i + 3, n - i - 3, &len) >= 0 && len == 3) {
    i += 3;
    while (i < n && digit_at(s + i, n - i, &len) >= 0 && len == 3) i += 3;
  }
  return i;
}

/* [LEX-3] The two-character operators typed in full width, or half in
 * full width: ＞＝ >＝ ＞= (≥), ＜＝ (≤), ！＝ (!=), ＝＝ (==).  The ASCII
 * first halves are lexer rules; here the full-width ones. */
static const struct {
  const char *s;
  int tok;
} pairs[] = {
    {"＞＝", GE}, {"＜＝", LE}, {"！＝", NE}, {"＝＝", EQEQ},
};

/* The token of a full-width pair of n bytes at s, or -1. */
static int pair_at(const char *s, size_t n) {
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
    if (n >= 6 && memcmp(s, pairs[i].s, 6) == 0) return pairs[i].tok;
  return -1;
}

size_t lex_split(const char *s, size_t n) {
  size_t len;
  if (pair_at(s, n) >= 0) return 6;
  if (stop_at(s, n, &len) >= 0) return len;
  size_t fw = fw_number_len(s, n);
  if (fw) return fw; /* a number in full-width digits: lex_word reads it */
  size_t i = 0;
  while (i < n) {
    if (stop_at(s + i, n - i, &len) >= 0 || fw_number_len(s + i, n - i)) break;
    i += utf8_len((unsigned char)s[i]);
  }
  return i;
}

/* Does a word (a name, or Chinese text) start at text[i]? */
static int word_at(const ParseCtx *pc, uint32_t i) {
  unsigned char c = (unsigned char)pc->text[i];
  size_t len;
  if (c >= 0x80) return stop_at(pc->text + i, pc->len - i, &len) < 0;
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static int is_keyword(const char *s, size_t n);
static int word_eq(const char *s, size_t n, const char *w);

uint32_t lex_inner_quote(const ParseCtx *pc, uint32_t after) {
  uint32_t first = 0, last = 0;
  if (after >= pc->len || !word_at(pc, after)) return 0;
  unsigned nq = count_quotes(pc, after, &first);
  if (nq == 0) return 0;
  if (nq % 2 == 0) { /* balanced: only a name that cannot follow a text tells */
    uint32_t i = after;
    while (i < pc->len && word_at(pc, i)) i += (uint32_t)utf8_len((unsigned char)pc->text[i]);
    const char *w = pc->text + after;
    size_t n = i - after;
    if (is_keyword(w, n) || word_eq(w, n, "级") || word_eq(w, n, "level"))
      return 0; /* "…"达到 3A 级, 达到 "3A"级 */
  }
  for (uint32_t i = after; i < pc->len && pc->text[i] != '\n'; i++)
    if (pc->text[i] == '\\' && i + 1 < pc->len && pc->text[i + 1] != '\n')
      i++;
    else if (pc->text[i] == '"')
      last = i;
  return last + 1;
}

static const LexKeyword keywords[] = {
#define KW(tok, zh, en) {tok, zh, en},
#include "keywords.def"
#undef KW
};

const LexKeyword *lex_keywords(size_t *n) {
  *n = sizeof keywords / sizeof keywords[0];
  return keywords;
}

static const struct {
  Category cat;
  const char *zh, *zhs, *en;
} categories[] = {
#define X(name, zh, zhs, en) {name, zh, zhs, en},
    AST_CATEGORIES(X)
#undef X
};

static int word_eq(const char *s, size_t n, const char *w) {
  /* the first byte rules out almost every candidate before strlen */
  return n > 0 && w[0] == s[0] && strlen(w) == n && memcmp(s, w, n) == 0;
}

/* Is s[0..n) a keyword or a category keyword? */
static int is_keyword(const char *s, size_t n) {
  for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
    if (word_eq(s, n, keywords[i].zh) || word_eq(s, n, keywords[i].en)) return 1;
  for (size_t i = 0; i < CAT__COUNT; i++)
    if (word_eq(s, n, categories[i].zh) || word_eq(s, n, categories[i].zhs) ||
        word_eq(s, n, categories[i].en))
      return 1;
  return 0;
}

/* [LEX-CMP] Comparisons written in words, as target tables write them
 * (不低于95%, 不超过10万元): the same tokens as ≥ ≤ > < =. */
#define LEX_CMP_WORDS(X)                                                                 \
  X("不少于", GE) X("不低于", GE) X("不小于", GE) X("大于等于", GE) X("大于或等于", GE)  \
  X("不超过", LE) X("不高于", LE) X("不多于", LE) X("不大于", LE) X("小于等于", LE)      \
  X("小于或等于", LE) X("大于", '>') X("高于", '>') X("多于", '>') X("超过", '>')        \
  X("小于", '<') X("低于", '<') X("少于", '<') X("等于", '=')

int lex_is_cmp_word(const char *s, size_t n) {
#define X(w, tok) if (word_eq(s, n, w)) return 1;
  LEX_CMP_WORDS(X)
#undef X
  return 0;
}

/*
 * Every word lex_word looks up, in its order of precedence: keywords (the
 * Chinese, then the English of each entry, so the first entry that spells
 * a word wins: 等级 is KW_SCALE), comparisons in words, then categories.
 * lex_init indexes them by hash in the ParseCtx, so a word costs one
 * probe or two instead of a walk over all of them.
 */
enum { WORD_KW, WORD_CMP, WORD_CAT };
typedef struct LexWord {
  const char *w;
  uint8_t len, kind, lang;
  int val; /* the token (WORD_KW, WORD_CMP) or the Category (WORD_CAT) */
} LexWord;

static const LexWord words[] = {
#define KW(tok, zh, en) {zh, sizeof zh - 1, WORD_KW, LANG_ZH, tok}, \
                        {en, sizeof en - 1, WORD_KW, LANG_EN, tok},
#include "keywords.def"
#undef KW
#define X(w, tok) {w, sizeof w - 1, WORD_CMP, LANG_ZH, tok},
    LEX_CMP_WORDS(X)
#undef X
#define X(name, zh, zhs, en) {en, sizeof en - 1, WORD_CAT, LANG_EN, name}, \
                             {zh, sizeof zh - 1, WORD_CAT, LANG_ZH, name}, \
                             {zhs, sizeof zhs - 1, WORD_CAT, LANG_ZH, name},
    AST_CATEGORIES(X)
#undef X
};
_Static_assert(sizeof words / sizeof words[0] < 256, "word indexes are bytes");
_Static_assert(sizeof words / sizeof words[0] * 2 <= LEX_WORD_SLOTS, "word index too small");

/* The entry of words[] for s[0..n), or NULL. */
static const LexWord *word_find(const ParseCtx *pc, const char *s, size_t n) {
  for (uint32_t i = rt_hash(s, n) & (LEX_WORD_SLOTS - 1); pc->word_ix[i];
       i = (i + 1) & (LEX_WORD_SLOTS - 1)) {
    const LexWord *w = &words[pc->word_ix[i] - 1];
    if (w->len == n && memcmp(w->w, s, n) == 0) return w;
  }
  return NULL;
}

void lex_init(ParseCtx *pc) {
  memset(pc->word_ix, 0, sizeof pc->word_ix);
  for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
    if (word_find(pc, words[k].w, words[k].len)) continue; /* an earlier entry spells it */
    uint32_t i = rt_hash(words[k].w, words[k].len) & (LEX_WORD_SLOTS - 1);
    while (pc->word_ix[i]) i = (i + 1) & (LEX_WORD_SLOTS - 1);
    pc->word_ix[i] = (uint8_t)(k + 1);
  }
}

/* Does the token at lo begin its line (after blanks, U+3000 included)? */
static int starts_line(const ParseCtx *pc, uint32_t lo) {
  while (lo > 0 && (pc->text[lo - 1] == ' ' || pc->text[lo - 1] == '\t' ||
                    (lo >= 3 && memcmp(pc->text + lo - 3, "\xE3\x80\x80", 3) == 0)))
    lo -= pc->text[lo - 1] == ' ' || pc->text[lo - 1] == '\t' ? 1 : 3;
  return lo == 0 || pc->text[lo - 1] == '\n';
}

/*
 * An English keyword or category with capitals at the start of a line
 * (`Year 2023`, `Output {`), as Word and WPS capitalise the first letter
 * of a line: reported as an unknown keyword, then read as the keyword, so
 * that the rest of the file is checked as meant instead of being skipped
 * by the parser's recovery.  Elsewhere such a word stays a name (a raw
 * field `Total`).  NULL when s is no such word.
 */
static const LexWord *capitalised_keyword(ParseCtx *pc, const char *s, size_t n) {
  char low[32];
  int upper = 0;
  if (n >= sizeof low || !starts_line(pc, pc->tok_lo)) return NULL;
  for (size_t i = 0; i < n; i++) {
    upper |= s[i] >= 'A' && s[i] <= 'Z';
    low[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
  }
  const LexWord *w = upper ? word_find(pc, low, n) : NULL;
  if (!w || w->lang != LANG_EN || w->kind == WORD_CMP) return NULL;
  char word[sizeof low];
  memcpy(word, s, n);
  word[n] = '\0';
  Diag *d = diag_report(pc->diags, E_UNKNOWN_KEYWORD, parse_span(pc, pc->tok_lo, pc->off),
                        "unknown keyword '%s'", word);
  if (d) diag_hint(d, "did you mean '%s'?", w->w);
  pc->lex_failed = 1; /* one message: the parser says nothing more of it */
  return w;
}

int lex_word(ParseCtx *pc, const char *s, size_t n, union INDC_YYSTYPE *val) {
  size_t len;
  if (n == 6 && pair_at(s, n) >= 0) return pair_at(s, n);
  int k = stop_at(s, n, &len);
  if (k >= 0 && len == n) {
    int tok = stops[k].tok;
    if (tok == STRING) return ERROR; /* “ is handled by the lexer rule */
    if (tok == KW_NOT) val->KW_NOT = LANG_ZH;
    if (tok == ERROR) {
      lex_error(pc, E_BAD_CHAR, pc->tok_lo, pc->off, "unexpected character '%.*s'", (int)n, s);
      return ERROR;
    }
    if (tok == '{' || tok == '}' || tok == '(' || tok == ')') return lex_ascii_punct(pc, (char)tok);
    return tok;
  }
  const LexWord *w = word_find(pc, s, n);
  if (!w && (unsigned char)s[0] < 0x80) w = capitalised_keyword(pc, s, n);
  if (w && w->kind == WORD_KW) {
    val->KW_AGENCY = (Lang)w->lang;
    return w->val;
  }
  if (w && w->kind == WORD_CMP) return w->val;
  /* a full-width number is no word of the table: reading it here keeps the
   * order of the old search (keywords, comparisons, numbers, categories) */
  if (!w && fw_number_len(s, n) == n) return lex_number(pc, s, n, &val->NUMBER);
  if (w) {
    val->CATEGORY.cat = (Category)w->val;
    val->CATEGORY.lang = (Lang)w->lang;
    return CATEGORY;
  }
  if (n > LIM_TOKEN_BYTES) {
    lex_error(pc, E_TOKEN_TOO_LONG, pc->tok_lo, pc->off, "name longer than %u bytes",
              LIM_TOKEN_BYTES);
    return ERROR;
  }
  val->IDENT = intern_get(&pc->strs, s, n); /* units repeat on every line */
  return IDENT;
}

void lex_track(ParseCtx *pc, int tok, uint32_t lo, uint32_t hi) {
  pc->last[2] = pc->last[1];
  pc->last[1] = pc->last[0];
  pc->last[0].tok = tok;
  pc->last[0].lo = lo;
  pc->last[0].hi = hi;
}

/* Start of the line holding off. */
static uint32_t line_start(const ParseCtx *pc, uint32_t off) {
  while (off > 0 && pc->text[off - 1] != '\n') off--;
  return off;
}

/* Bytes of leading spaces, tabs and ideographic spaces (U+3000) of the
 * line starting at lo. */
static uint32_t indent_of(const ParseCtx *pc, uint32_t lo) {
  uint32_t i = lo;
  for (;;) {
    if (i < pc->len && (pc->text[i] == ' ' || pc->text[i] == '\t'))
      i++;
    else if (i + 3 <= pc->len && memcmp(pc->text + i, "\xE3\x80\x80", 3) == 0)
      i += 3;
    else
      return i - lo;
  }
}

/*
 * Does the '}' at close line up with the line of the '{' at open?  Only a
 * '}' that begins its line on another line is judged; a mismatch hints at
 * which block lacks its '}' when one is missing at the end of the file.
 */
static int same_indent(const ParseCtx *pc, uint32_t open, uint32_t close) {
  uint32_t lo = line_start(pc, open), lc = line_start(pc, close);
  if (lo == lc || indent_of(pc, lc) != close - lc) return 1;
  return indent_of(pc, lo) == close - lc;
}

int lex_ascii_punct(ParseCtx *pc, char c) {
  if (c == '{' || c == '(') {
    if (pc->nopen >= LIM_NESTING) {
      lex_error(pc, E_NESTING, pc->tok_lo, pc->off, "nesting deeper than %u levels", LIM_NESTING);
      pc->too_deep = 1;
      return 0; /* end of input: stop parsing */
    }
    pc->open[pc->nopen++] = pc->tok_lo;
  } else if ((c == '}' || c == ')') && pc->nopen > 0) {
    pc->closed = pc->open[--pc->nopen];
    pc->closer = pc->tok_lo;
    if (c == '}' && !same_indent(pc, pc->closed, pc->tok_lo)) {
      if (pc->nerr_proj > 0) { /* the error cost a brace: what follows is misread */
        pc->desync = 1;
        if (pc->proj) pc->proj->damaged = 1;
      }
      if (!pc->has_suspect) {
        pc->has_suspect = 1;
        pc->suspect = pc->closed;
        pc->suspect_closer = pc->tok_lo;
      }
    }
  }
  return (unsigned char)c;
}
