/*
 * diff.h - the differential test runner (run_diff.c, diff_exec.c,
 * diff_min.c; docs/testing.md, "Differential testing").
 *
 * The runner evaluates each case through every path it has (`indc run
 * --backend=B` for each built backend, and the bytecode path: `indc
 * compile` then `indc run FILE.indb`), year-end and sometimes mid-year,
 * and requires the JSON reports to be byte-identical to the VM's.  A
 * failing case is cut down by deleting projects, indicators and rows while
 * the failure persists (diff_min.c), and printed.
 */
#ifndef DIFF_DIFF_H
#define DIFF_DIFF_H

#include <stddef.h>

#include "gen.h"

/* ---- running a program (diff_exec.c) ------------------------------------------ */

typedef struct DxBuf {
  char *p;
  size_t n;
} DxBuf;

typedef struct DxResult {
  int status; /* exit code, or -signal (-SIGALRM: timed out) */
  DxBuf out, err;
} DxResult;

/* Run argv[0] with argv, capturing stdout and stderr; kill it after
 * timeout seconds (0: never).  0, or -1 when it could not be started. */
int dx_run(const char *const argv[], unsigned timeout, DxResult *r);
void dx_free(DxResult *r);
int dx_same(const DxResult *a, const DxResult *b); /* status and stdout equal */

/* Small file helpers: 0 on success. */
int dx_write(const char *path, const char *bytes, size_t n);
int dx_read(const char *path, DxBuf *b);
int dx_mkdirs(const char *path);
int dx_rmtree(const char *path);
int dx_copy(const char *from, const char *to);

/* ---- paths and cases (run_diff.c) ------------------------------------------------ */

enum { DR_MAX_PATHS = 16 };

typedef struct DrPath {
  const char *label;   /* "vm", "c", "bytecode" */
  const char *backend; /* value of --backend; NULL for the bytecode path */
  int every;           /* run on every k-th generated case (1: all) */
  int on;              /* built and working (probed) */
  char why[160];       /* why it is off */
} DrPath;

typedef struct Runner {
  const char *indc;
  DrPath path[DR_MAX_PATHS];
  int npath;           /* path[0] is the VM: the reference */
  const char *db;      /* --db for the postgres backend */
  unsigned timeout;    /* seconds per process */
  char work[1024];     /* this worker's scratch directory */
  unsigned runs;       /* processes started (for the summary) */
} Runner;

enum { DR_OK, DR_GENBUG, DR_MISMATCH, DR_CRASH };

typedef struct DrOutcome {
  int kind;            /* DR_* */
  int path;            /* the path that failed (DR_MISMATCH, DR_CRASH) */
  int mid_year;        /* 1: it failed with --as-of */
  char msg[1024];      /* one line: what failed; DR_GENBUG: the first error */
  DxResult ref, got;   /* the VM's run and the failing path's run */
} DrOutcome;

/* Run one case (spec: a file or directory; as_of may be NULL) through
 * the paths whose mask byte is set; the first failure goes to *o (which
 * the caller frees with dr_outcome_free).  Returns o->kind. */
int dr_check(Runner *r, const char *spec, const char *data, const char *as_of,
             const unsigned char *mask, DrOutcome *o);
void dr_outcome_free(DrOutcome *o);

/* 1 when outcome b is "the same failure" as a (what the minimiser keeps). */
int dr_same_failure(const DrOutcome *a, const DrOutcome *b);

/* ---- minimising (diff_min.c) ------------------------------------------------------- */

/* Cut the generated case c down while it still fails like `orig`,
 * rendering candidates into dir; c is left at the smallest failing case.
 * Returns the number of candidates tried. */
int dm_generated(Runner *r, GenCase *c, const char *dir, const DrOutcome *orig);

/* The same for a hand-written case: the .ind files of spec (a file or a
 * directory) and a CSV data file, copied into dir/spec/ and dir/data.csv
 * and cut down there (whole files, indicator blocks, data rows). */
int dm_text(Runner *r, const char *spec, const char *data, const char *as_of, const char *dir,
            const DrOutcome *orig);

#endif
