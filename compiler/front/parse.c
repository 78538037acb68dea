/*
 * parse.c - the parse driver and the parser's syntax-error messages.
 *
 * Syntax errors are reported by yyreport_syntax_error (Bison's custom error
 * reporting with LAC), in the form "unexpected X, expected Y or Z" with at
 * most five expected tokens, naming the text of an unexpected name or
 * number, and a keyword or operator as written ('budget', '不少于' (≥)),
 * not by its canonical name.  Some cases get a specific message:
 *  - the unexpected token is an error the lexer already reported: nothing;
 *  - an identifier where a keyword is expected: "unknown keyword", with the
 *    nearest keyword as a hint (E0202);
 *  - end of input inside a block: "unclosed '{'" with a note at the brace
 *    (E0203), the brace guessed from the indentation when it can be;
 *  - a '}' that closes a '(': "unclosed '('" with a note at the '(' (E0203).
 * A syntax error marks the category or project it falls in damaged
 * (ast_recover), so that sema does not report what follows from the
 * half-built tree.
 */
#include "parse.h"
#include "support/i18n.h"

#include <stdlib.h>
#include <string.h>

#include "ast_build.h"
#include "lex_support.h"
#include "parser.h"

typedef void *yyscan_t;
int indc_yylex_init_extra(ParseCtx *extra, yyscan_t *scanner);
int indc_yylex_destroy(yyscan_t scanner);
struct yy_buffer_state *indc_yy_scan_buffer(char *base, size_t size, yyscan_t scanner);

/*
 * The file is not UTF-8 ([LEX-1]): report the first bad byte, with a hint
 * that names the likely encoding.  A UTF-16 file (Windows "Unicode") starts
 * with a byte-order mark FF FE or FE FF and is full of NUL bytes; a GBK
 * file (Chinese Excel and Word) has lead bytes 81-FE.
 */
static void bad_encoding(ParseCtx *pc, size_t bad) {
  const unsigned char *t = (const unsigned char *)pc->text;
  int utf16 = pc->len >= 2 && ((t[0] == 0xFF && t[1] == 0xFE) || (t[0] == 0xFE && t[1] == 0xFF));
  DiagCode code = t[bad] == 0 && !utf16 ? E_NUL_BYTE : E_BAD_UTF8;
  Diag *d = diag_report(pc->diags, code, parse_span(pc, (uint32_t)bad, (uint32_t)bad + 1),
                        code == E_NUL_BYTE ? N_("NUL byte in source file")
                                           : N_("invalid UTF-8 byte 0x%02X"),
                        t[bad]);
  if (!d) return;
  if (utf16)
    diag_hint(d, "the file is UTF-16 (Windows \"Unicode\"); save it as UTF-8 (convert it with: "
                 "iconv -f UTF-16 -t UTF-8)");
  else if (code == E_NUL_BYTE)
    diag_hint(d, "remove the NUL byte; a spec is a text file, and NUL bytes come from binary "
                 "files or a broken copy");
  else
    diag_hint(d, "save the file as UTF-8; a file saved by Chinese Excel or Word is often GBK "
                 "(convert it with: iconv -f GBK -t UTF-8)");
}

File *parse_range(Arena *arena, DiagList *diags, const SourceSet *ss, uint32_t file, char *base,
                  uint32_t lo, uint32_t hi) {
  ParseCtx pc;
  memset(&pc, 0, sizeof pc);
  pc.arena = arena;
  pc.diags = diags;
  pc.ss = ss;
  pc.file = file;
  pc.text = base;
  pc.len = hi;
  pc.off = lo;
  pc.out = arena_alloc(arena, sizeof *pc.out);
  pc.out->source = file;
  intern_init(&pc.strs, arena);
  lex_init(&pc);

  size_t bad;
  if (!src_validate_utf8(base + lo, hi - lo, &bad)) {
    bad_encoding(&pc, lo + bad);
    intern_free(&pc.strs);
    return pc.out;
  }
  yyscan_t scanner;
  if (indc_yylex_init_extra(&pc, &scanner) != 0) {
    diag_report(diags, E_READ, parse_span(&pc, 0, 0), "cannot start the scanner");
    intern_free(&pc.strs);
    return pc.out;
  }
  /* Scan the text in place (a Source ends in the two NULs flex needs), not
   * a copy of it: for a 140 MB spec the copy cost 140 MB and its page
   * faults.  Flex NUL-terminates each match in the buffer; the lexer puts
   * the byte back at once (LEX_RESTORE in lexer.l), so the text reads as
   * written in every action and after the parse. */
  if (!indc_yy_scan_buffer(base + lo, hi - lo + 2, scanner)) {
    diag_report(diags, E_READ, parse_span(&pc, 0, 0), "cannot start the scanner");
    indc_yylex_destroy(scanner);
    intern_free(&pc.strs);
    return pc.out;
  }
  indc_yyparse(scanner, &pc);
  if (pc.proj) pc.proj->damaged = 1; /* parsing stopped inside it */
  indc_yylex_destroy(scanner);
  free(pc.sbuf);
  intern_free(&pc.strs);
  return pc.out;
}

/* ---- syntax errors ------------------------------------------------------ */

