/*
 * imp_place.c - placing an indicator row ([IMPORT-TABLE] and
 * [IMPORT-CONT] in docs/import.md).
 *
 * Empty level-1 and level-2 cells carry down from the row above (merged
 * cells); a missing level 1 is inferred from the level 2 when only one
 * level 1 allows it.  The first row after a page break may continue the
 * row before the break (imp_continues, imp_join).  A row that places only
 * when read one column to the left or right is shifted; an empty 指标值
 * may stand in another column.  A row that cannot be placed fails its
 * project, naming the line.  Each repair is a comment and a warning.
 */
#include <string.h>

#include "../sema/sema_internal.h"
#include "support/i18n.h"
#include "imp_internal.h"

const char *imp_cell(const ImpRow *row, int col) {
  return col >= 0 && (unsigned)col < row->ncells ? row->cells[col] : "";
}

/* The first column a shifted row moves: the level-1 column, else level 2's. */
static int shift_from(const ImpCtx *c) {
  return c->cols.col[ROLE_L1] >= 0 ? c->cols.col[ROLE_L1] : c->cols.col[ROLE_L2];
}

/* The cell of role r, read `shift` columns off for the roles from the
 * level-1 column on (a row shifted as a whole). */
const char *imp_get(const ImpCtx *c, const ImpRow *row, ImpRole r, int shift) {
  int col = c->cols.col[r];
  if (col < 0) return "";
  if (r != ROLE_PROJECT && col >= shift_from(c)) col += shift;
  return imp_cell(row, col);
}

static const ImpRole text_roles[] = {ROLE_L3, ROLE_DESC, ROLE_VALUE, ROLE_ACTUAL, ROLE_NOTE};
static const ImpRole other_roles[] = {ROLE_CMP, ROLE_UNIT, ROLE_DIR, ROLE_WEIGHT, ROLE_SCORE};

int imp_has_content(const ImpCtx *c, const ImpRow *row) {
  for (int r = ROLE_L1; r < ROLE_BUDGET; r++)
    if (!imp_blank(imp_get(c, row, (ImpRole)r, 0))) return 1;
  return 0;
}

/* frag completes prev to a category, and is none on its own. */
static int cat_fragment(ImpCtx *c, const char *prev, const char *frag) {
  if (imp_blank(frag) || imp_category(c->a, frag) >= 0) return 0;
  return imp_category(c->a, arena_printf(c->a, "%s%s", prev ? prev : "", frag)) >= 0;
}

/* [IMPORT-CONT] Does the first row after a page break continue the row
 * before it? */
int imp_continues(ImpCtx *c, ImpProject *p, const ImpRow *row) {
  ImpInd *prev = p->inds[p->ninds - 1];
  const char *l1 = imp_get(c, row, ROLE_L1, 0), *l2 = imp_get(c, row, ROLE_L2, 0);
  if (!imp_blank(l1) && !cat_fragment(c, prev->l1raw, l1)) return 0;
  if (!imp_blank(l2) && !cat_fragment(c, prev->l2raw, l2)) return 0;
  if (imp_blank(imp_get(c, row, ROLE_VALUE, 0))) return 1;
  if (!imp_blank(l1) || !imp_blank(l2)) return 1;
  return p->l2_always;
}

/* Does the text end a sentence (。；！？ or their ASCII forms)? */
static int ends_sentence(const char *s) {
  static const char *const ends[] = {"。", "；", "！", "？", ".", ";", "!", "?", "）", ")"};
  size_t n = strlen(s);
  for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
    size_t k = strlen(ends[i]);
    if (n >= k && !strcmp(s + n - k, ends[i])) return 1;
  }
  return 0;
}

