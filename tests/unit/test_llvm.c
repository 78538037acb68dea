/*
 * test_llvm.c - the LLVM backend (compiler/backend/llvm_emit.c,
 * llvm_eval.c): the JIT-compiled evaluator, and the object code of
 * --emit=obj loaded in process, score exactly as the VM (rt_evaluate),
 * field by field, on the seed and on many inputs to tests/c/exprs.ind,
 * including code that only a hand-made .indb can hold; the modules export
 * what they should; a module that fails LLVM's verifier is an internal
 * error with LLVM's message.
 *
 * Built into every unit_tests; without INDC_HAVE_LLVM the suite is empty
 * (tests/llvm/run.sh checks what indc says then).
 */
#include <check.h>

#ifndef INDC_HAVE_LLVM

Suite *llvm_suite(void);
Suite *llvm_suite(void) { return suite_create("llvm (not built)"); }

#else

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Core.h>

#include "backend/llvm_emit.h"
#include "backend/lower.h"
#include "bc.h"
#include "bc_format.h"
#include "data/actuals.h"
#include "eval.h"
#include "sema/program.h"
#include "random_actuals.h"
#include "test_util.h"

typedef struct Prog {
  Program prog;
  RtProgram rp;
} Prog;

/* Check and lower the given specs (paths below the source tree). */
static void prog_open(Prog *p, const char *const *rel, int n) {
  char *paths[16];
  ck_assert_int_le(n, 16);
  for (int i = 0; i < n; i++) paths[i] = test_path("%s", rel[i]);
  prog_init(&p->prog);
  prog_load(&p->prog, paths, (size_t)n);
  ck_assert_uint_eq(sema_check(&p->prog), 0);
  ck_assert_int_eq(lower_program(&p->prog, &p->rp), 0);
  BcError err;
  ck_assert_msg(bc_verify(&p->rp, &err) == INDRT_OK, "verify: %s", err.msg);
  for (int i = 0; i < n; i++) free(paths[i]);
}

static void prog_close(Prog *p) {
  rt_program_free(&p->rp);
  prog_free(&p->prog);
}

static const char *const small_ind[] = {"tests/golden/run/small.ind"};
static const char *const exprs_ind[] = {"tests/c/exprs.ind"};
static const char *const seed_ind[] = {
    "specs/tianjin-youth-league-2023/01-it-operations.ind",
    "specs/tianjin-youth-league-2023/02-qingchun-brand.ind",
    "specs/tianjin-youth-league-2023/03-student-leadership.ind",
    "specs/tianjin-youth-league-2023/04-league-work.ind",
    "specs/tianjin-youth-league-2023/05-youth-development-plan.ind",
    "specs/tianjin-youth-league-2023/06-youth-federation-plenary.ind",
    "specs/tianjin-youth-league-2023/07-young-marxists.ind",
    "specs/tianjin-youth-league-2023/08-young-pioneers.ind",
    "specs/tianjin-youth-league-2023/09-student-federation-congress.ind",
    "specs/tianjin-youth-league-2023/10-property-services.ind",
    "specs/tianjin-youth-league-2023/11-youth-social-work.ind"};

static LleJit *jit_load(const RtProgram *rp, int how) {
  LleJit *j = NULL;
  char err[512] = "";
  ck_assert_msg(lle_jit_load(rp, how, &j, err, sizeof err) == 0, "lle_jit_load: %s", err);
  return j;
}

/* ---- results equal field by field ----------------------------------- */

static void same_results(const RtProgram *p, const RtResult *vm, const RtResult *c,
                         const char *what) {
  for (uint32_t i = 0; i < p->nindicators; i++) {
    const RtIndResult *a = &vm->ind[i], *b = &c->ind[i];
    ck_assert_msg(a->status == b->status && a->flags == b->flags && a->score == b->score &&
                      a->b == b->b && a->gap == b->gap && a->days_late == b->days_late,
                  "%s: indicator %u differs: status %d/%d flags %d/%d score %lld/%lld", what, i,
                  a->status, b->status, a->flags, b->flags, (long long)a->score,
                  (long long)b->score);
  }
  for (uint32_t j = 0; j < p->nprojects; j++) {
    const RtProjResult *a = &vm->proj[j], *b = &c->proj[j];
    int same = a->planned == b->planned && a->spent == b->spent &&
               a->has_spent == b->has_spent && a->rate == b->rate &&
               a->rate_score == b->rate_score && a->applicable == b->applicable &&
               a->raw == b->raw && a->total == b->total && a->grade == b->grade &&
               a->flags == b->flags && a->elapsed == b->elapsed;
    for (int k = 0; k < 4; k++)
      same = same && a->cat_points[k] == b->cat_points[k] && a->cat_scores[k] == b->cat_scores[k];
    ck_assert_msg(same, "%s: project %u differs: total %lld/%lld", what, j, (long long)a->total,
                  (long long)b->total);
  }
}

