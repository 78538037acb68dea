/*
 * report_fixture.h - a scorecard built by hand for the report writers'
 * tests (test_report.c): two projects of the 团市委 2023 tables with
 * fifteen indicators that cover every status (met, partial, unmet,
 * missing, na, and pending mid-year), quantitative ≥ and ≤ targets,
 * deadlines on time and late, graded targets with a default and a given
 * score, an ordinal grade and an overshoot; the second project has no
 * 执行数.  Scores come from score.c, so the numbers are the rules' own.
 */
#ifndef REPORT_FIXTURE_H
#define REPORT_FIXTURE_H

#include "model.h"

typedef struct RepFixture {
  RtProgram prog;   /* everything lives in prog.arena */
  RtActuals act;
  RtResult res;
} RepFixture;

/* Indices of the fixture's indicators, in program order. */
enum {
  FX_P0_COUNT, FX_P0_RANK, FX_P0_LATE, FX_P0_COST, FX_P0_SOCIAL, FX_P0_SUSTAIN,
  FX_P0_MISSING,
  FX_P1_COUNT, FX_P1_PEOPLE, FX_P1_NA, FX_P1_ONTIME, FX_P1_COST, FX_P1_GIVEN, FX_P1_UNMET,
  FX_P1_SATISFY,
  FX_NIND
};

/*
 * Build the fixture: the year-end self-evaluation (midyear 0), or the
 * mid-year monitoring as of 2023-06-30 (midyear 1: less spent, the
 * indicators without data pending, the lag flags).  NULL when out of
 * memory.  Free with fx_free.
 */
RepFixture *fx_build(int midyear);

/* Score every indicator and project again after a test changed targets
 * or actuals, the way eval.c does. */
void fx_rescore(RepFixture *f);

void fx_free(RepFixture *f);

#endif
