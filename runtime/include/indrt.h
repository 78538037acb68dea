/*
 * indrt.h - libindrt, the embeddable runtime of indc.
 *
 * Load a compiled program (.indb bytecode, verified completely before
 * use), load actual outcome data (CSV or JSON), evaluate it into a
 * scorecard (绩效自评), and write the scorecard as a table, JSON, CSV or
 * Markdown.  See docs/embedding.md for a complete host program.
 *
 * Rules of the API:
 *  - No global state.  Two evaluations may run at once in different
 *    threads as long as each object is used by one thread at a time (a
 *    loaded program may be shared read-only).
 *  - Lifetimes: actuals refer to the program they were loaded for, and a
 *    result to its program and its actuals (it reports their names and
 *    values).  Free in reverse order: results, then actuals, then the
 *    program.
 *  - The library never prints.  Errors go to the config's error callback
 *    (if any), one call per problem, with a location; every function that
 *    can fail returns an indrt_status.  Usage errors (a NULL argument, an
 *    unknown option value, actuals of another program) and running out of
 *    memory are reported to the callback too.
 *  - All numbers that cross the API are exact decimals, passed as text
 *    ("96.50") or as indrt_dec (a count of 10^-9 units); never double.
 */
#ifndef INDRT_H
#define INDRT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define INDRT_API __attribute__((visibility("default")))
#else
#define INDRT_API
#endif

#define INDRT_VERSION_MAJOR 0
#define INDRT_VERSION_MINOR 1
#define INDRT_VERSION_PATCH 0

/* An exact decimal: the value times 10^9, e.g. 96.5 is 96500000000. */
typedef int64_t indrt_dec;

typedef enum indrt_status {
  INDRT_OK = 0,
  INDRT_E_IO,      /* a file could not be read or written */
  INDRT_E_FORMAT,  /* malformed bytecode (bad magic, truncated, checksum) */
  INDRT_E_VERIFY,  /* bytecode that fails verification */
  INDRT_E_DATA,    /* bad actual data (each problem reported with file:line) */
  INDRT_E_LIMIT,   /* a limit of indrt_config was exceeded */
  INDRT_E_NOMEM,   /* out of memory (or the memory limit) */
  INDRT_E_USAGE    /* invalid argument */
} indrt_status;

/* One problem, passed to the error callback. */
typedef struct indrt_diag {
  indrt_status status;
  const char *file;    /* data or bytecode file name, or NULL */
  unsigned line;       /* 1-based, 0 when not applicable */
  unsigned column;     /* 1-based, 0 when not applicable */
  uint64_t offset;     /* bytecode: byte offset of the problem */
  const char *message; /* one line, no trailing period */
} indrt_diag;

typedef struct indrt_config {
  /* Called once per problem; may be NULL. */
  void (*error)(void *user, const indrt_diag *diag);
  void *user;
  /* realloc-style allocator (size 0 frees; called with `user`) for the
   * memory of every object made with this config: the object, its arena
   * blocks (nearly all its bytes) and the file buffer of *_load_file.
   * Each object is freed through the allocator it was made with.  NULL
   * means the C library's.  Some short-lived buffers (name keys while
   * loading data, the verifier's scratch, the table report's rows) come
   * from malloc. */
  void *(*reallocate)(void *ptr, size_t size, void *user);
  /* Bytes one object (program, actuals, result) may allocate; 0: 4 GiB. */
  size_t memory_limit;
  /* VM steps per indicator evaluation; 0: 100000. */
  uint32_t step_limit;
  /* Errors reported before a load gives up; 0: 100. */
  uint32_t max_errors;
} indrt_config;

/* A config with every default. */
INDRT_API indrt_config indrt_default_config(void);

/* ---- programs ------------------------------------------------------------ */

typedef struct indrt_program indrt_program;

/* Load and verify bytecode from memory (copied) or a file. */
INDRT_API indrt_status indrt_program_load(const indrt_config *cfg, const void *bytes,
                                          size_t len, const char *name, indrt_program **out);
INDRT_API indrt_status indrt_program_load_file(const indrt_config *cfg, const char *path,
                                               indrt_program **out);
INDRT_API void indrt_program_free(indrt_program *p);

INDRT_API size_t indrt_project_count(const indrt_program *p);
INDRT_API const char *indrt_project_name(const indrt_program *p, size_t project);
INDRT_API size_t indrt_indicator_count(const indrt_program *p, size_t project);
INDRT_API const char *indrt_indicator_name(const indrt_program *p, size_t project, size_t i);

/* ---- actual data ------------------------------------------------------------ */

typedef struct indrt_actuals indrt_actuals;

