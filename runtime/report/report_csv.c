/*
 * report_csv.c - the scorecard as CSV for spreadsheets ([REP-CSV] in
 * docs/report.md): UTF-8 with a byte-order mark (so that Excel does not
 * read it as GBK), RFC 4180 quoting, CRLF line ends.  One row per
 * indicator with the project's columns repeated, and first in each
 * project one row for 预算执行率.  Headings and words follow the
 * language; numbers are plain decimals, rates percentages with "%".
 */
#include <string.h>

#include "report_int.h"

enum {
  K_PROJECT, K_PSCORE, K_PGRADE, K_CURRENCY, K_BUDGET, K_SPENT, K_RATE, K_ASOF, K_ELAPSED,
  K_LEVEL1, K_LEVEL2, K_ID, K_NAME, K_TARGET, K_ACTUAL, K_STATUS, K_WEIGHT, K_SCORE, K_FLAGS,
  K_EXPL, K_NOTE, NKEYS
};

static const char *const heads[NKEYS][2] = {
    {"项目", "project"},     {"项目得分", "project_score"}, {"项目等级", "project_grade"},
    {"金额单位", "currency"}, {"预算数", "budget"},          {"执行数", "spent"},
    {"执行率", "rate"},       {"截至", "as_of"},             {"时间进度", "elapsed"},
    {"一级指标", "level1"},   {"二级指标", "level2"},        {"编号", "id"},
    {"三级指标", "name"},     {"目标值", "target"},          {"实际值", "actual"},
    {"状态", "status"},       {"分值", "weight"},            {"得分", "score"},
    {"标记", "flags"},        {"说明", "explanation"},       {"备注", "note"},
};

/* Columns whose text is the writer's own (category names, status and
 * flag words, numbers): never a comma, a quote or a line break, so they
 * are written without a look for one. */
static const unsigned char plain_key[NKEYS] = {
    [K_LEVEL1] = 1, [K_LEVEL2] = 1, [K_STATUS] = 1, [K_WEIGHT] = 1, [K_SCORE] = 1, [K_FLAGS] = 1,
};

/* Room for a project's columns as written (name, score, … elapsed), kept
 * for its rows; a longer project name has them written field by field. */
enum { CSV_PROJ_COLS = 2048 };

typedef struct Csv {
  RepOut o;
  int en;
  int midyear; /* the as_of and elapsed columns are written */
  const char *f[NKEYS];
  char proj[CSV_PROJ_COLS]; /* the project's columns, quoted and joined, with the comma after */
  size_t nproj;             /* 0: none kept */
} Csv;

/* 1 for a byte that makes a field need quotes: a comma, a quote or a
 * line break (all below '-', which most bytes of a report are not). */
static int csv_special(unsigned char c) {
  return c <= ',' && (c == ',' || c == '"' || c == '\r' || c == '\n');
}

/* [REP-CSV-FORMULA] 1 when a spreadsheet would run the text of column k
 * as a formula: it starts with = + - @, a tab or a carriage return and is
 * longer than that one character.  The actual and the explanation (which
 * starts with the actual) may start with + or - only as a number the data
 * loader read (-10%), so for them only = @ and the controls count. */
static int csv_formula(const char *s, int k) {
  unsigned char c = (unsigned char)s[0];
  if (!c || !s[1]) return 0;
  if (c == '=' || c == '@' || c == '\t' || c == '\r') return 1;
  return (c == '+' || c == '-') && k != K_ACTUAL && k != K_EXPL;
}

/* One field of column k, quoted when it holds a comma, a quote or a line
 * break, and after a ' when it would be a formula (csv_formula).  One
 * pass finds both the length and whether to quote (strpbrk, then strlen,
 * were a sixth of writing a large report). */
static void csv_field(RepOut *o, const char *s, int k) {
  size_t n = 0;
  int quote = 0, quotes = 0, guard = csv_formula(s, k);
  for (; s[n]; n++) {
    quote |= csv_special((unsigned char)s[n]);
    quotes |= s[n] == '"';
  }
  if (!quote) {
    if (guard) rep_puts(o, "'");
    rep_put(o, s, n);
    return;
  }
  rep_puts(o, guard ? "\"'" : "\"");
  if (quotes) { /* each doubled */
    const char *end = s + n;
    for (const char *q; (q = memchr(s, '"', (size_t)(end - s))); s = q + 1) {
      rep_put(o, s, (size_t)(q - s) + 1);
      rep_puts(o, "\"");
    }
    n = (size_t)(end - s);
  }
  rep_put(o, s, n);
  rep_puts(o, "\"");
}

static int csv_skipped(const Csv *c, int k) {
  return !c->midyear && (k == K_ASOF || k == K_ELAPSED);
}

/* A row: the project's kept columns when there are (c->nproj), then the
 * rest. */
static void csv_row(Csv *c) {
  int k = 0, any = 0;
  if (c->nproj) {
    rep_put(&c->o, c->proj, c->nproj); /* the comma after them included */
    k = K_LEVEL1;
  }
  for (; k < NKEYS; k++) {
    if (csv_skipped(c, k)) continue;
    if (any++) rep_put(&c->o, ",", 1);
    if (plain_key[k] && c->f[k]) rep_puts(&c->o, c->f[k]);
    else csv_field(&c->o, c->f[k] ? c->f[k] : "", k);
  }
  rep_put(&c->o, "\r\n", 2);
}

