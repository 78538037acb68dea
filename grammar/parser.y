/*
 * parser.y - the grammar of .ind files (docs/language.md, sections 2-8).
 *
 * A pure Bison 3.8 parser over the reentrant scanner of lexer.l.  Actions
 * only call ast_* constructors (compiler/front/ast.c), which keep the
 * construct being built in the ParseCtx.  The grammar accepts a little more
 * than the language (a category at any depth, an indicator anywhere inside
 * a project) so that semantic analysis can say exactly what is wrong.
 *
 * Error recovery: `error` at the level of top-level items, project items,
 * category items and indicator attributes; each resynchronises on the next
 * keyword or closing brace, so one run reports several errors.  In a project
 * or category, `error '{' … '}'` skips a whole block after a mistyped
 * keyword (`数量指 { … }`), so its braces do not close the enclosing blocks.
 * Bison reports no error until three tokens have been shifted after the
 * last one; so that an error in the next item is not lost (`预箅数 10`
 * then `数亮 { … }` gave one error, not two), the keyword or brace that
 * begins an item, a block or an indicator ends the recovery (yyerrok): a
 * token was consumed, so this cannot loop, and what follows is new text.
 * A project with a syntax error is marked damaged (parse.c), and sema skips
 * it: its half-built contents would only give follow-on errors.  Messages
 * come from yyreport_syntax_error in parse.c.
 *
 * %expect 0: resolve conflicts with precedence, and comment every %prec.
 */
%require "3.8"
%define api.pure full
%define api.prefix {indc_yy}
%define api.location.type {Span}
%define api.value.type union
%define parse.error custom
%define parse.lac full
%locations
%expect 0

%param {void *scanner}
%parse-param {ParseCtx *pc}

%code requires {
#include "front/parse.h"
}

%code provides {
int indc_yylex(INDC_YYSTYPE *yylval, Span *yylloc, void *scanner);
#define YYLOCATION_PRINT(File, Loc) 0
}

%code {
#include <string.h>
#include "front/ast_build.h"
static void yyerror(const Span *loc, void *scanner, ParseCtx *pc, const char *msg);
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                   \
  do {                                                                \
    if (N) {                                                          \
      (Cur).file = YYRHSLOC(Rhs, 1).file;                             \
      (Cur).lo = YYRHSLOC(Rhs, 1).lo;                                 \
      (Cur).hi = YYRHSLOC(Rhs, N).hi;                                 \
    } else {                                                          \
      (Cur).file = YYRHSLOC(Rhs, 0).file;                             \
      (Cur).lo = (Cur).hi = YYRHSLOC(Rhs, 0).hi;                      \
    }                                                                 \
  } while (0)
#define YYMAXDEPTH LIM_PARSER_STACK
}

%token <Lang> KW_AGENCY "'预算单位'" KW_YEAR "'年度'" KW_CURRENCY "'金额单位'"
%token <Lang> KW_IMPORT "'导入'" KW_UNIT "'计量单位'" KW_SCALE "'等级'"
%token <Lang> KW_POLICY "'评分规则'" KW_PROJECT "'项目'" KW_BUDGET "'预算数'"
%token <Lang> KW_FISCAL "'财政资金'" KW_OTHER "'其他资金'" KW_PURPOSE "'资金用途'"
%token <Lang> KW_GOAL "'绩效目标'" KW_INDICATOR "'指标'" KW_DESC "'描述'"
%token <Lang> KW_WEIGHT "'分值'" KW_ACTUAL "'实际'" KW_REACH "'达到'"
%token <Lang> KW_BY "'截至'" KW_FULLYEAR "'全年'" KW_WITHIN "'年内'"
%token <Lang> KW_IF "'如果'" KW_THEN "'则'" KW_ELSE "'否则'"
%token <Lang> KW_AND "'且'" KW_OR "'或'" KW_NOT "'非'"
%token <Lang> KW_TEST "'测试'" KW_GIVEN "'给定'" KW_EXPECT "'期望'" KW_SPENT "'执行数'"
%token <Lang> KW_STATUS "'状态'" KW_SCORE "'得分'" KW_TOTAL "'总分'" KW_GRADE "'grade'"
%token <CatTok> CATEGORY "category"
%token <const char *> STRING "string" IDENT "name"
%token <NumTok> NUMBER "number"
%token <DateTok> DEADLINE "deadline" ISODATE "date" PERIOD "period"
%token GE "'≥'" LE "'≤'" EQEQ "'=='" NE "'!='"
%token ERROR "invalid token"

