/*
 * act_template.c - a blank actuals sheet (act_template.h).
 */
#include "act_template.h"

#include <stdlib.h>
#include <string.h>

#include "../bc.h"
#include "../dec.h"

typedef struct Tpl {
  int (*write)(void *, const void *, size_t);
  void *ud;
  int err;
} Tpl;

static void tpl_put(Tpl *t, const char *s, size_t n) {
  if (!t->err && n) t->err = t->write(t->ud, s, n);
}

static void tpl_puts(Tpl *t, const char *s) { tpl_put(t, s, strlen(s)); }

/* One field: quoted when it holds a comma, a quote or a line break, and
 * after a ' when a spreadsheet would run it as a formula (a name such as
 * =1+1: [REP-CSV-FORMULA]; the loader drops the ', [DATA-FORMULA]). */
static void tpl_field(Tpl *t, const char *s, int last) {
  s = s ? s : "";
  const char *guard = s[0] && s[1] && strchr("=+-@", s[0]) ? "'" : "";
  if (strpbrk(s, ",\"\r\n")) {
    tpl_puts(t, "\"");
    tpl_puts(t, guard);
    for (const char *q; (q = strchr(s, '"')); s = q + 1) {
      tpl_put(t, s, (size_t)(q - s) + 1);
      tpl_puts(t, "\"");
    }
    tpl_puts(t, s);
    tpl_puts(t, "\"");
  } else {
    tpl_puts(t, guard);
    tpl_puts(t, s);
  }
  tpl_puts(t, last ? "\r\n" : ",");
}

static void tpl_row(Tpl *t, const char *const f[7]) {
  for (int k = 0; k < 7; k++) tpl_field(t, f[k], k == 6);
}

/* 1 when some other indicator of the project answers to what the loader
 * would try before i's name: an id equal to it, or the same name. */
static int name_ambiguous(const RtProgram *p, const RtProject *pj, uint32_t i) {
  const RtIndicator *in = &p->indicators[i];
  for (uint32_t j = pj->first; j < pj->first + pj->nind; j++) {
    const RtIndicator *o = &p->indicators[j];
    if (o->id && in->name && strcmp(o->id, in->name) == 0) return 1;
    if (j != i && o->key && in->key && strcmp(o->key, in->key) == 0) return 1;
  }
  return 0;
}

/* 1 when another indicator of the project has i's level 2 and name. */
static int level2_ambiguous(const RtProgram *p, const RtProject *pj, uint32_t i) {
  const RtIndicator *in = &p->indicators[i];
  for (uint32_t j = pj->first; j < pj->first + pj->nind; j++) {
    const RtIndicator *o = &p->indicators[j];
    if (j != i && o->level2 == in->level2 && o->key && in->key && strcmp(o->key, in->key) == 0)
      return 1;
  }
  return 0;
}

/* What names indicator i in the 三级指标 cell ([DATA-NAMES]): its name;
 * level-2/name (in buf) when another indicator shares the name or has it
 * as id; its id when even that is shared. */
static const char *indicator_key(const RtProgram *p, const RtProject *pj, uint32_t i, char *buf,
                                 size_t cap) {
  const RtIndicator *in = &p->indicators[i];
  const char *name = in->name ? in->name : "";
  if (!name_ambiguous(p, pj, i)) return name;
  if (level2_ambiguous(p, pj, i)) return in->id && *in->id ? in->id : name;
  const char *l2 = rt_category_name(in->level2, 0);
  size_t n2 = strlen(l2), nn = strlen(name);
  if (n2 + 1 + nn >= cap) return name;
  memcpy(buf, l2, n2);
  buf[n2] = '/';
  memcpy(buf + n2 + 1, name, nn + 1);
  return buf;
}

int act_template(const RtProgram *p, int english,
                 int (*write)(void *ud, const void *bytes, size_t len), void *ud) {
  static const char *const heads[2][7] = {
      {"项目名称", "一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "备注"},
      {"project", "level1", "level2", "indicator", "target", "actual", "note"}};
  Tpl t = {write, ud, 0};
  tpl_puts(&t, "\xEF\xBB\xBF");
  tpl_row(&t, heads[english ? 1 : 0]);
  uint8_t *used = calloc(p->nfields + 1, 1);
  if (!used) return -1;
  for (uint32_t pi = 0; pi < p->nprojects && !t.err; pi++) {
    const RtProject *pj = &p->projects[pi];
    char budget[64], key[4096];
    dec_format(pj->budget, -1, budget, sizeof budget);
    if (pj->currency < p->nunits)
      strncat(budget, p->units[pj->currency].name, sizeof budget - strlen(budget) - 1);
    const char *spent[7] = {pj->name, "", "", "执行数", budget, "", ""};
    tpl_row(&t, spent);
    memset(used, 0, p->nfields + 1);
    for (uint32_t i = pj->first; i < pj->first + pj->nind && !t.err; i++) {
      const RtIndicator *in = &p->indicators[i];
      const char *name = indicator_key(p, pj, i, key, sizeof key);
      const char *row[7] = {pj->name, rt_category_name(in->level1, english),
                            rt_category_name(in->level2, english), name,
                            in->target.text ? in->target.text : "", "", ""};
      tpl_row(&t, row);
    }
    bc_fields_read(p, pj, used);
    for (uint32_t f = 0; f < p->nfields && !t.err; f++)
      if (used[f]) {
        const char *row[7] = {pj->name, "", "", p->fields[f], "", "", ""};
        tpl_row(&t, row);
      }
  }
  free(used);
  return t.err;
}
