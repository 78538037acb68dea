/*
 * indrt.c - the public API (include/indrt.h) over the runtime's modules:
 * bc_load (bytecode), act_load (data), rt_evaluate (VM and scoring),
 * rep_* (reports).  This file only adapts: objects, defaults, and routing
 * every problem to the host's error callback.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc.h"
#include "data/actuals.h"
#include "eval.h"
#include "include/indrt.h"
#include "report/report.h"

/* Each object remembers the allocator it came from, to be freed with it. */
struct indrt_program {
  RtMem mem;
  RtProgram p;
};
struct indrt_actuals {
  RtMem mem;
  RtActuals a;
};
struct indrt_result {
  RtMem mem;
  RtArena arena;
  RtResult r;
};

enum { DEFAULT_STEPS = 100000, DEFAULT_ERRORS = 100 };
#define DEFAULT_MEMORY ((size_t)4 << 30)

indrt_config indrt_default_config(void) {
  indrt_config c;
  memset(&c, 0, sizeof c);
  c.memory_limit = DEFAULT_MEMORY;
  c.step_limit = DEFAULT_STEPS;
  c.max_errors = DEFAULT_ERRORS;
  return c;
}

static indrt_config config_of(const indrt_config *cfg) {
  indrt_config c = cfg ? *cfg : indrt_default_config();
  if (!c.memory_limit) c.memory_limit = DEFAULT_MEMORY;
  if (!c.step_limit) c.step_limit = DEFAULT_STEPS;
  if (!c.max_errors) c.max_errors = DEFAULT_ERRORS;
  return c;
}

/* The limit and allocator of the objects made with config c. */
static RtMem mem_of(const indrt_config *c) {
  RtMem m = {c->memory_limit, c->reallocate, c->user};
  return m;
}

/* Memory through the host's allocator, or the C library's. */
static void *mem_realloc(const RtMem *m, void *ptr, size_t n) {
  return m->alloc ? m->alloc(ptr, n, m->user) : realloc(ptr, n);
}

static void mem_free(const RtMem *m, void *ptr) {
  if (!ptr) return;
  if (m->alloc) m->alloc(ptr, 0, m->user);
  else free(ptr);
}

/* A zeroed object of n bytes. */
static void *mem_object(const RtMem *m, size_t n) {
  void *p = mem_realloc(m, NULL, n);
  if (p) memset(p, 0, n);
  return p;
}

static void report(const indrt_config *c, indrt_status st, const char *file, unsigned line,
                   unsigned col, uint64_t off, const char *msg) {
  if (!c->error) return;
  indrt_diag d = {st, file, line, col, off, msg};
  c->error(c->user, &d);
}

/* A usage error: reported to the callback too, as every problem is. */
static indrt_status usage(const indrt_config *c, const char *msg) {
  report(c, INDRT_E_USAGE, NULL, 0, 0, 0, msg);
  return INDRT_E_USAGE;
}

static indrt_status no_memory(const indrt_config *c, const char *file) {
  report(c, INDRT_E_NOMEM, file, 0, 0, 0, "out of memory (the memory limit, or the allocator)");
  return INDRT_E_NOMEM;
}

/* ---- programs ---------------------------------------------------------- */

indrt_status indrt_program_load(const indrt_config *cfg, const void *bytes, size_t len,
                                const char *name, indrt_program **out) {
  indrt_config c = config_of(cfg);
  if (!out) return usage(&c, "indrt_program_load: out is NULL");
  *out = NULL;
  if (!bytes && len) return usage(&c, "indrt_program_load: bytes is NULL, len is not 0");
  RtMem mem = mem_of(&c);
  indrt_program *p = mem_object(&mem, sizeof *p);
  if (!p) return no_memory(&c, name);
  p->mem = mem;
  BcError err;
  indrt_status st = bc_load_mem(bytes, len, &mem, &p->p, &err);
  if (st != INDRT_OK) {
    report(&c, st, name, 0, 0, err.offset, err.msg);
    mem_free(&mem, p);
    return st;
  }
  *out = p;
  return INDRT_OK;
}

