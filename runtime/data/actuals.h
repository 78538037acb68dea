/*
 * actuals.h - loading actual outcome data (实际完成值) for a program
 * (docs/data-formats.md).
 *
 * A data file gives, per project, the actual of each indicator, the money
 * spent (执行数) and the raw fields of derived indicators, as CSV
 * (project,indicator,actual[,note]) or JSON ({"projects": {…}}).  act_load
 * decodes it (encoding.c), reads it (csv.c, json.c), binds each row to a
 * project and an indicator, parses the value for the indicator's target
 * (value.c) and fills an RtActuals.  Every problem is reported with
 * file:line:column; loading goes on after a bad row, so one run shows all
 * of them.  An indicator without a row stays RT_ACT_MISSING.
 */
#ifndef INDRT_ACTUALS_H
#define INDRT_ACTUALS_H

#include <stddef.h>

#include "../model.h"
#include "indrt.h"

/* Where problems go. */
typedef struct DataSink {
  /* Called once per problem, for the first `max` problems; may be NULL.
   * line and col are 1-based, 0 when not applicable; msg is one line
   * without a trailing period. */
  void (*report)(void *ud, const char *file, unsigned line, unsigned col, const char *msg);
  void *ud;
  unsigned max;   /* stop reporting after this many (0 = DATA_MAX_ERRORS, 100) */
  unsigned count; /* problems seen, reported or not (it keeps counting past max) */
  /* Translates a message text (its English text, the msgid) into the
   * language the problems are wanted in; NULL, or a NULL result, keeps
   * English.  Called with ud for every format and every word spliced into
   * a message (data_msg.h), before the message is composed.  A translation
   * keeps the printf directives of its msgid, in order; it must stay
   * valid while the load runs. */
  const char *(*translate)(void *ud, const char *msgid);
} DataSink;

/*
 * Load actual data for program p.
 *   name      the file name, for messages and for format AUTO (may be NULL)
 *   bytes, len  the file's contents
 *   format    INDRT_DATA_AUTO, INDRT_DATA_CSV or INDRT_DATA_JSON; AUTO takes
 *             a name ending in .json, or text whose first non-space
 *             character is '{', as JSON, else CSV
 *   encoding  INDRT_ENC_AUTO, INDRT_ENC_UTF8 or INDRT_ENC_GBK; AUTO takes
 *             valid UTF-8 (with or without BOM) as UTF-8, UTF-8 Chinese
 *             text mixed with bytes that are not UTF-8 as an error, else
 *             GBK (via iconv); the text is converted before it is parsed
 *   mem_limit bytes out->arena may allocate (0: none); the loader's scratch
 *             memory (the decoded text, the JSON tree) has the same limit
 *   out       filled on success; out->prog is p, which must outlive it
 *   sink      where problems go (may be NULL: they are only counted)
 * Returns INDRT_OK; INDRT_E_DATA when any problem was reported (out is
 * then freed and empty); INDRT_E_NOMEM when memory ran out.
 */
indrt_status act_load(const RtProgram *p, const char *name, const void *bytes, size_t len,
                      int format, int encoding, size_t mem_limit, RtActuals *out,
                      DataSink *sink);
/* act_load with the limit and allocator of out->arena and of the scratch
 * memory from mem (libindrt's API: indrt_config.reallocate). */
indrt_status act_load_mem(const RtProgram *p, const char *name, const void *bytes, size_t len,
                          int format, int encoding, const RtMem *mem, RtActuals *out,
                          DataSink *sink);

/* Free everything out owns; a zeroed or freed RtActuals is fine. */
void act_free(RtActuals *a);

#endif