/* Keep the project's columns, as csv_field writes them, for its rows:
 * they are the same on every row.  A RepOut into c->proj whose writer
 * refuses what does not fit. */
static int csv_keep(void *ud, const void *s, size_t n) {
  Csv *c = ud;
  if (n > sizeof c->proj - c->nproj) return -1;
  memcpy(c->proj + c->nproj, s, n);
  c->nproj += n;
  return 0;
}

static void csv_keep_project(Csv *c) {
  RepOut o;
  c->nproj = 0;
  rep_out_init(&o, csv_keep, c);
  for (int k = K_PROJECT; k < K_LEVEL1; k++) {
    if (csv_skipped(c, k)) continue;
    csv_field(&o, c->f[k] ? c->f[k] : "", k);
    rep_put(&o, ",", 1);
  }
  if (rep_out_end(&o) != 0) c->nproj = 0; /* too long: written field by field */
}

/* The project's columns; rate and elapsed point into the caller's buffers. */
static void csv_project_fields(Csv *c, const RepProj *x, char *rate, char *elapsed) {
  memset(c->f, 0, sizeof c->f);
  c->f[K_PROJECT] = x->name;
  c->f[K_PSCORE] = x->total;
  c->f[K_PGRADE] = rep_grade_word(x->res->grade, c->en);
  c->f[K_CURRENCY] = x->currency;
  c->f[K_BUDGET] = x->planned;
  c->f[K_SPENT] = x->spent;
  rate[0] = elapsed[0] = '\0';
  if (x->has_rate) strcat(strcpy(rate, x->rate), "%");
  if (x->elapsed[0]) strcat(strcpy(elapsed, x->elapsed), "%");
  c->f[K_RATE] = rate;
  c->f[K_ASOF] = x->midyear ? x->as_of : "";
  c->f[K_ELAPSED] = elapsed;
}

static void csv_rate_row(Csv *c, const RepProj *x, const char *rate) {
  char flags[REP_TEXT], expl[REP_EXPL];
  c->f[K_NAME] = c->en ? "budget execution rate" : "预算执行率";
  c->f[K_TARGET] = "100%";
  c->f[K_ACTUAL] = rate;
  c->f[K_STATUS] = rep_status_word(x->rate_status, c->en);
  c->f[K_WEIGHT] = x->rate_points;
  c->f[K_SCORE] = x->rate_score;
  rep_flags_text(x->res->flags, c->en, c->en ? "; " : "、", flags, sizeof flags);
  c->f[K_FLAGS] = flags;
  rep_rate_explain(x, c->en, expl, sizeof expl);
  c->f[K_EXPL] = expl;
  csv_row(c);
}

static void csv_indicator(Csv *c, const RtResult *r, uint32_t i) {
  RepInd x;
  char flags[REP_TEXT];
  rep_ind(r, i, c->en, &x);
  c->f[K_LEVEL1] = rt_category_name(x.in->level1, c->en);
  c->f[K_LEVEL2] = rt_category_name(x.in->level2, c->en);
  c->f[K_ID] = x.id;
  c->f[K_NAME] = x.name;
  c->f[K_TARGET] = x.target;
  c->f[K_ACTUAL] = x.actual;
  c->f[K_STATUS] = rep_status_word(x.res->status, c->en);
  c->f[K_WEIGHT] = x.weight;
  c->f[K_SCORE] = x.score;
  rep_flags_text(x.res->flags, c->en, c->en ? "; " : "、", flags, sizeof flags);
  c->f[K_FLAGS] = flags;
  c->f[K_EXPL] = x.expl;
  c->f[K_NOTE] = x.note;
  csv_row(c);
}

static void csv_project(Csv *c, const RtResult *r, uint32_t p) {
  RepProj x;
  char rate[REP_NUM + 1], elapsed[REP_NUM + 1];
  rep_proj(r, p, &x);
  csv_project_fields(c, &x, rate, elapsed);
  csv_keep_project(c);
  csv_rate_row(c, &x, rate);
  for (uint32_t i = x.first; i < x.end && !c->o.err; i++) {
    rep_prefetch_ind(r, i + REP_PREFETCH);
    csv_indicator(c, r, i);
  }
}

int rep_csv(const RtResult *r, const RepOptions *opt, RepWrite w, void *ud) {
  Csv c;
  memset(&c, 0, sizeof c);
  rep_out_init(&c.o, w, ud);
  c.en = opt && opt->english;
  c.midyear = r->as_of != INT32_MIN;
  RepPart part;
  rep_part(r, opt, &part);
  if (part.head) {
    rep_puts(&c.o, "\xEF\xBB\xBF");
    for (int k = 0; k < NKEYS; k++) c.f[k] = heads[k][c.en];
    csv_row(&c);
  }
  for (uint32_t p = part.from; p < part.to && !c.o.err; p++) csv_project(&c, r, p);
  return rep_out_end(&c.o);
}
