/*
 * gen_render.c - writing a case (gen.h): the spec, then the data as CSV
 * or JSON.  Rendering is a pure function of the model, so a case the
 * minimiser has cut down renders the same way the full case did, less
 * what was deleted.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "gen_internal.h"

/* ---- the spec -------------------------------------------------------------------------------- */

typedef struct Out {
  FILE *f;
  const GenCase *c;
  unsigned nkw, ncat; /* counters that alternate the mixed styles */
} Out;

static const char *kw(Out *o, int k) {
  int en = o->c->lang == 1 || (o->c->lang == 2 && (o->nkw++ % 3) == 1);
  return gen_keywords[k][en];
}

static const char *catname(Out *o, int cat) {
  const GenCat *k = &gen_cats[cat];
  int style = o->c->catstyle == 3 ? (int)(o->ncat++ % 3) : o->c->catstyle;
  return style == 0 ? k->full : style == 1 ? k->brief : k->en;
}

static const char *lbrace(const Out *o) { return o->c->fullwidth ? "｛" : "{"; }
static const char *rbrace(const Out *o) { return o->c->fullwidth ? "｝" : "}"; }
static const char *colon(const Out *o) { return o->c->fullwidth ? "：" : ":"; }
static const char *semi(const Out *o) {
  return !o->c->semicolons ? "" : o->c->fullwidth ? "；" : ";";
}

static void indent(Out *o, int depth) {
  static const char *const unit[] = {"  ", "\t", "　　"};
  for (int i = 0; i < depth; i++) fputs(unit[o->c->indent], o->f);
}

static void money_line(Out *o, int k, GenDec v) {
  char num[48];
  gd_fmt(v, num, sizeof num);
  indent(o, 1);
  fprintf(o->f, "%s %s%s\n", kw(o, k), num, semi(o));
}

/* A string for the spec, quoted and escaped. */
static const char *q(const char *s) {
  static char buf[2][2 * GEN_NAME + 8];
  static int n;
  char *b = buf[n++ % 2];
  gen_quote(s, b, sizeof buf[0]);
  return b;
}

static void write_indicator(Out *o, const GenInd *in, int depth, int index) {
  indent(o, depth);
  fprintf(o->f, "%s %s%s%s", kw(o, KW_INDICATOR), in->id, in->id[0] ? " " : "", q(in->spec_name));
  /* the colon is optional; leave it out now and then */
  fprintf(o->f, "%s %s", index % 7 == 3 ? "" : colon(o), in->target);
  int attrs = in->has_weight || in->expr[0] || in->desc[0];
  if (attrs) {
    const char *sep = "";
    fprintf(o->f, " %s ", lbrace(o));
    if (in->desc[0]) fprintf(o->f, "%s%s %s", sep, kw(o, KW_DESC), q(in->desc)), sep = "; ";
    if (in->has_weight) {
      char w[48];
      gd_fmt(in->weight, w, sizeof w);
      fprintf(o->f, "%s%s %s", sep, kw(o, KW_WEIGHT), w), sep = "; ";
    }
    if (in->expr[0])
      fprintf(o->f, "%s%s %s %s", sep, kw(o, KW_ACTUAL), o->c->fullwidth ? "＝" : "=", in->expr);
    fprintf(o->f, " %s", rbrace(o));
  }
  fprintf(o->f, "%s\n", semi(o));
}

static int l2_alive(const GenProj *p, const GenL2 *s) {
  for (int i = 0; i < s->n; i++)
    if (p->ind[s->ind[i]].alive) return 1;
  return 0;
}

static int l1_alive(const GenProj *p, const GenL1 *b) {
  for (int i = 0; i < b->nsub; i++)
    if (l2_alive(p, &b->sub[i])) return 1;
  return 0;
}

static void block_head(Out *o, int depth, int cat, int has_weight, GenDec weight) {
  indent(o, depth);
  fputs(catname(o, cat), o->f);
  if (has_weight) {
    char w[48];
    gd_fmt(weight, w, sizeof w);
    fprintf(o->f, " %s %s", kw(o, KW_WEIGHT), w);
  }
  fprintf(o->f, " %s\n", lbrace(o));
}

static void block_end(Out *o, int depth) {
  indent(o, depth);
  fprintf(o->f, "%s%s\n", rbrace(o), semi(o));
}

static void write_project(Out *o, const GenProj *p) {
  fprintf(o->f, "\n%s %s %s\n", kw(o, KW_PROJECT), q(p->spec_name), lbrace(o));
  indent(o, 1);
  fprintf(o->f, "%s %s%s\n", kw(o, KW_BUDGET), p->budget_text, semi(o));
  if (p->split) money_line(o, KW_FISCAL, p->fiscal), money_line(o, KW_OTHER, p->other);
  if (p->purpose[0]) {
    indent(o, 1);
    fprintf(o->f, "%s %s%s\n", kw(o, KW_PURPOSE), q(p->purpose), semi(o));
  }
  for (int i = 0; i < p->nl1; i++) {
    const GenL1 *b = &p->l1[i];
    if (!l1_alive(p, b)) continue;
    block_head(o, 1, b->cat, b->has_weight, b->weight);
    for (int j = 0; j < b->nsub; j++) {
      const GenL2 *s = &b->sub[j];
      if (!l2_alive(p, s)) continue;
      block_head(o, 2, s->cat, s->has_weight, s->weight);
      for (int k = 0; k < s->n; k++)
        if (p->ind[s->ind[k]].alive) write_indicator(o, &p->ind[s->ind[k]], 3, s->ind[k]);
      block_end(o, 2);
    }
    block_end(o, 1);
  }
  fprintf(o->f, "%s\n", rbrace(o));
}