/* Every keyword and category name, Chinese and English, through f. */
static void each_keyword(void (*f)(const char *cand, void *arg), void *arg) {
  size_t n;
  const LexKeyword *kw = lex_keywords(&n);
  for (size_t i = 0; i < n; i++) {
    f(kw[i].zh, arg);
    f(kw[i].en, arg);
  }
  for (int c = 0; c < CAT__COUNT; c++) {
    f(ast_category_name((Category)c, LANG_ZH), arg);
    f(ast_category_name((Category)c, LANG_EN), arg);
  }
}

typedef struct Nearest {
  const char *word;
  size_t best;
  const char *res, *prefix_of; /* closest; first keyword that starts with word */
} Nearest;

static void nearest_one(const char *cand, void *arg) {
  Nearest *nr = arg;
  size_t d = src_edit_distance(nr->word, cand);
  if (d < nr->best) nr->best = d, nr->res = cand;
  if (!nr->prefix_of && strncmp(cand, nr->word, strlen(nr->word)) == 0) nr->prefix_of = cand;
}

/*
 * The nearest keyword or category to word, or NULL when none is close: at
 * most one edit away for words of up to four characters (指示 -> 指标),
 * a third of the length for longer ones; else a keyword that word begins
 * (服务对象满 -> 服务对象满意度指标).
 */
static const char *nearest_keyword(const char *word) {
  int32_t cp[64];
  size_t len = src_code_points(word, cp);
  Nearest nr = {word, (size_t)-1, NULL, NULL};
  each_keyword(nearest_one, &nr);
  size_t limit = len <= 1 ? 0 : len <= 4 ? 1 : len / 3;
  if (nr.best <= limit) return nr.res;
  return len >= 2 ? nr.prefix_of : NULL;
}

/* Line number of offset off, for messages. */
static unsigned line_of(const ParseCtx *pc, uint32_t off) {
  uint32_t line, col;
  src_linecol(src_get(pc->ss, pc->file), off, &line, &col);
  return line;
}

/*
 * End of input inside a block: name the block.  When a '}' closed a block
 * whose '{' line is indented differently (lex_ascii_punct), that block
 * most likely lacks its '}': an earlier block took the '}' meant for an
 * outer one.  Otherwise it is the innermost block still open.
 */
/* The opener at `at`: '{' or '(', also for the full-width ｛ and （; 0 when
 * there is none (nothing was closed yet).  The text is NUL-terminated, so
 * strncmp stops at its end. */
static char opener_at(const ParseCtx *pc, uint32_t at) {
  if (pc->text[at] == '{' || pc->text[at] == '(') return pc->text[at];
  if (strncmp(pc->text + at, "｛", 3) == 0) return '{';
  return strncmp(pc->text + at, "（", 3) == 0 ? '(' : 0;
}

static void unclosed_at_eof(ParseCtx *pc, Span sp) {
  uint32_t at = pc->open[pc->nopen - 1];
  char c = opener_at(pc, at);
  int guess = c == '{' && pc->has_suspect && pc->suspect > at;
  if (guess) at = pc->suspect;
  Diag *d = diag_report(pc->diags, E_UNCLOSED, sp, "unclosed '%c' at end of file", c);
  if (!d) return;
  if (guess) {
    diag_note(d, parse_span(pc, at, at + 1), "this block is probably the one not closed");
    diag_hint(d, "add the missing '}' where this block ends; the '}' on line %u closes it now, "
                 "but is indented like an outer block's",
              line_of(pc, pc->suspect_closer));
  } else {
    diag_note(d, parse_span(pc, at, at + 1), "the block opened here");
    diag_hint(d, "add the missing '%c'", c == '{' ? '}' : ')');
  }
}

/* A '}' that closed a '(' (the lexer pairs brackets of either kind). */
static int paren_closed_by_brace(const ParseCtx *pc, const SyntaxErr *e) {
  return !e->at_eof && pc->closer == e->span.lo && opener_at(pc, pc->closed) == '(' &&
         strcmp(e->tok, "'}'") == 0;
}

/* The source text of sp for a message, cut at a character boundary (and
 * marked with …) when it does not fit in buf. */
static const char *span_text(const ParseCtx *pc, Span sp, char *buf, size_t cap) {
  size_t len = sp.hi - sp.lo;
  const char *more = "";
  if (len > cap - 1) {
    len = cap - 4; /* room for … */
    while (len > 0 && ((unsigned char)pc->text[sp.lo + len] & 0xC0) == 0x80) len--;
    more = "…";
  }
  snprintf(buf, cap, "%.*s%s", (int)len, pc->text + sp.lo, more);
  return buf;
}

/* A '}' with no block open.  When an earlier '}' closed a block whose
 * '{' line is indented differently, that one is probably the extra one. */
static void unmatched_brace(ParseCtx *pc, Span sp) {
  Diag *d = diag_report(pc->diags, E_SYNTAX, sp, "unexpected '}': no block is open");
  if (!d) return;
  if (pc->has_suspect) {
    uint32_t at = pc->suspect_closer;
    diag_note(d, parse_span(pc, at, at + 1),
              "this '}' probably is one too many: it closes the block of line %u, which is "
              "indented differently",
              line_of(pc, pc->suspect));
    diag_hint(d, "remove the extra '}'");
  } else {
    diag_hint(d, "remove the '}', or add the '{' it should close");
  }
}

static int is_comparison(int tok) {
  return tok == GE || tok == LE || tok == '<' || tok == '>' || tok == '=';
}

