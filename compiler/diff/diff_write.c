/*
 * diff_write.c - writing a Diff for people and as JSON (docs/git.md
 * [DIFF-TEXT], [DIFF-JSON]).
 *
 * For people, one block per changed project, in its keyword language:
 *
 *   ~ 项目 "团市委政务信息化系统运维项目"
 *       预算数: 14.00 万元 → 15.00 万元
 *     + 指标 "新指标" [产出指标/质量指标]: "达成"
 *     ~ 指标 "信息系统及网站" [产出指标/数量指标]
 *         指标值: 2 个 → 3 个
 *     ~ 指标 gd1 "发放创新券企业数" [产出指标/数量指标]
 *   + 项目 "新项目": 预算数 20.00 万元, 7 个指标
 *
 * `+` added, `-` removed, `~` changed; a rename shows `"old" → "new"`, a
 * moved indicator `[old level → new level]`.
 */
#include <string.h>

#include "diff.h"

static const char *const field_key[] = {
#define X(name, key, zh, en) key,
    DIFF_FIELDS(X)
#undef X
};
static const char *const field_word[][2] = {
#define X(name, key, zh, en) {zh, en},
    DIFF_FIELDS(X)
#undef X
};

static const char *const change_key[] = {"added", "removed", "changed"};
static const char change_mark[] = {'+', '-', '~'};

/* ---- for people ------------------------------------------------------------- */

static const char *none(int en) { return en ? "(none)" : "(无)"; }

static void level(const Indicator *i, int en, FILE *out) {
  Lang l = en ? LANG_EN : LANG_ZH;
  fprintf(out, "%s/%s", ast_category_name(i->level1, l), ast_category_name(i->level2, l));
}

static void text_field(const DiffField *f, int en, const char *indent, FILE *out) {
  fprintf(out, "%s%s", indent, field_word[f->kind][en]);
  if (f->kind == DF_POLICY || f->kind == DF_CAT_WEIGHT)
    fprintf(out, " %s", en ? f->sub_en : f->sub);
  fprintf(out, ": %s → %s\n", f->old_text ? f->old_text : none(en),
          f->new_text ? f->new_text : none(en));
}

static void text_indicator(const DiffInd *di, int en, FILE *out) {
  const Indicator *x = di->a ? di->a : di->b, *y = di->b ? di->b : di->a;
  fprintf(out, "  %c %s", change_mark[di->change], en ? "indicator" : "指标");
  if (x->id) fprintf(out, " %s", x->id); /* as the spec writes it: two may share a name */
  fprintf(out, " \"%s\"", x->name);
  if (di->renamed) fprintf(out, " → \"%s\"", y->name);
  fputs(" [", out);
  level(x, en, out);
  if (di->moved) {
    fputs(" → ", out);
    level(y, en, out);
  }
  fputc(']', out);
  if (di->change != DIFF_CHANGED) fprintf(out, ": %s", di->target_text ? di->target_text : "");
  fputc('\n', out);
  for (size_t i = 0; i < di->nfields; i++) text_field(&di->fields[i], en, "      ", out);
}

static void text_project(const DiffProj *dp, int en, FILE *out) {
  const Project *x = dp->a ? dp->a : dp->b, *y = dp->b ? dp->b : dp->a;
  fprintf(out, "%c %s \"%s\"", change_mark[dp->change], en ? "project" : "项目", x->name);
  if (dp->renamed) fprintf(out, " → \"%s\"", y->name);
  if (dp->change != DIFF_CHANGED) {
    if (en)
      fprintf(out, ": budget %s, %zu indicator%s", dp->budget_text ? dp->budget_text : none(en),
              x->nall, x->nall == 1 ? "" : "s");
    else
      fprintf(out, ": 预算数 %s, %zu 个指标", dp->budget_text ? dp->budget_text : none(en),
              x->nall);
  }
  fputc('\n', out);
  for (size_t i = 0; i < dp->nfields; i++) text_field(&dp->fields[i], en, "    ", out);
  for (size_t i = 0; i < dp->ninds; i++) text_indicator(&dp->inds[i], en, out);
}