%nterm <Target *> target
%nterm <Lang> unit_kw
%nterm <int> cmp_opt
%nterm <NumTok> signed_number
%nterm <const char *> unit_opt unit_name agency_code scale_name setting_key
%nterm <GradeParts *> grade_parts
%nterm <Expr *> expr
%nterm <ExprList> args setting_values
%nterm <Expr *> setting_value

/* Expression precedence, lowest first.  KW_ELSE is lowest so that the
 * else branch of `if a then b else c + d` takes the longest expression. */
%precedence KW_ELSE
%left KW_OR
%left KW_AND
%precedence KW_NOT
%nonassoc '<' '>' GE LE EQEQ NE
%left '+' '-'
%left '*' '/'
%precedence UMINUS     /* unary minus binds tighter than * and / */

%start file

%%

file
  : %empty
  | file item
  ;

item
  : KW_AGENCY { yyerrok; } agency_code STRING opt_semi  { ast_agency(pc, $1, $3, $4, @$); }
  | KW_YEAR { yyerrok; } NUMBER opt_semi                { ast_year(pc, $1, $3, @3); }
  | KW_CURRENCY { yyerrok; } unit_name opt_semi         { ast_currency(pc, $1, $3, @3); }
  | KW_IMPORT { yyerrok; } STRING opt_semi              { ast_import(pc, $1, $3, @$); }
  | unit_decl opt_semi
  | scale_decl opt_semi
  | policy opt_semi
  | project opt_semi
  | test opt_semi
  | error opt_semi                          { ast_recover(pc); }
  ;

opt_semi
  : %empty
  | ';'
  ;

agency_code
  : NUMBER   { $$ = $1.text; }
  | STRING   { $$ = $1; }
  | IDENT    { $$ = $1; }
  ;

/* ---- units and scales ---------------------------------------------- */

unit_decl
  : unit_kw unit_name                       { ast_unit(pc, $1, $2, NULL, NULL, @$, @2); }
  | unit_kw unit_name '=' unit_name         { ast_unit(pc, $1, $2, NULL, $4, @$, @4); }
  | unit_kw unit_name '=' NUMBER unit_name  { ast_unit(pc, $1, $2, &$4, $5, @$, @5); }
  ;

/* 计量单位, ending a recovery as the other items' keywords do (yyerrok
 * in a mid-rule action of each rule would make three conflicting ones) */
unit_kw
  : KW_UNIT                                 { yyerrok; $$ = $1; }
  ;

unit_name
  : IDENT                { $$ = $1; }
  | IDENT '/' IDENT      { $$ = ast_unit_join(pc, $1, $3); }
  | '%'                  { $$ = "%"; }
  ;

scale_decl
  : KW_SCALE { yyerrok; } scale_name '{'    { ast_scale_begin(pc, $1, $3, @3); }
    scale_members '}'                       { ast_scale_end(pc, @$); }
  ;

scale_name
  : IDENT    { $$ = $1; }
  | STRING   { $$ = $1; }
  ;

scale_members
  : grade_parts                             { ast_scale_member(pc, $1); }
  | scale_members '<' grade_parts           { ast_scale_member(pc, $3); }
  ;

/* ---- policy --------------------------------------------------------- */

policy
  : KW_POLICY { yyerrok; } '{'              { ast_policy_begin(pc, $1, NULL, @1); }
    settings '}'                            { ast_policy_end(pc, @$); }
  ;

settings
  : %empty
  | settings setting opt_semi
  | settings error opt_semi                 { ast_recover(pc); }
  ;

setting
  : setting_key '=' setting_values          { ast_setting(pc, $1, @1, $3, @$); }
  ;

/* Values are numbers, percentages and names; no units or arithmetic, so
 * that settings need no separator between them. */
setting_values
  : setting_value                           { $$ = ast_args(pc, NULL, $1); }
  | setting_values ',' setting_value        { $$ = ast_args(pc, &$1, $3); }
  ;

setting_value
  : signed_number                           { $$ = ast_expr_num(pc, $1, NULL, @$); }
  | signed_number '%'                       { $$ = ast_expr_num(pc, $1, "%", @$); }
  | IDENT                                   { $$ = ast_expr_field(pc, $1, @$); }
  ;

setting_key
  : IDENT      { $$ = $1; }
  | CATEGORY   { $$ = ast_category_name($1.cat, $1.lang); }
  ;

/* ---- projects -------------------------------------------------------- */

/* The construct is begun after its '{' (a mid-rule action), so that an
 * error before the brace leaves no half-built node in the ParseCtx. */
