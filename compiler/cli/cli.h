/*
 * cli.h - subcommands of indc and what they share: expanding file and
 * directory arguments, and the warning options.
 */
#ifndef INDC_CLI_H
#define INDC_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "report/report.h"
#include "sema/program.h"
#include "timings.h"

typedef struct CliCommand {
  const char *name;
  const char *summary;
  int (*run)(int argc, char **argv);
} CliCommand;

int cmd_check(int argc, char **argv);
int cmd_fmt(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_compile(int argc, char **argv);
int cmd_disasm(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_template(int argc, char **argv);


/* A growable list of paths (malloc'd strings). */
typedef struct PathList {
  char **v;
  size_t n, cap;
} PathList;

void paths_free(PathList *l);
/* Add a file, or every *.ind below a directory (sorted, so output is
 * deterministic).  Returns 0 and prints an error when path is unreadable. */
int paths_add(PathList *l, const char *path);

/* 1 when a and b name the same existing regular file (links included). */
int cli_same_file(const char *a, const char *b);

/* The input that output file out would overwrite — one of inputs, or
 * other (may be NULL) — or NULL when there is none or out is "-". */
const char *cli_output_is_input(const char *out, const PathList *inputs, const char *other);

/* 1 after printing "CMD: the output would overwrite the input '…'" when
 * out (may be NULL) is one of inputs; else 0. */
int cli_refuse_overwrite(const char *cmd, const char *out, const PathList *inputs);

/* 1 when s ends with suffix. */
int cli_ends_with(const char *s, const char *suffix);

/* What the inputs of cmd are: 1 a compiled program (one .indb), 0 specs,
 * -1 after printing that a .indb came with other inputs (a usage error). */
int cli_program_kind(const char *cmd, const PathList *files);

/* Load and verify a .indb into *out; 0, or 1 after printing the error. */
int cli_load_indb(const char *path, struct RtProgram *out);

/*
 * Handle a warning option (-W name, -Wname, -Wno-name, --werror, -Wall,
 * -Wnone) at argv[*i]; advances *i past a separate argument.  Returns 1 when
 * handled, 0 when argv[*i] is not a warning option, -1 on a usage error
 * (already printed).
 */
int cli_warning_option(DiagList *dl, int argc, char **argv, int *i);

struct RtProgram;
/* Load, check and lower specs (compile.c); prints diagnostics; returns an
 * exit code.  flags: CLI_QUIET prints the summary line only on errors;
 * CLI_DROP_TEXT frees the source texts before lowering when there is no
 * diagnostic to quote (the caller needs no more than line numbers);
 * CLI_NO_VERIFY leaves the check of the lowered program with the
 * runtime's verifier to the caller (cli_verify), which runs it beside
 * loading the data.  t (may be NULL) gets the phases parse, check, lower. */
enum { CLI_QUIET = 1, CLI_DROP_TEXT = 2, CLI_NO_VERIFY = 4 };
int cli_build(struct PathList *files, Program *p, struct RtProgram *out, int flags,
              Timings *t);
/* The runtime's verifier on a program the compiler lowered: 0, or 1 with
 * the message of an internal error printed. */
int cli_verify(const struct RtProgram *rp);

/* Output to stdout ("-" or NULL) or atomically to a file (output.c).
 * Bytes gather in a block; once the output outgrows one block, a writer
 * thread hands full blocks to the stream while the command goes on
 * producing the next (writing a large report costs the kernel about as
 * much as producing it).  The bytes and their order are the same either
 * way. */
enum { OUT_BLOCK = 1 << 20, OUT_ALIGN = 4096 };
struct OutAsync;
typedef struct OutFile {
  FILE *f;
  char *path, *tmp;
  int failed;
  int direct;  /* a device or pipe: written in place, no temporary file */
  size_t nbuf;
  char *buf;   /* the block being filled: OUT_BLOCK bytes */
  struct OutAsync *as; /* the writer thread, once started */
} OutFile;
int out_open(OutFile *o, const char *path);
int out_write(void *ud, const void *bytes, size_t len); /* an indrt_write_fn */
/* ok = 0 discards the temporary file; returns 0 when the file is in place. */
int out_close(OutFile *o, int ok);

/* Write report fn for r to w with up to `jobs` threads ([REP-PARTS],
 * report_par.c): the same bytes as fn(r, opt, w, ud), which is what it
 * calls for a small report or one job.  Returns fn's result. */
typedef int (*ParWriter)(const RtResult *, const RepOptions *, RepWrite, void *);
int par_report(ParWriter fn, const RtResult *r, const RepOptions *opt, int jobs, RepWrite w,
               void *ud);
int par_default_jobs(void); /* the processors online, at most 8 */
/* --jobs N: a whole number from 1 to 64, or -1. */
int cli_parse_jobs(const char *s);
/*
 * Handle -j N, -jN, --jobs N or --jobs=N at argv[*i] for command cmd
 * ("indc check"): sets *jobs and advances *i past a separate value.
 * Returns 1 when handled, 0 when argv[*i] is no jobs option, -1 on a
 * usage error (printed).
 */
int cli_jobs_option(const char *cmd, int argc, char **argv, int *i, int *jobs);

/*
 * Set *slot to value, an option's value, unless the option was given
 * before (*slot not NULL): then print that it was given twice and return
 * -1 (a usage error), since silently taking the last of two --actuals,
 * -o or --format would drop what the user asked for.  0 when set.
 */
int cli_option_once(const char *cmd, const char *opt, const char **slot, const char *value);
/* "--" ends the options (a file may then start with '-'): 1 for the first
 * one, which sets *only_files; 0 for anything else. */
int cli_end_of_options(const char *a, int *only_files);
/* In a command's argument loop: a is "--" (cli_end_of_options) or, after
 * it, a spec added to files (*rc = 1 when it cannot be); 1 when a was
 * taken so, 0 when it is to be read as an option or a spec as before. */
int cli_spec_after_options(const char *a, int *only_files, PathList *files, int *rc);

/* Read a whole file (malloc'd); prints the error and returns -1 on failure. */
int cli_read_file(const char *path, char **data, size_t *len);

/* Print diagnostics and the summary line; returns the exit code. */
int cli_report(Program *p, int summary);

#endif