/*
 * The number written at text[i] as the language writes it: digits, with
 * the thousands separators (',' or '，' before each group of 3 digits
 * after a first group of 1-3) left out, and its decimals.  Returns the
 * number of separators left out, or -1 when there is no number at i or
 * it does not fit in buf.
 */
static int plain_number(const ParseCtx *pc, uint32_t i, char *buf, size_t cap) {
  size_t n = 0;
  int groups = 0;
  while (i < pc->len && pc->text[i] >= '0' && pc->text[i] <= '9' && n + 1 < cap)
    buf[n++] = pc->text[i++];
  if (n == 0 || n + 1 >= cap) return -1;
  for (;;) {
    uint32_t w = pc->text[i] == ',' ? 1 : strncmp(pc->text + i, "，", 3) == 0 ? 3 : 0;
    uint32_t k = i + w;
    while (w && k < pc->len && k - i - w < 4 && pc->text[k] >= '0' && pc->text[k] <= '9') k++;
    if (!w || k - i - w != 3 || n > 3 * (size_t)groups + 3 || n + 4 >= cap) break;
    memcpy(buf + n, pc->text + i + w, 3);
    n += 3, i = k, groups++;
  }
  if (pc->text[i] == '.' && pc->text[i + 1] >= '0' && pc->text[i + 1] <= '9')
    for (buf[n++] = pc->text[i++]; n + 1 < cap && pc->text[i] >= '0' && pc->text[i] <= '9';)
      buf[n++] = pc->text[i++];
  buf[n] = '\0';
  return groups;
}

/* Is the name at sp a currency sign, ¥ or ￥? */
static int is_yen(const ParseCtx *pc, Span sp) {
  size_t n = sp.hi - sp.lo;
  return (n == strlen("¥") && memcmp(pc->text + sp.lo, "¥", n) == 0) ||
         (n == strlen("￥") && memcmp(pc->text + sp.lo, "￥", n) == 0);
}

/*
 * Numbers and dates as spreadsheets and word processors write them: a
 * thousands separator (1,000), a date with slashes (2023/12/31; one with
 * dots is the lexer's, lex_typed_date_hint), a currency sign (¥14).  Adds
 * the hint that says how the language writes it; 0 when it is none.
 */
static int typed_elsewhere(ParseCtx *pc, Diag *d, const SyntaxErr *e) {
  char num[64];
  int after_number = pc->last[1].tok == NUMBER && pc->last[1].hi == e->span.lo;
  if (after_number && strcmp(e->tok, "','") == 0 &&
      plain_number(pc, pc->last[1].lo, num, sizeof num) > 0) {
    diag_hint(d, "write the number without thousands separators: %s", num);
    return 1;
  }
  if (after_number && strcmp(e->tok, "'/'") == 0 && lex_typed_date_hint(pc, d, e->span.lo))
    return 1;
  if (!e->at_ident || !is_yen(pc, e->span)) return 0;
  uint32_t i = e->span.hi;
  while (i < pc->len && pc->text[i] == ' ') i++;
  if (plain_number(pc, i, num, sizeof num) < 0) snprintf(num, sizeof num, "14");
  diag_hint(d, "write the amount without '%.*s': %s 元, or just %s in the file's 金额单位",
            (int)(e->span.hi - e->span.lo), pc->text + e->span.lo, num, num);
  return 1;
}

/* Is tok a word of a test's expectations (期望 { … }), which take no
 * colon?  等级 is one only inside a test; elsewhere it declares a scale. */
static int is_expect_word(const ParseCtx *pc, int tok) {
  const File *f = pc->out;
  int in_test = f->ntests > 0 && !f->tests[f->ntests - 1]->closed;
  return in_test && (tok == KW_STATUS || tok == KW_SCORE || tok == KW_TOTAL ||
                     tok == KW_GRADE || tok == KW_SCALE);
}

