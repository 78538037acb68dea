/*
 * test_c_backend.c - the C backend (compiler/backend/c_emit.c, c_eval.c):
 * what the generated text holds, and that the generated evaluator,
 * compiled with the system C compiler, scores exactly as the VM
 * (rt_evaluate), field by field, on the seed and on many inputs to
 * tests/c/exprs.ind, including code that only a hand-made .indb can hold.
 * The tests that compile are skipped when no C compiler can be run.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/c_emit.h"
#include "backend/ctab.h"
#include "backend/lower.h"
#include "bc.h"
#include "bc_format.h"
#include "data/actuals.h"
#include "eval.h"
#include "sema/program.h"
#include "random_actuals.h"
#include "test_util.h"

#define CE_LAYOUT_ONLY
#include "backend/c_tables.inc"

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
static const char *const shared_ind[] = {"tests/c/shared.ind"};
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

/* The generated .c (and .h) of a program, NUL-terminated. */
static void generate(const RtProgram *rp, CeBuf *c, CeBuf *h) {
  CeOptions o = {NULL, "eval.h"};
  ck_assert_int_eq(ce_generate(rp, &o, c, h), 0);
  ck_assert_ptr_nonnull(c->data);
}

/* Load the compiled evaluator, or NULL (and a note) when no C compiler
 * can be run here. */
