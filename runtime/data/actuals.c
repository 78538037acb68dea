/*
 * actuals.c - act_load: decode, read and bind a data file (see actuals.h).
 *
 *   bytes --encoding.c--> UTF-8 text --csv.c / json.c--> rows with
 *   positions --bind.c--> RtActuals (values parsed by value.c)
 *
 * The CSV walker maps the header's columns and hands each row to the
 * binder; the JSON walker does the same for each member of
 * {"projects": {PROJECT: {INDICATOR: VALUE}}}.  Both go on after a bad row.
 */
#include "actuals.h"

#include <stdio.h>
#include <string.h>

#include "act_walk.h"
#include "bind.h"
#include "csv.h"
#include "data_limits.h"
#include "data_msg.h"
#include "encoding.h"
#include "json.h"
#include "value.h"

/* ---- CSV ------------------------------------------------------------------- */


static const struct {
  const char *name;
  int col;
} act_headers[] = {
    {"project", COL_PROJECT}, {"项目", COL_PROJECT},       {"indicator", COL_INDICATOR},
    {"指标", COL_INDICATOR},  {"actual", COL_ACTUAL},      {"实际完成值", COL_ACTUAL},
    {"实际值", COL_ACTUAL},   {"note", COL_NOTE},          {"备注", COL_NOTE},
    /* the column names of the target tables and 自评表 analysts copy from */
    {"项目名称", COL_PROJECT}, {"指标名称", COL_INDICATOR}, {"三级指标", COL_INDICATOR},
    {"全年实际值", COL_ACTUAL}, {"实际完成情况", COL_ACTUAL}, {"说明", COL_NOTE},
    {"偏差原因", COL_NOTE},   {"偏差原因分析", COL_NOTE}, {"偏差原因分析及改进措施", COL_NOTE},
};

/* Columns of the target table an analyst keeps beside the actuals when
 * filling the table itself in (docs/data-formats.md, [DATA-CSV]): read
 * past, since the spec has what they say. */
static const char *const act_ignored[] = {
    "一级指标", "二级指标", "指标值", "目标值", "年度指标值", "年度目标值", "度量单位",
    "计量单位", "单位", "指标性质", "指标方向", "分值", "权重", "得分", "序号", "编号",
    "绩效指标描述", "指标解释", "指标内涵", "评分标准", "计分方法",
    "level1", "level2", "target", /* the English sheet of `indc template` */
};

/* TRANSLATORS: the CSV column names (project, indicator, actual, note) stay as they are */
static const char *const act_col_names[COL__N] = {
    DATA_N_("project (项目)"), DATA_N_("indicator (指标)"), DATA_N_("actual (实际完成值 or 实际值)"),
    DATA_N_("note (备注)")};

/* The columns, for messages (data_tr it). */
static const char *const act_columns =
    /* TRANSLATORS: the CSV column names stay as they are */
    DATA_N_("project, indicator, actual and optionally note (or 项目, 指标, 实际完成值 or 实际值, 备注)");

static DataCell act_cell(const CsvField *f) {
  DataCell c = {f->text, f->len, f->line, f->col};
  return c;
}

/* The column a header cell names, or -1 (ASCII letters without case). */
static int act_header_col(const CsvField *f) {
  DataCell c = bind_trim(act_cell(f));
  for (size_t i = 0; i < sizeof act_headers / sizeof act_headers[0]; i++) {
    const char *h = act_headers[i].name;
    size_t k = 0;
    if (strlen(h) != c.len) continue;
    while (k < c.len && (c.text[k] >= 'A' && c.text[k] <= 'Z' ? c.text[k] | 0x20 : c.text[k]) == h[k])
      k++;
    if (k == c.len) return act_headers[i].col;
  }
  return -1;
}