project
  : KW_PROJECT { yyerrok; } STRING '{'      { ast_project_begin(pc, $1, $3, @3); }
    project_items '}'                       { ast_project_end(pc, @$); }
  ;

project_items
  : %empty
  | project_items project_item opt_semi
  ;

project_item
  : KW_BUDGET { yyerrok; } signed_number unit_opt   { ast_money(pc, 0, $3, $4, @$, @4); }
  | KW_FISCAL { yyerrok; } signed_number unit_opt   { ast_money(pc, 1, $3, $4, @$, @4); }
  | KW_OTHER { yyerrok; } signed_number unit_opt    { ast_money(pc, 2, $3, $4, @$, @4); }
  | KW_PURPOSE { yyerrok; } STRING                  { ast_text_attr(pc, 0, $3, @3); }
  | KW_GOAL { yyerrok; } STRING                     { ast_text_attr(pc, 1, $3, @3); }
  | category
  | indicator
  | error                                   { ast_recover(pc); }
  | error '{' project_items '}'             { ast_recover(pc); }
  ;

category
  : CATEGORY '{'                            { ast_category_begin(pc, $1, NULL, @1, @1); yyerrok; }
    category_items '}'                      { ast_category_end(pc, @$); }
  | CATEGORY KW_WEIGHT NUMBER '{'           { ast_category_begin(pc, $1, &$3, @1, @3); yyerrok; }
    category_items '}'                      { ast_category_end(pc, @$); }
  ;

category_items
  : %empty
  | category_items category_item opt_semi
  ;

category_item
  : category
  | indicator
  | error                                   { ast_recover(pc); }
  | error '{' category_items '}'            { ast_recover(pc); }
  ;

/* ---- indicators and targets ---------------------------------------- */

indicator
  : indicator_head indicator_target indicator_block  { ast_indicator_end(pc, @$); }
  ;

indicator_head
  : KW_INDICATOR STRING                     { ast_indicator_begin(pc, $1, NULL, $2, @2, @2); yyerrok; }
  | KW_INDICATOR IDENT STRING               { ast_indicator_begin(pc, $1, $2, $3, @2, @3); yyerrok; }
  ;

indicator_target
  : %empty
  | ':' target                              { ast_indicator_target(pc, $2); }
  | target                                  { ast_indicator_target(pc, $1); }
  ;

indicator_block
  : %empty
  | '{' indicator_attrs '}'
  ;

indicator_attrs
  : %empty
  | indicator_attrs indicator_attr opt_semi
  ;

indicator_attr
  : KW_DESC STRING                          { ast_indicator_desc(pc, $2, @2); }
  | KW_WEIGHT NUMBER                        { ast_indicator_weight(pc, $2, @2); }
  | KW_ACTUAL '=' expr                      { ast_indicator_actual(pc, $3, @$); }
  | error                                   { ast_recover(pc); }
  ;

target
  : cmp_opt signed_number unit_opt          { Span sp = @$;   /* a bare value starts at it */
                                              if ($1 < 0) sp.lo = @2.lo;
                                              $$ = ast_target_quant(pc, $1, $2, $3, @3, sp); }
  | DEADLINE                                { $$ = ast_target_deadline(pc, $1, @$); }
  | ISODATE                                 { $$ = ast_target_deadline(pc, $1, @$); }
  | KW_BY ISODATE                           { $$ = ast_target_deadline(pc, $2, @$); }
  | PERIOD                                  { $$ = ast_target_period(pc, $1, @$); }
  | KW_FULLYEAR                             { $$ = ast_target_period(pc, (DateTok){{0,0,0}, 0, NULL}, @$); }
  | KW_WITHIN NUMBER                        { $$ = ast_target_within(pc, $2, @$); }
  | KW_REACH grade_parts                    { $$ = ast_target_grade(pc, $2, @$); }
  | STRING                                  { $$ = ast_target_text(pc, $1, @$); }
  ;

cmp_opt
  : %empty     { $$ = -1; }   /* a bare value means = [IND-3] */
  | GE         { $$ = CMP_GE; }
  | LE         { $$ = CMP_LE; }
  | '>'        { $$ = CMP_GT; }
  | '<'        { $$ = CMP_LT; }
  | '='        { $$ = CMP_EQ; }
  ;

signed_number
  : NUMBER       { $$ = $1; }
  | '-' NUMBER   { $$ = ast_negate(pc, $2, @$); }
  ;

unit_opt
  : %empty       { $$ = NULL; }
  | unit_name    { $$ = $1; }
  ;

