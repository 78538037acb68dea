/*
 * host.c - a minimal embedding host of libindrt, built and run by the
 * tests (and shown in docs/embedding.md).  It uses nothing but indrt.h.
 *
 *   embed_host SEED.indb ACTUALS.csv
 *
 * Loads the program and the data once, then evaluates them in two threads
 * at the same time (the library has no global state), checks that both
 * scorecards are identical and that project 1 scores 95.21 (优), and
 * writes the JSON report to stdout.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indrt.h"

static void on_error(void *user, const indrt_diag *d) {
  (void)user;
  fprintf(stderr, "%s:%u: %s\n", d->file ? d->file : "?", d->line, d->message);
}

typedef struct Job {
  const indrt_program *prog;
  const indrt_actuals *data;
  indrt_result *result;
  indrt_status status;
} Job;

static void *evaluate(void *arg) {
  Job *j = arg;
  indrt_config cfg = indrt_default_config();
  cfg.error = on_error;
  j->status = indrt_evaluate(&cfg, j->prog, j->data, NULL, &j->result);
  return NULL;
}

/* Collect a report in memory. */
typedef struct Buf {
  char *p;
  size_t n;
} Buf;

static int collect(void *user, const void *bytes, size_t len) {
  Buf *b = user;
  char *np = realloc(b->p, b->n + len + 1);
  if (!np) return 1;
  memcpy(np + b->n, bytes, len);
  b->p = np;
  b->n += len;
  b->p[b->n] = '\0';
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fputs("usage: embed_host PROGRAM.indb ACTUALS.csv\n", stderr);
    return 2;
  }
  indrt_config cfg = indrt_default_config();
  cfg.error = on_error;
  indrt_program *prog;
  indrt_actuals *data;
  if (indrt_program_load_file(&cfg, argv[1], &prog) != INDRT_OK) return 1;
  if (indrt_actuals_load_file(&cfg, prog, argv[2], NULL, &data) != INDRT_OK) return 1;

  Job jobs[2] = {{prog, data, NULL, INDRT_OK}, {prog, data, NULL, INDRT_OK}};
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, evaluate, &jobs[i]);
  for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
  if (jobs[0].status != INDRT_OK || jobs[1].status != INDRT_OK) return 1;

  Buf a = {0}, b = {0};
  indrt_report_write(jobs[0].result, INDRT_REPORT_JSON, NULL, collect, &a);
  indrt_report_write(jobs[1].result, INDRT_REPORT_JSON, NULL, collect, &b);
  int same = a.n == b.n && memcmp(a.p, b.p, a.n) == 0;

  char total[32];
  indrt_dec_format(indrt_project_total(jobs[0].result, 0), 2, total, sizeof total);
  int ok = same && strcmp(total, "95.21") == 0 &&
           strcmp(indrt_project_grade(jobs[0].result, 0), "优") == 0 &&
           strcmp(indrt_indicator_status(jobs[0].result, 0, 5), "partial") == 0;
  fprintf(stderr, "%s: %zu projects; project 1 \"%s\" scores %s (%s); threads agree: %s\n",
          ok ? "ok" : "FAILED", indrt_project_count(prog), indrt_project_name(prog, 0), total,
          indrt_project_grade(jobs[0].result, 0), same ? "yes" : "no");
  fwrite(a.p, 1, a.n, stdout);
  free(a.p);
  free(b.p);
  for (int i = 0; i < 2; i++) indrt_result_free(jobs[i].result);
  indrt_actuals_free(data);
  indrt_program_free(prog);
  return ok ? 0 : 1;
}
