/*
 * fuzz_roundtrip.c - fuzz target "roundtrip": a spec compiled, serialised,
 * loaded and run (what `indc compile` then `indc run F.indb` do), after
 * QuickJS's fuzz_compile.c.
 *
 * For any spec that checks without errors:
 *   - lowering succeeds or reports a limit (E0603), never crashes;
 *   - the lowered program passes the verifier (the compiler only emits
 *     code the runtime accepts);
 *   - written to bytes it loads again, and writes back identically;
 *   - the program in memory and the program loaded from bytes give the
 *     same scorecard, for empty and for made-up actuals, and every report
 *     of it can be written.
 */
#include "backend/lower.h"
#include "bc.h"
#include "bc_crc32.h"
#include "fuzz_common.h"
#include "fuzz_synth.h"
#include "sema/program.h"

/* Evaluate a and b (the same program twice) on the same made-up actuals;
 * the scorecards must agree. */
static void fz_same_scores(const RtProgram *a, const RtProgram *b, uint32_t seed) {
  RtActuals xa, xb;
  memset(&xa, 0, sizeof xa);
  memset(&xb, 0, sizeof xb);
  rt_arena_init(&xa.arena, FZ_MEM);
  rt_arena_init(&xb.arena, FZ_MEM);
  RtArena ra, rb;
  rt_arena_init(&ra, FZ_MEM);
  rt_arena_init(&rb, FZ_MEM);
  RtResult r1, r2;
  int rc1 = -1, rc2 = -1;
  if (fz_synth_actuals(a, seed, &xa) == 0 && fz_synth_actuals(b, seed, &xb) == 0) {
    rc1 = rt_evaluate(a, &xa, RT_NO_AS_OF, 100000, &ra, &r1);
    rc2 = rt_evaluate(b, &xb, RT_NO_AS_OF, 100000, &rb, &r2);
    /* the checker keeps every indicator within the default step limit */
    FZ_CHECK(rc1 != RT_EVAL_STEPS && rc2 != RT_EVAL_STEPS);
  }
  if (rc1 == 0 && rc2 == 0) {
    fz_check_result(a, &r1);
    for (uint32_t i = 0; i < a->nindicators; i++) {
      FZ_CHECK(r1.ind[i].score == r2.ind[i].score);
      FZ_CHECK(r1.ind[i].status == r2.ind[i].status);
    }
    for (uint32_t j = 0; j < a->nprojects; j++) FZ_CHECK(r1.proj[j].total == r2.proj[j].total);
    fz_reports(&r2);
  }
  rt_arena_free(&ra);
  rt_arena_free(&rb);
  rt_arena_free(&xa.arena);
  rt_arena_free(&xb.arena);
}

static void fz_round_trip(const RtProgram *rp, uint32_t seed) {
  BcError err;
  indrt_status st = bc_verify(rp, &err);
  if (st != INDRT_OK) fprintf(stderr, "fuzz: the compiled program fails verification: %s\n", err.msg);
  FZ_CHECK(st == INDRT_OK);
  BcBuf a = {0}, b = {0};
  FZ_CHECK(bc_write(rp, &a) == 0);
  RtProgram q;
  st = bc_load(a.data, a.len, 0, &q, &err);
  if (st != INDRT_OK) fprintf(stderr, "fuzz: the written program fails to load: %s\n", err.msg);
  FZ_CHECK(st == INDRT_OK);
  FZ_CHECK(bc_write(&q, &b) == 0);
  FZ_CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
  fz_same_scores(rp, &q, seed);
  rt_program_free(&q);
  bc_buf_free(&a);
  bc_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Program p;
  prog_init(&p);
  prog_load_buffer(&p, "fuzz.ind", (const char *)data, size);
  sema_check(&p);
  if (p.diags.nerrors == 0) {
    RtProgram rp;
    if (lower_program(&p, &rp) == 0) fz_round_trip(&rp, bc_crc32(0, data, size));
    else FZ_CHECK(p.diags.nerrors > 0);
    rt_program_free(&rp);
  }
  prog_free(&p);
  return 0;
}
