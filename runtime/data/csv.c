/*
 * csv.c - the streaming CSV reader (see csv.h).
 *
 *   row    := field (',' field)* eol
 *   field  := quoted | plain
 *   quoted := '"' (char | '""' | eol)* '"' [spaces]
 *   plain  := (any char but ',' CR LF)*
 *   eol    := CRLF | LF | CR | end of text
 *
 * Every byte passes through csv_adv, which keeps the line and the column
 * (in characters) of the read position, so positions stay right although
 * fields are rewritten in place behind it.
 */
#include "csv.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "data_msg.h"

void csv_init(CsvReader *r, char *text, size_t len) {
  memset(r, 0, sizeof *r);
  r->p = text;
  r->end = text + len;
  r->line = 1;
  r->col = 1;
}

/* Step over one byte; a UTF-8 continuation byte adds no column. */
static void csv_adv(CsvReader *r) {
  if (((unsigned char)*r->p & 0xC0) != 0x80) r->col++;
  r->p++;
}

static int csv_at_end(const CsvReader *r) { return r->p >= r->end; }

static int csv_is_eol(char c) { return c == '\n' || c == '\r'; }

/* Step over the line break at p, whose first byte was d (the byte itself
 * may already be overwritten). */
static void csv_skip_eol(CsvReader *r, char d) {
  r->p++;
  if (d == '\r' && !csv_at_end(r) && *r->p == '\n') r->p++;
  r->line++;
  r->col = 1;
}

/* Record the row's first problem: fmt, a message, in the sink's language. */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static void csv_problem(CsvReader *r, int *bad, unsigned line, unsigned col, const char *fmt, ...) {
  if (*bad) return;
  *bad = 1;
  r->err.line = line;
  r->err.col = col;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->err.msg, sizeof r->err.msg, data_tr(r->sink, fmt), ap);
  va_end(ap);
}

/* plain: up to the next comma or line break.  The loop of csv_adv, with
 * the position in locals: most of the bytes of a file pass here. */
static void csv_plain(CsvReader *r, CsvField *f) {
  char *p = r->p, *end = r->end;
  unsigned col = r->col;
  f->text = p;
  for (; p < end; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == ',' || c == '\n' || c == '\r') break;
    col += (c & 0xC0) != 0x80;
  }
  r->p = p;
  r->col = col;
  f->len = (size_t)(p - f->text);
}

/* Anything but spaces between a closing quote and the delimiter is kept
 * (after the unescaped text) and reported. */
static void csv_after_quote(CsvReader *r, char **w, int *bad) {
  while (!csv_at_end(r) && (*r->p == ' ' || *r->p == '\t')) csv_adv(r);
  if (csv_at_end(r) || *r->p == ',' || csv_is_eol(*r->p)) return;
  csv_problem(r, bad, r->line, r->col,
              "unexpected text after a closing quote (write \"\" for a quote inside quotes)");
  while (!csv_at_end(r) && *r->p != ',' && !csv_is_eol(*r->p)) {
    *(*w)++ = *r->p;
    csv_adv(r);
  }
}

/* quoted: unescaped in place from the opening quote on; 0, or -1 when the
 * quote is never closed. */
static int csv_quoted(CsvReader *r, CsvField *f, int *bad) {
  char *w = r->p;
  f->text = w;
  csv_adv(r);
  for (;;) {
    if (csv_at_end(r)) {
      csv_problem(r, bad, f->line, f->col, "unterminated quoted field (its quote opens here)");
      return -1;
    }
    char c = *r->p;
    if (c == '"' && r->p + 1 < r->end && r->p[1] == '"') {
      *w++ = '"';
      csv_adv(r);
      csv_adv(r);
    } else if (c == '"') {
      csv_adv(r);
      break;
    } else if (csv_is_eol(c)) {
      csv_skip_eol(r, c);
      *w++ = '\n';
    } else {
      *w++ = c;
      csv_adv(r);
    }
  }
  csv_after_quote(r, &w, bad);
  f->len = (size_t)(w - f->text);
  return 0;
}

/* Start a row: skip empty lines; 0 at the end of the text. */
static int csv_start_row(CsvReader *r) {
  while (!csv_at_end(r) && csv_is_eol(*r->p)) csv_skip_eol(r, *r->p);
  if (csv_at_end(r)) return 0;
  r->row_line = r->line;
  r->nfields = 0;
  return 1;
}

/* Read one field of the row; -1 when the text cannot be read further. */
static int csv_field(CsvReader *r, CsvField *f, int *bad) {
  f->line = r->line;
  f->col = r->col;
  if (!csv_at_end(r) && *r->p == '"') {
    if (csv_quoted(r, f, bad) < 0) return -1;
  } else {
    csv_plain(r, f);
  }
  if (f->len > DATA_MAX_FIELD_BYTES)
    csv_problem(r, bad, f->line, f->col, "field too long (%zu bytes; the limit is %u)", f->len,
                DATA_MAX_FIELD_BYTES);
  return 0;
}

int csv_next(CsvReader *r) {
  if (!csv_start_row(r)) return CSV_END;
  int bad = 0;
  if (r->nrows >= DATA_MAX_ROWS) {
    csv_problem(r, &bad, r->line, 1, "too many rows (the limit is %u)", DATA_MAX_ROWS);
    return CSV_FATAL;
  }
  r->nrows++;
  for (;;) {
    CsvField spare, *f = r->nfields < DATA_MAX_COLUMNS ? &r->fields[r->nfields] : &spare;
    if (r->nfields == DATA_MAX_COLUMNS)
      csv_problem(r, &bad, r->line, r->col, "too many fields in a row (the limit is %u)",
                  DATA_MAX_COLUMNS);
    if (r->nfields < DATA_MAX_COLUMNS + 1) r->nfields++;
    if (csv_field(r, f, &bad) < 0) return CSV_FATAL;
    char *term = (char *)(uintptr_t)f->text + f->len;
    char d = csv_at_end(r) ? '\0' : *r->p;
    if (d == ',') csv_adv(r);
    else if (d) csv_skip_eol(r, d);
    *term = '\0';
    if (d != ',') break;
  }
  return bad ? CSV_BAD_ROW : CSV_ROW;
}