/* Read a whole file, at most `limit` bytes. */
static indrt_status read_file(const indrt_config *c, const char *path, size_t limit,
                              char **data, size_t *len) {
  FILE *f = fopen(path, "rb");
  char msg[512];
  if (!f) {
    snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
    report(c, INDRT_E_IO, path, 0, 0, 0, msg);
    return INDRT_E_IO;
  }
  RtMem mem = mem_of(c);
  size_t cap = 1 << 16, n = 0;
  char *buf = mem_realloc(&mem, NULL, cap);
  while (buf) {
    if (n == cap) {
      if (cap >= limit) break;
      char *nb = mem_realloc(&mem, buf, cap * 2);
      if (!nb) {
        mem_free(&mem, buf);
        buf = NULL;
        break;
      }
      buf = nb;
      cap *= 2;
    }
    size_t k = fread(buf + n, 1, cap - n, f);
    n += k;
    if (k == 0) break;
  }
  int bad = ferror(f);
  fclose(f);
  if (!buf) return no_memory(c, path);
  if (bad || n > limit || (n == cap && cap >= limit)) {
    snprintf(msg, sizeof msg, bad ? "read error" : "file larger than the memory limit");
    report(c, bad ? INDRT_E_IO : INDRT_E_LIMIT, path, 0, 0, 0, msg);
    mem_free(&mem, buf);
    return bad ? INDRT_E_IO : INDRT_E_LIMIT;
  }
  *data = buf;
  *len = n;
  return INDRT_OK;
}

indrt_status indrt_program_load_file(const indrt_config *cfg, const char *path,
                                     indrt_program **out) {
  indrt_config c = config_of(cfg);
  char *data;
  size_t len;
  if (!out) return usage(&c, "indrt_program_load_file: out is NULL");
  *out = NULL;
  if (!path) return usage(&c, "indrt_program_load_file: path is NULL");
  indrt_status st = read_file(&c, path, c.memory_limit, &data, &len);
  if (st != INDRT_OK) return st;
  st = indrt_program_load(&c, data, len, path, out);
  RtMem mem = mem_of(&c);
  mem_free(&mem, data);
  return st;
}

void indrt_program_free(indrt_program *p) {
  if (!p) return;
  RtMem mem = p->mem;
  rt_program_free(&p->p);
  mem_free(&mem, p);
}

size_t indrt_project_count(const indrt_program *p) { return p ? p->p.nprojects : 0; }

const char *indrt_project_name(const indrt_program *p, size_t project) {
  return p && project < p->p.nprojects ? p->p.projects[project].name : NULL;
}

size_t indrt_indicator_count(const indrt_program *p, size_t project) {
  return p && project < p->p.nprojects ? p->p.projects[project].nind : 0;
}

const char *indrt_indicator_name(const indrt_program *p, size_t project, size_t i) {
  if (!p || project >= p->p.nprojects || i >= p->p.projects[project].nind) return NULL;
  return p->p.indicators[p->p.projects[project].first + i].name;
}

/* ---- actual data ---------------------------------------------------------- */

typedef struct SinkCtx {
  const indrt_config *cfg;
} SinkCtx;

static void sink_report(void *ud, const char *file, unsigned line, unsigned col, const char *msg) {
  SinkCtx *s = ud;
  report(s->cfg, INDRT_E_DATA, file, line, col, 0, msg);
}