int imp_maybe_continues(ImpCtx *c, ImpProject *p, const ImpRow *row) {
  ImpInd *prev = p->inds[p->ninds - 1];
  if (p->l2_always || !imp_blank(imp_get(c, row, ROLE_L1, 0)) ||
      !imp_blank(imp_get(c, row, ROLE_L2, 0)))
    return 0;
  const char *v = imp_clean(c->a, imp_get(c, row, ROLE_VALUE, 0));
  const char *pv = imp_clean(c->a, prev->raw[ROLE_VALUE]);
  /* a row breaks across pages only when a cell of it wraps: one of eight
   * characters or more does in any column a table gives such a text */
  size_t longest = 0;
  for (size_t i = 0; i < sizeof text_roles / sizeof text_roles[0]; i++) {
    size_t n = imp_nchars(imp_clean(c->a, prev->raw[text_roles[i]]));
    if (n > longest) longest = n;
  }
  ImpTarget t;
  if (longest < 8 || ends_sentence(pv) || imp_target_parse(c, pv, &t) ||
      imp_target_parse(c, v, &t))
    return 0;
  return 1;
}

static void describe_join(ImpCtx *c, ImpBuf *zh, ImpBuf *en, ImpRole role, const char *a,
                          const char *b) {
  const char *sa = imp_tail(c->a, a, 12), *sb = imp_short(c->a, b, 12);
  imp_buf_printf(zh, "%s%s“%s”+“%s”", zh->len ? "；" : "", imp_role_name(role), sa, sb);
  imp_buf_printf(en, "%s%s '%s' + '%s'", en->len ? ", " : "", imp_role_name(role), sa, sb);
}

static void join_cat(ImpCtx *c, ImpInd *prev, ImpRole role, const char *frag, ImpBuf *zh,
                     ImpBuf *en) {
  const char **raw = role == ROLE_L1 ? &prev->l1raw : &prev->l2raw;
  describe_join(c, zh, en, role, *raw ? *raw : "", frag);
  *raw = arena_printf(c->a, "%s%s", *raw ? *raw : "", frag);
}

static void join_text(ImpCtx *c, ImpInd *prev, ImpRole role, const char *frag, unsigned line,
                      ImpBuf *zh, ImpBuf *en) {
  if (prev->njoins < IMP_MAX_JOINS) {
    ImpJoin j = {role, prev->raw[role], frag, line};
    prev->joins[prev->njoins++] = j;
  }
  describe_join(c, zh, en, role, prev->raw[role], frag);
  prev->raw[role] = arena_printf(c->a, "%s%s", prev->raw[role], frag);
}

void imp_join(ImpCtx *c, ImpProject *p, const ImpRow *row) {
  ImpInd *prev = p->inds[p->ninds - 1];
  ImpBuf zh = {0}, en = {0};
  p->ncont++;
  if (++prev->nconts > IMP_MAX_JOINS) { /* [IMPORT-LIMITS] */
    if (prev->nconts == IMP_MAX_JOINS + 1)
      imp_fail(c, p, row->line, "row continues line %u across more than %u page breaks",
               prev->line, IMP_MAX_JOINS);
    return;
  }
  const char *l1 = imp_get(c, row, ROLE_L1, 0), *l2 = imp_get(c, row, ROLE_L2, 0);
  if (!imp_blank(l1)) join_cat(c, prev, ROLE_L1, l1, &zh, &en);
  if (!imp_blank(l2)) join_cat(c, prev, ROLE_L2, l2, &zh, &en);
  for (size_t i = 0; i < sizeof text_roles / sizeof text_roles[0]; i++) {
    const char *frag = imp_get(c, row, text_roles[i], 0);
    if (!imp_blank(frag)) join_text(c, prev, text_roles[i], frag, row->line, &zh, &en);
  }
  for (size_t i = 0; i < sizeof other_roles / sizeof other_roles[0]; i++) {
    const char *v = imp_get(c, row, other_roles[i], 0);
    if (imp_blank(prev->raw[other_roles[i]]) && !imp_blank(v)) prev->raw[other_roles[i]] = v;
  }
  if (zh.len)
    imp_repair(c, p, prev, row->line,
               arena_printf(c->a, "第%u行是第%u行跨页的续行，已拼接：%s", row->line, prev->line,
                            zh.s),
               arena_printf(c->a, _("row continues line %u across a page break; joined %s"),
                            prev->line, en.s));
  imp_buf_free(&zh);
  imp_buf_free(&en);
}