/* The file of part `part`: case.ind (0), or part2.ind (1) that it imports. */
int gen_write_spec(const GenCase *c, int part, FILE *f) {
  Out o = {f, c, 0, 0};
  const GenPart *pt = &c->part[part];
  int last = part == c->nparts - 1; /* declarations go where both files see them */
  fprintf(f, "# indc differential test, case %llu (tests/diff/gen.c)%s\n",
          (unsigned long long)c->seed, part ? ", imported by case.ind" : "");
  if (part == 0 && c->nparts == 2) fprintf(f, "导入 \"part2.ind\"%s\n", semi(&o));
  if (c->agency && part == 0)
    fprintf(f, "%s 561301 \"中国共产主义青年团天津市委员会\"%s\n", kw(&o, KW_AGENCY), semi(&o));
  fprintf(f, "%s %d%s\n", kw(&o, KW_YEAR), pt->year, semi(&o));
  if (pt->currency_written)
    fprintf(f, "%s %s%s\n", kw(&o, KW_CURRENCY), gen_units[pt->currency].name, semi(&o));
  if (c->custom_units && last) {
    fprintf(f, "%s 课时%s\n", kw(&o, KW_UNIT), semi(&o));
    fprintf(f, "%s 万人 %s 10000 人%s\n", kw(&o, KW_UNIT), c->fullwidth ? "＝" : "=", semi(&o));
  }
  if (c->custom_scale && last)
    fprintf(f, "%s 星级 %s 一星 < 二星 < 三星 < 四星 < 五星 %s%s\n", kw(&o, KW_SCALE), lbrace(&o),
            rbrace(&o), semi(&o));
  if (pt->pol.text[0])
    fprintf(f, "%s %s\n%s%s%s\n", kw(&o, KW_POLICY), lbrace(&o), pt->pol.text, rbrace(&o),
            semi(&o));
  for (int i = 0; i < c->nproj; i++)
    if (c->proj[i].alive && c->proj[i].part == part) write_project(&o, &c->proj[i]);
  return ferror(f) ? -1 : 0;
}

/* ---- which rows are written ------------------------------------------------------------------ */

int gen_row_live(const GenCase *c, int r) {
  const GenRow *row = &c->row[r];
  const GenProj *p = &c->proj[row->proj];
  if (!row->alive || !p->alive) return 0;
  if (row->kind == GR_IND) return p->ind[row->ind].alive;
  if (row->kind == GR_SPENT) return 1;
  for (int i = 0; i < p->nind; i++)
    for (int f = 0; p->ind[i].alive && f < p->ind[i].nfields; f++)
      if (!strcmp(p->ind[i].fields[f], row->field)) return 1;
  return 0;
}

void gen_counts(const GenCase *c, int *np, int *ni, int *nr) {
  *np = *ni = *nr = 0;
  for (int i = 0; i < c->nproj; i++) {
    if (!c->proj[i].alive) continue;
    (*np)++;
    for (int j = 0; j < c->proj[i].nind; j++) *ni += c->proj[i].ind[j].alive;
  }
  for (int r = 0; r < c->nrow; r++) *nr += gen_row_live(c, r);
}

/* ---- CSV ------------------------------------------------------------------------------------- */

static void csv_cell(FILE *f, const char *s) {
  size_t n = strlen(s);
  int quote = strpbrk(s, ",\"\r\n") != NULL || (n && (s[0] == ' ' || s[n - 1] == ' '));
  if (!quote) {
    fputs(s, f);
    return;
  }
  fputc('"', f);
  for (; *s; s++) {
    if (*s == '"') fputc('"', f);
    fputc(*s, f);
  }
  fputc('"', f);
}

