/*
 * fuzz_bc.c - fuzz target "bc": the .indb loader and verifier, then the
 * VM, the scorer and the report writers on whatever they accept.
 *
 * Any bytes must either be rejected with a reason and an offset inside the
 * input (INDRT_E_FORMAT or INDRT_E_VERIFY), or load into a program that
 *   - binds an empty data file (act_load of "project,indicator,actual"),
 *   - evaluates, at year end and mid-year, with those empty actuals and
 *     with made-up actuals of every kind (fuzz_synth.h), to a scorecard
 *     whose scores lie within their points,
 *   - lists (bc_disasm) and writes every report,
 *   - writes back to bytes that load again and write identically.
 */
#include "bc.h"
#include "bc_crc32.h"
#include "data/actuals.h"
#include "fuzz_common.h"
#include "fuzz_synth.h"

static const char empty_csv[] = "project,indicator,actual\n";

static void fz_run_empty(const RtProgram *p) {
  RtActuals a;
  indrt_status st = act_load(p, "empty.csv", empty_csv, sizeof empty_csv - 1, INDRT_DATA_CSV,
                             INDRT_ENC_UTF8, FZ_MEM, &a, NULL);
  FZ_CHECK(st == INDRT_OK || st == INDRT_E_NOMEM);
  if (st != INDRT_OK) return;
  fz_evaluate(p, &a, RT_NO_AS_OF);
  fz_evaluate(p, &a, fz_mid_year(p));
  act_free(&a);
}

static void fz_run_synth(const RtProgram *p, uint32_t seed) {
  RtActuals a;
  memset(&a, 0, sizeof a);
  rt_arena_init(&a.arena, FZ_MEM);
  if (fz_synth_actuals(p, seed, &a) == 0) {
    fz_evaluate(p, &a, RT_NO_AS_OF);
    fz_evaluate(p, &a, fz_mid_year(p));
  }
  rt_arena_free(&a.arena);
}

/* write -> load -> write gives the same bytes. */
static void fz_rewrite(const RtProgram *p) {
  BcBuf a = {0}, b = {0};
  RtProgram q;
  BcError err;
  FZ_CHECK(bc_write(p, &a) == 0);
  indrt_status st = bc_load(a.data, a.len, 0, &q, &err);
  if (st != INDRT_OK) fprintf(stderr, "fuzz: rewritten program fails to load: %s\n", err.msg);
  FZ_CHECK(st == INDRT_OK);
  FZ_CHECK(bc_write(&q, &b) == 0);
  FZ_CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
  rt_program_free(&q);
  bc_buf_free(&a);
  bc_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  RtProgram p;
  BcError err;
  indrt_status st = bc_load(data, size, FZ_MEM, &p, &err);
  if (st != INDRT_OK) {
    FZ_CHECK(st == INDRT_E_FORMAT || st == INDRT_E_VERIFY || st == INDRT_E_NOMEM);
    FZ_CHECK(err.msg[0] != '\0' && memchr(err.msg, '\n', sizeof err.msg) == NULL);
    FZ_CHECK(err.offset <= size);
    FZ_CHECK(p.nprojects == 0 && p.nindicators == 0 && p.arena.head == NULL);
    return 0;
  }
  fz_run_empty(&p);
  fz_run_synth(&p, bc_crc32(0, data, size));
  bc_disasm(&p, fz_devnull());
  fz_rewrite(&p);
  rt_program_free(&p);
  return 0;
}
