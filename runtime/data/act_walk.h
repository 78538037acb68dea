/*
 * act_walk.h - the pieces of the CSV walker (actuals.c) that loading in
 * parts (act_parts.c) shares; internal to runtime/data/.
 */
#ifndef INDRT_ACT_WALK_H
#define INDRT_ACT_WALK_H

#include <stddef.h>
#include <stdint.h>

#include "bind.h"
#include "csv.h"

enum { COL_PROJECT, COL_INDICATOR, COL_ACTUAL, COL_NOTE, COL__N };

/* The columns of the header row. */
typedef struct CsvCols {
  int at[COL__N]; /* field index of each column, -1 when absent */
  unsigned n;     /* fields in the header */
  /* Header cells left blank (Excel's trailing comma): bit i for field i.
   * Such a column is read past while it is blank in every row. */
  uint64_t nameless;
  unsigned line[DATA_MAX_COLUMNS], col[DATA_MAX_COLUMNS]; /* where each header cell starts */
} CsvCols;

/* The project of the previous row: its index (-1: none to bind to; -2
 * before the first row) and the text of its cell; and the nameless
 * columns reported for text in them (once each). */
typedef struct ActCur {
  long pi;
  const char *text;
  size_t len;
  uint64_t told;
} ActCur;

/* Start loading for program p: *out empty with its arena, *scratch, and
 * binder b reporting to sink (for messages, the file is name, or "<data>").
 * 0, or -1 when out of memory (out, scratch to be freed all the same). */
int act_begin(const RtProgram *p, const char *name, const RtMem *mem, RtActuals *out,
              RtArena *scratch, Binder *b, DataSink *sink);

/* Map the header row r holds; 0, or -1 when rows cannot be read with it
 * (reported). */
int act_csv_header(Binder *b, const CsvReader *r, CsvCols *cols);

/* Bind the data row r holds (problems reported through b). */
void act_csv_row(Binder *b, const CsvReader *r, const CsvCols *cols, ActCur *cur);

/* The format of a file: format itself unless it is INDRT_DATA_AUTO; then
 * a name ending in .json, or text whose first non-space character is '{',
 * is JSON, anything else CSV. */
int act_format(int format, const char *name, const char *text);

#endif