/* VM and LLVM on the same actuals, at one as-of date. */
static void compare(const LleJit *j, const RtProgram *p, const RtActuals *a, int32_t as_of,
                    const char *what) {
  RtArena arena;
  RtResult vm, l;
  char err[256] = "";
  rt_arena_init(&arena, 0);
  ck_assert_int_eq(rt_evaluate(p, a, as_of, 100000, &arena, &vm), 0);
  ck_assert_msg(lle_jit_run(j, p, a, as_of, &arena, &l, err, sizeof err) == 0, "%s", err);
  same_results(p, &vm, &l, what);
  rt_arena_free(&arena);
}

/* ---- the seed ----------------------------------------------------------- */

static void problem(void *ud, const char *file, unsigned line, unsigned col, const char *msg) {
  (void)ud;
  fprintf(stderr, "%s:%u:%u: %s\n", file, line, col, msg);
}

static void load_seed_actuals(const RtProgram *rp, RtActuals *act) {
  char *csv = test_path("specs/tianjin-youth-league-2023/actuals-2023.csv");
  FILE *f = fopen(csv, "rb");
  ck_assert_ptr_nonnull(f);
  char *buf = malloc(1 << 20);
  size_t n = fread(buf, 1, 1 << 20, f);
  fclose(f);
  DataSink sink = {problem, NULL, 0, 0, NULL};
  ck_assert_int_eq(act_load(rp, "actuals-2023.csv", buf, n, INDRT_DATA_CSV, INDRT_ENC_AUTO, 0,
                            act, &sink),
                   INDRT_OK);
  free(buf);
  free(csv);
}

/* The seed at year end and on the last day of every month, both ways. */
START_TEST(seed_equals_vm) {
  Prog p;
  RtActuals act;
  prog_open(&p, seed_ind, 11);
  load_seed_actuals(&p.rp, &act);
  for (int how = LLE_JIT_IR; how <= LLE_JIT_OBJECT; how++) {
    LleJit *j = jit_load(&p.rp, how);
    compare(j, &p.rp, &act, RT_NO_AS_OF, "year end");
    for (int m = 1; m <= 13; m++) {
      char what[48];
      snprintf(what, sizeof what, "%s, as of month %d", how ? "obj" : "jit", m);
      compare(j, &p.rp, &act, rt_days_from_civil(2023, m + 1, 1) - 1, what);
    }
    lle_jit_unload(j);
  }
  act_free(&act);
  prog_close(&p);
}
END_TEST

/* ---- random inputs ---------------------------------------------------------- */

static void differential(const RtProgram *p, const LleJit *j, int rounds) {
  RandActs x;
  ra_alloc(&x, p, 4242);
  for (int r = 0; r < rounds; r++) {
    char what[32];
    ra_fill(&x, p);
    snprintf(what, sizeof what, "round %d", r);
    int32_t as_of = ra_as_of(&x);
    compare(j, p, &x.a, as_of, what);
  }
  ra_free(&x);
}

/* Derived actuals of every shape: operators, min/max, nested 如果, zero
 * divisors and overflow; through the JIT and through the object code. */
START_TEST(exprs_equal_vm) {
  Prog p;
  prog_open(&p, exprs_ind, 1);
  LleJit *j = jit_load(&p.rp, LLE_JIT_IR);
  differential(&p.rp, j, 3000);
  lle_jit_unload(j);
  j = jit_load(&p.rp, LLE_JIT_OBJECT);
  differential(&p.rp, j, 500);
  lle_jit_unload(j);
  prog_close(&p);
}
END_TEST

/* The seed's own code on random actuals: every target kind, NA, missing,
 * pending, mid-year rules, renormalised totals. */
START_TEST(seed_random_equal_vm) {
  Prog p;
  prog_open(&p, seed_ind, 11);
  LleJit *j = jit_load(&p.rp, LLE_JIT_IR);
  differential(&p.rp, j, 500);
  lle_jit_unload(j);
  prog_close(&p);
}
END_TEST

/*
 * Jumps that do not nest (JZ 4 -> 7 inside, JZ 6 -> 9 across) cannot come
 * from the compiler but pass the verifier; the translation still scores as
 * the VM.
 */
