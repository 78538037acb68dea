/*
 * gen_main.c - diff_gen SEED OUTDIR
 *
 * Writes the random case of SEED (tests/diff/gen.h) into OUTDIR, which is
 * created if needed: case.ind, actuals.csv or actuals.json, and as-of.txt
 * when the case is also to be run mid-year (`indc run --as-of`, the date
 * on its one line).  The same seed always gives the same bytes, so a case
 * that run_diff reports can be looked at on its own.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gen.h"

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: diff_gen SEED OUTDIR\n");
    return 2;
  }
  char *end;
  errno = 0;
  unsigned long long seed = strtoull(argv[1], &end, 10);
  if (errno || *end || end == argv[1]) {
    fprintf(stderr, "diff_gen: SEED must be a number, not '%s'\n", argv[1]);
    return 2;
  }
  if (mkdir(argv[2], 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "diff_gen: cannot create '%s': %s\n", argv[2], strerror(errno));
    return 1;
  }
  GenCase *c = malloc(sizeof *c);
  if (!c) return 1;
  gen_case(c, seed);
  int rc = gen_write_dir(c, argv[2]);
  if (rc != 0) fprintf(stderr, "diff_gen: cannot write into '%s': %s\n", argv[2], strerror(errno));
  free(c);
  return rc ? 1 : 0;
}
