/*
 * c_emit.h - the C backend.
 *
 *   indc compile --emit=c -o eval.c [-H eval.h] SPEC...   (emit_c)
 *   indc run --backend=c ...                              (eval_c, c_eval.c)
 *
 * ce_generate turns a lowered, verified program into one self-contained
 * C11 file: the ABI of c_abi.h, the text of runtime/dec.c and
 * runtime/score/score.c, c_tables.inc and c_evaluate.inc (the loop of
 * eval.c), all with static linkage, then the program's tables (projects
 * and indicators encoded, ctab.h) and one function per distinct indicator
 * code, translated from that code and shared by the indicators that have
 * it.  The result depends on
 * nothing but the C standard library; docs/c-abi.md documents its ABI.
 * Output is deterministic: the same program gives the same bytes.
 */
#ifndef INDC_C_EMIT_H
#define INDC_C_EMIT_H

#include <stddef.h>

#include "backend.h"

/* The prefix of the exported functions: indc_eval_evaluate, ... */
#define CE_PREFIX "indc_eval"

/* eval_vm's step limit (backends.c): an indicator with longer code is
 * "missing" under the VM, and the generated code reproduces that. */
#define CE_VM_STEP_LIMIT 100000u

/* A growable text buffer (malloc'd); `failed` sticks after an allocation
 * failure, and the text is then incomplete. */
typedef struct CeBuf {
  char *data;
  size_t len, cap;
  int failed;
} CeBuf;

void ce_buf_free(CeBuf *b);

typedef struct CeOptions {
  const char *prefix;      /* CE_PREFIX when NULL; an identifier */
  const char *header_name; /* the header's file name, for comments; NULL: none */
} CeOptions;

/*
 * Generate the evaluator of p (lowered and verified: the translation trusts
 * bc_verify's stack heights and canonical shapes).
 *   c  receives the .c text
 *   h  receives the header text, or NULL when no header is wanted
 * Returns 0, or -1 when out of memory.
 */
int ce_generate(const RtProgram *p, const CeOptions *o, CeBuf *c, CeBuf *h);

/* The registry's entries (backends.c). */
int emit_c(const RtProgram *p, const EmitOptions *o, EmitWrite w, void *ud, char *err,
           size_t errcap);
int eval_c(const RtProgram *p, const RtActuals *a, int32_t as_of, RtArena *arena,
           RtResult *out, const char *option, char *err, size_t errcap);

/*
 * eval_c in steps, for tests that run one compiled evaluator many times:
 * ce_load generates, compiles and loads the evaluator of p (a temporary
 * directory until ce_unload); ce_run evaluates like rt_evaluate.  Both
 * return 0, or -1 with a reason in err.
 */
typedef struct CeLoaded CeLoaded;
int ce_load(const RtProgram *p, CeLoaded **out, char *err, size_t errcap);
int ce_run(const CeLoaded *l, const RtProgram *p, const RtActuals *a, int32_t as_of,
           RtArena *arena, RtResult *out, char *err, size_t errcap);
void ce_unload(CeLoaded *l);

/* The embedded texts (c_embed.cmake): NULL-terminated arrays of lines. */
extern const char *const ce_text_abi[];      /* compiler/backend/c_abi.h */
extern const char *const ce_text_dec_h[];    /* runtime/dec.h, prototypes static */
extern const char *const ce_text_score_h[];  /* runtime/score/score.h, likewise */
extern const char *const ce_text_dec[];      /* runtime/dec.c */
extern const char *const ce_text_score[];    /* runtime/score/score.c */
extern const char *const ce_text_tables[];   /* compiler/backend/c_tables.inc */
extern const char *const ce_text_evaluate[]; /* compiler/backend/c_evaluate.inc */

#endif
