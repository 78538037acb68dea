/*
 * bind.h - binding data rows to a program's projects and indicators
 * (internal to runtime/data/; see actuals.h for the whole).
 *
 * The CSV and JSON walkers in actuals.c turn their input into cells with
 * positions; the binder finds the project and the indicator each row
 * names ([DATA-NAMES] in docs/data-formats.md), catches duplicates, and
 * stores the parsed value, the 执行数 or the raw field in the RtActuals.
 * Every problem goes through bind_report.
 */
#ifndef INDRT_BIND_H
#define INDRT_BIND_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "../model.h"
#include "actuals.h"

/* A piece of input text and where it starts (1-based; col in characters). */
typedef struct DataCell {
  const char *text;  /* NULL when absent */
  size_t len;
  unsigned line, col;
} DataCell;

/* One row: an indicator (or 执行数, or a raw field) of a project, its value
 * and note. */
typedef struct DataRow {
  DataCell indicator, actual, note;
  const char *plain; /* parse this instead of actual.text (a JSON number's
                        plain form), or NULL */
} DataRow;

typedef struct BindUnknown BindUnknown;

typedef struct Binder {
  const RtProgram *p;
  RtActuals *out;
  DataSink *sink;
  const char *file;
  RtArena *scratch;
  int nomem;
  uint32_t *slots;       /* project hash table: index + 1, 0 empty */
  uint32_t nslots;       /* a power of two */
  uint32_t *spent_line;  /* per project: line of the 执行数 row */
  uint32_t *field_line;  /* per project and field: line of its row */
  uint8_t *field_used;   /* per project and field: some indicator reads it */
  uint32_t *key_hash;    /* per indicator: rt_hash_str of its key, once hashed[] says so */
  uint8_t *hashed;       /* per project: key_hash holds its indicators' (BIND_HASHED
                          * or BIND_HASHED_IDS: some of them have an id) */
  BindUnknown *unknown;  /* unknown project names already reported */
  /* JSON (bind_json): the column of the first key of each indicator,
   * project's 执行数 and raw field, for "first at line L, column C"; NULL
   * for CSV, where a row is named by its line */
  uint32_t *ind_col, *spent_col, *field_col;
  RtArena *keep;         /* where the values' texts and notes go: out->arena, or
                          * a part's own arena (act_parts.c) */
  /* Loading in parts (act_parts.c): the part that owns each project (its
   * number + 1, 0: none yet), or NULL when loading in one piece.  A part
   * writes only what belongs to the projects it owns. */
  atomic_uchar *owner;
  unsigned char me;      /* this part's number + 1 */
  int conflict;          /* a row of a project that another part owns */
} Binder;

/* Set up b and the arrays of out; -1 when out of memory. */
int bind_init(Binder *b, const RtProgram *p, RtActuals *out, DataSink *sink, const char *file,
              RtArena *scratch);

/* Bind the keys of a JSON file: a duplicate is a "duplicate key" with the
 * line and column of both.  0, or -1 with b->nomem set. */
int bind_json(Binder *b);

/* Report a problem at line:col (1-based, 0: none) of the file, unless the
 * sink's cap is reached.  fmt is a message (extracted for translation,
 * po/update.sh) that the sink's translator translates before it is
 * formatted (data_msg.h). */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
void bind_report(Binder *b, unsigned line, unsigned col, const char *fmt, ...);

/* Report a message already composed in the sink's language (a reader's
 * or value.c's), as it is. */
void bind_report_text(Binder *b, unsigned line, unsigned col, const char *msg);

/* The project that cell names, or -1: reported, unless that name was
 * reported before (each unknown name is reported once). */
long bind_project(Binder *b, const DataCell *cell);

/* 1 when b may bind rows of project pi: loading in one piece, or pi is
 * this part's (now); else 0, and b->conflict is set. */
int bind_claim(Binder *b, uint32_t pi);

/* Bind one row of project pi. */
void bind_row(Binder *b, uint32_t pi, const DataRow *row);

/* s[0..len) without leading and trailing whitespace (ASCII, U+3000). */
DataCell bind_trim(DataCell c);

enum { BIND_HASHED = 1, BIND_HASHED_IDS = 2 };

#endif