/* A hint for a few common slips, from what was found and expected. */
static void syntax_hint(ParseCtx *pc, Diag *d, const SyntaxErr *e) {
  char buf[128];
  if (!d || typed_elsewhere(pc, d, e)) return;
  if (!pc->proj && pc->nopen == 0 && (e->at_category || strcmp(e->tok, "'指标'") == 0)) {
    if (pc->has_suspect) { /* an extra '}' closed the project early */
      Project *cut = pc->out->nprojects ? pc->out->projects[pc->out->nprojects - 1] : NULL;
      if (cut && cut->span.hi == pc->suspect_closer + 1)
        cut->damaged = 1; /* its missing blocks are no warnings of their own */
      diag_note(d, parse_span(pc, pc->suspect_closer, pc->suspect_closer + 1),
                "this '}' probably is one too many: it closes the block of line %u, which is "
                "indented differently",
                line_of(pc, pc->suspect));
      diag_hint(d, "remove the extra '}'");
    } else {
      diag_hint(d, "categories and indicators go inside a project: 项目 \"…\" { 预算数 … 产出指标 "
                   "{ … } }");
    }
  } else if (pc->proj && strcmp(e->tok, "'项目'") == 0) {
    diag_hint(d, "project \"%s\" is not closed: a '}' is missing before this line",
              pc->proj->name);
  } else if (is_comparison(pc->last[0].tok) && is_comparison(pc->last[1].tok)) {
    diag_hint(d, "write one comparison before the number, e.g. ≥15 场");
  } else if ((pc->last[0].tok == KW_FULLYEAR || pc->last[0].tok == KW_WITHIN) &&
             pc->last[1].tok == NUMBER) {
    diag_hint(d, "a period with its year is written 2023全年 or 2023年内 (in English keywords: "
                 "within 2023)");
  } else if (pc->last[1].tok == ':' && e->tok[0] == '\'' && !e->at_eof) {
    diag_hint(d, "a target is a number with its unit (≥15 场), a deadline (2023年12月底前完成), "
                 "a period (全年), a grade (达到 3A 级) or a text in quotes");
  } else if (e->nexp == 1 && strcmp(e->exp[0], "'='") == 0 && pc->last[1].tok == STRING) {
    diag_hint(d, "put '=' between the name and its value, e.g. \"培训人数\" = 2100 人");
  } else if (e->nexp == 1 && strcmp(e->exp[0], "'='") == 0) {
    diag_hint(d, "put '=' between the name and its value, e.g. 产出指标 = 50");
  } else if (strcmp(e->tok, "':'") == 0 && is_expect_word(pc, pc->last[1].tok)) {
    diag_hint(d, "an expectation takes no colon: 状态 达成, 得分 10, 总分 95, 等级 优");
  } else if (e->at_ident && e->expects_string && e->nexp != 1) {
    diag_hint(d, "a text goes in quotes: \"%s\"", span_text(pc, e->span, buf, sizeof buf));
  } else if (e->nexp == 1 && strcmp(e->exp[0], "string") == 0) {
    diag_hint(d, "names and texts go in quotes: \"%s\"",
              e->at_ident ? span_text(pc, e->span, buf, sizeof buf) : "…");
  } else if (e->at_ident && e->nexp > 0 && strcmp(e->exp[0], "number") == 0) {
    diag_hint(d, "a number is missing before '%s'", span_text(pc, e->span, buf, sizeof buf));
  } else if (strcmp(e->tok, "':'") == 0) {
    diag_hint(d, "only an indicator takes a colon, before its target: 指标 \"…\": ≥15 场");
  }
}

/* Does a token start at lo begin its line (after spaces, U+3000 included)? */
static int at_line_start(const ParseCtx *pc, uint32_t lo) {
  while (lo > 0) {
    if (pc->text[lo - 1] == ' ' || pc->text[lo - 1] == '\t')
      lo--;
    else if (lo >= 3 && memcmp(pc->text + lo - 3, "\xE3\x80\x80", 3) == 0)
      lo -= 3;
    else
      return pc->text[lo - 1] == '\n';
  }
  return 1;
}

/*
 * A name that begins a line right after a number was taken as the unit of
 * that number (newlines are not significant): `其他资金 0` then `资金来源
 * "…"` on the next line reads as 0 资金来源.  When the token after it is the
 * error, the name is surely a mistyped keyword: report it as one.
 */
static int name_read_as_unit(const ParseCtx *pc, const SyntaxErr *e) {
  return pc->last[0].lo == e->span.lo && pc->last[1].tok == IDENT &&
         pc->last[2].tok == NUMBER && at_line_start(pc, pc->last[1].lo);
}

/* Column headings of the printed table, which analysts type as keywords. */
static const char *const table_words[][2] = {
    {"指标值", N_("the target (指标值) follows the name after a colon: 指标 \"…\": ≥15 场")},
    {"三级指标", N_("an indicator is written 指标 \"name\": target")},
    {"指标名称", N_("an indicator is written 指标 \"name\": target")},
    {"绩效指标描述", N_("a description is written 描述 \"…\" in the indicator's { }")},
    {"指标描述", N_("a description is written 描述 \"…\" in the indicator's { }")},
    {"一级指标", N_("write the level-1 category itself: 产出指标 { … }")},
    {"二级指标", N_("write the level-2 category itself: 数量指标 { … }")},
};

/*
 * In 评分规则 a name right after a number on the same line (`产出指标 = 50分`)
 * was read as the key of the next setting, so the error shows up one token
 * later, at what should have been its '='.
 */
static int unit_in_setting(const ParseCtx *pc, const SyntaxErr *e) {
  if (!pc->policy || pc->last[0].lo != e->span.lo || pc->last[1].tok != IDENT ||
      pc->last[2].tok != NUMBER)
    return 0;
  return memchr(pc->text + pc->last[2].hi, '\n', pc->last[1].lo - pc->last[2].hi) == NULL;
}

static void unknown_keyword(ParseCtx *pc, Span sp) {
  char buf[128];
  span_text(pc, sp, buf, sizeof buf);
  Diag *d = diag_report(pc->diags, E_UNKNOWN_KEYWORD, sp, "unknown keyword '%s'", buf);
  for (size_t i = 0; i < sizeof table_words / sizeof table_words[0]; i++)
    if (d && strcmp(buf, table_words[i][0]) == 0) {
      diag_hint(d, "'%s' is a column of the printed table, not a keyword: %s", buf,
                _(table_words[i][1]));
      return;
    }
  const char *near = nearest_keyword(buf);
  if (d && near)
    diag_hint(d, "did you mean '%s'?", near);
  else if (d)
    diag_hint(d, "the keywords are listed in docs/language.md [LEX-7]; a name or text goes in "
                 "quotes: \"%s\"",
              buf);
}

