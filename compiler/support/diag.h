/*
 * diag.h - diagnostics: collected, sorted, rendered with the source line.
 *
 * Every diagnostic has a stable code from diag_codes.def, a severity, a
 * primary span, a message, and optionally a note at a second span and a
 * hint.  Rendering follows docs/diagnostics-style.md (test_diag.c pins
 * this example):
 *
 *   specs/a.ind:12:20: error: unknown unit '场次' [E0301]
 *      12 |   指标 "举办活动场次": ≥15 场次
 *         |                            ^~~~
 *   hint: declare it with 计量单位 场次, or use one of: 场 人 人次 …
 *
 * Warnings have names (`-W cost-sum`) so they can be switched off or made
 * errors.  Nothing here prints unless diag_render is called.
 *
 * The rendered form, exactly (diag_render_one):
 *
 *   PATH:LINE:COL: SEVERITY: MESSAGE TAG
 *    LNUM | SOURCE LINE
 *         | ^~~~
 *   note: PATH:LINE:COL: NOTE          (when there is a note; then its
 *    LNUM | SOURCE LINE                 own quoted line and caret)
 *         |   ^
 *   hint: HINT                         (when there is a hint)
 *
 * - LINE and COL are 1-based; COL counts code points (source.h).
 * - TAG is [E0301] for errors, [W0001 -Wcost-sum] for warnings, and
 *   [W0001 -Werror=cost-sum] for a warning turned into an error by
 *   werror; notes of their own (severity DIAG_NOTE) have no tag.
 * - The gutter is a space, the line number right-aligned in a field of
 *   max(4, digits) (the same field for the primary and the note line, so
 *   the bars line up), then " | " and the line.  An empty source line is
 *   printed as "LNUM |" without a trailing space.
 * - The quoted line has tabs expanded to the next multiple of 8, and
 *   control characters and invalid bytes shown as U+FFFD.
 * - The caret line has spaces up to the display column of span.lo (wide
 *   characters count 2), then "^" and one "~" for each further display
 *   cell of the span on that line.  A span running past the end of its
 *   first line is underlined to the end of that line; an empty span gets a
 *   lone "^"; a span at end of file points just after the last character.
 * - A span whose file is UINT32_MAX (or not in the SourceSet) has no
 *   location: the line starts "indc: " instead of "PATH:LINE:COL: " and
 *   nothing is quoted.  The same holds for a note span.
 */
#ifndef INDC_DIAG_H
#define INDC_DIAG_H

#include <stdarg.h>
#include <stdio.h>

#include "source.h"

typedef enum DiagSeverity { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR } DiagSeverity;

/* Diagnostic codes: X(NAME, code, severity, warning-name-or-NULL, summary) */
typedef enum DiagCode {
#define X(name, code, sev, wname, summary) name,
#include "diag_codes.def"
#undef X
  DIAG__COUNT
} DiagCode;

typedef struct Diag {
  DiagCode code;
  DiagSeverity sev;
  Span span;
  char *msg;
  Span note_span;  /* valid when note != NULL */
  char *note;
  char *hint;
  unsigned seq;    /* insertion order, to keep sorting stable */
} Diag;

typedef struct DiagList {
  Diag *items;
  size_t n, cap;
  size_t nerrors, nwarnings;
  unsigned char enabled[DIAG__COUNT]; /* per warning: 1 on (default), 0 off */
  int werror;                          /* warnings count as errors */
  size_t max_errors;                   /* stop recording after this many
                                          (default LIM_ERRORS, 0: no limit) */
  size_t ndropped;                     /* errors not recorded: past the cap */
} DiagList;

void diag_init(DiagList *dl);
void diag_free(DiagList *dl);

/* Look up a warning by its -W name; returns DIAG__COUNT when unknown. */
DiagCode diag_warning_by_name(const char *name);
/* Enable/disable all warnings (for -Wall / -Wnone). */
void diag_enable_all(DiagList *dl, int on);

const char *diag_code_str(DiagCode c);      /* "E0301" */
const char *diag_warning_name(DiagCode c);  /* "cost-sum" or NULL */
const char *diag_summary(DiagCode c);       /* "unknown unit" (for docs) */

/*
 * Report.  Returns the new Diag (to attach a note or hint) or NULL when the
 * diagnostic is a disabled warning or the error cap was reached.  The
 * pointer stays valid only until the next diag_report or diag_sort.
 *
 * With werror a warning is recorded with severity DIAG_ERROR and counts in
 * nerrors (and against max_errors).  nerrors counts every error reported,
 * so it stays exact; once max_errors of them are recorded, each further
 * error is dropped (and counted in ndropped too), and the first one dropped
 * records, once, a DIAG_NOTE without location, "too many errors,
 * stopping" (code E_LIMIT), which sorts after everything else.  A caller
 * that wants to stop early tests ndropped.  Warnings are never capped.
 */
Diag *diag_report(DiagList *dl, DiagCode code, Span span, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/*
 * Attach a note at a second span, or a hint.  Both do nothing when d is
 * NULL, so diag_hint(diag_report(...), ...) is safe; a second call
 * replaces the first.
 */
void diag_note(Diag *d, Span span, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_hint(Diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Sort by file, offset, then insertion order. */
void diag_sort(DiagList *dl);

/* Move from's diagnostics to the end of into, in order, as if reported
 * there now (new seq, counted); from is left empty.  For lists kept
 * apart on threads: into's error cap must have room for them all. */
void diag_append(DiagList *into, DiagList *from);

/* Drop the diagnostics after the first n (their counts are the caller's). */
void diag_truncate(DiagList *dl, size_t n);

/* Render all diagnostics to out, each with its quoted line and caret. */
void diag_render(const DiagList *dl, const SourceSet *ss, FILE *out);
/* Render one. */
void diag_render_one(const Diag *d, const SourceSet *ss, FILE *out);

#endif
