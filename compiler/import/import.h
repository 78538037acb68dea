/*
 * import.h - indc import: performance-target tables (绩效目标表) as
 * analysts have them today, turned into formatted .ind specs
 * (docs/import.md).
 *
 * imp_run reads one document: text exported from Word or PDF with tab-
 * or pipe-separated cells, or CSV as Excel saves it (UTF-8, GBK or
 * GB18030).  It finds the projects, their budget block and their
 * indicator rows, repairs what the export broke (merged cells, cells split
 * across a page break, rows shifted a column, garbled values), and
 * returns one formatted spec per project, each verified by the parser, the
 * formatter and semantic analysis.  Every repair or guess becomes a `#`
 * comment at the indicator and a warning naming the source line; a row
 * that cannot be placed is an error, and its project gets no output.
 *
 * Nothing here prints or writes files: the CLI (cli/import_cmd.c) does.
 */
#ifndef INDC_IMPORT_H
#define INDC_IMPORT_H

#include <stddef.h>
#include <stdio.h>

#include "../support/arena.h"

typedef enum ImpEncoding {
  IMP_ENC_AUTO,    /* BOM, else valid UTF-8, else GB18030 (a superset of GBK) */
  IMP_ENC_UTF8,
  IMP_ENC_GB18030  /* GBK files are GB18030 files */
} ImpEncoding;

typedef enum ImpLayout {
  IMP_LAYOUT_AUTO, /* decided by the first table header row */
  IMP_LAYOUT_TAB,  /* cells separated by tabs (text exported from Word/PDF) */
  IMP_LAYOUT_PIPE, /* cells separated by | (Markdown-style tables too) */
  IMP_LAYOUT_CSV   /* RFC 4180, as Excel saves it */
} ImpLayout;

typedef struct ImpOptions {
  ImpEncoding encoding;
  ImpLayout layout;
  int single;      /* also build one file holding every project */
  int year;        /* 年度 of the specs (0: the document's, else guessed) */
  int check_actuals; /* load the 实际完成值 as `indc run` will and warn at
                        the rows it would not read (--actuals-out) */
} ImpOptions;

/* A warning or error about the input, at a 1-based source line (0: none). */
typedef struct ImpMsg {
  int error;
  unsigned line;
  const char *text;
  size_t seq;      /* order of discovery (messages are sorted by line, then seq) */
} ImpMsg;

/* One project of the document. */
typedef struct ImpOutput {
  const char *project;   /* its name */
  const char *file;      /* file name for it: "NN-name.ind" */
  unsigned line;         /* the source line that starts it */
  const char *text;      /* the formatted spec; NULL when the project failed */
  size_t len;
  size_t nrows;          /* indicator rows read for it */
  size_t nwritten;       /* indicators in text (== nrows when text != NULL) */
  size_t ncontinued;     /* continuation rows joined to a row before them */
  size_t nrepairs;       /* repairs and guesses (each has a comment and a warning) */
  size_t nactuals;       /* rows of actual values it contributed */
} ImpOutput;

typedef struct ImpResult {
  Arena arena;           /* owns everything below */
  const char *layout;    /* "tab", "pipe", "csv" (NULL: not decided) */
  const char *encoding;  /* "UTF-8", "GB18030", "UTF-16LE", ... */
  ImpOutput *out;
  size_t nout;
  const char *single;    /* with ImpOptions.single: every project in one
                            file; NULL when any project failed */
  size_t single_len;
  const char *actuals;   /* actuals CSV (project,indicator,actual,note) */
  size_t actuals_len;
  size_t nactuals;       /* data rows in it */
  int has_actuals;       /* the table has an 实际完成值 column */
  ImpMsg *msgs;          /* in source order of discovery */
  size_t nmsgs, capmsgs;
  size_t nerrors, nwarnings;
} ImpResult;

void imp_init(ImpResult *r);
void imp_free(ImpResult *r);

/*
 * Import the document bytes[0..len), named `name` in messages.  Returns
 * the number of errors; r->out holds every project found, with text set
 * for each one that imported cleanly.
 */
size_t imp_run(const char *name, const char *bytes, size_t len, const ImpOptions *o,
               ImpResult *r);

/* Print the messages as "NAME:LINE: warning: TEXT" (or "NAME: error: …"). */
void imp_print_msgs(const ImpResult *r, const char *name, FILE *out);

#endif