static CeLoaded *load_or_skip(const RtProgram *rp) {
  CeLoaded *l = NULL;
  char err[512] = "";
  if (ce_load(rp, &l, err, sizeof err) != 0) {
    ck_assert_msg(strstr(err, "no C compiler") != NULL, "ce_load: %s", err);
    fprintf(stderr, "test_c_backend: skipped (%s)\n", err);
    return NULL;
  }
  return l;
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

/* VM and generated C on the same actuals, at one as-of date. */
static void compare(const CeLoaded *l, const RtProgram *p, const RtActuals *a, int32_t as_of,
                    const char *what) {
  RtArena arena;
  RtResult vm, c;
  char err[256] = "";
  rt_arena_init(&arena, 0);
  ck_assert_int_eq(rt_evaluate(p, a, as_of, 100000, &arena, &vm), 0);
  ck_assert_msg(ce_run(l, p, a, as_of, &arena, &c, err, sizeof err) == 0, "%s", err);
  same_results(p, &vm, &c, what);
  rt_arena_free(&arena);
}

/* ---- the generated text ---------------------------------------------- */

START_TEST(small_text) {
  Prog p;
  CeBuf c = {0}, h = {0};
  prog_open(&p, small_ind, 1);
  generate(&p.rp, &c, &h);
  /* functions named after project, indicator and id, with their source */
  ck_assert_ptr_nonnull(strstr(c.data, "static int p0000_i0001_gd1(const CeArgs *x, CeVm *o) {"));
  ck_assert_ptr_nonnull(strstr(c.data, "small.ind:11  output/quantity, 10 points\n"));
  ck_assert_ptr_nonnull(strstr(c.data, " * target: ≥95% (>= 95 %, computed from raw fields)"));
  /* the 如果 of gd1 is an if/else, not a goto */
  ck_assert_ptr_nonnull(strstr(c.data, "  if (x->field[0] > DEC_INT(0)) {\n"));
  ck_assert_ptr_null(strstr(c.data, "goto"));
  /* the runtime is embedded, with static prototypes */
  ck_assert_ptr_nonnull(strstr(c.data, "static DecStatus dec_muldiv(Dec a, Dec b, Dec c, Dec *out) "
                                       "CE_UNUSED;"));
  ck_assert_ptr_nonnull(strstr(c.data, "ScoreOut score_quant(int cmp, Dec a, Dec b, Dec w, int "
                                       "reverse) {"));
  ck_assert_ptr_null(strstr(c.data, "\n#include \""));
  /* the exported functions, in the .c and in the header */
  ck_assert_ptr_nonnull(strstr(c.data, "int indc_eval_evaluate(const indc_inputs *in"));
  ck_assert_ptr_nonnull(strstr(h.data, "#ifndef INDC_EVAL_H\n"));
  ck_assert_ptr_nonnull(strstr(h.data, "int indc_eval_evaluate(const indc_inputs *in"));
  ck_assert_ptr_nonnull(strstr(h.data, "#define INDC_ABI_VERSION 4\n"));
  ck_assert_ptr_nonnull(strstr(h.data, "int indc_eval_indicator(uint32_t i, indc_indicator *out);"));
  ck_assert_ptr_nonnull(strstr(h.data, "int64_t b;"));
  ck_assert_ptr_null(strstr(h.data, "ratio;"));
  ck_assert_ptr_null(strstr(h.data, "score_quant"));
  ce_buf_free(&c);
  ce_buf_free(&h);
  prog_close(&p);
}
END_TEST

/* Same program, same bytes. */
START_TEST(deterministic) {
  Prog p;
  CeBuf a = {0}, b = {0};
  prog_open(&p, seed_ind, 11);
  generate(&p.rp, &a, NULL);
  generate(&p.rp, &b, NULL);
  ck_assert_uint_eq(a.len, b.len);
  ck_assert(memcmp(a.data, b.data, a.len) == 0);
  ce_buf_free(&a);
  ce_buf_free(&b);
  prog_close(&p);
}
END_TEST

/* Names and texts that could end a comment, close a string or form a
 * trigraph are escaped; ids make identifiers only from ASCII. */
START_TEST(escapes_and_identifiers) {
  Prog p;
  CeBuf c = {0};
  prog_open(&p, small_ind, 1);
  RtIndicator *in = p.rp.indicators; /* 1 is the derived one: it has a function */
  in[1].id = "1.1";
  in[2].id = "工单";
  in[3].id = "gd-1-";
  in[1].target.text = "end */ int x; /* ?\?= \"q\" \\ \n"; /* ?\? : no trigraph here */
  in[1].name = "a*/b";
  p.rp.projects[0].name = "p\"*/";
  generate(&p.rp, &c, NULL);
  ck_assert_ptr_nonnull(strstr(c.data, "static int p0000_i0001_1_1("));
  ck_assert_ptr_nonnull(strstr(c.data, "/* 2 p0000_i0002 "));
  ck_assert_ptr_nonnull(strstr(c.data, "/* 3 p0000_i0003_gd_1 "));
  ck_assert_ptr_nonnull(strstr(c.data, " * target: end *\\/ int x; /\\* ?\\?= \"q\" \\   (>= 95"));
  ck_assert_ptr_nonnull(strstr(c.data, "  \"end */ int x; /* \\?\\?= \\\"q\\\" \\\\ \\12\\0\" /* "));
  ck_assert_ptr_nonnull(strstr(c.data, "p0000_i0001_1_1: a*\\/b (indicator 1 of project 0, p\"*\\/)"));
  ck_assert_ptr_nonnull(strstr(c.data, "/* project 0 p\"*\\/, "));
  ce_buf_free(&c);
  CeLoaded *l = load_or_skip(&p.rp); /* it still compiles */
  ce_unload(l);
  prog_close(&p);
}
END_TEST

/* A bidirectional control in a spec's text is never written raw: in
 * string literals its bytes are octal escapes, in comments its code point
 * (docs/c-abi.md, [CABI-TEXT]); the file still compiles. */
START_TEST(bidi_controls_escaped) {
  Prog p;
  CeBuf c = {0};
  prog_open(&p, small_ind, 1);
  RtIndicator *in = p.rp.indicators;
  in[1].name = "a\xE2\x80\xAE" "b";           /* U+202E */
  in[1].target.text = "x\xE2\x81\xA6" "y";    /* U+2066 */
  p.rp.projects[0].name = "p\xD8\x9C" "q"; /* U+061C */
  generate(&p.rp, &c, NULL);
  ck_assert_ptr_null(strstr(c.data, "\xE2\x80\xAE"));
  ck_assert_ptr_null(strstr(c.data, "\xE2\x81\xA6"));
  ck_assert_ptr_null(strstr(c.data, "\xD8\x9C"));
  ck_assert_ptr_nonnull(strstr(c.data, "a<U+202E>b"));
  ck_assert_ptr_nonnull(strstr(c.data, "p<U+061C>q"));
  ck_assert_ptr_nonnull(strstr(c.data, "a\\342\\200\\256b")); /* the string pool */
  ck_assert_ptr_nonnull(strstr(c.data, "x\\342\\201\\246y"));
  ce_buf_free(&c);
  CeLoaded *l = load_or_skip(&p.rp);
  ce_unload(l);
  prog_close(&p);
}
END_TEST

/* ---- the compiled evaluator against the VM ---------------------------- */

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

/* The seed at year end and on the last day of every month. */
START_TEST(seed_equals_vm) {
  Prog p;
  RtActuals act;
  prog_open(&p, seed_ind, 11);
  load_seed_actuals(&p.rp, &act);
  CeLoaded *l = load_or_skip(&p.rp);
  if (l) {
    compare(l, &p.rp, &act, RT_NO_AS_OF, "year end");
    for (int m = 1; m <= 13; m++) {
      char what[32];
      snprintf(what, sizeof what, "as of month %d", m);
      compare(l, &p.rp, &act, rt_days_from_civil(2023, m + 1, 1) - 1, what);
    }
  }
  ce_unload(l);
  act_free(&act);
  prog_close(&p);
}
END_TEST

/* The C of l against the VM on `rounds` sets of random actuals. */
static void differential(const RtProgram *p, const CeLoaded *l, int rounds) {
  RandActs x;
  ra_alloc(&x, p, 42);
  for (int r = 0; r < rounds; r++) {
    char what[32];
    ra_fill(&x, p);
    snprintf(what, sizeof what, "round %d", r);
    int32_t as_of = ra_as_of(&x);
    compare(l, p, &x.a, as_of, what);
  }
  ra_free(&x);
}

/* differential() on p's C, compiled and loaded here (skipped without a C
 * compiler). */
static void differential_c(const RtProgram *p, int rounds) {
  CeLoaded *l = load_or_skip(p);
  if (l) differential(p, l, rounds);
  ce_unload(l);
}

START_TEST(exprs_equal_vm) {
  Prog p;
  prog_open(&p, exprs_ind, 1);
  differential_c(&p.rp, 3000);
  prog_close(&p);
}
END_TEST

/*
 * Jumps that do not nest (JZ 4 -> 7 inside, JZ 6 -> 9 across) cannot come
 * from the compiler but pass the verifier; the translator falls back to
 * goto, and still scores as the VM.
 */
START_TEST(crossing_jumps_use_goto) {
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
  CeBuf c = {0};
  generate(rp, &c, NULL);
  ck_assert_ptr_nonnull(strstr(c.data, "goto L"));
  ce_buf_free(&c);
  differential_c(rp, 500);
  prog_close(&p);
}
END_TEST

/*
 * [CABI-SCORE] [CABI-SHARE] Indicators without a derived actual have the
 * canonical code of their target and are scored inline from their score
 * record: no function.  Derived actuals with the same code share one: the
 * 21 indicators of shared.ind need 2 (d1 of 甲 and 丙 alike, 乙's reads
 * other fields); a shared function's comment lists the others; every
 * record says how it scores; and everything scores as the VM does.
 */
START_TEST(equal_code_shares_function) {
  Prog p;
  CeBuf c = {0};
  prog_open(&p, shared_ind, 1);
  ck_assert_uint_eq(p.rp.nindicators, 21);
  generate(&p.rp, &c, NULL);
  size_t nfn = 0;
  for (const char *s = c.data; (s = strstr(s, "\nstatic int p")) != NULL; s++) nfn++;
  ck_assert_uint_eq(nfn, 2);
  ck_assert_ptr_nonnull(strstr(c.data, "static const CeCode ce_code[2] = {\n"));
  ck_assert_ptr_nonnull(strstr(c.data, "static int p0000_i0002_d1("));
  ck_assert_ptr_nonnull(strstr(c.data, " * also the code of 1 more indicator:\n"
                                       " *   p0002_i0002_d1 比率, "));
  ck_assert_ptr_nonnull(strstr(c.data, "static int p0001_i0002_d1("));
  ck_assert_ptr_null(strstr(c.data, "static int p0002_i0002_d1("));
  ck_assert_ptr_null(strstr(c.data, "static int p0000_i0000("));
  /* the records of the table say where each indicator's logic is */
  ck_assert_ptr_nonnull(strstr(c.data, "(first p0000_i0000): quantitative, 10 points, "
                                       "output, >= 15; fast, overshoot from 19.5 */"));
  ck_assert_ptr_nonnull(strstr(c.data, "(first p0000_i0002_d1): derived, 10 points, output, "
                                       "function p0000_i0002_d1; no fast path */"));
  ck_assert_ptr_nonnull(strstr(c.data, "场次一, line 15: ≥15 场, form 0, score 0 */"));
  ce_buf_free(&c);
  differential_c(&p.rp, 500);
  prog_close(&p);
}
END_TEST

/* The seed: only derived actuals have functions (the seed has none), each
 * use counted once; the rest score from fewer records than indicators. */
START_TEST(seed_shares_functions) {
  Prog p;
  CtabTables t;
  prog_open(&p, seed_ind, 11);
  ck_assert_int_eq(ctab_build(&p.rp, &t), 0);
  uint32_t uses = 0, derived = 0;
  for (uint32_t k = 0; k < t.ncodes; k++) {
    uses += t.code_uses[k];
    ck_assert_uint_eq(t.ind_code[t.code_first[k]], k);
  }
  for (uint32_t i = 0; i < p.rp.nindicators; i++) {
    ck_assert_uint_eq(t.ind_code[i] != CTAB_NO_CODE, p.rp.indicators[i].derived);
    ck_assert_uint_eq(t.ind_how[i] == CE_HOW_DERIVED, p.rp.indicators[i].derived);
    derived += p.rp.indicators[i].derived;
  }
  ck_assert_uint_le(t.ncodes, derived);
  ck_assert_uint_eq(uses, derived);
  ck_assert_uint_le(t.nforms, p.rp.nindicators);
  ck_assert_uint_lt(t.nscores, p.rp.nindicators);
  ctab_free(&t);
  prog_close(&p);
}
END_TEST

/*
 * Code that is not canonical (a hand-made program: here the points in an
 * indicator's code differ from its record) is not scored inline but by a
 * function of its own (CE_HOW_CODE), as the VM's interpreter runs it.
 */
START_TEST(noncanonical_code_gets_function) {
  Prog p;
  prog_open(&p, small_ind, 1);
  RtProgram *rp = &p.rp;
  rp->interpret_only = 1; /* the VM runs the words, not the record */
  uint32_t i = 0;
  while (i < rp->nindicators && rp->indicators[i].derived) i++;
  ck_assert_uint_lt(i, rp->nindicators);
  uint32_t k = 0; /* another constant as the points */
  while (k < rp->nconsts && rp->consts[k] == rp->indicators[i].points) k++;
  ck_assert_uint_lt(k, rp->nconsts);
  rp->code[rp->indicators[i].code] = BC_WORD(BC_KONST, k);
  CtabTables t;
  ck_assert_int_eq(ctab_build(rp, &t), 0);
  ck_assert_uint_eq(t.ind_how[i], CE_HOW_CODE);
  ck_assert_uint_ne(t.ind_code[i], CTAB_NO_CODE);
  ctab_free(&t);
  differential_c(rp, 300);
  prog_close(&p);
}
END_TEST

/*
 * Points so large that a project's sums can overflow: the project is not
 * plain (CE_P_PLAIN), every sum goes through dec_add in order, and the
 * totals still equal the VM's.
 */
START_TEST(huge_points_sum_with_checks) {
  Prog p;
  prog_open(&p, small_ind, 1);
  RtProgram *rp = &p.rp;
  Dec *consts = malloc(((size_t)rp->nconsts + 1) * sizeof *consts);
  ck_assert_ptr_nonnull(consts);
  memcpy(consts, rp->consts, rp->nconsts * sizeof *consts);
  consts[rp->nconsts] = DEC_MAX / 3;
  Dec *arena_consts = rp->consts;
  rp->consts = consts;
  for (uint32_t i = 0; i < rp->nindicators; i++) {
    rp->indicators[i].points = DEC_MAX / 3; /* KONST(points) is the first word */
    rp->code[rp->indicators[i].code] = BC_WORD(BC_KONST, rp->nconsts);
  }
  rp->nconsts++;
  BcError err;
  ck_assert_msg(bc_verify(rp, &err) == INDRT_OK, "verify: %s", err.msg);
  CtabTables t;
  ck_assert_int_eq(ctab_build(rp, &t), 0);
  ck_assert_uint_eq(t.data[t.projects + CE_P_PLAIN], 0);
  ck_assert_uint_eq(t.ind_how[0] <= CE_HOW_GRADED, 1);
  ctab_free(&t);
  differential_c(rp, 300);
  rp->consts = arena_consts;
  rp->nconsts--;
  free(consts);
  prog_close(&p);
}
END_TEST

/*
 * [CABI-FAST] The fast path of each score record of tests/c/fast.ind,
 * whose policy has the ratio formula and 300% for overshoot: the cases
 * the compiler rules out (A of 0, above DEC_MAX / 2, below 0, or whose
 * overshoot bound leaves the Dec range; a deadline before January 1)
 * take the general path, the others carry their precomputed constants;
 * and the generated C scores random actuals as the VM.
 */
START_TEST(fast_paths) {
  static const char *const fast_ind[] = {"tests/c/fast.ind"};
  static const struct {
    int fast;
    int64_t x1, x2, x3;
  } want[] = {
      {CE_FAST_GE, 45 * DEC_ONE, 0, 0},  /* ≥15 场: 15 x 300% */
      {CE_FAST_GT, 270 * DEC_ONE, 0, 0}, /* >90 人 */
      {CE_FAST_GE, 300 * DEC_ONE, 0, 0}, /* =100% */
      {CE_FAST_NONE, 0, 0, 0},           /* ≥0: A is not above zero */
      {CE_FAST_NONE, 0, 0, 0},           /* 4e9 x 300% is beyond DEC_MAX */
      {CE_FAST_NONE, 0, 0, 0},           /* 5e9 is beyond DEC_MAX / 2 */
      {CE_FAST_NONE, 0, 0, 0},           /* ≤-5% */
      {CE_FAST_GRADE, 0, 0, 0},
      {CE_FAST_DEADLINE, 180, 0, 0},     /* 2023-06-30 is day 180 after January 1 */
      {CE_FAST_NONE, 0, 0, 0},           /* a deadline before the budget year */
      {CE_FAST_LE_RATIO, 0, 0, 0},
      {CE_FAST_LT_RATIO, 0, 0, 0},
      {CE_FAST_GRADED, 30 * DEC_ONE, 21 * DEC_ONE, 9 * DEC_ONE}, /* 100%, 70%, 30% of 30 */
  };
  Prog p;
  prog_open(&p, fast_ind, 1);
  ck_assert_uint_eq(p.rp.nindicators, sizeof want / sizeof want[0]);
  CtabTables t;
  ck_assert_int_eq(ctab_build(&p.rp, &t), 0);
  for (uint32_t i = 0; i < p.rp.nindicators; i++) {
    const unsigned char *r = t.data + t.scores + (size_t)t.ind_score[i] * CE_SCORE_SIZE;
    ck_assert_msg(r[CE_S_FAST] == want[i].fast, "indicator %u: fast %d, not %d", i,
                  r[CE_S_FAST], want[i].fast);
    ck_assert_int_eq(ctab_get_i64(r + CE_S_X1), want[i].x1);
    ck_assert_int_eq(ctab_get_i64(r + CE_S_X2), want[i].x2);
    ck_assert_int_eq(ctab_get_i64(r + CE_S_X3), want[i].x3);
  }
  ctab_free(&t);
  differential_c(&p.rp, 3000);
  prog_close(&p);
}
END_TEST

/* An actual whose kind is out of range: nothing is evaluated. */
START_TEST(bad_input_rejected) {
  Prog p;
  prog_open(&p, small_ind, 1);
  CeLoaded *l = load_or_skip(&p.rp);
  if (l) {
    RandActs x;
    RtArena arena;
    RtResult res;
    char err[256] = "";
    ra_alloc(&x, &p.rp, 1);
    x.a.ind[3].kind = 9;
    rt_arena_init(&arena, 0);
    ck_assert_int_eq(ce_run(l, &p.rp, &x.a, RT_NO_AS_OF, &arena, &res, err, sizeof err), -1);
    ck_assert_str_eq(err, "internal error: actual 3 is out of range");
    rt_arena_free(&arena);
    ra_free(&x);
  }
  ce_unload(l);
  prog_close(&p);
}
END_TEST

Suite *c_backend_suite(void);
Suite *c_backend_suite(void) {
  Suite *s = suite_create("c_backend");
  TCase *tc = tcase_create("c");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, small_text);
  tcase_add_test(tc, deterministic);
  tcase_add_test(tc, escapes_and_identifiers);
  tcase_add_test(tc, bidi_controls_escaped);
  tcase_add_test(tc, seed_equals_vm);
  tcase_add_test(tc, exprs_equal_vm);
  tcase_add_test(tc, crossing_jumps_use_goto);
  tcase_add_test(tc, bad_input_rejected);
  tcase_add_test(tc, equal_code_shares_function);
  tcase_add_test(tc, seed_shares_functions);
  tcase_add_test(tc, noncanonical_code_gets_function);
  tcase_add_test(tc, huge_points_sum_with_checks);
  tcase_add_test(tc, fast_paths);
  suite_add_tcase(s, tc);
  return s;
}