/* The words Bison's symbol names use for token kinds (parser.y's %token
 * aliases), listed so they get translated; keywords ('指标') stay as they are. */
static const char *const token_words[] = {N_("category"), N_("string"),   N_("name"),
                                          N_("number"),   N_("deadline"), N_("date"),
                                          N_("period"),   N_("invalid token")};

/* Is a token's canonical name ('≥', '预算数') an operator rather than a word? */
static int is_operator(const char *canon, size_t n) {
  static const char *const ops[] = {"≥", "≤", "<", ">", "=", "==", "!="};
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
    if (strlen(ops[i]) == n && memcmp(ops[i], canon, n) == 0) return 1;
  return 0;
}

/*
 * The unexpected token of a syntax error, in the language of messages.  A
 * keyword or operator is quoted as written (diagnostics-style.md), not by
 * its canonical name: 'budget', not '预算数'; an operator written otherwise
 * also names the one it stands for: '不少于' (≥).
 */
static const char *token_word(const ParseCtx *pc, const SyntaxErr *e, char *buf, size_t cap) {
  if (e->at_eof) return _("end of file");
  for (size_t i = 0; i < sizeof token_words / sizeof token_words[0]; i++)
    if (!strcmp(e->tok, token_words[i])) return _(token_words[i]);
  size_t n = strlen(e->tok), len = e->span.hi - e->span.lo;
  if (n < 3 || e->tok[0] != '\'' || len == 0 || len > 40) return e->tok;
  const char *canon = e->tok + 1, *src = pc->text + e->span.lo;
  if (len == n - 2 && memcmp(src, canon, len) == 0) return e->tok;
  if (is_operator(canon, n - 2))
    snprintf(buf, cap, "'%.*s' (%.*s)", (int)len, src, (int)(n - 2), canon);
  else
    snprintf(buf, cap, "'%.*s'", (int)len, src);
  return buf;
}

/* The text of token last[i]. */
static int tok_is(const ParseCtx *pc, int i, const char *s) {
  size_t n = pc->last[i].hi - pc->last[i].lo;
  return strlen(s) == n && memcmp(pc->text + pc->last[i].lo, s, n) == 0;
}

/* Does token last[i] read like an exponent, e3 or E-2? */
static int tok_is_exponent(const ParseCtx *pc, int i) {
  const char *s = pc->text + pc->last[i].lo, *end = pc->text + pc->last[i].hi;
  if (pc->last[i].tok != IDENT || end - s < 2 || (*s != 'e' && *s != 'E')) return 0;
  while (++s < end)
    if (*s < '0' || *s > '9') return 0;
  return 1;
}

static const char *const range_marks[] = {"～", "〜", "至", "到", "—", "–"};
/* Does a comparison (≥ ＞ 不低于 …, [LEX-CMP]) end right before lo, blanks
 * between?  For `≥95%以上`, whose 以上 only repeats it. */
static int cmp_before(const ParseCtx *pc, uint32_t lo) {
  static const char *const cmps[] = {"≥", "≤", "≧", "≦", ">", "<", "＞", "＜", "=", "＝",
                                     "于", "过"}; /* 于, 过: 不低于, 不超过, 大于 … */
  while (lo > 0 && (pc->text[lo - 1] == ' ' || pc->text[lo - 1] == '\t')) lo--;
  for (size_t i = 0; i < sizeof cmps / sizeof cmps[0]; i++) {
    size_t n = strlen(cmps[i]);
    if (lo >= n && memcmp(pc->text + lo - n, cmps[i], n) == 0) return 1;
  }
  return 0;
}

static const char *const approx_words[] = {"～", "〜", "约", "大约", "近"};
static const char *const at_least_words[] = {"以上", "及以上", "或以上"};
static const char *const about_words[] = {"左右"};
static const char *const at_most_words[] = {"以下", "及以下", "或以下", "以内"};

static int tok_in(const ParseCtx *pc, int i, const char *const *words, size_t n) {
  for (size_t k = 0; k < n; k++)
    if (tok_is(pc, i, words[k])) return 1;
  return 0;
}
#define TOK_IN(pc, i, words) tok_in(pc, i, words, sizeof words / sizeof words[0])

/*
 * Notations of the printed tables that the language writes otherwise, each
 * reported with what to write: a number with an exponent (1e3 个), a range
 * (15～20场, 15-20 场), a unit with a superscript (m²), a comparison after
 * the value (95%以上).  Returns 1 when it reported one.
 */
