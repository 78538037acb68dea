/*
 * ruletest.h - running rule tests (docs/testing-rules.md).
 *
 * A rule test (TestDecl, front/ast.h) gives actual values for some
 * indicators of one project and expects statuses, scores, the total or the
 * grade.  rule_run scores the project the way `indc run` does: the 给定
 * block becomes an in-memory CSV file (project,indicator,actual), read by
 * act_load, so values obey exactly the rules of docs/data-formats.md;
 * then an evaluator (the VM by default) scores it, and each expectation is
 * compared with the result.
 *
 * Comparison ([TEST-COMPARE]): statuses and grades are equal or not; a
 * score or total is rounded half away from zero to the decimals written,
 * at least 2 (so `总分 95.21` accepts 95.205 to 95.2149…, and `得分
 * 7.333333333` must be exact), and compared with the number written.
 */
#ifndef INDC_RULETEST_H
#define INDC_RULETEST_H

#include <stddef.h>

#include "backend/backend.h"
#include "sema/program.h"

typedef enum RuleStatus {
  RULE_PASS,  /* every expectation holds */
  RULE_FAIL,  /* some expectation does not */
  RULE_ERROR  /* the values could not be read (data errors), or scoring failed */
} RuleStatus;

/* One expectation and what the evaluation gave, as text in the test's
 * keyword language: "达成", "95.21", "90.55 (90.548333333)". */
typedef struct RuleCheck {
  const Expect *e;
  int ok;
  char want[128];
  char got[160];
} RuleCheck;

/* A problem with a given value, at the given item it came from. */
typedef struct RuleProblem {
  Span at;
  char msg[512];
} RuleProblem;

typedef struct RuleResult {
  const TestDecl *test;
  RuleStatus status;
  RuleCheck *checks;       /* one per expectation, in order (malloc'd) */
  size_t nchecks;
  RuleProblem *problems;   /* RULE_ERROR: why (malloc'd) */
  size_t nproblems;
} RuleResult;

/*
 * Run test t of checked program p (no errors), lowered to rp.
 *   ev   the evaluator (backend_evaluator("vm") for the VM)
 * Fills out (free it with rule_result_free); returns 0, or -1 when out of
 * memory.
 */
int rule_run(const Program *p, const RtProgram *rp, const TestDecl *t, const Evaluator *ev,
             RuleResult *out);

void rule_result_free(RuleResult *r);

/* The in-memory CSV of t's 给定 block for project `project` (malloc'd);
 * line_of_given[i] is the CSV line of given item i.  Exposed for tests. */
char *rule_csv(const TestDecl *t, const char *project, unsigned *line_of_given);

#endif