START_TEST(crossing_jumps) {
  Prog p;
  prog_open(&p, exprs_ind, 1);
  RtProgram *rp = &p.rp;
  RtIndicator *in = &rp->indicators[0]; /* e1: 15 words */
  uint32_t *code = rp->code + in->code;
  ck_assert_uint_ge(in->ncode, 11);
  uint32_t k1 = 0;
  while (k1 < rp->nconsts && rp->consts[k1] != DEC_ONE) k1++;
  ck_assert_uint_lt(k1, rp->nconsts);
  uint32_t words[] = {code[0], code[1], BC_WORD(BC_FIELD, 0), BC_WORD(BC_FIELD, 1),
                      BC_WORD(BC_JZ, 2), BC_WORD(BC_FIELD, 1), BC_WORD(BC_JZ, 2),
                      BC_WORD(BC_KONST, k1), BC_WORD(BC_ADD, 0)};
  uint32_t n = sizeof words / sizeof words[0], i = 0;
  for (; i < n; i++) code[i] = words[i];
  for (; i < in->ncode - 2; i++) code[i] = BC_WORD(BC_NOP, 0);
  BcError err;
  ck_assert_msg(bc_verify(rp, &err) == INDRT_OK, "verify: %s", err.msg);
  LleJit *j = jit_load(rp, LLE_JIT_IR);
  differential(rp, j, 500);
  lle_jit_unload(j);
  prog_close(&p);
}
END_TEST

/* ---- the module ----------------------------------------------------------------- */

/* The externally visible definitions of module m, comma-separated. */
static void exports(LLVMModuleRef m, char *buf, size_t cap) {
  size_t n = 0;
  buf[0] = '\0';
  for (LLVMValueRef f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f))
    if (!LLVMIsDeclaration(f) && LLVMGetLinkage(f) == LLVMExternalLinkage)
      n += (size_t)snprintf(buf + n, n < cap ? cap - n : 0, "%s,", LLVMGetValueName2(f, &(size_t){0}));
  for (LLVMValueRef g = LLVMGetFirstGlobal(m); g; g = LLVMGetNextGlobal(g))
    if (!LLVMIsDeclaration(g) && LLVMGetLinkage(g) == LLVMExternalLinkage)
      n += (size_t)snprintf(buf + n, n < cap ? cap - n : 0, "%s,", LLVMGetValueName2(g, &(size_t){0}));
}

/* Indicator functions (p0000_i0001 ...) defined in m. */
static uint32_t indicator_functions(LLVMModuleRef m) {
  uint32_t k = 0;
  for (LLVMValueRef f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f)) {
    const char *name = LLVMGetValueName2(f, &(size_t){0});
    if (!LLVMIsDeclaration(f) && name[0] == 'p' && strstr(name, "_i")) k++;
  }
  return k;
}

/* The whole evaluator exports only the ABI's functions, the JIT's part only
 * the two tables; only derived actuals have functions (exprs.ind: all
 * derived), and indicators with the same code share one. */
START_TEST(module_exports) {
  Prog p;
  prog_open(&p, exprs_ind, 1);
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef m;
  char err[512] = "", buf[1024];
  ck_assert_msg(lle_build(&p.rp, ctx, LLE_MODULE_ABI, &m, err, sizeof err) == 0, "%s", err);
  exports(m, buf, sizeof buf);
  ck_assert_str_eq(buf, "indc_eval_abi_version,indc_eval_program,indc_eval_evaluate,"
                        "indc_eval_parse_dec,indc_eval_format_dec,indc_eval_day_number,"
                        "indc_eval_project,indc_eval_indicator,");
  uint32_t nfn = indicator_functions(m);
  ck_assert_uint_gt(nfn, 0);
  ck_assert_uint_le(nfn, p.rp.nindicators);
  LLVMDisposeModule(m);
  ck_assert_msg(lle_build(&p.rp, ctx, LLE_MODULE_JIT, &m, err, sizeof err) == 0, "%s", err);
  exports(m, buf, sizeof buf);
  ck_assert_str_eq(buf, "lle_program,lle_code,");
  ck_assert_uint_eq(indicator_functions(m), nfn);
  ck_assert_ptr_null(LLVMGetNamedGlobal(m, "lle_strings")); /* no names for the JIT */
  LLVMDisposeModule(m);
  LLVMContextDispose(ctx);
  prog_close(&p);
}
END_TEST

/* The same program gives the same IR text. */
static int collect(void *ud, const void *bytes, size_t len) {
  char **s = ud;
  *s = malloc(len + 1);
  memcpy(*s, bytes, len);
  (*s)[len] = '\0';
  return 0;
}