static int table_notation(ParseCtx *pc, const SyntaxErr *e) {
  char buf[128];
  Diag *d;
  if (e->at_ident && tok_is_exponent(pc, 1) && pc->last[2].tok == NUMBER &&
      pc->last[2].hi == pc->last[1].lo) {
    Span at = parse_span(pc, pc->last[2].lo, pc->last[1].hi);
    d = diag_report(pc->diags, E_BAD_NUMBER, at, "invalid number '%s'",
                    span_text(pc, at, buf, sizeof buf));
    if (d) diag_hint(d, "write the number in full, without an exponent: 1000, not 1e3");
    return 1;
  }
  int dash = e->span.lo == pc->last[0].lo && pc->last[0].tok == '-' && pc->last[1].tok == NUMBER &&
             (pc->last[2].tok == ':' || is_comparison(pc->last[2].tok));
  if (dash || (e->at_number && pc->last[1].tok == IDENT && TOK_IN(pc, 1, range_marks) &&
               pc->last[2].tok == NUMBER)) {
    uint32_t hi = e->span.hi;
    while (dash && hi < pc->len && (pc->text[hi] == ' ' || pc->text[hi] == '.' ||
                                    (pc->text[hi] >= '0' && pc->text[hi] <= '9')))
      hi++; /* the second bound, not read yet */
    while (hi > e->span.hi && pc->text[hi - 1] == ' ') hi--;
    Span at = parse_span(pc, pc->last[dash ? 1 : 2].lo, hi);
    d = diag_report(pc->diags, E_BAD_TARGET, at, "a range '%s' is not a target",
                    span_text(pc, at, buf, sizeof buf));
    if (d) diag_hint(d, "a target is one bound: ≥15 场 (at least) or ≤20 场 (at most); the "
                        "other bound can go in the description (描述)");
    return 1;
  }
  if (e->at_ident && pc->last[1].tok == IDENT && pc->last[1].hi == e->span.lo &&
      (strncmp(pc->text + e->span.lo, "²", strlen("²")) == 0 ||
       strncmp(pc->text + e->span.lo, "³", strlen("³")) == 0)) {
    Span at = parse_span(pc, pc->last[1].lo, e->span.hi);
    d = diag_report(pc->diags, E_UNKNOWN_UNIT, at, "unknown unit '%s'",
                    span_text(pc, at, buf, sizeof buf));
    if (d) diag_hint(d, "write the unit in Chinese (平方米 is declared), or declare it and write "
                        "it in backquotes: 计量单位 `%s`, then ≥15 `%s`", buf, buf);
    return 1;
  }
  if (e->at_ident && TOK_IN(pc, 0, approx_words) && e->span.hi < pc->len &&
      pc->text[e->span.hi] >= '0' && pc->text[e->span.hi] <= '9') {
    uint32_t hi = e->span.hi;
    while (hi < pc->len && (pc->text[hi] == '.' || (pc->text[hi] >= '0' && pc->text[hi] <= '9')))
      hi++; /* the number, not read yet */
    Span at = parse_span(pc, e->span.lo, hi);
    d = diag_report(pc->diags, E_BAD_TARGET, at, "an approximate value '%s' is not a target",
                    span_text(pc, at, buf, sizeof buf));
    if (d) diag_hint(d, "a target is one bound, ≥15 场 (at least) or ≤20 场 (at most), or an "
                        "exact value written alone: 15 场");
    return 1;
  }
  int from = pc->last[1].tok == NUMBER ? 1 : pc->last[2].tok == NUMBER ? 2 : 0;
  if (e->at_ident && TOK_IN(pc, 0, about_words) && from) { /* 95%左右 */
    char v[128];
    span_text(pc, parse_span(pc, pc->last[from].lo, pc->last[1].hi), v, sizeof v);
    Span at = parse_span(pc, pc->last[from].lo, e->span.hi);
    d = diag_report(pc->diags, E_BAD_TARGET, at, "an approximate value '%s' is not a target",
                    span_text(pc, at, buf, sizeof buf));
    if (d) diag_hint(d, "a target is one bound, ≥%s (at least) or ≤%s (at most), or an exact "
                        "value written alone: %s", v, v, v);
    return 1;
  }
  int least = e->at_ident && TOK_IN(pc, 0, at_least_words);
  if (least || (e->at_ident && TOK_IN(pc, 0, at_most_words))) {
    if (!from) return 0;
    Span value = parse_span(pc, pc->last[from].lo, pc->last[1].hi);
    d = diag_report(pc->diags, E_SYNTAX, e->span, "unexpected '%s' after the value",
                    span_text(pc, e->span, buf, sizeof buf));
    if (d && cmp_before(pc, pc->last[from].lo))
      diag_hint(d, "the comparison is written before the number already; remove '%s'",
                span_text(pc, e->span, buf, sizeof buf));
    else if (d)
      diag_hint(d, "write the comparison before the number: %s%s", least ? "≥" : "≤",
                span_text(pc, value, buf, sizeof buf));
    return 1;
  }
  return 0;
}

/*
 * A syntax error right after 年度: the 年度 line was written (so no "file
 * without 年度", E0507, follows), but not as a plain number.  The usual
 * slips, `年度 2023年` and `年度 "2023"`, get their own message (E0503).
 */
static int bad_year_item(ParseCtx *pc, const SyntaxErr *e) {
  int after_num = pc->last[1].tok == NUMBER && pc->last[2].tok == KW_YEAR;
  if (!after_num && pc->last[1].tok != KW_YEAR) return 0;
  pc->out->header.bad_year = 1;
  Span at = parse_span(pc, pc->last[1].lo, e->span.hi);
  char buf[128];
  if (after_num && e->at_ident &&
      strncmp(pc->text + e->span.lo, "年", strlen("年")) == 0) {
    Diag *d = diag_report(pc->diags, E_BAD_YEAR, at, "invalid year '%s'",
                          span_text(pc, at, buf, sizeof buf));
    if (d) diag_hint(d, "write the year as a plain number, without 年: 年度 %.*s",
                     (int)(pc->last[1].hi - pc->last[1].lo), pc->text + pc->last[1].lo);
    return 1;
  }
  if (!after_num && pc->last[0].tok == STRING) {
    Diag *d = diag_report(pc->diags, E_BAD_YEAR, e->span, "invalid year %s: a text",
                          span_text(pc, e->span, buf, sizeof buf));
    if (d) diag_hint(d, "write the year as a plain number, without quotes, e.g. 年度 2023");
    return 1;
  }
  return 0;
}