indrt_status indrt_actuals_load(const indrt_config *cfg, const indrt_program *p, const void *bytes,
                                size_t len, const char *name, const indrt_data_options *opt,
                                indrt_actuals **out) {
  indrt_config c = config_of(cfg);
  if (!out) return usage(&c, "indrt_actuals_load: out is NULL");
  *out = NULL;
  if (!p) return usage(&c, "indrt_actuals_load: the program is NULL");
  if (!bytes && len) return usage(&c, "indrt_actuals_load: bytes is NULL, len is not 0");
  if (opt && ((unsigned)opt->format > INDRT_DATA_JSON || (unsigned)opt->encoding > INDRT_ENC_GBK))
    return usage(&c, "indrt_actuals_load: unknown format or encoding in the options");
  RtMem mem = mem_of(&c);
  indrt_actuals *a = mem_object(&mem, sizeof *a);
  if (!a) return no_memory(&c, name);
  a->mem = mem;
  SinkCtx sc = {&c};
  DataSink sink = {sink_report, &sc, c.max_errors, 0, NULL};
  indrt_status st = act_load_mem(&p->p, name ? name : "<data>", bytes, len,
                                 opt ? (int)opt->format : INDRT_DATA_AUTO,
                                 opt ? (int)opt->encoding : INDRT_ENC_AUTO, &mem, &a->a, &sink);
  if (st != INDRT_OK) {
    if (st == INDRT_E_NOMEM) no_memory(&c, name);
    mem_free(&mem, a);
    return st;
  }
  *out = a;
  return INDRT_OK;
}

indrt_status indrt_actuals_load_file(const indrt_config *cfg, const indrt_program *p,
                                     const char *path, const indrt_data_options *opt,
                                     indrt_actuals **out) {
  indrt_config c = config_of(cfg);
  char *data;
  size_t len;
  if (!out) return usage(&c, "indrt_actuals_load_file: out is NULL");
  *out = NULL;
  if (!path) return usage(&c, "indrt_actuals_load_file: path is NULL");
  indrt_status st = read_file(&c, path, c.memory_limit, &data, &len);
  if (st != INDRT_OK) return st;
  st = indrt_actuals_load(&c, p, data, len, path, opt, out);
  RtMem mem = mem_of(&c);
  mem_free(&mem, data);
  return st;
}

void indrt_actuals_free(indrt_actuals *a) {
  if (!a) return;
  RtMem mem = a->mem;
  act_free(&a->a);
  mem_free(&mem, a);
}

/* ---- evaluation -------------------------------------------------------------- */

/* "YYYY-MM-DD" to a day number; 0 when malformed. */
static int parse_day(const char *s, int32_t *out) {
  int y, m, d;
  char tail;
  if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return 0;
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return 0;
  static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > mdays[m - 1] || (m == 2 && d == 29 && !leap)) return 0;
  *out = rt_days_from_civil(y, m, d);
  return 1;
}

indrt_status indrt_evaluate(const indrt_config *cfg, const indrt_program *p, const indrt_actuals *a,
                            const indrt_eval_options *opt, indrt_result **out) {
  indrt_config c = config_of(cfg);
  if (!out) return usage(&c, "indrt_evaluate: out is NULL");
  *out = NULL;
  if (!p || !a) return usage(&c, "indrt_evaluate: the program or the actuals is NULL");
  if (a->a.prog != &p->p)
    return usage(&c, "indrt_evaluate: the actuals were loaded for another program");
  int32_t as_of = RT_NO_AS_OF;
  if (opt && opt->as_of && !parse_day(opt->as_of, &as_of)) {
    report(&c, INDRT_E_USAGE, NULL, 0, 0, 0, "as-of date is not a valid YYYY-MM-DD date");
    return INDRT_E_USAGE;
  }
  RtMem mem = mem_of(&c);
  indrt_result *r = mem_object(&mem, sizeof *r);
  if (!r) return no_memory(&c, NULL);
  r->mem = mem;
  rt_arena_init_mem(&r->arena, &mem);
  int rc = rt_evaluate(&p->p, &a->a, as_of, c.step_limit, &r->arena, &r->r);
  if (rc != 0) {
    if (rc == RT_EVAL_STEPS) {
      char msg[512];
      rt_eval_steps_message(&p->p, r->r.over_limit, c.step_limit, msg, sizeof msg);
      report(&c, INDRT_E_LIMIT, NULL, 0, 0, 0, msg);
    } else {
      no_memory(&c, NULL);
    }
    rt_arena_free(&r->arena);
    mem_free(&mem, r);
    return rc == RT_EVAL_STEPS ? INDRT_E_LIMIT : INDRT_E_NOMEM;
  }
  *out = r;
  return INDRT_OK;
}