START_TEST(ir_is_deterministic) {
  Prog p;
  prog_open(&p, small_ind, 1);
  EmitOptions o = {NULL, NULL, NULL};
  char *a = NULL, *b = NULL, err[512] = "";
  ck_assert_msg(emit_llvm_ir(&p.rp, &o, collect, &a, err, sizeof err) == 0, "%s", err);
  ck_assert_msg(emit_llvm_ir(&p.rp, &o, collect, &b, err, sizeof err) == 0, "%s", err);
  ck_assert_str_eq(a, b);
  ck_assert_ptr_nonnull(strstr(a, "define i32 @indc_eval_evaluate("));
  /* the one derived actual's function: called, or inlined where it is */
  ck_assert_ptr_nonnull(strstr(a, "@p0000_i0001"));
  ck_assert_ptr_nonnull(strstr(a, "source_filename = \"indc\"")); /* not the build's path */
  free(a);
  free(b);
  prog_close(&p);
}
END_TEST

/* LLVMVerifyModule's complaint becomes an internal error with its text. */
START_TEST(verifier_failure_is_internal_error) {
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef m = LLVMModuleCreateWithNameInContext("broken", ctx);
  LLVMTypeRef i32 = LLVMInt32TypeInContext(ctx);
  LLVMValueRef f = LLVMAddFunction(m, "f", LLVMFunctionType(i32, NULL, 0, 0));
  LLVMAppendBasicBlockInContext(ctx, f, "entry"); /* no terminator */
  char err[512] = "";
  ck_assert_int_eq(lle_verify(m, err, sizeof err), -1);
  ck_assert_msg(strncmp(err, "internal error: the generated LLVM IR fails verification: ",
                        58) == 0, "%s", err);
  ck_assert_msg(strstr(err, "does not have terminator") != NULL, "%s", err);
  ck_assert_ptr_null(strchr(err, '\n'));
  LLVMDisposeModule(m);
  LLVMContextDispose(ctx);
}
END_TEST

/* ---- errors ---------------------------------------------------------------------- */

/* An actual whose kind is out of range: nothing is evaluated. */
START_TEST(bad_input_rejected) {
  Prog p;
  prog_open(&p, small_ind, 1);
  LleJit *j = jit_load(&p.rp, LLE_JIT_IR);
  RandActs x;
  RtArena arena;
  RtResult res;
  char err[256] = "";
  ra_alloc(&x, &p.rp, 1);
  x.a.ind[3].kind = 9;
  rt_arena_init(&arena, 0);
  ck_assert_int_eq(lle_jit_run(j, &p.rp, &x.a, RT_NO_AS_OF, &arena, &res, err, sizeof err), -1);
  ck_assert_str_eq(err, "internal error: actual 3 is out of range");
  rt_arena_free(&arena);
  ra_free(&x);
  lle_jit_unload(j);
  prog_close(&p);
}
END_TEST

/* Code longer than the VM's step limit: the VM's error, word for word. */
START_TEST(step_limit_as_the_vm) {
  Prog p;
  prog_open(&p, small_ind, 1);
  RandActs x;
  RtArena arena;
  RtResult res;
  char err[256] = "", want[256] = "";
  ra_alloc(&x, &p.rp, 1);
  rt_arena_init(&arena, 0);
  uint32_t saved = p.rp.indicators[2].ncode;
  p.rp.indicators[2].ncode = 100001;
  ck_assert_int_eq(eval_jit(&p.rp, &x.a, RT_NO_AS_OF, &arena, &res, NULL, err, sizeof err), -1);
  ck_assert_int_eq(eval_vm(&p.rp, &x.a, RT_NO_AS_OF, &arena, &res, NULL, want, sizeof want), -1);
  ck_assert_str_eq(err, want);
  p.rp.indicators[2].ncode = saved;
  rt_arena_free(&arena);
  ra_free(&x);
  prog_close(&p);
}
END_TEST

Suite *llvm_suite(void);
Suite *llvm_suite(void) {
  Suite *s = suite_create("llvm");
  TCase *tc = tcase_create("llvm");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, seed_equals_vm);
  tcase_add_test(tc, exprs_equal_vm);
  tcase_add_test(tc, seed_random_equal_vm);
  tcase_add_test(tc, crossing_jumps);
  tcase_add_test(tc, module_exports);
  tcase_add_test(tc, ir_is_deterministic);
  tcase_add_test(tc, verifier_failure_is_internal_error);
  tcase_add_test(tc, bad_input_rejected);
  tcase_add_test(tc, step_limit_as_the_vm);
  suite_add_tcase(s, tc);
  return s;
}

#endif /* INDC_HAVE_LLVM */