/*
 * A unit after the number of 分值, 得分 or 总分 (`分值 10分`, `分值 10%`,
 * `总分 100分`): points are a plain number.  Without this, the 分 would be
 * an unknown keyword, or a text to put in quotes.
 */
static int unit_after_points(ParseCtx *pc, const SyntaxErr *e) {
  int kw = pc->last[2].tok;
  if (pc->last[0].lo != e->span.lo || pc->last[1].tok != NUMBER ||
      (kw != KW_WEIGHT && kw != KW_SCORE && kw != KW_TOTAL) ||
      (!e->at_ident && strcmp(e->tok, "'%'") != 0))
    return 0;
  char buf[128];
  Diag *d = diag_report(pc->diags, E_SYNTAX, e->span, "unexpected '%s' after the points",
                        span_text(pc, e->span, buf, sizeof buf));
  if (d) diag_hint(d, "points are a plain number, without unit: %.*s %.*s",
                   (int)(pc->last[2].hi - pc->last[2].lo), pc->text + pc->last[2].lo,
                   (int)(pc->last[1].hi - pc->last[1].lo), pc->text + pc->last[1].lo);
  return 1;
}

/*
 * Words right after a deadline on its line (2023年12月底前完成验收,
 * 2023年12月中旬): the deadline was read, the words are left over.  Not a
 * mistyped keyword, as they would otherwise be reported.
 */
static int words_after_date(ParseCtx *pc, const SyntaxErr *e) {
  int t = pc->last[1].tok;
  if (!e->at_ident || pc->last[0].lo != e->span.lo ||
      (t != DEADLINE && t != ISODATE && t != PERIOD) ||
      memchr(pc->text + pc->last[1].hi, '\n', e->span.lo - pc->last[1].hi))
    return 0;
  char buf[128], date[128];
  Span at = parse_span(pc, pc->last[1].lo, e->span.hi);
  span_text(pc, e->span, buf, sizeof buf);
  span_text(pc, parse_span(pc, pc->last[1].lo, pc->last[1].hi), date, sizeof date);
  Diag *d = t == PERIOD
                ? diag_report(pc->diags, E_SYNTAX, e->span, "unexpected '%s' after the period '%s'",
                              buf, date)
                : diag_report(pc->diags, E_SYNTAX, e->span,
                              "unexpected '%s' after the deadline '%s'", buf, date);
  if (d) diag_hint(d, "a deadline or period stands alone, e.g. 2023年12月底前完成; put the rest "
                      "in the description (描述), or the whole target in quotes: \"%s\"",
                   span_text(pc, at, buf, sizeof buf));
  return 1;
}

/*
 * A month and day without the year (6月30日前, 12月31日): the lexer reads
 * `6 月` as a number with the unit 月, and the day is left over.  It is a
 * deadline the language does not read, as 12月底前完成 is (E0405 from
 * sema: the same words).
 */
static int month_day_without_year(ParseCtx *pc, const SyntaxErr *e) {
  if (!e->at_number || pc->last[0].lo != e->span.lo || pc->last[1].tok != IDENT ||
      pc->last[2].tok != NUMBER || pc->last[1].hi - pc->last[1].lo != strlen("月") ||
      strncmp(pc->text + pc->last[1].lo, "月", strlen("月")) != 0 ||
      pc->last[1].lo != pc->last[2].hi || e->span.lo != pc->last[1].hi)
    return 0;
  long month = strtol(pc->text + pc->last[2].lo, NULL, 10);
  if (month < 1 || month > 12) return 0;
  uint32_t end = e->span.hi; /* the date's words, to the next space or brace */
  while (end < pc->len && pc->text[end] != ' ' && pc->text[end] != '\n' &&
         pc->text[end] != '\r' && pc->text[end] != '\t' && pc->text[end] != '}' &&
         pc->text[end] != '{')
    end++;
  char buf[128];
  Span at = parse_span(pc, pc->last[2].lo, end);
  span_text(pc, at, buf, sizeof buf);
  Diag *d = diag_report(pc->diags, E_BAD_TARGET, at, "unrecognized deadline '%s%s'", buf, "");
  if (d) diag_hint(d, "write a deadline with its year as 2023年12月底前完成, 2023年第三季度 or "
                      "2023-12-31, or put the text in quotes: \"%s%s\"", buf, "");
  return 1;
}

/*
 * A name after a value on its line (`≥500 人次 场`, `2 个 及相关软硬件`):
 * the value was read, the words are left over.  Not a mistyped keyword.
 * A name on the next line is one (name_read_as_unit).
 */