typedef struct Placement {
  const char *raw[ROLE__COUNT];
  const char *l1raw, *l2raw;
  Category l1, l2;
  int inferred;     /* level 1 inferred from level 2 */
  int l2_named;     /* the row has its own level-2 cell */
  int no_value;     /* the only problem is an empty 指标值 */
  int no_name;      /* the row has no 三级指标 */
  int cost_cost;    /* 成本指标 under 成本指标, read as 经济成本指标 */
  int beneficiary;  /* 社会公众满意度指标 …, read as 服务对象满意度指标 */
} Placement;

/* 社会公众或服务对象满意度指标, 社会公众满意度指标: the satisfaction level 2
 * of older and provincial templates.  The language has one level 2 under
 * 满意度指标, so a level-2 cell that names some satisfaction is that one. */
static int beneficiary_alias(ImpCtx *c, const char *cell) {
  static const char *const short_forms[] = {"社会公众满意度", "社会公众或服务对象满意度",
                                            "服务对象或社会公众满意度"};
  const char *k = imp_nospace(c->a, cell);
  size_t n = strlen(k), a = strlen("满意度指标");
  /* a short form must be one of these: a level-2 cell ending in 满意度
   * may be a 三级指标 (群众满意度) in a row shifted one column */
  for (size_t i = 0; i < sizeof short_forms / sizeof short_forms[0]; i++)
    if (!strcmp(k, short_forms[i])) return 1;
  return n > a && !strcmp(k + n - a, "满意度指标");
}

static int infer_l1(Category l2) {
  static const Category l1s[] = {CAT_OUTPUT, CAT_BENEFIT, CAT_SATISFACTION, CAT_COST};
  int found = -1;
  for (size_t i = 0; i < 4; i++)
    if (sema_allowed(l1s[i], l2)) found = found < 0 ? (int)l1s[i] : -2;
  return found;
}

static const char *cat_name(Category k) { return ast_category_name(k, LANG_ZH); }

/* Level 1 and level 2 of the row, carried down or inferred; NULL or why not. */
static const char *place_cats(ImpCtx *c, ImpProject *p, Placement *pl) {
  int l1 = -1, l2 = -1;
  if (!imp_blank(pl->l1raw)) {
    l1 = imp_category(c->a, pl->l1raw);
    if (l1 < 0 || !sema_is_level1((Category)l1))
      return arena_printf(c->a, _("一级指标 '%s' is not a level-1 category"), pl->l1raw);
  }
  if (!imp_blank(pl->l2raw)) {
    l2 = imp_category(c->a, pl->l2raw);
    if (l2 < 0 && beneficiary_alias(c, pl->l2raw)) l2 = CAT_BENEFICIARY, pl->beneficiary = 1;
    if (l2 < 0) return arena_printf(c->a, _("二级指标 '%s' is not a category"), pl->l2raw);
    pl->l2_named = 1;
  } else if (l1 >= 0) {
    return arena_printf(c->a, _("the row names 一级指标 %s but no 二级指标"), pl->l1raw);
  } else if ((l2 = p->last_l2) < 0) {
    return _("no 二级指标, and none above to carry down");
  }
  if (l1 < 0 && pl->l2_named && sema_is_level1((Category)l2) && infer_l1((Category)l2) < 0)
    return arena_printf(c->a, _("二级指标 '%s' is a level-1 category"), pl->l2raw);
  if (l1 < 0) l1 = p->last_l1;
  if (l1 == CAT_COST && l2 == CAT_COST) {
    /* the old level 2 under the new level 1 (财预〔2021〕101号): the money
     * cost of the new table is 经济成本指标 */
    l2 = CAT_ECONOMIC_COST;
    pl->cost_cost = 1;
  }
  if (l1 < 0 || !sema_allowed((Category)l1, (Category)l2)) {
    if (!imp_blank(pl->l1raw))
      return arena_printf(c->a, _("二级指标 %s is not allowed under 一级指标 %s"), pl->l2raw,
                          pl->l1raw);
    l1 = infer_l1((Category)l2);
    if (l1 < 0) return arena_printf(c->a, _("cannot tell the 一级指标 of %s"), cat_name(l2));
    pl->inferred = 1;
  }
  pl->l1 = (Category)l1;
  pl->l2 = (Category)l2;
  return NULL;
}

