/*
 * imp_actcheck.c - the 实际完成值 of a 自评表 as `indc run` will read them
 * ([IMPORT-ACTUALS] in docs/import.md).
 *
 * The importer writes each 实际完成值 as the table has it.  Whether `indc
 * run` can read it depends on the target (a unit it converts, a date with
 * its year, a grade of the target's scale), so the written spec of the
 * project is compiled and its actuals are loaded by the runtime's own
 * loader, and every problem is reported as a warning at the table row the
 * value came from: the analyst mends the table or the actuals file before
 * `indc run` stops at it.
 */
#include <stdio.h>
#include <string.h>

#include "../backend/lower.h"
#include "bc.h"
#include "data/actuals.h"
#include "imp_internal.h"
#include "support/i18n.h"

typedef struct Found {
  ImpCtx *c;
  const unsigned *lines; /* table line of each data row of the CSV */
  size_t nrows;
} Found;

static void found(void *ud, const char *file, unsigned line, unsigned col, const char *msg) {
  Found *f = ud;
  (void)file, (void)col;
  /* line 1 of the CSV is its header; a problem without a row is the file's */
  unsigned at = line >= 2 && line - 2 < f->nrows ? f->lines[line - 2] : 0;
  imp_warn(f->c, at, "实际完成值 will not be read by `indc run`: %s; mend it in the table or in "
                     "the actuals file",
           msg);
}

void imp_check_actuals(ImpCtx *c, ImpProject *p) {
  const ImpOutput *o = p->out;
  if (!o || !o->text) return;
  ImpBuf csv = {0};
  unsigned *lines = arena_alloc(c->a, (p->ninds + 1) * sizeof *lines);
  imp_buf_puts(&csv, "project,indicator,actual,note\n");
  size_t n = imp_actual_rows(c, p, &csv, lines);
  Program prog;
  RtProgram rp;
  prog_init(&prog);
  prog_load_buffer(&prog, "<import>", o->text, o->len);
  if (n > 0 && sema_check(&prog) == 0) {
    if (lower_program(&prog, &rp) == 0) {
      Found f = {c, lines, n};
      DataSink sink = {found, &f, 0, 0, i18n_translator()};
      RtActuals act;
      memset(&act, 0, sizeof act);
      act_load(&rp, "<import>", csv.s, csv.len, INDRT_DATA_CSV, INDRT_ENC_UTF8, 0, &act, &sink);
      act_free(&act);
    }
    rt_program_free(&rp);
  }
  prog_free(&prog);
  imp_buf_free(&csv);
}
