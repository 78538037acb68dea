/*
 * imp_write.c - a project as .ind text ([IMPORT-WRITE] in docs/import.md).
 *
 * Level-1 blocks come in the order of their first row, level-2 blocks in
 * the order of their first row within their level 1, indicators in source
 * order within their level 2: interleaved rows are grouped, none moves
 * across another of its block.  Twin names under one level 2 (equal under
 * [IND-1]) get ids.  The text is then parsed, formatted by fmt_checked and
 * checked by sema_check (imp_verify): what is written is canonical and
 * passes `indc check`, and it holds as many indicators as rows were read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../runtime/text/namekey.h"
#include "support/i18n.h"
#include "../fmt/fmt.h"
#include "../front/parse.h"
#include "imp_internal.h"

/* ---- order ------------------------------------------------------------------- */

/* Categories in the order of first appearance: level 1 (l1 < 0) or the
 * level 2 blocks of level 1 l1.  Returns the count. */
static size_t order(const ImpProject *p, int l1, Category *out) {
  size_t n = 0;
  for (size_t i = 0; i < p->ninds; i++) {
    const ImpInd *ind = p->inds[i];
    if (l1 >= 0 && ind->l1 != (Category)l1) continue;
    Category k = l1 < 0 ? ind->l1 : ind->l2;
    size_t j = 0;
    while (j < n && out[j] != k) j++;
    if (j == n) out[n++] = k;
  }
  return n;
}

/* ---- ids of twins ------------------------------------------------------------- */

static char *key_of(const char *s) {
  char *k = name_key(s, strlen(s));
  if (!k) abort();
  return k;
}

/* [IMPORT-IDS] The twins of one group: ids dupN_<kind>, numbered when two
 * share a kind. */
static void name_twins(ImpCtx *c, ImpProject *p, ImpInd **tw, size_t n, int group) {
  for (size_t i = 0; i < n; i++) {
    size_t same = 0, rank = 0;
    for (size_t k = 0; k < n; k++) {
      same += !strcmp(tw[k]->kind_word, tw[i]->kind_word);
      rank += k < i && !strcmp(tw[k]->kind_word, tw[i]->kind_word);
    }
    tw[i]->id = same > 1 ? arena_printf(c->a, "dup%d_%s%zu", group, tw[i]->kind_word, rank + 1)
                         : arena_printf(c->a, "dup%d_%s", group, tw[i]->kind_word);
  }
  /* the first TWINS_LISTED lines and ids and the last, so that a comment
   * stays short when a name repeats on thousands of rows */
  enum { TWINS_LISTED = 8 };
  ImpBuf lines = {0}, ids = {0};
  for (size_t i = 0; i < n && i < TWINS_LISTED; i++) {
    imp_buf_printf(&lines, "%s%u", i ? ", " : "", tw[i]->line);
    imp_buf_printf(&ids, "%s%s", i ? ", " : "", tw[i]->id);
  }
  if (n > TWINS_LISTED) {
    imp_buf_printf(&lines, ", …, %u", tw[n - 1]->line);
    imp_buf_printf(&ids, ", …, %s", tw[n - 1]->id);
  }
  const char *l2 = ast_category_name(tw[0]->l2, LANG_ZH);
  for (size_t i = 0; i < n; i++)
    imp_repair(c, p, tw[i], tw[i]->line,
               arena_printf(c->a, "原表第%s行在%s下同名，以 id 区分（%s）", lines.s, l2, ids.s),
               i ? NULL
                 : arena_printf(c->a, _("lines %s have the same 三级指标 under %s; ids %s added"),
                                lines.s, l2, ids.s));
  imp_buf_free(&lines);
  imp_buf_free(&ids);
}

void imp_ids(ImpCtx *c, ImpProject *p) {
  int group = 0;
  char **keys = calloc(p->ninds ? p->ninds : 1, sizeof *keys);
  ImpInd **tw = calloc(p->ninds ? p->ninds : 1, sizeof *tw);
  if (!keys || !tw) abort();
  for (size_t i = 0; i < p->ninds; i++) keys[i] = key_of(p->inds[i]->name);
  for (size_t i = 0; i < p->ninds; i++) {
    ImpInd *a = p->inds[i];
    if (a->id) continue;
    size_t n = 0;
    tw[n++] = a;
    for (size_t k = i + 1; k < p->ninds; k++)
      if (p->inds[k]->l1 == a->l1 && p->inds[k]->l2 == a->l2 && !strcmp(keys[k], keys[i]))
        tw[n++] = p->inds[k];
    if (n > 1) name_twins(c, p, tw, n, ++group);
  }
  for (size_t i = 0; i < p->ninds; i++) free(keys[i]);
  free(keys);
  free(tw);
}

/* ---- emitting ------------------------------------------------------------------ */

static void comments(ImpBuf *b, const char *indent, const char *const *notes, size_t n) {
  for (size_t i = 0; i < n; i++) imp_buf_printf(b, "%s# 导入：%s\n", indent, notes[i]);
}