grade_parts
  : IDENT                 { $$ = ast_grade_parts(pc, NULL, $1, @1); }
  | NUMBER                { $$ = ast_grade_parts(pc, NULL, $1.text, @1); }
  | STRING                { $$ = ast_grade_parts(pc, NULL, $1, @1); }
  | grade_parts IDENT     { $$ = ast_grade_parts(pc, $1, $2, @2); }
  | grade_parts NUMBER    { $$ = ast_grade_parts(pc, $1, $2.text, @2); }
  ;

/* ---- rule tests (docs/testing-rules.md) ------------------------------ */

/* Built top-down like a project: the test is begun after its '{'.  A
 * syntax error inside marks it damaged (sema and `indc test` skip it). */
test
  : KW_TEST { yyerrok; } STRING '{'         { ast_test_begin(pc, $1, $3, @3); }
    test_items '}'                          { ast_test_end(pc, @$); }
  ;

test_items
  : %empty
  | test_items test_item opt_semi
  ;

test_item
  : KW_PROJECT STRING                       { ast_test_project(pc, $1, $2, @$, @2); }
  | KW_BY ISODATE                           { ast_test_as_of(pc, $1, $2, @$); }
  | KW_GIVEN '{'                            { ast_test_block(pc, 0, $1, @1); yyerrok; }
    given_items '}'                         { ast_test_block_end(pc, 0, @$); }
  | KW_EXPECT '{'                           { ast_test_block(pc, 1, $1, @1); yyerrok; }
    expect_items '}'                        { ast_test_block_end(pc, 1, @$); }
  | error                                   { ast_test_recover(pc); }
  ;

given_items
  : %empty
  | given_items given_item opt_semi
  ;

/* The key names what the data's indicator column names: an indicator (id,
 * name or 二级/name) or a raw field, always in quotes, so that a bare
 * value (`2 个`) never runs into the next key; or 执行数. */
given_item
  : STRING '='                              { ast_test_given(pc, LANG_ZH, $1, @1); }
    given_value                             { ast_test_given_end(pc, @$); }
  | KW_SPENT '='                            { ast_test_given(pc, $1, NULL, @1); }
    given_value                             { ast_test_given_end(pc, @$); }
  | error                                   { ast_test_recover(pc); }
  ;

/* A value is what a CSV cell would hold ([DATA-VALUE]): a string, or the
 * tokens of `2 个`, `96.5%`, `部分达成:70%`, `2023-11-30`, `142,500 人次`,
 * `3A 级`, `不适用`, kept as written and read by the data loader. */
given_value
  : STRING                                  { ast_test_value_string(pc, $1, @1); }
  | value_tokens
  ;

value_tokens
  : value_token
  | value_tokens value_token
  ;

value_token
  : NUMBER                                  { ast_test_value_token(pc, @1); }
  | IDENT                                   { ast_test_value_token(pc, @1); }
  | DEADLINE                                { ast_test_value_token(pc, @1); }
  | ISODATE                                 { ast_test_value_token(pc, @1); }
  | PERIOD                                  { ast_test_value_token(pc, @1); }
  | '%'                                     { ast_test_value_token(pc, @1); }
  | ':'                                     { ast_test_value_token(pc, @1); }
  | '/'                                     { ast_test_value_token(pc, @1); }
  | ','                                     { ast_test_value_token(pc, @1); }
  | '-'                                     { ast_test_value_token(pc, @1); }
  | '+'                                     { ast_test_value_token(pc, @1); }
  ;

expect_items
  : %empty
  | expect_items expect_item opt_semi
  ;

/* 等级 is KW_SCALE to the lexer (keywords.def); grade is KW_GRADE. */
expect_item
  : STRING KW_STATUS IDENT    { ast_test_expect(pc, EXP_STATUS, $2, $1, @1, $3, @3, NULL, @$); }
  | STRING KW_SCORE NUMBER    { ast_test_expect(pc, EXP_SCORE, $2, $1, @1, NULL, @3, &$3, @$); }
  | KW_TOTAL NUMBER           { ast_test_expect(pc, EXP_TOTAL, $1, NULL, @1, NULL, @2, &$2, @$); }
  | KW_SCALE IDENT            { ast_test_expect(pc, EXP_GRADE, $1, NULL, @1, $2, @2, NULL, @$); }
  | KW_GRADE IDENT            { ast_test_expect(pc, EXP_GRADE, $1, NULL, @1, $2, @2, NULL, @$); }
  | error                     { ast_test_recover(pc); }
  ;

/* ---- expressions ------------------------------------------------------ */

