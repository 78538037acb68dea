/*
 * report.h - the scorecard writers: a scored RtResult as a terminal
 * table, JSON, CSV, Markdown or HTML (docs/report.md).
 *
 * Every writer streams its bytes through a write callback, allocates
 * nothing, uses no floating point and is deterministic: the same result
 * gives the same bytes.  Scores, points and rates are printed with two
 * decimals rounded half up (dec_format); targets and actuals in their own
 * precision; money with at least two decimals.  Every indicator, in every
 * format, carries the same explanation (rep_explain), whose wording is
 * listed in docs/report.md [REP-EXPL].
 */
#ifndef INDRT_REPORT_H
#define INDRT_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "../model.h"

/* Receives bytes; returns 0 on success (the same as indrt_write_fn). */
typedef int (*RepWrite)(void *ud, const void *bytes, size_t len);

typedef struct RepOptions {
  int english; /* headings, words and explanations in English; default Chinese */
  /* A part of the report, so that a host can write one large report in
   * pieces, several at a time ([REP-PARTS] in docs/report.md).  With part
   * 0 (the default) the whole report is written.  With part 1 only the
   * projects [from, to) are, preceded by the head (title, opening lines,
   * the HTML summary) when from is 0 and followed by the tail (summary,
   * closing lines) when to is the number of projects.  The parts of a
   * split 0 = b0 < b1 < ... < bk = nprojects, written in order, give the
   * same bytes as the whole report. */
  int part;
  uint32_t from, to;
} RepOptions;

/*
 * Write the scorecard r.  o may be NULL (Chinese).  Each returns 0, or
 * the first nonzero value the callback returned (nothing more is written
 * after a failed call).
 *   rep_table  aligned columns for a terminal ([REP-TABLE])
 *   rep_json   the documented JSON schema, version 1 ([REP-JSON])
 *   rep_csv    UTF-8 with BOM, RFC 4180, CRLF, one row per indicator ([REP-CSV])
 *   rep_md     a Markdown document ([REP-MD])
 *   rep_html   one self-contained HTML page: inline CSS and SVG charts,
 *              no script, no external asset ([REP-HTML])
 */
int rep_table(const RtResult *r, const RepOptions *o, RepWrite w, void *ud);
int rep_json(const RtResult *r, const RepOptions *o, RepWrite w, void *ud);
int rep_csv(const RtResult *r, const RepOptions *o, RepWrite w, void *ud);
int rep_md(const RtResult *r, const RepOptions *o, RepWrite w, void *ud);
int rep_html(const RtResult *r, const RepOptions *o, RepWrite w, void *ud);

/*
 * The explanation of indicator `ind` (an index into r->prog->indicators)
 * as NUL-terminated UTF-8 in buf: "12 场 < 15 场: 差 3 场, 80.00%".
 * Cut at a character boundary when longer than cap - 1 bytes; nothing is
 * written when cap is 0.  An index out of range gives "".
 */
void rep_explain(const RtResult *r, uint32_t ind, int english, char *buf, size_t cap);

/*
 * Display width of the UTF-8 text s[0..len) in terminal columns: East
 * Asian wide and full-width characters 2, combining marks 0, others 1
 * (utf8proc_charwidth).  Control characters and invalid bytes count 1,
 * because the table writer prints each of them as one replacement column.
 */
size_t rep_width(const char *s, size_t len);

#endif