void imp_emit_header(ImpCtx *c, ImpProject *p, ImpBuf *b) {
  if (p && p->title) imp_buf_printf(b, "# %s\n", p->title);
  const char *code = p ? p->agency_code : c->agency_code;
  const char *name = p ? p->agency_name : c->agency_name;
  const char *note = p ? p->agency_note : c->agency_note;
  if (code) {
    if (note) imp_buf_printf(b, "# 导入：%s\n", note);
    /* a code the table does not give is written empty ("" : the name is
     * known, the code is not) */
    imp_buf_puts(b, "预算单位 ");
    if (*code && strspn(code, "0123456789") == strlen(code)) imp_buf_puts(b, code);
    else imp_buf_quote(b, code);
    imp_buf_puts(b, " ");
    imp_buf_quote(b, name);
    imp_buf_puts(b, "\n");
  }
  if (c->year_note) imp_buf_printf(b, "# 导入：%s\n", c->year_note);
  if (c->year) imp_buf_printf(b, "年度 %s\n", c->year);
  if (c->currency) imp_buf_printf(b, "金额单位 %s\n", c->currency);
  imp_buf_puts(b, "\n");
}

static void emit_ind(ImpBuf *b, const ImpInd *ind) {
  comments(b, "      ", ind->notes, ind->nnotes);
  imp_buf_puts(b, "      指标 ");
  if (ind->id) imp_buf_printf(b, "%s ", ind->id);
  imp_buf_quote(b, ind->name);
  imp_buf_printf(b, ": %s", ind->target);
  if (!ind->desc && !ind->weight) {
    imp_buf_puts(b, "\n");
    return;
  }
  imp_buf_puts(b, " {\n");
  if (ind->desc) {
    imp_buf_puts(b, "        描述 ");
    imp_buf_quote(b, ind->desc);
    imp_buf_puts(b, "\n");
  }
  if (ind->weight) imp_buf_printf(b, "        分值 %s\n", ind->weight);
  imp_buf_puts(b, "      }\n");
}

static void emit_level1(ImpBuf *b, const ImpProject *p, Category l1) {
  Category l2s[CAT__COUNT];
  size_t n2 = order(p, (int)l1, l2s);
  imp_buf_printf(b, "  %s ", ast_category_name(l1, LANG_ZH));
  if (p->l1_weight[l1]) imp_buf_printf(b, "分值 %s ", p->l1_weight[l1]);
  imp_buf_puts(b, "{\n");
  for (size_t j = 0; j < n2; j++) {
    imp_buf_printf(b, "    %s {\n", ast_category_name(l2s[j], LANG_ZH));
    for (size_t i = 0; i < p->ninds; i++)
      if (p->inds[i]->l1 == l1 && p->inds[i]->l2 == l2s[j]) emit_ind(b, p->inds[i]);
    imp_buf_puts(b, "    }\n");
  }
  imp_buf_puts(b, "  }\n");
}

static void emit_text_item(ImpBuf *b, const char *kw, const char *text) {
  if (!text) return;
  imp_buf_printf(b, "  %s ", kw);
  imp_buf_quote(b, text);
  imp_buf_puts(b, "\n");
}

void imp_emit(ImpCtx *c, ImpProject *p, int header, ImpBuf *b) {
  if (header) imp_emit_header(c, p, b);
  imp_buf_puts(b, "项目 ");
  imp_buf_quote(b, p->name);
  imp_buf_puts(b, " {\n");
  comments(b, "  ", p->notes, p->nnotes);
  imp_buf_printf(b, "  预算数 %s\n", p->budget);
  if (p->fiscal) imp_buf_printf(b, "  财政资金 %s\n", p->fiscal);
  if (p->other) imp_buf_printf(b, "  其他资金 %s\n", p->other);
  emit_text_item(b, "资金用途", p->purpose);
  emit_text_item(b, "绩效目标", p->goal);
  imp_buf_puts(b, "\n");
  Category l1s[CAT__COUNT];
  size_t n1 = order(p, -1, l1s);
  for (size_t i = 0; i < n1; i++) emit_level1(b, p, l1s[i]);
  imp_buf_puts(b, "}\n");
}

/* ---- verifying ------------------------------------------------------------------ */

/* The first error of dl as "LINE:COL: message" of the generated text. */
static const char *first_error(ImpCtx *c, const DiagList *dl, const SourceSet *ss) {
  for (size_t i = 0; i < dl->n; i++) {
    const Diag *d = &dl->items[i];
    if (d->sev != DIAG_ERROR) continue;
    const Source *s = src_get(ss, d->span.file);
    uint32_t line = 0, col = 0;
    if (s) src_linecol(s, d->span.lo, &line, &col);
    uint32_t lo = 0, len = 0;
    if (s) src_line_at(s, d->span.lo, &lo, &len);
    return arena_printf(c->a, "%s [%s] at generated line %u: %.*s", d->msg,
                        diag_code_str(d->code), line, (int)(len > 200 ? 200 : len),
                        s ? s->text + lo : "");
  }
  return "unknown error";
}