/* 1 when a header cell names a column of act_ignored. */
static int act_header_ignored(const CsvField *f) {
  DataCell c = bind_trim(act_cell(f));
  for (size_t i = 0; i < sizeof act_ignored / sizeof act_ignored[0]; i++)
    if (strlen(act_ignored[i]) == c.len && memcmp(act_ignored[i], c.text, c.len) == 0) return 1;
  return 0;
}

int act_csv_header(Binder *b, const CsvReader *r, CsvCols *cols) {
  int bad = 0, known = 0;
  cols->n = r->nfields;
  cols->nameless = 0;
  for (int c = 0; c < COL__N; c++) cols->at[c] = -1;
  for (unsigned i = 0; i < r->nfields; i++) known |= act_header_col(&r->fields[i]) >= 0;
  if (!known) {
    bind_report(b, r->row_line, 1, "the first row is not a header: expected the columns %s",
                data_tr(b->sink, act_columns));
    return -1;
  }
  for (unsigned i = 0; i < r->nfields; i++) {
    const CsvField *f = &r->fields[i];
    int c = act_header_col(f);
    cols->line[i] = f->line, cols->col[i] = f->col;
    if (!bind_trim(act_cell(f)).len) { /* checked in every row instead */
      cols->nameless |= (uint64_t)1 << i;
      continue;
    }
    if (c < 0 && act_header_ignored(f)) continue;
    if (c < 0) {
      bind_report(b, f->line, f->col, "unknown column \"%s\"; the columns are %s", f->text,
                  data_tr(b->sink, act_columns));
      bad = 1;
    } else if (cols->at[c] >= 0) {
      bind_report(b, f->line, f->col, "duplicate column \"%s\" (the same as column %d)", f->text,
                  cols->at[c] + 1);
      bad = 1;
    } else {
      cols->at[c] = (int)i;
    }
  }
  for (int c = COL_PROJECT; c <= COL_ACTUAL; c++)
    if (cols->at[c] < 0) {
      bind_report(b, r->row_line, 0, "the header has no column %s",
                  data_tr(b->sink, act_col_names[c]));
      bad = 1;
    }
  return bad ? -1 : 0;
}

/* 1 when every field of the row is blank. */
static int act_blank_row(const CsvReader *r) {
  for (unsigned i = 0; i < r->nfields; i++)
    if (bind_trim(act_cell(&r->fields[i])).len) return 0;
  return 1;
}

/* The project of a row: its own cell, or when that is blank the previous
 * row's (Excel leaves merged cells blank).  -1: none to bind to.  A cell
 * with the same bytes as the previous row's, when that named a project,
 * names the same one, which is not looked up again (a project's rows
 * usually follow each other). */
static long act_csv_project(Binder *b, const CsvField *f, ActCur *cur) {
  DataCell c = act_cell(f);
  if (!bind_trim(c).len && cur->pi != -2) return cur->pi;
  if (cur->text && c.len == cur->len && memcmp(c.text, cur->text, c.len) == 0) return cur->pi;
  cur->pi = bind_project(b, &c);
  if (cur->pi >= 0 && !bind_claim(b, (uint32_t)cur->pi)) cur->pi = -1; /* another part's */
  cur->text = cur->pi >= 0 ? c.text : NULL; /* a problem is reported for every row */
  cur->len = c.len;
  return cur->pi;
}

/* A nameless column ([DATA-CSV]) is read past while it is blank; text in
 * one is reported at the header, once a column, with the first line that
 * has some: dropping that text would lose data, and guessing what the
 * column means is no better. */
static void act_csv_nameless(Binder *b, const CsvReader *r, const CsvCols *cols, ActCur *cur) {
  for (unsigned i = 0; i < r->nfields && cols->nameless & ~cur->told; i++) {
    uint64_t bit = (uint64_t)1 << i;
    if (!(cols->nameless & bit & ~cur->told) || !bind_trim(act_cell(&r->fields[i])).len) continue;
    cur->told |= bit;
    bind_report(b, cols->line[i], cols->col[i],
                "column %u has no name, but line %u has text in it: name the column, or delete it",
                i + 1, r->fields[i].line);
  }
}

