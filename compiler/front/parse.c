/*
 * parse.c - the parse driver and the parser's syntax-error messages.
 *
 * Syntax errors are reported by yyreport_syntax_error (Bison's custom error
 * reporting with LAC), in the form "unexpected X, expected Y or Z" with at
 * most five expected tokens.  Three cases get a specific message:
 *  - the unexpected token is an error the lexer already reported: nothing;
 *  - an identifier where a keyword is expected: "unknown keyword", with the
 *    nearest keyword as a hint (E0202);
 *  - end of input inside a block: "unclosed '{'" with a note at the brace
 *    (E0203).
 */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "lex_support.h"
#include "parser.h"

typedef void *yyscan_t;
int indc_yylex_init_extra(ParseCtx *extra, yyscan_t *scanner);
int indc_yylex_destroy(yyscan_t scanner);
struct yy_buffer_state *indc_yy_scan_bytes(const char *bytes, int len, yyscan_t scanner);

File *parse_file(Arena *arena, DiagList *diags, const SourceSet *ss, uint32_t file) {
  const Source *src = src_get(ss, file);
  ParseCtx pc;
  memset(&pc, 0, sizeof pc);
  pc.arena = arena;
  pc.diags = diags;
  pc.ss = ss;
  pc.file = file;
  pc.text = src->text;
  pc.len = src->len;
  pc.out = arena_alloc(arena, sizeof *pc.out);
  pc.out->source = file;

  size_t bad;
  if (!src_validate_utf8(src->text, src->len, &bad)) {
    DiagCode code = src->text[bad] == '\0' ? E_NUL_BYTE : E_BAD_UTF8;
    Diag *d = diag_report(diags, code, parse_span(&pc, (uint32_t)bad, (uint32_t)bad + 1),
                          code == E_NUL_BYTE ? "NUL byte in source file"
                                             : "invalid UTF-8 byte 0x%02X",
                          (unsigned char)src->text[bad]);
    if (d)
      diag_hint(d, "save the file as UTF-8; a file saved by Chinese Excel or Word is often GBK "
                   "(convert it with: iconv -f GBK -t UTF-8)");
    return pc.out;
  }
  yyscan_t scanner;
  if (indc_yylex_init_extra(&pc, &scanner) != 0) {
    diag_report(diags, E_READ, parse_span(&pc, 0, 0), "cannot start the scanner");
    return pc.out;
  }
  indc_yy_scan_bytes(src->text, (int)src->len, scanner);
  indc_yyparse(scanner, &pc);
  indc_yylex_destroy(scanner);
  free(pc.sbuf);
  return pc.out;
}

/* ---- syntax errors ------------------------------------------------------ */

static size_t edit_distance(const char *a, const char *b) {
  /* over code points is nicer, but bytes are enough to rank candidates */
  size_t la = strlen(a), lb = strlen(b);
  if (la > 64 || lb > 64) return (size_t)-1;
  size_t row[65];
  for (size_t j = 0; j <= lb; j++) row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t prev = row[0];
    row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t cur = row[j];
      size_t best = prev + (a[i - 1] != b[j - 1]);
      if (row[j] + 1 < best) best = row[j] + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      row[j] = best;
      prev = cur;
    }
  }
  return row[lb];
}

/* The nearest keyword or category to word, or NULL when none is close. */
static const char *nearest_keyword(const char *word) {
  size_t n, best = (size_t)-1;
  const char *res = NULL;
  const LexKeyword *kw = lex_keywords(&n);
  for (size_t i = 0; i < n; i++) {
    const char *cand[2] = {kw[i].zh, kw[i].en};
    for (int j = 0; j < 2; j++) {
      size_t d = edit_distance(word, cand[j]);
      if (d < best) best = d, res = cand[j];
    }
  }
  for (int c = 0; c < CAT__COUNT; c++) {
    const char *cand[2] = {ast_category_name((Category)c, LANG_ZH),
                           ast_category_name((Category)c, LANG_EN)};
    for (int j = 0; j < 2; j++) {
      size_t d = edit_distance(word, cand[j]);
      if (d < best) best = d, res = cand[j];
    }
  }
  size_t len = strlen(word);
  return best <= (len > 6 ? len / 2 : 3) ? res : NULL;
}

void parse_syntax_error(ParseCtx *pc, const SyntaxErr *e) {
  if (pc->lex_failed || pc->too_deep) {
    pc->lex_failed = 0;
    return;
  }
  Span sp = e->span;
  if (e->at_eof && pc->nopen > 0) {
    uint32_t at = pc->open[pc->nopen - 1];
    char c = pc->text[at];
    Diag *d = diag_report(pc->diags, E_UNCLOSED, sp, "unclosed '%c' at end of file", c);
    if (d) {
      diag_note(d, parse_span(pc, at, at + 1), "the block opened here");
      diag_hint(d, "add the missing '%c'", c == '{' ? '}' : ')');
    }
    return;
  }
  if (e->at_ident && e->expects_keyword) {
    char buf[128];
    size_t len = sp.hi - sp.lo < sizeof buf - 1 ? sp.hi - sp.lo : sizeof buf - 1;
    memcpy(buf, pc->text + sp.lo, len);
    buf[len] = '\0';
    Diag *d = diag_report(pc->diags, E_UNKNOWN_KEYWORD, sp, "unknown keyword '%s'", buf);
    const char *near = nearest_keyword(buf);
    if (d && near)
      diag_hint(d, "did you mean '%s'?", near);
    else if (d)
      diag_hint(d, "texts and names go in quotes: \"%s\"", buf);
    return;
  }
  char msg[512];
  int off = snprintf(msg, sizeof msg, "unexpected %s", e->tok);
  for (int i = 0; i < e->nexp && off > 0 && (size_t)off < sizeof msg; i++)
    off += snprintf(msg + off, sizeof msg - (size_t)off, "%s%s",
                    i == 0 ? ", expected " : i == e->nexp - 1 ? " or " : ", ", e->exp[i]);
  diag_report(pc->diags, E_SYNTAX, sp, "%s", msg);
}

void parse_stack_exhausted(ParseCtx *pc, Span at) {
  if (pc->too_deep) return;
  pc->too_deep = 1;
  diag_report(pc->diags, E_NESTING, at, "input nested too deeply (parser stack of %u exhausted)",
              LIM_PARSER_STACK);
}