static void internal(ImpCtx *c, ImpProject *p, const char *what) {
  if (p)
    imp_fail(c, p, p->line, "internal error: the spec generated for project '%s' %s", p->name,
             what);
  else
    imp_error(c, 0, "internal error: the generated file %s", what);
}

/* sema_check of the formatted text; 0 errors expected. */
static int check(ImpCtx *c, ImpProject *p, const char *text, size_t len, size_t *nind) {
  Program prog;
  prog_init(&prog);
  prog_load_buffer(&prog, "<import>", text, len);
  sema_check(&prog);
  int ok = prog.diags.nerrors == 0;
  if (!ok)
    internal(c, p, arena_printf(c->a, "does not check: %s",
                                first_error(c, &prog.diags, &prog.sources)));
  *nind = prog.nindicators;
  prog_free(&prog);
  return ok;
}

const char *imp_verify(ImpCtx *c, ImpProject *p, const char *text, size_t len, size_t *nind) {
  SourceSet ss;
  DiagList dl;
  Arena ar;
  FmtBuf out = {0};
  const char *res = NULL;
  src_init(&ss);
  diag_init(&dl);
  arena_init(&ar);
  uint32_t id = src_add(&ss, "<import>", text, len);
  const File *f = parse_file(&ar, &dl, &ss, id);
  *nind = 0;
  if (dl.nerrors) {
    internal(c, p, arena_printf(c->a, "does not parse: %s", first_error(c, &dl, &ss)));
  } else if (fmt_checked(f, &ss, id, &ar, &out) != FMT_OK) {
    internal(c, p, "cannot be formatted");
  } else if (check(c, p, out.s ? out.s : "", out.len, nind)) {
    res = arena_strndup(c->a, out.s ? out.s : "", out.len);
  }
  fmt_buf_free(&out);
  arena_free(&ar);
  diag_free(&dl);
  src_free(&ss);
  return res;
}

/* ---- actuals -------------------------------------------------------------------- */

static void csv_field(ImpBuf *b, const char *s, int last) {
  if (!s) s = "";
  int quote = strpbrk(s, ",\"\r\n") != NULL || (*s == ' ') || (*s && s[strlen(s) - 1] == ' ');
  if (quote) {
    imp_buf_puts(b, "\"");
    for (const char *q = s; *q; q++) {
      if (*q == '"') imp_buf_puts(b, "\"");
      imp_buf_add(b, q, 1);
    }
    imp_buf_puts(b, "\"");
  } else {
    imp_buf_puts(b, s);
  }
  imp_buf_puts(b, last ? "\n" : ",");
}

/* How an actuals row names indicator i: its id, its name when unique in
 * the project (keys: the name keys of all), else 二级指标/name. */
static const char *ref(ImpCtx *c, const ImpProject *p, char **keys, size_t i) {
  const ImpInd *ind = p->inds[i];
  if (ind->id) return ind->id;
  size_t n = 0;
  for (size_t k = 0; k < p->ninds; k++) n += !strcmp(keys[k], keys[i]);
  if (n <= 1) return ind->name;
  return arena_printf(c->a, "%s/%s", ast_category_name(ind->l2, LANG_ZH), ind->name);
}

/* A note as a spreadsheet will not run it: one that starts with = + - @
 * (a formula to Excel, `=HYPERLINK(…)`) after a '. */
static const char *formula_safe(ImpCtx *c, const char *note) {
  if (!note || !strchr("=+-@", note[0]) || !note[0]) return note;
  return arena_printf(c->a, "'%s", note);
}

size_t imp_actual_rows(ImpCtx *c, ImpProject *p, ImpBuf *b, unsigned *lines) {
  size_t n = 0;
  if (p->spent) {
    csv_field(b, p->name, 0);
    csv_field(b, "执行数", 0);
    csv_field(b, p->spent, 0);
    csv_field(b, "", 1);
    if (lines) lines[n] = p->amount_line[3];
    n++;
  }
  char **keys = calloc(p->ninds ? p->ninds : 1, sizeof *keys);
  if (!keys) abort();
  for (size_t i = 0; i < p->ninds; i++) keys[i] = key_of(p->inds[i]->name);
  for (size_t i = 0; i < p->ninds; i++) {
    const ImpInd *ind = p->inds[i];
    if (!ind->actual) continue;
    csv_field(b, p->name, 0);
    csv_field(b, ref(c, p, keys, i), 0);
    csv_field(b, ind->actual, 0);
    csv_field(b, formula_safe(c, ind->note), 1);
    if (lines) lines[n] = ind->line;
    n++;
  }
  for (size_t i = 0; i < p->ninds; i++) free(keys[i]);
  free(keys);
  return n;
}

void imp_actuals(ImpCtx *c, ImpProject *p, ImpBuf *b) {
  size_t n = imp_actual_rows(c, p, b, NULL);
  c->r->nactuals += n;
  p->out->nactuals += n;
}