static int words_after_value(ParseCtx *pc, const SyntaxErr *e) {
  int t1 = pc->last[1].tok, t2 = pc->last[2].tok;
  int value = t1 == NUMBER || ((t1 == IDENT || t1 == '%') && t2 == NUMBER);
  if (!e->at_ident || !e->expects_keyword || pc->last[0].lo != e->span.lo || !value ||
      memchr(pc->text + pc->last[1].hi, '\n', e->span.lo - pc->last[1].hi))
    return 0; /* not `预算单位 561301 某单位`, whose name wants quotes */
  char buf[128];
  Diag *d = diag_report(pc->diags, E_SYNTAX, e->span, "unexpected '%s' after the value",
                        span_text(pc, e->span, buf, sizeof buf));
  if (d) diag_hint(d, "a value is one number with one unit, e.g. ≥15 场; put the rest in the "
                      "description (描述), or the whole target in quotes");
  return 1;
}

/*
 * A line of the file's header or a top-level block written inside a
 * project (`年度 2023` after `项目 "…" {`).  A 年度 so placed still counts
 * as written, so no "file without 年度" (E0507) follows.
 */
static int header_in_project(ParseCtx *pc, const SyntaxErr *e) {
  static const int top[] = {KW_AGENCY, KW_YEAR, KW_CURRENCY, KW_IMPORT, KW_UNIT, KW_POLICY};
  int t = pc->last[0].tok, found = 0;
  for (size_t i = 0; i < sizeof top / sizeof top[0]; i++) found |= t == top[i];
  if (!pc->proj || !found || pc->last[0].lo != e->span.lo) return 0;
  if (t == KW_YEAR) pc->out->header.bad_year = 1;
  char buf[128];
  span_text(pc, e->span, buf, sizeof buf);
  Diag *d = diag_report(pc->diags, E_SYNTAX, e->span, "unexpected '%s' inside project \"%s\"",
                        buf, pc->proj->name);
  if (d) diag_hint(d, "'%s' stands at the top level of the file, outside every 项目: move it "
                      "above the project", buf);
  return 1;
}

void parse_syntax_error(ParseCtx *pc, const SyntaxErr *e) {
  if ((e->at_eof || pc->desync) && pc->proj)
    pc->proj->damaged = 1; /* the rest of the project is missing or misread */
  else
    ast_recover(pc);
  pc->nerr_proj++;
  if (pc->scale) { /* inside 等级 { … }: its grades after the error are lost */
    pc->scale->damaged = 1;
    pc->scale = NULL;
  }
  if (pc->lex_failed || pc->too_deep || pc->desync) {
    pc->lex_failed = 0;
    return;
  }
  Span sp = e->span;
  if (e->at_eof && pc->nopen > 0) {
    unclosed_at_eof(pc, sp);
    return;
  }
  if (paren_closed_by_brace(pc, e)) {
    Diag *d = diag_report(pc->diags, E_UNCLOSED, sp, "unclosed '(' before '}'");
    if (d) {
      diag_note(d, parse_span(pc, pc->closed, pc->closed + 1), "the '(' opened here");
      diag_hint(d, "add the missing ')'");
    }
    return;
  }
  if (bad_year_item(pc, e)) return;
  if (table_notation(pc, e)) return;
  if (words_after_date(pc, e) || unit_after_points(pc, e) || header_in_project(pc, e)) return;
  if (words_after_value(pc, e) || month_day_without_year(pc, e)) return;
  if (e->at_ident && e->expects_keyword) {
    unknown_keyword(pc, sp);
    return;
  }
  if (name_read_as_unit(pc, e)) {
    unknown_keyword(pc, parse_span(pc, pc->last[1].lo, pc->last[1].hi));
    return;
  }
  if (unit_in_setting(pc, e)) {
    char buf[128];
    Span at = parse_span(pc, pc->last[1].lo, pc->last[1].hi);
    Diag *d = diag_report(pc->diags, E_SYNTAX, at,
                          "unexpected name '%s' after the value of a setting",
                          span_text(pc, at, buf, sizeof buf));
    if (d) diag_hint(d, "the values of 评分规则 are plain numbers, percentages or names, without "
                        "units: 产出指标 = 50");
    return;
  }
  if (strcmp(e->tok, "'}'") == 0 && pc->nopen == 0 && pc->closer != sp.lo) {
    unmatched_brace(pc, sp);
    return;
  }
  char msg[512], word[128];
  int off = snprintf(msg, sizeof msg, _("unexpected %s"), token_word(pc, e, word, sizeof word));
  if ((e->at_ident || e->at_number || e->at_category) && sp.hi - sp.lo <= 40)
    off += snprintf(msg + off, sizeof msg - (size_t)off, " '%.*s'", (int)(sp.hi - sp.lo),
                    pc->text + sp.lo);
  for (int i = 0; i < e->nexp && off > 0 && (size_t)off < sizeof msg; i++)
    off += snprintf(msg + off, sizeof msg - (size_t)off, "%s%s",
                    i == 0 ? _(", expected ") : i == e->nexp - 1 ? _(" or ") : ", ",
                    _(e->exp[i]));
  syntax_hint(pc, diag_report(pc->diags, E_SYNTAX, sp, "%s", msg), e);
}

void parse_stack_exhausted(ParseCtx *pc, Span at) {
  if (pc->too_deep) return;
  pc->too_deep = 1;
  Diag *d = diag_report(pc->diags, E_NESTING, at,
                        "input nested too deeply (parser stack of %u exhausted)", LIM_PARSER_STACK);
  if (d) diag_hint(d, "split the computation into simpler expressions");
}