expr
  : NUMBER                          { $$ = ast_expr_num(pc, $1, NULL, @$); }
  | NUMBER IDENT                    { $$ = ast_expr_num(pc, $1, $2, @$); }  /* 3 万元 */
  | NUMBER '%'                      { $$ = ast_expr_num(pc, $1, "%", @$); }
  | IDENT                           { $$ = ast_expr_field(pc, $1, @$); }
  | IDENT '(' args ')'              { $$ = ast_expr_call(pc, $1, $3, @$); }
  | '(' expr ')'                    { $$ = $2; }
  | '-' expr %prec UMINUS           { $$ = ast_expr_unary(pc, OP_NEG, $2, @$); }
  | KW_NOT expr                     { $$ = ast_expr_unary(pc, OP_NOT, $2, @$); }
  | expr '+' expr                   { $$ = ast_expr_binary(pc, OP_ADD, $1, $3, @$); }
  | expr '-' expr                   { $$ = ast_expr_binary(pc, OP_SUB, $1, $3, @$); }
  | expr '*' expr                   { $$ = ast_expr_binary(pc, OP_MUL, $1, $3, @$); }
  | expr '/' expr                   { $$ = ast_expr_binary(pc, OP_DIV, $1, $3, @$); }
  | expr '<' expr                   { $$ = ast_expr_binary(pc, OP_LT, $1, $3, @$); }
  | expr '>' expr                   { $$ = ast_expr_binary(pc, OP_GT, $1, $3, @$); }
  | expr LE expr                    { $$ = ast_expr_binary(pc, OP_LE, $1, $3, @$); }
  | expr GE expr                    { $$ = ast_expr_binary(pc, OP_GE, $1, $3, @$); }
  | expr EQEQ expr                  { $$ = ast_expr_binary(pc, OP_EQ, $1, $3, @$); }
  | expr NE expr                    { $$ = ast_expr_binary(pc, OP_NE, $1, $3, @$); }
  | expr KW_AND expr                { $$ = ast_expr_binary(pc, OP_AND, $1, $3, @$); }
  | expr KW_OR expr                 { $$ = ast_expr_binary(pc, OP_OR, $1, $3, @$); }
  | KW_IF expr KW_THEN expr KW_ELSE expr  { $$ = ast_expr_if(pc, $2, $4, $6, @$); }
  ;

args
  : expr                  { $$ = ast_args(pc, NULL, $1); }
  | args ',' expr         { $$ = ast_args(pc, &$1, $3); }
  ;

%%

/* Only "memory exhausted" reaches yyerror: the parser stack limit. */
static void yyerror(const Span *loc, void *scanner, ParseCtx *pc, const char *msg) {
  (void)scanner;
  (void)msg;
  parse_stack_exhausted(pc, *loc);
}

/* Bison's custom error hook: collect what the parser knows, and let
 * parse_syntax_error (compiler/front/parse.c) word the message. */
static const char *sym_text(yysymbol_kind_t k) {
  if (k == YYSYMBOL_YYEOF) return "end of file";
  const char *n = yysymbol_name(k);
  return n;
}

static int yyreport_syntax_error(const yypcontext_t *yyctx, void *scanner, ParseCtx *pc) {
  (void)scanner;
  SyntaxErr e;
  memset(&e, 0, sizeof e);
  yysymbol_kind_t tok = yypcontext_token(yyctx);
  e.span = *yypcontext_location(yyctx);
  e.tok = sym_text(tok);
  e.at_eof = tok == YYSYMBOL_YYEOF;
  e.at_ident = tok == YYSYMBOL_IDENT;
  e.at_number = tok == YYSYMBOL_NUMBER;
  e.at_category = tok == YYSYMBOL_CATEGORY;
  yysymbol_kind_t exp[YYNTOKENS];
  int n = yypcontext_expected_tokens(yyctx, exp, YYNTOKENS);
  for (int i = 0; i < n; i++) {
    if (exp[i] == YYSYMBOL_KW_INDICATOR || exp[i] == YYSYMBOL_KW_PROJECT ||
        exp[i] == YYSYMBOL_CATEGORY || exp[i] == YYSYMBOL_KW_DESC)
      e.expects_keyword = 1;
    if (exp[i] == YYSYMBOL_STRING) e.expects_string = 1;
  }
  if (n > 0 && n <= 5) {
    for (int i = 0; i < n; i++) e.exp[i] = sym_text(exp[i]);
    e.nexp = n;
  }
  parse_syntax_error(pc, &e);
  return 0;
}
