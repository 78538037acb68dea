/*
 * fuzz_common.h - what the fuzz targets share: a checked-assertion macro
 * that works in release builds, a sink for reports and listings, and the
 * evaluation of a loaded program with invariants checked on the result.
 *
 * Each target defines LLVMFuzzerTestOneInput.  It is linked either with
 * libFuzzer (INDC_FUZZ builds, clang) or with replay.c, which feeds it the
 * files of tests/fuzz/corpus/<target>/ under CTest in every build.
 */
#ifndef INDC_FUZZ_COMMON_H
#define INDC_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "model.h"
#include "report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An invariant of the code under test: a failure is a finding (abort, so
 * libFuzzer and ASan report it with a stack). */
#define FZ_CHECK(cond)                                                                   \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      fprintf(stderr, "fuzz: check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      abort();                                                                           \
    }                                                                                    \
  } while (0)

/* The memory limit a target gives every arena it controls: far above any
 * real input, well below libFuzzer's 2 GB RSS limit. */
#define FZ_MEM ((size_t)256 << 20)

static inline FILE *fz_devnull(void) {
  static FILE *f;
  if (!f) f = fopen("/dev/null", "w");
  FZ_CHECK(f != NULL);
  return f;
}

/* A report writer that checks and drops the bytes. */
static inline int fz_sink(void *ud, const void *bytes, size_t len) {
  (void)ud;
  FZ_CHECK(bytes != NULL || len == 0);
  return 0;
}

/* Every report format in both languages, and every explanation. */
static inline void fz_reports(const RtResult *r) {
  static int (*const writers[])(const RtResult *, const RepOptions *, RepWrite, void *) = {
      rep_table, rep_json, rep_csv, rep_md};
  for (int en = 0; en < 2; en++) {
    RepOptions o = {.english = en};
    for (size_t k = 0; k < sizeof writers / sizeof writers[0]; k++)
      FZ_CHECK(writers[k](r, &o, fz_sink, NULL) == 0);
  }
  char buf[512];
  for (uint32_t i = 0; i < r->prog->nindicators; i++) rep_explain(r, i, i & 1, buf, sizeof buf);
}

/* What holds for any scorecard: scores within [0, points], statuses and
 * grades in range, totals within [0, 100]. */
static inline void fz_check_result(const RtProgram *p, const RtResult *r) {
  for (uint32_t j = 0; j < p->nprojects; j++) {
    const RtProject *pj = &p->projects[j];
    for (uint32_t i = pj->first; i < pj->first + pj->nind; i++) {
      const RtIndResult *x = &r->ind[i];
      FZ_CHECK(x->status <= RT_ST_PENDING);
      FZ_CHECK(x->score >= 0 && x->score <= p->indicators[i].points);
    }
    FZ_CHECK(r->proj[j].grade <= 3);
    FZ_CHECK(r->proj[j].total >= 0 && r->proj[j].total <= 100 * DEC_ONE);
  }
}

/* Evaluate p against a at year end (as_of RT_NO_AS_OF) or mid-year, check
 * the result and write every report.  Returns 0, or -1 out of memory. */
static inline int fz_evaluate(const RtProgram *p, const RtActuals *a, int32_t as_of) {
  RtArena arena;
  RtResult res;
  rt_arena_init(&arena, FZ_MEM);
  int rc = rt_evaluate(p, a, as_of, 100000, &arena, &res);
  if (rc == 0) {
    fz_check_result(p, &res);
    fz_reports(&res);
  }
  rt_arena_free(&arena);
  return rc;
}

/* A mid-year date inside the first project's year (for the as-of paths). */
static inline int32_t fz_mid_year(const RtProgram *p) {
  int y = p->nprojects ? p->projects[0].year : 2023;
  return rt_days_from_civil(y, 6, 30);
}

#endif
