/*
 * act_parts.h - loading a large CSV data file in parts, for a host with
 * threads ([DATA-PARTS] in docs/data-formats.md).
 *
 * libindrt starts no threads.  The host calls act_parts_begin, then
 * act_parts_run once for each part, from threads of its own (the parts
 * may run at the same time), then act_parts_end on the thread that began.
 *
 * The outcome is always act_load_mem's, to the byte and the message:
 * when the parts cannot give it (a problem anywhere in the data, a
 * project whose rows fall into two parts, a quoted field across a cut,
 * memory running short), act_parts_end loads the file again in one piece,
 * and that load reports whatever there is to report.  JSON, small files
 * and a single job are loaded in one piece from the start.
 */
#ifndef INDRT_ACT_PARTS_H
#define INDRT_ACT_PARTS_H

#include <stdatomic.h>
#include <stddef.h>

#include "act_walk.h"
#include "actuals.h"

enum { ACT_MAX_PARTS = 8 };

/* A part's smallest size, unless act_parts_begin is given another: below
 * it, a thread costs more than it saves. */
#define ACT_MIN_PART ((size_t)1 << 20)

typedef struct ActPart {
  Binder b;            /* a copy of the whole's, with the fields below */
  RtArena keep;        /* the part's value texts and notes (into out's arena at the end) */
  RtArena scratch;     /* the part's scratch (a value's copy, names) */
  DataSink sink;       /* counts problems; reports none */
  CsvReader r;         /* over the part's rows; lines counted from 1, but
                        * part 0's from the top of the file */
  const char *src;     /* UTF-8 the part copies into the text first, checking
                        * it (NULL: the text is decoded already) */
  size_t clo, chi;     /* the bytes of src to copy, at the same offsets */
  char *text;
  int done;            /* read to its end without a problem */
} ActPart;

typedef struct ActParts {
  /* what act_load_mem needs, for the load in one piece */
  const RtProgram *p;
  const char *name;
  const void *bytes;
  size_t len;
  int format, encoding;
  RtMem mem;
  RtActuals *out;
  DataSink *sink;
  /* the parts */
  unsigned n;          /* 0: load in one piece (act_parts_end does) */
  RtArena scratch;     /* the decoded text, the binder's tables, the owners */
  Binder b;            /* the whole's binder, which the parts copy */
  CsvCols cols;
  atomic_uchar *owner; /* per project: its part + 1 (bind_claim) */
  atomic_int stop;     /* a part failed: the others stop early */
  ActPart part[ACT_MAX_PARTS];
} ActParts;

/*
 * Get ready to load bytes[0..len) (which must stay alive and unchanged
 * until act_parts_end) for program p into *out, in at most `want` parts
 * of at least min_part bytes (0: ACT_MIN_PART).  The other arguments are
 * act_load_mem's.  Returns the number of parts to run: 0 when the load
 * is to be in one piece (act_parts_end does it).
 */
unsigned act_parts_begin(ActParts *ap, const RtProgram *p, const char *name, const void *bytes,
                         size_t len, int format, int encoding, const RtMem *mem, unsigned want,
                         size_t min_part, RtActuals *out, DataSink *sink);

/* Read and bind part k (0 <= k < the number begin returned).  Distinct
 * parts may run at once; each calls mem's allocator from its own thread. */
void act_parts_run(ActParts *ap, unsigned k);

/* Finish after every part has run: act_load_mem's result.  *used (may be
 * NULL) is the number of parts the result came from (1: one piece). */
indrt_status act_parts_end(ActParts *ap, unsigned *used);

#endif