/* Read the row with the given shift; NULL when it places, else why not. */
static const char *try_place(ImpCtx *c, ImpProject *p, const ImpRow *row, int shift,
                             Placement *pl) {
  memset(pl, 0, sizeof *pl);
  for (int r = 0; r < ROLE__COUNT; r++) pl->raw[r] = imp_get(c, row, (ImpRole)r, shift);
  pl->l1raw = pl->raw[ROLE_L1];
  pl->l2raw = pl->raw[ROLE_L2];
  const char *why = place_cats(c, p, pl);
  if (why) return why;
  if (imp_blank(pl->raw[ROLE_L3])) {
    pl->no_name = 1;
    return _("the row has no 三级指标");
  }
  if (imp_blank(pl->raw[ROLE_VALUE])) {
    pl->no_value = 1;
    return _("the row has no 指标值");
  }
  return NULL;
}

/* [IMPORT-VALUE] An empty 指标值 whose value stands in another column. */
static int value_elsewhere(ImpCtx *c, ImpProject *p, const ImpRow *row, Placement *pl,
                           ImpInd **out) {
  int used[IMP_MAX_COLUMNS + 1] = {0};
  for (int r = 0; r < ROLE__COUNT; r++)
    if (c->cols.col[r] >= 0 && c->cols.col[r] <= (int)IMP_MAX_COLUMNS) used[c->cols.col[r]] = 1;
  int cand[IMP_MAX_COLUMNS + 1], n = 0;
  if (c->cols.col[ROLE_DESC] >= 0) cand[n++] = c->cols.col[ROLE_DESC];
  for (unsigned i = 0; i < row->ncells && i < IMP_MAX_COLUMNS; i++)
    if (!used[i]) cand[n++] = (int)i;
  for (int i = 0; i < n; i++) {
    const char *v = imp_cell(row, cand[i]);
    ImpTarget t;
    if (imp_blank(v) || !imp_target_parse(c, imp_clean(c->a, v), &t)) continue;
    pl->raw[ROLE_VALUE] = v;
    ImpInd *ind = imp_new_ind(c, p, row->line);
    *out = ind;
    const char *col = cand[i] == c->cols.col[ROLE_DESC] ? "绩效指标描述" : NULL;
    imp_repair(c, p, ind, row->line,
               arena_printf(c->a, "原表指标值为空；取%s的“%s”作指标值",
                            col ? "绩效指标描述栏" : arena_printf(c->a, "第%d栏", cand[i] + 1),
                            v),
               arena_printf(c->a, _("指标值 is empty; took '%s' from %s as the target"), v,
                            col ? _("the 绩效指标描述 column")
                                : arena_printf(c->a, _("column %d"), cand[i] + 1)));
    return 1;
  }
  return 0;
}

/* The cell that reading the row `shift` columns off leaves unread: left
 * (-1), the cell of the table's last role column; right (+1), the cell of
 * the first (the extra leading cell). */
static const char *lossy_cell(const ImpCtx *c, const ImpRow *row, int shift) {
  int from = shift_from(c);
  if (shift > 0) return imp_cell(row, from);
  int last = -1;
  for (int r = 0; r < ROLE__COUNT; r++)
    if (r != ROLE_PROJECT && c->cols.col[r] > last) last = c->cols.col[r];
  return last >= from ? imp_cell(row, last) : "";
}

/* Would that cell lose text?  An extra leading cell may only repeat a
 * level-1 category or be a row number. */
static int shift_loses(ImpCtx *c, const ImpRow *row, int shift) {
  const char *cell = lossy_cell(c, row, shift);
  if (imp_blank(cell)) return 0;
  int cat = imp_category(c->a, cell);
  return shift < 0 || !((cat >= 0 && sema_is_level1((Category)cat)) ||
                        imp_is_number(imp_clean(c->a, cell)));
}

