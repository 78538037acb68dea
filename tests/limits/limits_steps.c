/*
 * limits_steps.c - the VM step limit through the public API (indrt.h):
 * load FILE.indb, load empty data, evaluate with indrt_config.step_limit
 * set to LIMIT.  Each problem is printed as "error: MESSAGE"; exit status
 * 0 when the evaluation succeeded, 1 when it failed, 2 for usage errors.
 *
 *   limits_steps FILE.indb LIMIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indrt.h"

static void on_error(void *user, const indrt_diag *d) {
  (void)user;
  fprintf(stderr, "error: %s\n", d->message);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: limits_steps FILE.indb LIMIT\n");
    return 2;
  }
  static const char empty[] = "project,indicator,actual\n";
  indrt_config cfg = indrt_default_config();
  cfg.error = on_error;
  cfg.step_limit = (uint32_t)strtoul(argv[2], NULL, 10);
  indrt_program *p = NULL;
  indrt_actuals *a = NULL;
  indrt_result *r = NULL;
  indrt_status st = indrt_program_load_file(&cfg, argv[1], &p);
  if (st == INDRT_OK) st = indrt_actuals_load(&cfg, p, empty, sizeof empty - 1, "empty.csv", NULL, &a);
  if (st == INDRT_OK) st = indrt_evaluate(&cfg, p, a, NULL, &r);
  if (st == INDRT_OK) printf("evaluated within %u steps\n", cfg.step_limit);
  indrt_result_free(r);
  indrt_actuals_free(a);
  indrt_program_free(p);
  return st == INDRT_OK ? 0 : 1;
}