void act_csv_row(Binder *b, const CsvReader *r, const CsvCols *cols, ActCur *cur) {
  if (act_blank_row(r)) return;
  if (r->nfields != cols->n) {
    const CsvField *f = &r->fields[(r->nfields < cols->n ? r->nfields : cols->n) - 1];
    const char *hint = DATA_N_(" (quote a field that holds a comma)");
    bind_report(b, r->row_line, r->nfields > cols->n ? f[1].col : f->col,
                "row has %u fields, but the header has %u%s", r->nfields, cols->n,
                r->nfields > cols->n ? data_tr(b->sink, hint) : "");
    /* its project still names the project of the rows after it that leave
     * theirs blank, which would each be "missing project name" else */
    if ((int)r->nfields > cols->at[COL_PROJECT])
      act_csv_project(b, &r->fields[cols->at[COL_PROJECT]], cur);
    return;
  }
  if (cols->nameless) act_csv_nameless(b, r, cols, cur);
  long pi = act_csv_project(b, &r->fields[cols->at[COL_PROJECT]], cur);
  if (pi < 0) return;
  DataRow row = {act_cell(&r->fields[cols->at[COL_INDICATOR]]),
                 act_cell(&r->fields[cols->at[COL_ACTUAL]]), {NULL, 0, 0, 0}, NULL};
  if (cols->at[COL_NOTE] >= 0) row.note = act_cell(&r->fields[cols->at[COL_NOTE]]);
  bind_row(b, (uint32_t)pi, &row);
}

static void act_csv(Binder *b, char *text, size_t len) {
  CsvReader r;
  CsvCols cols = {{-1, -1, -1, -1}, 0, 0, {0}, {0}};
  ActCur cur = {-2, NULL, 0, 0};
  int header = 1;
  csv_init(&r, text, len);
  r.sink = b->sink;
  for (;;) {
    int rc = csv_next(&r);
    if (rc == CSV_END || b->nomem) break;
    if (rc != CSV_ROW) bind_report_text(b, r.err.line, r.err.col, r.err.msg);
    if (rc == CSV_FATAL) break;
    if (rc == CSV_BAD_ROW && header) return;
    if (rc == CSV_BAD_ROW) continue;
    if (header && act_csv_header(b, &r, &cols) < 0) return;
    if (!header) act_csv_row(b, &r, &cols, &cur);
    header = 0;
  }
  if (header && !b->nomem)
    bind_report(b, 1, 0, "no data: expected a header row with the columns %s",
                data_tr(b->sink, act_columns));
}

/* ---- JSON ---------------------------------------------------------------------- */

/* A JSON kind's name ("a string") in the sink's language. */
static const char *act_kind(const Binder *b, JsonKind k) {
  return data_tr(b->sink, json_kind_name(k));
}

static int act_key_is(const JsonValue *m, const char *key) {
  return m->keylen == strlen(key) && memcmp(m->key, key, m->keylen) == 0;
}

static DataCell act_key_cell(const JsonValue *m) {
  DataCell c = {m->key, m->keylen, m->key_line, m->key_col};
  return c;
}

/* {"actual": …, "note": …}: the actual (NULL when missing) and the note. */
static const JsonValue *act_json_object(Binder *b, const JsonValue *v, const JsonValue **note) {
  const JsonValue *actual = NULL;
  for (const JsonValue *m = v->first; m; m = m->next) {
    const JsonValue **slot = act_key_is(m, "actual") ? &actual : act_key_is(m, "note") ? note : NULL;
    if (slot && *slot)
      bind_report(b, m->key_line, m->key_col,
                  "duplicate key \"%.*s\" in a value object (first at line %u, column %u); keep one",
                  (int)m->keylen, m->key, (*slot)->key_line, (*slot)->key_col);
    else if (slot)
      *slot = m;
    else
      bind_report(b, m->key_line, m->key_col,
                  "unknown key \"%.*s\" in a value object (its keys are \"actual\" and \"note\")",
                  (int)m->keylen, m->key);
  }
  if (!actual)
    bind_report(b, v->line, v->col, "missing \"actual\" in the value of \"%.*s\"", (int)v->keylen,
                v->key);
  return actual;
}

