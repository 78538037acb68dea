/*
 * csv.h - a streaming CSV reader (RFC 4180) over UTF-8 text, with the line
 * and column of every field ([DATA-CSV] in docs/data-formats.md).
 *
 * The reader hands out one row at a time.  It reads what Excel, LibreOffice
 * and scripts write: fields separated by commas, optionally in double
 * quotes, a quote inside quotes doubled (""), rows ended by CRLF, LF or a
 * lone CR, line breaks inside quoted fields (stored as LF).  Empty lines
 * are skipped.  A quote in the middle of an unquoted field is an ordinary
 * character, and spaces after a closing quote are ignored.
 *
 * Fields are unescaped in place, so the text must be writable and stay
 * alive while fields are used; each field is NUL-terminated.  No
 * allocation: a reader is a plain struct.
 */
#ifndef INDRT_CSV_H
#define INDRT_CSV_H

#include <stddef.h>

#include "data_limits.h"

struct DataSink;

typedef struct CsvField {
  const char *text;   /* unescaped, NUL-terminated */
  size_t len;         /* bytes */
  unsigned line, col; /* 1-based start (the opening quote, if quoted); col in characters */
} CsvField;

typedef struct CsvError {
  unsigned line, col;
  char msg[320];        /* room for a translation (UTF-8 Chinese takes 3 bytes a character) */
} CsvError;

typedef struct CsvReader {
  char *p, *end;        /* unread text */
  unsigned line, col;   /* position of p (col in characters) */
  unsigned nrows;       /* rows returned so far */
  unsigned row_line;    /* line where the current row starts */
  unsigned nfields;     /* fields in the row (may exceed DATA_MAX_COLUMNS) */
  CsvField fields[DATA_MAX_COLUMNS];
  CsvError err;         /* the first problem of the row, after CSV_BAD_ROW or CSV_FATAL */
  const struct DataSink *sink; /* translates err.msg (data_msg.h); NULL (csv_init): English */
} CsvReader;

enum {
  CSV_ROW,      /* a row is in fields[0..nfields) */
  CSV_END,      /* no more rows */
  CSV_BAD_ROW,  /* the row is malformed (err); the next call reads the row after it */
  CSV_FATAL     /* reading cannot go on (err): unterminated quote, too many rows */
};

/* Start reading text[0..len); text[len] must be a NUL byte. */
void csv_init(CsvReader *r, char *text, size_t len);

/* Read the next row: CSV_ROW, CSV_END, CSV_BAD_ROW or CSV_FATAL. */
int csv_next(CsvReader *r);

#endif