typedef enum indrt_data_format { INDRT_DATA_AUTO, INDRT_DATA_CSV, INDRT_DATA_JSON } indrt_data_format;
typedef enum indrt_encoding { INDRT_ENC_AUTO, INDRT_ENC_UTF8, INDRT_ENC_GBK } indrt_encoding;

typedef struct indrt_data_options {
  indrt_data_format format;  /* AUTO: by extension (.json), else CSV */
  indrt_encoding encoding;   /* AUTO: UTF-8 (BOM or not) when valid, else GBK */
} indrt_data_options;

/* Load actuals for program p; problems go to the error callback with
 * file:line, and the load fails (INDRT_E_DATA) if there was any. */
INDRT_API indrt_status indrt_actuals_load(const indrt_config *cfg, const indrt_program *p,
                                          const void *bytes, size_t len, const char *name,
                                          const indrt_data_options *opt, indrt_actuals **out);
INDRT_API indrt_status indrt_actuals_load_file(const indrt_config *cfg, const indrt_program *p,
                                               const char *path, const indrt_data_options *opt,
                                               indrt_actuals **out);
INDRT_API void indrt_actuals_free(indrt_actuals *a);

/* ---- evaluation --------------------------------------------------------------- */

typedef struct indrt_result indrt_result;

typedef struct indrt_eval_options {
  /* Mid-year monitoring (绩效运行监控): evaluate as of this date,
   * "YYYY-MM-DD"; NULL for the year-end self-evaluation. */
  const char *as_of;
} indrt_eval_options;

INDRT_API indrt_status indrt_evaluate(const indrt_config *cfg, const indrt_program *p,
                                      const indrt_actuals *a, const indrt_eval_options *opt,
                                      indrt_result **out);
INDRT_API void indrt_result_free(indrt_result *r);

/* Total score of a project (unrounded) and its grade: "优" "良" "中" "差". */
INDRT_API indrt_dec indrt_project_total(const indrt_result *r, size_t project);
INDRT_API const char *indrt_project_grade(const indrt_result *r, size_t project);
/* Score and status ("met" "partial" "unmet" "missing" "na" "pending"). */
INDRT_API indrt_dec indrt_indicator_score(const indrt_result *r, size_t project, size_t i);
INDRT_API const char *indrt_indicator_status(const indrt_result *r, size_t project, size_t i);

/* Deviation flags (偏差说明 needed), as bits: an indicator's not met,
 * overshoot and undefined; a project's low rate, lag and undefined (money
 * spent against a budget of 0: no 执行率).  docs/scoring.md [SCORE-STATUS]. */
enum {
  INDRT_FLAG_NOT_MET = 1,
  INDRT_FLAG_OVERSHOOT = 2,
  INDRT_FLAG_LOW_RATE = 4,
  INDRT_FLAG_LAG = 8,
  INDRT_FLAG_UNDEFINED = 16
};
INDRT_API unsigned indrt_project_flags(const indrt_result *r, size_t project);
INDRT_API unsigned indrt_indicator_flags(const indrt_result *r, size_t project, size_t i);
/* The project's 预算执行率 (a fraction: 0.8569 is 85.69%) and its score;
 * returns 1, or 0 when the rate is unknown (no 执行数, or money spent
 * against a budget of 0), when *rate is -1 and *score 0.  Either pointer
 * may be NULL.  Also 0 for a project out of range. */
INDRT_API int indrt_project_rate(const indrt_result *r, size_t project, indrt_dec *rate,
                                 indrt_dec *score);

/* Format an exact decimal with `digits` decimals (0..9, more is taken as 9;
 * rounded half away from zero), or with as many as it needs when digits is
 * negative.  Like snprintf: returns the length the whole text needs,
 * writes at most cap - 1 bytes and a NUL (cap 0: nothing); 32 bytes always
 * suffice. */
INDRT_API int indrt_dec_format(indrt_dec v, int digits, char *buf, size_t cap);

/* ---- reports --------------------------------------------------------------------- */

typedef enum indrt_report_format {
  INDRT_REPORT_TABLE, INDRT_REPORT_JSON, INDRT_REPORT_CSV, INDRT_REPORT_MD, INDRT_REPORT_HTML
} indrt_report_format;

/* Receives the report's bytes; returns 0 on success. */
typedef int (*indrt_write_fn)(void *user, const void *bytes, size_t len);

typedef struct indrt_report_options {
  int english;  /* headings and explanations in English (default: Chinese) */
} indrt_report_options;

INDRT_API indrt_status indrt_report_write(const indrt_result *r, indrt_report_format fmt,
                                          const indrt_report_options *opt, indrt_write_fn write,
                                          void *user);

#ifdef __cplusplus
}
#endif

#endif
