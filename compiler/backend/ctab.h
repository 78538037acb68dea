/*
 * ctab.h - what the C and LLVM backends generate alike (docs/c-abi.md):
 * how each indicator is scored, which indicators share a function, and
 * the encoded tables of c_tables.inc.
 *
 * Scoring.  An indicator whose code is the canonical code of its target
 * (bc_canonical: every indicator without a derived actual, in a program
 * from the compiler or the verifier) is scored inline by the evaluation
 * loop from its score record (CE_HOW_QUANT ... CE_HOW_GRADED of
 * c_tables.inc) and needs no function.  Only the others get one: derived
 * actuals (CE_HOW_DERIVED) and code that is not canonical (CE_HOW_CODE,
 * from a hand-made program).
 *
 * Sharing.  Indicators whose code is equal word for word, constants
 * compared by value, share one function; so do all indicators whose code
 * is over the VM's step limit (their function returns CE_STEPS).
 *
 * Tables.  ctab_build writes the byte array of c_tables.inc: the string
 * pool (every string of the projects and indicators, once), the project
 * and indicator records, the forms (what indicators share: categories,
 * points, target, due day), each form once, then what evaluation reads:
 * the score record of each indicator and the score records, each once.
 * Both backends put these very bytes in what they generate, so both
 * evaluators read the same tables.  Deterministic: the same program gives
 * the same bytes.
 */
#ifndef INDC_CTAB_H
#define INDC_CTAB_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* ind_code of an indicator scored inline, without a function. */
#define CTAB_NO_CODE UINT32_MAX

typedef struct CtabTables {
  unsigned char *data;  /* the encoded tables */
  size_t len;
  uint32_t projects, indicators, forms; /* offsets of the sections in data */
  uint32_t score_of, scores;
  uint32_t nstrings;
  uint32_t *string_at;  /* [nstrings]: offset of each string of the pool */
  uint32_t nforms;
  uint32_t *form_first; /* [nforms]: the first indicator of each form */
  uint32_t *ind_form;   /* [nindicators]: the form of each indicator */
  uint32_t *ind_project; /* [nindicators]: the project of each indicator */
  uint8_t *ind_how;     /* [nindicators]: how each is scored, CE_HOW_* */
  uint32_t nscores;     /* score records */
  uint32_t *score_first; /* [nscores]: the first indicator of each */
  uint32_t *ind_score;  /* [nindicators]: the score record of each indicator */
  uint32_t ncodes;      /* functions */
  uint32_t *code_first; /* [ncodes]: the first indicator of each, in index order */
  uint32_t *code_uses;  /* [ncodes]: how many indicators use each */
  uint32_t *ind_code;   /* [nindicators]: the function of each, or CTAB_NO_CODE */
} CtabTables;

/*
 * How each indicator of p is scored and which share a function: ind_how,
 * ind_project and ind_code for each indicator, functions numbered in
 * order of first use; code_first, code_uses and ncodes as in CtabTables.
 * Returns 0, or -1 when out of memory.
 */
int ctab_share(const RtProgram *p, CtabTables *t);

/* ctab_share, then the encoded tables.  Returns 0, or -1 when out of
 * memory or when the tables would pass 4 GiB (offsets are 32-bit). */
int ctab_build(const RtProgram *p, CtabTables *t);

void ctab_free(CtabTables *t);

/* The little-endian i64 at b, as the tables hold it (for what reads the
 * records outside the evaluator: comments of c_emit.c, tests). */
int64_t ctab_get_i64(const unsigned char *b);

/* The last day an indicator's actual can still come in: eval.c's due_day. */
int32_t ctab_due(const RtProject *pj, const RtIndicator *in);

#endif