void diff_write_text(const Diff *d, int lang_override, FILE *out) {
  for (size_t i = 0; i < d->nprojs; i++) {
    int en = lang_override >= 0 ? lang_override == LANG_EN : d->projs[i].lang == LANG_EN;
    text_project(&d->projs[i], en, out);
  }
}

/* ---- JSON ---------------------------------------------------------------------- */

static void json_str(const char *s, FILE *out) {
  if (!s) {
    fputs("null", out);
    return;
  }
  fputc('"', out);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\')
      fprintf(out, "\\%c", *p);
    else if (*p == '\n')
      fputs("\\n", out);
    else if (*p == '\t')
      fputs("\\t", out);
    else if (*p < 0x20 || *p == 0x7F)
      fprintf(out, "\\u%04x", *p);
    else
      fputc(*p, out);
  }
  fputc('"', out);
}

/* `"key": "value"` after a comma. */
static void json_kv(const char *key, const char *val, FILE *out) {
  fprintf(out, ", \"%s\": ", key);
  json_str(val, out);
}

static void json_field(const DiffField *f, FILE *out) {
  fprintf(out, "{\"field\": \"%s\"", field_key[f->kind]);
  if (f->kind == DF_POLICY) json_kv("setting", f->sub, out);
  if (f->kind == DF_CAT_WEIGHT) json_kv("category", f->sub, out);
  if (f->kind == DF_TARGET || f->kind == DF_COST_CAP) json_kv("kind", f->sub, out);
  json_kv("old", f->old_text, out);
  json_kv("new", f->new_text, out);
  fputc('}', out);
}

static void json_fields(const DiffField *v, size_t n, const char *indent, FILE *out) {
  fputs(", \"fields\": [", out);
  for (size_t i = 0; i < n; i++) {
    fprintf(out, "%s\n%s  ", i ? "," : "", indent);
    json_field(&v[i], out);
  }
  if (n) fprintf(out, "\n%s", indent);
  fputc(']', out);
}

static void json_indicator(const DiffInd *di, FILE *out) {
  const Indicator *x = di->b ? di->b : di->a;
  fprintf(out, "{\"change\": \"%s\"", change_key[di->change]);
  json_kv("name", x->name, out);
  if (di->renamed) json_kv("old_name", di->a->name, out);
  json_kv("id", x->id, out);
  json_kv("level1", ast_category_name(x->level1, LANG_ZH), out);
  json_kv("level2", ast_category_name(x->level2, LANG_ZH), out);
  if (di->moved) {
    json_kv("old_level1", ast_category_name(di->a->level1, LANG_ZH), out);
    json_kv("old_level2", ast_category_name(di->a->level2, LANG_ZH), out);
  }
  if (di->change != DIFF_CHANGED) json_kv("target", di->target_text, out);
  if (di->change == DIFF_CHANGED) json_fields(di->fields, di->nfields, "      ", out);
  fputc('}', out);
}

static void json_project(const DiffProj *dp, FILE *out) {
  const Project *x = dp->b ? dp->b : dp->a;
  fprintf(out, "    {\"change\": \"%s\"", change_key[dp->change]);
  json_kv("name", x->name, out);
  if (dp->renamed) json_kv("old_name", dp->a->name, out);
  if (dp->change != DIFF_CHANGED) {
    json_kv("budget", dp->budget_text, out);
    fprintf(out, ", \"indicators\": %zu}", x->nall);
    return;
  }
  json_fields(dp->fields, dp->nfields, "    ", out);
  fputs(", \"indicators\": [", out);
  for (size_t i = 0; i < dp->ninds; i++) {
    fprintf(out, "%s\n      ", i ? "," : "");
    json_indicator(&dp->inds[i], out);
  }
  fprintf(out, "%s]}", dp->ninds ? "\n    " : "");
}

void diff_write_json(const Diff *d, FILE *out) {
  fprintf(out, "{\n  \"changes\": %zu,\n  \"projects\": [", d->nchanges);
  for (size_t i = 0; i < d->nprojs; i++) {
    fputs(i ? ",\n" : "\n", out);
    json_project(&d->projs[i], out);
  }
  fprintf(out, "%s]\n}\n", d->nprojs ? "\n  " : "");
}