/* The value cell of a string or number; 0, or -1 (reported). */
static int act_json_value(Binder *b, const JsonValue *v, const JsonValue *ind, DataRow *row,
                          char *plain) {
  row->actual = (DataCell){v->text, v->len, v->line, v->col};
  if (v->kind == JSON_STRING) return 0;
  if (v->kind == JSON_NUMBER) {
    char msg[320];
    ValMsg vm = {msg, sizeof msg, b->sink};
    if (val_json_number(v->text, v->len, plain, VAL_JSON_NUMBER_CAP, &vm) < 0) {
      bind_report_text(b, v->line, v->col, msg);
      return -1;
    }
    row->plain = plain;
    return 0;
  }
  bind_report(b, v->line, v->col,
              "invalid value for \"%.*s\": expected a string, a number or {\"actual\": …, \"note\": …}, found %s",
              (int)ind->keylen, ind->key, act_kind(b, v->kind));
  return -1;
}

static void act_json_row(Binder *b, uint32_t pi, const JsonValue *m) {
  DataRow row = {act_key_cell(m), {NULL, 0, 0, 0}, {NULL, 0, 0, 0}, NULL};
  const JsonValue *v = m, *note = NULL;
  char plain[VAL_JSON_NUMBER_CAP];
  if (v->kind == JSON_OBJECT && !(v = act_json_object(b, m, &note))) return;
  if (act_json_value(b, v, m, &row, plain) < 0) return;
  if (note && note->kind == JSON_STRING) {
    row.note = (DataCell){note->text, note->len, note->line, note->col};
  } else if (note && note->kind != JSON_NULL) {
    bind_report(b, note->line, note->col, "invalid note: expected a string, found %s",
                act_kind(b, note->kind));
    return;
  }
  bind_row(b, pi, &row);
}

static void act_json_project(Binder *b, const JsonValue *pm) {
  DataCell pc = act_key_cell(pm);
  long pi = bind_project(b, &pc);
  if (pi < 0) return;
  if (pm->kind != JSON_OBJECT) {
    bind_report(b, pm->line, pm->col,
                "invalid project \"%.*s\": expected an object of indicators, found %s",
                (int)pm->keylen, pm->key, act_kind(b, pm->kind));
    return;
  }
  for (const JsonValue *m = pm->first; m && !b->nomem; m = m->next) act_json_row(b, (uint32_t)pi, m);
}

/* The "projects" member of the top-level object, or NULL (reported). */
static const JsonValue *act_json_projects(Binder *b, const JsonValue *root) {
  const JsonValue *projects = NULL;
  if (root->kind != JSON_OBJECT) {
    bind_report(b, root->line, root->col,
                "expected an object {\"projects\": {…}} at the top level, found %s",
                act_kind(b, root->kind));
    return NULL;
  }
  for (const JsonValue *m = root->first; m; m = m->next) {
    if (!act_key_is(m, "projects"))
      bind_report(b, m->key_line, m->key_col,
                  "unknown key \"%.*s\" at the top level (it has only \"projects\")",
                  (int)m->keylen, m->key);
    else if (projects)
      bind_report(b, m->key_line, m->key_col,
                  "duplicate key \"projects\" (first at line %u, column %u)", projects->key_line,
                  projects->key_col);
    else
      projects = m;
  }
  if (!projects) bind_report(b, root->line, root->col, "missing \"projects\" in the top-level object");
  else if (projects->kind != JSON_OBJECT) {
    bind_report(b, projects->line, projects->col,
                "invalid \"projects\": expected an object of projects, found %s",
                act_kind(b, projects->kind));
    return NULL;
  }
  return projects;
}