static void write_csv(const GenCase *c, FILE *f) {
  static const char *const heads[4][4] = {
      {"project", "indicator", "actual", "note"},
      {"项目", "指标", "实际完成值", "备注"},
      {"Project", " Indicator ", "ACTUAL", "Note"},
      {"项目", "指标", "实际值", "备注"}};
  const char *eol = c->csv_crlf ? "\r\n" : "\n";
  int ncol = c->csv_cols[3] < 0 ? 3 : 4;
  if (c->csv_bom) fputs("\xEF\xBB\xBF", f);
  for (int i = 0; i < ncol; i++)
    fprintf(f, "%s%s", i ? "," : "", heads[c->csv_header][c->csv_cols[i]]);
  fputs(eol, f);
  int prev = -1;
  for (int r = 0; r < c->nrow; r++) {
    if (!gen_row_live(c, r)) continue;
    const GenRow *row = &c->row[r];
    for (int i = 0; i < ncol; i++) {
      if (i) fputc(',', f);
      switch (c->csv_cols[i]) {
      case 0: csv_cell(f, row->blank_proj && prev == row->proj ? "" : row->proj_ref); break;
      case 1: csv_cell(f, row->ref); break;
      case 2: csv_cell(f, row->value); break;
      default: csv_cell(f, row->note); break;
      }
    }
    fputs(eol, f);
    prev = row->proj;
  }
  if (c->csv_trailing_blank) fprintf(f, "%s%s", ncol == 3 ? ",," : ",,,", eol);
}

/* ---- JSON ------------------------------------------------------------------------------------ */

static void json_str(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '"' || ch == '\\') fprintf(f, "\\%c", ch);
    else if (ch == '\n') fputs("\\n", f);
    else if (ch == '\r') fputs("\\r", f);
    else if (ch < 0x20) fprintf(f, "\\u%04x", ch);
    else fputc(ch, f);
  }
  fputc('"', f);
}

static void json_value(FILE *f, const GenRow *row) {
  if (row->note[0]) fputs("{\"actual\": ", f);
  if (row->json_number) fputs(row->value, f);
  else json_str(f, row->value);
  if (row->note[0]) {
    fputs(", \"note\": ", f);
    json_str(f, row->note);
    fputc('}', f);
  }
}

/* The rows of project p in part `part` (0 or 1 when split, else -1). */
static void json_project(const GenCase *c, FILE *f, int p, int part, int *first_proj) {
  int n = 0, total = 0, k = 0;
  for (int r = 0; r < c->nrow; r++) total += gen_row_live(c, r) && c->row[r].proj == p;
  for (int r = 0; r < c->nrow; r++) {
    if (!gen_row_live(c, r) || c->row[r].proj != p) continue;
    int mine = part < 0 || (part == 0 ? k < (total + 1) / 2 : k >= (total + 1) / 2);
    k++;
    if (!mine) continue;
    if (n == 0) {
      fputs(*first_proj ? "\n    " : ",\n    ", f);
      *first_proj = 0;
      json_str(f, c->row[r].proj_ref);
      fputs(": {", f);
    }
    fputs(n ? ",\n      " : "\n      ", f);
    json_str(f, c->row[r].ref);
    fputs(": ", f);
    json_value(f, &c->row[r]);
    n++;
  }
  if (n) fputs("\n    }", f);
}

static void write_json(const GenCase *c, FILE *f) {
  int order[GEN_MAX_PROJ], norder = 0, first = 1;
  for (int r = 0; r < c->nrow; r++) { /* projects in the order their rows come */
    if (!gen_row_live(c, r)) continue;
    int seen = 0;
    for (int i = 0; i < norder; i++) seen |= order[i] == c->row[r].proj;
    if (!seen) order[norder++] = c->row[r].proj;
  }
  fputs("{\n  \"projects\": {", f);
  for (int i = 0; i < norder; i++) json_project(c, f, order[i], c->json_split ? 0 : -1, &first);
  for (int i = 0; c->json_split && i < norder; i++) json_project(c, f, order[i], 1, &first);
  fputs(first ? "}\n}\n" : "\n  }\n}\n", f);
}

/* ---- files ----------------------------------------------------------------------------------- */

const char *gen_data_name(const GenCase *c) { return c->json ? "actuals.json" : "actuals.csv"; }

int gen_write_data(const GenCase *c, FILE *f) {
  if (c->json) write_json(c, f);
  else write_csv(c, f);
  return ferror(f) ? -1 : 0;
}

enum { W_SPEC, W_PART2, W_DATA, W_AS_OF };

static int write_file(const char *dir, const char *name, const GenCase *c, int what) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
  int rc = what == W_SPEC    ? gen_write_spec(c, 0, f)
           : what == W_PART2 ? gen_write_spec(c, 1, f)
           : what == W_DATA  ? gen_write_data(c, f)
                             : fprintf(f, "%s\n", c->as_of) < 0;
  if (fclose(f) != 0) rc = -1;
  return rc;
}

/* Remove dir/name when it exists. */
static int stale(const char *dir, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return remove(path) != 0 && errno != ENOENT ? -1 : 0;
}

int gen_write_dir(const GenCase *c, const char *dir) {
  if (stale(dir, c->json ? "actuals.csv" : "actuals.json") != 0) return -1;
  if (write_file(dir, "case.ind", c, W_SPEC) != 0) return -1;
  if (c->nparts == 2 ? write_file(dir, "part2.ind", c, W_PART2) : stale(dir, "part2.ind")) return -1;
  if (write_file(dir, gen_data_name(c), c, W_DATA) != 0) return -1;
  return c->as_of[0] ? write_file(dir, "as-of.txt", c, W_AS_OF) : stale(dir, "as-of.txt");
}