static void shifted(ImpCtx *c, ImpProject *p, ImpInd *ind, int shift, const Placement *pl) {
  const char *path = arena_printf(c->a, "%s / %s / %s", cat_name(pl->l1), cat_name(pl->l2),
                                  imp_short(c->a, imp_clean(c->a, pl->raw[ROLE_L3]), 16));
  imp_repair(c, p, ind, ind->line,
             arena_printf(c->a, "原表第%u行整行%s移一列%s，读作 %s", ind->line,
                          shift < 0 ? "左" : "右", shift < 0 ? "（缺一级指标）" : "", path),
             arena_printf(c->a, _("row is shifted one column %s%s; read as %s"),
                          shift < 0 ? _("left") : _("right"),
                          shift < 0 ? _(" (no 一级指标 cell)") : "", path));
}

static void add_placed(ImpCtx *c, ImpProject *p, ImpInd *ind, const Placement *pl) {
  for (int r = 0; r < ROLE__COUNT; r++) ind->raw[r] = pl->raw[r];
  ind->l1raw = pl->l1raw;
  ind->l2raw = pl->l2raw;
  ind->l1 = pl->l1;
  ind->l2 = pl->l2;
  p->last_l1 = (int)pl->l1;
  p->last_l2 = (int)pl->l2;
  p->l2_always &= pl->l2_named;
  if (pl->cost_cost)
    imp_repair(c, p, ind, ind->line, "原表一级指标成本指标下的二级指标为成本指标，读作经济成本指标",
               _("二级指标 成本指标 under 一级指标 成本指标; read as 经济成本指标"));
  if (pl->beneficiary)
    imp_repair(c, p, ind, ind->line,
               arena_printf(c->a, "原表二级指标为“%s”，读作服务对象满意度指标", pl->l2raw),
               arena_printf(c->a, _("二级指标 '%s' read as 服务对象满意度指标, the language's "
                                    "one satisfaction level 2"),
                            pl->l2raw));
  if (pl->inferred)
    imp_repair(c, p, ind, ind->line,
               arena_printf(c->a, "原表此行一级指标缺失，按二级指标%s推断为%s", cat_name(pl->l2),
                            cat_name(pl->l1)),
               arena_printf(c->a, _("no 一级指标 for %s here; inferred %s"), cat_name(pl->l2),
                            cat_name(pl->l1)));
}

/* Cells right of the header's last column are not read: say so. */
static void beyond_header(ImpCtx *c, const ImpRow *row) {
  for (unsigned i = c->cols.ncols; i < row->ncells; i++)
    if (!imp_blank(row->cells[i]))
      imp_warn(c, row->line, "cell %u ('%s') is right of the table's last column; not read", i + 1,
               imp_short(c->a, row->cells[i], 24));
}

/* Has the row nothing but a 三级指标 (and a description)? */
static int name_only(const Placement *pl) {
  for (int r = ROLE_VALUE; r < ROLE__COUNT; r++)
    if (r != ROLE_DESC && !imp_blank(pl->raw[r])) return 0;
  return imp_blank(pl->l1raw) && imp_blank(pl->l2raw);
}

/* What may have gone wrong with a row that cannot be placed ([IMPORT-CONT],
 * [IMPORT-VALUE]): a row cut in two (after a page break, or a wrapped
 * cell), or a value only in the description; "" when nothing is known. */
static const char *unplaced_hint(ImpCtx *c, const ImpProject *p, const Placement *pl) {
  unsigned prev = p->ninds ? p->inds[p->ninds - 1]->line : 0;
  if (pl->no_name && prev && c->after_break)
    return arena_printf(c->a, _("; it is the first row after a page break, so it probably "
                                "continues line %u: join the two lines in the table"),
                        prev);
  if ((pl->no_name || (pl->no_value && name_only(pl))) && prev)
    return arena_printf(c->a, _("; it may be the rest of line %u, wrapped onto a line of its "
                                "own: join the two lines in the table"),
                        prev);
  if (pl->no_value && !imp_blank(pl->raw[ROLE_DESC]))
    return arena_printf(c->a, _("; the 绩效指标描述 '%s' is no target either: write the "
                                "target in the 指标值 column, such as 2024年6月30日前 or "
                                "≥95%%"),
                        imp_short(c->a, imp_clean(c->a, pl->raw[ROLE_DESC]), 24));
  return "";
}