static void act_json(Binder *b, const char *text, size_t len) {
  JsonError err;
  if (bind_json(b) < 0) return;
  const JsonValue *root = json_parse(b->scratch, text, len, b->sink, &err);
  if (!root) {
    if (err.nomem) b->nomem = 1;
    else bind_report_text(b, err.line, err.col, err.msg);
    return;
  }
  const JsonValue *projects = act_json_projects(b, root);
  for (const JsonValue *pm = projects ? projects->first : NULL; pm && !b->nomem; pm = pm->next)
    act_json_project(b, pm);
}

/* ---- loading ------------------------------------------------------------------------ */

int act_format(int format, const char *name, const char *text) {
  if (format != INDRT_DATA_AUTO) return format;
  size_t n = name ? strlen(name) : 0;
  if (n >= 5) {
    const char *ext = name + n - 5;
    int json = 1;
    for (int i = 0; i < 5; i++) json &= (ext[i] | (i ? 0x20 : 0)) == ".json"[i];
    if (json) return INDRT_DATA_JSON;
  }
  while (*text == ' ' || *text == '\t' || *text == '\r' || *text == '\n') text++;
  return *text == '{' ? INDRT_DATA_JSON : INDRT_DATA_CSV;
}

/* Decode and read; problems go through the binder. */
static void act_run(Binder *b, const void *bytes, size_t len, int format, int encoding,
                    const char *name) {
  if (len > DATA_MAX_FILE_BYTES) {
    bind_report(b, 0, 0, "file too large (%zu bytes; the limit is %u)", len, DATA_MAX_FILE_BYTES);
    return;
  }
  char *text;
  size_t tlen;
  int used;
  EncError err;
  int rc = enc_decode(b->scratch, bytes, len, encoding, &text, &tlen, &used, b->sink, &err);
  if (rc == ENC_NOMEM) b->nomem = 1;
  if (rc == ENC_BAD) bind_report_text(b, err.line, err.col, err.msg);
  if (rc != ENC_OK) return;
  if (act_format(format, name, text) == INDRT_DATA_JSON) act_json(b, text, tlen);
  else act_csv(b, text, tlen);
}

int act_begin(const RtProgram *p, const char *name, const RtMem *mem, RtActuals *out,
              RtArena *scratch, Binder *b, DataSink *sink) {
  const char *file = name ? name : "<data>";
  memset(out, 0, sizeof *out);
  rt_arena_init_mem(&out->arena, mem);
  rt_arena_init_mem(scratch, mem);
  out->prog = p;
  out->source = rt_strndup(&out->arena, file, strlen(file));
  memset(b, 0, sizeof *b);
  return !out->source || bind_init(b, p, out, sink, out->source, scratch) < 0 ? -1 : 0;
}

indrt_status act_load(const RtProgram *p, const char *name, const void *bytes, size_t len,
                      int format, int encoding, size_t mem_limit, RtActuals *out,
                      DataSink *sink) {
  RtMem mem = {mem_limit, NULL, NULL};
  return act_load_mem(p, name, bytes, len, format, encoding, &mem, out, sink);
}

indrt_status act_load_mem(const RtProgram *p, const char *name, const void *bytes, size_t len,
                          int format, int encoding, const RtMem *mem, RtActuals *out,
                          DataSink *sink) {
  DataSink quiet = {NULL, NULL, 0, 0, NULL};
  if (!sink) sink = &quiet;
  unsigned before = sink->count;
  RtArena scratch;
  Binder b;
  int nomem = act_begin(p, name, mem, out, &scratch, &b, sink) != 0;
  if (!nomem) act_run(&b, bytes, len, format, encoding, name);
  nomem |= b.nomem;
  rt_arena_free(&scratch);
  if (!nomem && sink->count == before) return INDRT_OK;
  act_free(out);
  return nomem ? INDRT_E_NOMEM : INDRT_E_DATA;
}

void act_free(RtActuals *a) {
  rt_arena_free(&a->arena);
  memset(a, 0, sizeof *a);
}
