/*
 * ast_build.h - AST constructors called by the grammar actions of
 * grammar/parser.y, and only by them.  Each takes the ParseCtx, which holds
 * the construct being built (project, category stack, indicator), and the
 * spans of the pieces.  Structural errors that the grammar deliberately
 * accepts (an attribute given twice, an indicator with no target) are
 * reported here.
 */
#ifndef INDC_AST_BUILD_H
#define INDC_AST_BUILD_H

#include "parse.h"

void ast_agency(ParseCtx *pc, Lang lang, const char *code, const char *name, Span sp);
void ast_year(ParseCtx *pc, Lang lang, NumTok year, Span sp);
void ast_currency(ParseCtx *pc, Lang lang, const char *unit, Span sp);
void ast_import(ParseCtx *pc, Lang lang, const char *path, Span sp);
void ast_recover(ParseCtx *pc);

void ast_unit(ParseCtx *pc, Lang lang, const char *name, const NumTok *factor,
              const char *base, Span sp, Span base_sp);
const char *ast_unit_join(ParseCtx *pc, const char *a, const char *b);

void ast_scale_begin(ParseCtx *pc, Lang lang, const char *name, Span sp);
void ast_scale_member(ParseCtx *pc, const GradeParts *g);
void ast_scale_end(ParseCtx *pc, Span sp);
/* The parts of a grade name so far, with one more atom: prev itself, or
 * ParseCtx.grade started anew when prev is NULL (the grammar uses each
 * grade name up before it reads the next).  A pointer, not a value: the
 * parser copies every value of its stack whole on each reduction, and this
 * struct was the largest of them (48 bytes of 24). */
GradeParts *ast_grade_parts(ParseCtx *pc, GradeParts *prev, const char *atom, Span sp);

void ast_policy_begin(ParseCtx *pc, Lang lang, const char *name, Span sp);
void ast_setting(ParseCtx *pc, const char *key, Span key_sp, ExprList values, Span sp);
void ast_policy_end(ParseCtx *pc, Span sp);

void ast_project_begin(ParseCtx *pc, Lang lang, const char *name, Span name_sp);
void ast_project_end(ParseCtx *pc, Span sp);
/* which: 0 预算数, 1 财政资金, 2 其他资金 */
void ast_money(ParseCtx *pc, int which, NumTok v, const char *unit, Span sp, Span unit_sp);
/* which: 0 资金用途, 1 绩效目标 */
void ast_text_attr(ParseCtx *pc, int which, const char *text, Span sp);

void ast_category_begin(ParseCtx *pc, CatTok cat, const NumTok *weight, Span kw_sp,
                        Span weight_sp);
void ast_category_end(ParseCtx *pc, Span sp);

void ast_indicator_begin(ParseCtx *pc, Lang lang, const char *id, const char *name,
                         Span id_sp, Span name_sp);
void ast_indicator_target(ParseCtx *pc, Target *t);
void ast_indicator_desc(ParseCtx *pc, const char *desc, Span sp);
void ast_indicator_weight(ParseCtx *pc, NumTok w, Span sp);
void ast_indicator_actual(ParseCtx *pc, Expr *e, Span sp);
void ast_indicator_end(ParseCtx *pc, Span sp);

/* cmp: a Cmp, or -1 for a bare value (meaning =). */
Target *ast_target_quant(ParseCtx *pc, int cmp, NumTok v, const char *unit,
                         Span unit_sp, Span sp);
Target *ast_target_deadline(ParseCtx *pc, DateTok d, Span sp);
Target *ast_target_period(ParseCtx *pc, DateTok d, Span sp);
Target *ast_target_within(ParseCtx *pc, NumTok year, Span sp);
Target *ast_target_grade(ParseCtx *pc, const GradeParts *g, Span sp);
Target *ast_target_text(ParseCtx *pc, const char *text, Span sp);
NumTok ast_negate(ParseCtx *pc, NumTok v, Span sp);

Expr *ast_expr_num(ParseCtx *pc, NumTok v, const char *unit, Span sp);
Expr *ast_expr_field(ParseCtx *pc, const char *name, Span sp);
Expr *ast_expr_call(ParseCtx *pc, const char *name, ExprList args, Span sp);
Expr *ast_expr_unary(ParseCtx *pc, ExprOp op, Expr *a, Span sp);
Expr *ast_expr_binary(ParseCtx *pc, ExprOp op, Expr *a, Expr *b, Span sp);
Expr *ast_expr_if(ParseCtx *pc, Expr *c, Expr *a, Expr *b, Span sp);
ExprList ast_args(ParseCtx *pc, const ExprList *prev, Expr *e);

/* Rule tests.  The test being built is the last of pc->out->tests, its
 * given item the last of its given list (tests do not nest). */
void ast_test_begin(ParseCtx *pc, Lang lang, const char *name, Span name_sp);
void ast_test_end(ParseCtx *pc, Span sp);
void ast_test_recover(ParseCtx *pc);
void ast_test_project(ParseCtx *pc, Lang lang, const char *name, Span sp, Span name_sp);
void ast_test_as_of(ParseCtx *pc, Lang lang, DateTok d, Span sp);
/* which: 0 给定, 1 期望; begin after the '{', end after the '}' */
void ast_test_block(ParseCtx *pc, int which, Lang lang, Span kw_sp);
void ast_test_block_end(ParseCtx *pc, int which, Span sp);
/* key NULL: 执行数 (lang is its keyword's); then the value, a string or
 * bare tokens one by one; then the end */
void ast_test_given(ParseCtx *pc, Lang lang, const char *key, Span key_sp);
void ast_test_value_string(ParseCtx *pc, const char *s, Span sp);
void ast_test_value_token(ParseCtx *pc, Span sp);
void ast_test_given_end(ParseCtx *pc, Span sp);
/* key: the indicator (status, score); word: a status or grade word; num:
 * the score or total */
void ast_test_expect(ParseCtx *pc, ExpectKind kind, Lang lang, const char *key, Span key_sp,
                     const char *word, Span word_sp, const NumTok *num, Span sp);

#endif