/* [IMPORT-CATS] A category row without an indicator: the 2021 template lists every level
 * 2 (社会成本指标, 生态效益指标 …) and a table leaves the ones it does not
 * use empty (`| 社会成本指标 | | |`, or `/` and `无` in its cells).  Its
 * categories carry down, it is reported, and it is no indicator row.  1
 * when the row is one. */
static int empty_category(ImpCtx *c, ImpProject *p, const ImpRow *row) {
  /* 指标性质, 度量单位 and 指标方向 describe a value: without a name and a
   * value (`| 社会成本指标 | | 定性 | 无 |`) they say nothing */
  for (int r = ROLE_L3; r < ROLE_BUDGET; r++)
    if (r != ROLE_CMP && r != ROLE_UNIT && r != ROLE_DIR &&
        !imp_void(c->a, imp_get(c, row, (ImpRole)r, 0)))
      return 0;
  Placement pl;
  memset(&pl, 0, sizeof pl);
  pl.l1raw = imp_get(c, row, ROLE_L1, 0);
  pl.l2raw = imp_get(c, row, ROLE_L2, 0);
  if (imp_void(c->a, pl.l1raw) && imp_void(c->a, pl.l2raw)) {
    imp_warn(c, row->line, "the row holds only dashes or 无, no indicator; not read");
    return 1;
  }
  if (imp_blank(pl.l2raw)) {
    /* a level 1 alone: its level 2s follow in the rows below */
    int l1 = imp_category(c->a, pl.l1raw);
    if (l1 < 0 || !sema_is_level1((Category)l1)) return 0;
    p->last_l1 = l1;
    p->last_l2 = -1;
    imp_warn(c, row->line, "一级指标 %s has no 二级指标 or indicator in this row; not read",
             cat_name((Category)l1));
    return 1;
  }
  if (place_cats(c, p, &pl)) return 0;
  p->last_l1 = (int)pl.l1;
  p->last_l2 = (int)pl.l2;
  imp_warn(c, row->line,
           "二级指标 %s has no indicator in this row (no 三级指标, no 指标值); not read",
           cat_name(pl.l2));
  return 1;
}

void imp_place(ImpCtx *c, ImpProject *p, const ImpRow *row) {
  Placement pl, alt;
  if (empty_category(c, p, row)) return;
  const char *why = try_place(c, p, row, 0, &pl);
  ImpInd *ind = NULL;
  if (!why) {
    add_placed(c, p, imp_new_ind(c, p, row->line), &pl);
    beyond_header(c, row);
    return;
  }
  if (pl.no_value && value_elsewhere(c, p, row, &pl, &ind)) {
    add_placed(c, p, ind, &pl);
    return;
  }
  int lossy = 0; /* the shift that would place the row but leave a cell unread */
  for (int shift = -1; shift <= 1; shift += 2) {
    /* a shifted row still names its level 2: that cell is what moved */
    if (try_place(c, p, row, shift, &alt) || !alt.l2_named) continue;
    if (shift_loses(c, row, shift)) {
      lossy = shift;
      continue;
    }
    ind = imp_new_ind(c, p, row->line);
    shifted(c, p, ind, shift, &alt);
    add_placed(c, p, ind, &alt);
    return;
  }
  /* the last row with text, short of a cell: the file may be cut short
   * (a category that is none is no sign of that) */
  int last = pl.no_name || pl.no_value;
  for (const ImpRow *r = row + 1; r < c->rows + c->nrows && last; r++)
    last = r->ncells == 0 || (r->ncells == 1 && imp_blank(r->cells[0]));
  const char *hint = last ? _("; is the file truncated?") : unplaced_hint(c, p, &pl);
  if (lossy)
    hint = arena_printf(c->a,
                        _("; read one column to the %s it would place, but its cell '%s' would "
                          "be lost: check the row's cells against the header"),
                        lossy < 0 ? _("left") : _("right"), imp_short(c->a, lossy_cell(c, row, lossy), 24));
  imp_fail(c, p, row->line, "cannot place this indicator row: %s%s", why, hint);
  imp_new_ind(c, p, row->line); /* counted as read, never written */
}