void indrt_result_free(indrt_result *r) {
  if (!r) return;
  RtMem mem = r->mem;
  rt_arena_free(&r->arena);
  mem_free(&mem, r);
}

static const RtIndResult *ind_result(const indrt_result *r, size_t project, size_t i) {
  if (!r || project >= r->r.prog->nprojects || i >= r->r.prog->projects[project].nind)
    return NULL;
  return &r->r.ind[r->r.prog->projects[project].first + i];
}

indrt_dec indrt_project_total(const indrt_result *r, size_t project) {
  return r && project < r->r.prog->nprojects ? r->r.proj[project].total : 0;
}

const char *indrt_project_grade(const indrt_result *r, size_t project) {
  static const char *const g[] = {"优", "良", "中", "差"};
  return r && project < r->r.prog->nprojects ? g[r->r.proj[project].grade & 3] : NULL;
}

indrt_dec indrt_indicator_score(const indrt_result *r, size_t project, size_t i) {
  const RtIndResult *x = ind_result(r, project, i);
  return x ? x->score : 0;
}

const char *indrt_indicator_status(const indrt_result *r, size_t project, size_t i) {
  const RtIndResult *x = ind_result(r, project, i);
  return x ? rt_status_name(x->status) : NULL;
}

#define SAME_FLAG(a, b) ((int)(a) == (int)(b))
_Static_assert(SAME_FLAG(INDRT_FLAG_NOT_MET, RT_FLAG_NOT_MET) &&
                   SAME_FLAG(INDRT_FLAG_OVERSHOOT, RT_FLAG_OVERSHOOT) &&
                   SAME_FLAG(INDRT_FLAG_LOW_RATE, RT_FLAG_LOW_RATE) &&
                   SAME_FLAG(INDRT_FLAG_LAG, RT_FLAG_LAG) &&
                   SAME_FLAG(INDRT_FLAG_UNDEFINED, RT_FLAG_UNDEFINED),
               "INDRT_FLAG_* are the scorecard's flags");

unsigned indrt_project_flags(const indrt_result *r, size_t project) {
  return r && project < r->r.prog->nprojects ? r->r.proj[project].flags : 0;
}

unsigned indrt_indicator_flags(const indrt_result *r, size_t project, size_t i) {
  const RtIndResult *x = ind_result(r, project, i);
  return x ? x->flags : 0;
}

int indrt_project_rate(const indrt_result *r, size_t project, indrt_dec *rate,
                       indrt_dec *score) {
  const RtProjResult *x = r && project < r->r.prog->nprojects ? &r->r.proj[project] : NULL;
  int known = x && x->has_spent && x->rate >= 0;
  if (rate) *rate = known ? x->rate : -1;
  if (score) *score = known ? x->rate_score : 0;
  return known;
}

int indrt_dec_format(indrt_dec v, int digits, char *buf, size_t cap) {
  return dec_format(v, digits, buf, cap);
}

/* ---- reports ---------------------------------------------------------------------- */

indrt_status indrt_report_write(const indrt_result *r, indrt_report_format fmt,
                                const indrt_report_options *opt, indrt_write_fn write,
                                void *user) {
  if (!r || !write) return INDRT_E_USAGE;
  RepOptions o = {.english = opt ? opt->english : 0};
  int rc;
  switch (fmt) {
  case INDRT_REPORT_TABLE: rc = rep_table(&r->r, &o, write, user); break;
  case INDRT_REPORT_JSON: rc = rep_json(&r->r, &o, write, user); break;
  case INDRT_REPORT_CSV: rc = rep_csv(&r->r, &o, write, user); break;
  case INDRT_REPORT_MD: rc = rep_md(&r->r, &o, write, user); break;
  case INDRT_REPORT_HTML: rc = rep_html(&r->r, &o, write, user); break;
  default: return INDRT_E_USAGE;
  }
  return rc == 0 ? INDRT_OK : INDRT_E_IO;
}
