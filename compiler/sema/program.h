/*
 * program.h - a checked compilation: every file loaded (command line,
 * imports, the prelude), the unit and scale tables, and each file's
 * resolved scoring policy.  Built by prog_load (load.c) and sema_check
 * (sema.c); read by the linter, the formatter's callers, the differ and
 * every backend.  One Arena holds it all.
 */
#ifndef INDC_PROGRAM_H
#define INDC_PROGRAM_H

#include "../front/ast.h"
#include "../support/arena.h"
#include "../support/diag.h"
#include "../support/strmap.h"

/* A unit: its dimension (index of the dimension's base unit) and its size
 * in base units, e.g. 万元: dim = 元, factor = 10000. */
typedef struct Unit {
  const char *name;
  const char *key;   /* name_key of the name, so ％ and % are one unit */
  int dim;           /* index of the base unit in the table */
  Dec factor;        /* size in base units */
  Span span;         /* declaration (prelude spans point into the prelude) */
} Unit;

typedef struct Scale {
  const char *name;
  const char **members; /* lowest first; rank = index + 1 */
  size_t nmembers;
  Span span;
} Scale;

/* Reverse (反向) formula for ≤/< targets that are missed. */
typedef enum Reverse { REV_DIFFERENCE, REV_RATIO } Reverse;

/* A graded band of the qualitative rules: [lo, hi] share of the points,
 * and the default share when the actual gives no score. */
typedef struct Band { Dec lo, hi, dflt; } Band;

/* The scoring policy (docs/scoring.md); Dec shares are fractions (0.8 is
 * 80%), weights are points. */
typedef struct Policy {
  Dec w_output, w_benefit, w_satisfaction, w_rate; /* level-1 points */
  Reverse reverse;
  Band met, partial, unmet;
  Dec grade_excellent, grade_good, grade_fair;     /* 优 良 中 thresholds */
  Dec overshoot;     /* flag 正向 actuals >= this share of the target */
  Dec low_rate;      /* flag 执行率 below this */
  Dec lag;           /* mid-year: flag spending lagging the calendar (share) */
} Policy;

typedef struct ProgFile {
  File *ast;
  uint32_t source;
  int is_prelude;
  int from_cli;      /* named on the command line (not only imported) */
  Policy policy;     /* resolved: prelude, imports, then the file's own */
  int policy_done;
  int visiting;      /* import cycle detection */
  const Unit *currency; /* 金额单位 (万元 by default) */
} ProgFile;

typedef struct Program {
  Arena arena;
  SourceSet sources;
  DiagList diags;
  ProgFile **files;
  size_t nfiles, capfiles;
  Unit *units;
  size_t nunits, capunits;
  Scale *scales;
  size_t nscales, capscales;
  /* every project of every non-prelude file, in load order */
  Project **projects;
  ProgFile **project_file;
  size_t nprojects, capprojects;
  size_t nindicators;
  StrMap project_keys;   /* key -> Project*: duplicate projects */
  StrMap ind_keys;       /* per project, reset: level2 and key -> Indicator* */
  Arena keys_scratch;    /* the keys of ind_keys, freed with each reset */
  StrMap ind_ids;        /* per project, reset: id -> Indicator* */
  StrMap real_paths;     /* real path -> ProgFile*: each file is loaded once */
  /* rule tests (docs/testing-rules.md): set before prog_load to leave them
   * alone, as `indc diff` does: a *_test.ind then loads no siblings, and
   * sema does not resolve the names of tests */
  int no_tests;
  /* threads for parsing a large file (parse_file_parts), checking
   * (sema_check) and lowering (lower_program) a large program: 0 chooses
   * from the processors; set before prog_load (`-j` of check, compile,
   * run) */
  unsigned jobs;
  unsigned parsed_parts; /* the most parts any file was parsed in (1: none cut) */
  unsigned checked_parts; /* the pieces sema_check checked the projects in */
  unsigned lowered_parts; /* the pieces lower_program lowered them in */
} Program;

void prog_init(Program *p);
void prog_free(Program *p);

/*
 * Load the prelude and the given files with their imports (each file
 * once), parse them, and report import cycles and unreadable files.  A
 * file named *_test.ind (rule tests) brings the other *.ind files of its
 * folder along, the specs its tests refer to (unless p->no_tests).
 * Returns the number of errors so far.
 */
size_t prog_load(Program *p, char **paths, size_t npaths);

/* Load from a buffer instead of a file (tests, fuzzing, stdin). */
size_t prog_load_buffer(Program *p, const char *name, const char *text, size_t len);

/* Semantic analysis and lints over everything loaded.  Returns the
 * number of errors (warnings counted in p->diags.nwarnings). */
size_t sema_check(Program *p);

/* sema_check with the projects checked in at most `parts` pieces (0:
 * from p->jobs, else the processors) of at least min_part projects (0:
 * SEMA_MIN_PART), each on a thread ([SEMA-PARTS] in sema.c): the same
 * program and the same diagnostics, whatever the pieces. */
#define SEMA_MIN_PART 2000u
size_t sema_check_parts(Program *p, unsigned parts, size_t min_part);

/* Unit lookup by name (as analysts type it); NULL when unknown. */
const Unit *prog_unit(const Program *p, const char *name);
/* Convert v from unit `from` to unit `to` (same dimension). */
DecStatus prog_convert(const Program *p, Dec v, const Unit *from, const Unit *to, Dec *out);

/* The text of the standard prelude (units, the 3A scale, the default policy). */
extern const char prelude_text[];
extern const size_t prelude_len;

#endif
