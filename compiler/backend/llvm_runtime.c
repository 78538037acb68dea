/*
 * llvm_runtime.c - the C half of every LLVM evaluator (docs/llvm.md).
 *
 * Not part of indc itself: clang (the version of the LLVM that indc links)
 * compiles this file to bitcode at build time (compiler/CMakeLists.txt),
 * llvm_embed.cmake turns the bitcode into a byte array, and llvm_emit.c
 * parses that at run time and adds what is particular to a program: the
 * tables (lle_program) and one function per distinct code of a derived
 * actual (lle_code, indexed by the code of each score record,
 * c_tables.inc).  So the arithmetic, the scoring rules and the evaluation
 * loop are the very text the C backend embeds (runtime/dec.c,
 * runtime/score/score.c, c_evaluate.inc), compiled by another compiler;
 * there is no second copy to keep in step.
 *
 * Linkage: everything here is external so that clang keeps it; llvm_emit.c
 * makes every definition internal except the indc_eval_* functions of the
 * ABI (c_abi.h, docs/c-abi.md) before optimising, so an object file
 * exports exactly what the C backend's does.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "c_abi.h"
#include "dec.h"
#include "score/score.h"

#include "dec.c"
#include "score/score.c"
#include "c_tables.inc"
#include "c_evaluate.inc"

/* ---- filled in by llvm_emit.c ------------------------------------------- */

extern const indc_program lle_program; /* the tables */
extern const CeCode lle_code[];        /* the function of each distinct code */

/* ---- the ABI: docs/c-abi.md, with the default prefix ------------------- */

uint32_t indc_eval_abi_version(void);
const indc_program *indc_eval_program(void);
int indc_eval_evaluate(const indc_inputs *in, int32_t as_of, indc_proj_result *proj,
                       indc_ind_result *ind);
int indc_eval_parse_dec(const char *s, size_t len, int64_t *out);
int indc_eval_format_dec(int64_t v, int digits, char *buf, size_t cap);
int32_t indc_eval_day_number(int year, int month, int day);
int indc_eval_project(uint32_t j, indc_project *out);
int indc_eval_indicator(uint32_t i, indc_indicator *out);

uint32_t indc_eval_abi_version(void) { return INDC_ABI_VERSION; }

const indc_program *indc_eval_program(void) { return &lle_program; }

int indc_eval_evaluate(const indc_inputs *in, int32_t as_of, indc_proj_result *proj,
                       indc_ind_result *ind) {
  return ce_evaluate(&lle_program, lle_code, in, as_of, proj, ind);
}

int indc_eval_parse_dec(const char *s, size_t len, int64_t *out) {
  return (int)dec_parse(s, len, out);
}

int indc_eval_format_dec(int64_t v, int digits, char *buf, size_t cap) {
  return dec_format(v, digits, buf, cap);
}

int32_t indc_eval_day_number(int year, int month, int day) {
  return ce_days_from_civil(year, month, day);
}

int indc_eval_project(uint32_t j, indc_project *out) {
  if (j >= lle_program.nprojects) return -1;
  ce_project(&lle_program, j, out);
  return 0;
}

int indc_eval_indicator(uint32_t i, indc_indicator *out) {
  if (i >= lle_program.nindicators) return -1;
  ce_indicator(&lle_program, i, out);
  return 0;
}

/*
 * ---- what the generated indicator functions call --------------------------
 *
 * An indicator function (CeCode) reads its CeArgs and writes its CeVm only
 * through these, so llvm_emit.c never needs the layout of either struct.
 * The readers are inlined.  The score wrappers take their operands as the
 * VM's SCORE_* instructions do (runtime/vm.c: Decs, ranks and days as Dec
 * integers) and stay out of line: a program has thousands of indicator
 * functions, and inlining the scoring rules into each would multiply the
 * time LLVM takes to optimise and compile them for no measurable gain
 * (docs/performance.md).  The generated C calls score_quant likewise.
 */
#define LLE_CALLED __attribute__((noinline))
Dec lle_actual(const CeArgs *x);
Dec lle_adate(const CeArgs *x);
Dec lle_arank(const CeArgs *x);
int lle_has_field(const CeArgs *x, uint32_t f);
Dec lle_field(const CeArgs *x, uint32_t f);
void lle_squant(const CeArgs *x, CeVm *o, int cmp, Dec w, Dec a, Dec b);
void lle_sord(CeVm *o, Dec w, Dec a, Dec b);
void lle_sdate(CeVm *o, Dec w, Dec deadline, Dec jan1, Dec done);
void lle_sgraded(const CeArgs *x, CeVm *o, Dec w);

Dec lle_actual(const CeArgs *x) { return x->act->value; }

Dec lle_adate(const CeArgs *x) { return DEC_INT(x->act->date); }

Dec lle_arank(const CeArgs *x) { return DEC_INT(x->act->rank); }

int lle_has_field(const CeArgs *x, uint32_t f) { return x->field_set[f] != 0; }

Dec lle_field(const CeArgs *x, uint32_t f) { return x->field[f]; }

LLE_CALLED void lle_squant(const CeArgs *x, CeVm *o, int cmp, Dec w, Dec a, Dec b) {
  o->a = a;
  o->b = b;
  o->score = score_quant(cmp, a, b, w, x->reverse);
}

LLE_CALLED void lle_sord(CeVm *o, Dec w, Dec a, Dec b) {
  o->a = a;
  o->b = b;
  o->score = score_ordinal((int32_t)(a / DEC_ONE), (int32_t)(b / DEC_ONE), w);
}

LLE_CALLED void lle_sdate(CeVm *o, Dec w, Dec deadline, Dec jan1, Dec done) {
  o->a = deadline;
  o->b = done;
  o->score = score_deadline((int32_t)(deadline / DEC_ONE), (int32_t)(done / DEC_ONE),
                            (int32_t)(jan1 / DEC_ONE), w);
}

LLE_CALLED void lle_sgraded(const CeArgs *x, CeVm *o, Dec w) {
  o->score = score_graded(x->act->grade, x->act->has_score, x->act->value, x->grade_share, w);
}
