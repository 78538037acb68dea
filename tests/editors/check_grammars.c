/*
 * check_grammars.c - the editor grammars of editors/ cannot drift from the
 * lexer (docs/editors.md).
 *
 *   check_grammars SRC_DIR
 *
 * Every keyword of compiler/front/keywords.def, Chinese and English, must
 * be a word of the keyword rules, and every category of AST_CATEGORIES
 * (ast.h), in its full Chinese, short Chinese and English form, a word of
 * the category rules, of both grammars:
 *
 *   VS Code  editors/vscode/syntaxes/ind.tmLanguage.json: the "match"
 *            patterns of repository.keywords and repository.categories
 *   Vim      editors/vim/syntax/ind.vim: the `syn keyword` lines and the
 *            `call s:Chinese(...)` lists of the groups indKeyword,
 *            indConditional, indLogical (keywords) and indCategory
 *
 * The word lists come from the lexer's own tables, compiled in here, so a
 * keyword added to the language fails this test until both grammars know
 * it.  Also checked: the extension's manifest and language configuration
 * parse and agree with the grammar (scope name, path, comments, the “”
 * pair), and Vim detects *.ind.  The last line is "editors: N passed, M
 * failed"; the exit status is 1 when anything failed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "front/ast.h"

static const struct {
  const char *tok, *zh, *en;
} keywords[] = {
#define KW(tok, zh, en) {#tok, zh, en},
#include "front/keywords.def"
#undef KW
};

static const struct {
  const char *name, *zh, *zhs, *en;
} categories[] = {
#define X(name, zh, zhs, en) {#name, zh, zhs, en},
    AST_CATEGORIES(X)
#undef X
};

static int npass, nfail;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void result(int ok, const char *fmt, ...) {
  if (ok) {
    npass++;
    return;
  }
  nfail++;
  va_list ap;
  va_start(ap, fmt);
  printf("FAIL ");
  vprintf(fmt, ap);
  printf("\n");
  va_end(ap);
}

/* ---- files ---------------------------------------------------------------- */

static char *read_file(const char *dir, const char *rel) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, rel);
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, len = 0;
  char *buf = malloc(cap);
  size_t n;
  while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (len + 1 == cap) {
      char *bigger = realloc(buf, cap *= 2);
      if (!bigger) free(buf);
      buf = bigger;
    }
  }
  fclose(f);
  if (buf) buf[len] = '\0';
  return buf;
}

/* ---- words ------------------------------------------------------------------ */

/* Is w a word of text?  Words are maximal runs of ASCII letters, digits
 * and '_', or of non-ASCII bytes (Chinese): everything else, regex syntax
 * and quotes included, separates them. */
static int word_byte(unsigned char c) {
  return c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int same_class(unsigned char a, unsigned char b) { return (a >= 0x80) == (b >= 0x80); }

static int has_word(const char *text, const char *w) {
  size_t n = strlen(w);
  for (const char *p = text; (p = strstr(p, w)) != NULL; p++) {
    unsigned char before = p > text ? (unsigned char)p[-1] : ' ';
    unsigned char after = (unsigned char)p[n];
    int open = !word_byte(before) || !same_class(before, (unsigned char)w[0]);
    int close = !word_byte(after) || !same_class(after, (unsigned char)w[n - 1]);
    if (open && close) return 1;
  }
  return 0;
}

/* ---- the TextMate grammar ------------------------------------------------------ */

/* The match patterns of repository.NAME, joined by newlines. */
static void tm_rules(json_object *grammar, const char *name, char *out, size_t cap) {
  json_object *repo, *entry, *patterns;
  out[0] = '\0';
  if (!json_object_object_get_ex(grammar, "repository", &repo) ||
      !json_object_object_get_ex(repo, name, &entry) ||
      !json_object_object_get_ex(entry, "patterns", &patterns))
    return;
  size_t len = 0;
  for (size_t i = 0; i < json_object_array_length(patterns); i++) {
    json_object *m;
    if (!json_object_object_get_ex(json_object_array_get_idx(patterns, i), "match", &m)) continue;
    len += (size_t)snprintf(out + len, len < cap ? cap - len : 0, "%s\n", json_object_get_string(m));
  }
}

/* ---- the Vim syntax file --------------------------------------------------------- */

static int starts(const char *s, const char *prefix) { return !strncmp(s, prefix, strlen(prefix)); }

/* Is the logical line (continuations joined) a rule of one of groups? */
static int vim_rule_of(const char *line, const char *const *groups) {
  for (; *groups; groups++) {
    char kw[64], call[64];
    snprintf(kw, sizeof kw, "syn keyword %s ", *groups);
    snprintf(call, sizeof call, "call s:Chinese('%s',", *groups);
    if (starts(line, kw) || starts(line, call)) return 1;
  }
  return 0;
}

/* The logical lines of the file that are rules of groups, joined by
 * newlines.  A line starting with optional blanks and '\' continues the
 * previous one. */
static void vim_rules(const char *file, const char *const *groups, char *out, size_t cap) {
  size_t len = 0, keep = 0; /* keep: the current logical line is a rule */
  out[0] = '\0';
  for (const char *p = file; *p;) {
    const char *eol = strchr(p, '\n');
    size_t n = eol ? (size_t)(eol - p) : strlen(p);
    const char *q = p;
    while (q < p + n && (*q == ' ' || *q == '\t')) q++;
    int cont = q < p + n && *q == '\\';
    if (!cont) {
      char line[512];
      snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line - 1 ? n : sizeof line - 1), p);
      keep = vim_rule_of(line, groups);
    }
    if (keep && len + n + 2 < cap) {
      memcpy(out + len, p, n);
      len += n;
      out[len++] = '\n';
      out[len] = '\0';
    }
    p += n + (eol != NULL);
  }
}

/* ---- checks ------------------------------------------------------------------------ */

enum { RULES_CAP = 1 << 16 };

static void check_words(const char *grammar, const char *kw_rules, const char *cat_rules) {
  for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
    result(has_word(kw_rules, keywords[i].zh), "%s: keyword %s (%s) is not in its keyword rules",
           grammar, keywords[i].zh, keywords[i].tok);
    result(has_word(kw_rules, keywords[i].en), "%s: keyword %s (%s) is not in its keyword rules",
           grammar, keywords[i].en, keywords[i].tok);
  }
  for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++) {
    const char *forms[3] = {categories[i].zh, categories[i].zhs, categories[i].en};
    for (int k = 0; k < 3; k++)
      result(has_word(cat_rules, forms[k]), "%s: category %s (%s) is not in its category rules",
             grammar, forms[k], categories[i].name);
  }
}

static void check_textmate(const char *src) {
  const char *rel = "editors/vscode/syntaxes/ind.tmLanguage.json";
  char *text = read_file(src, rel);
  json_object *g = text ? json_tokener_parse(text) : NULL;
  result(g != NULL, "%s: missing or not JSON", rel);
  if (g) {
    static char kw[RULES_CAP], cat[RULES_CAP];
    json_object *scope;
    result(json_object_object_get_ex(g, "scopeName", &scope) &&
               !strcmp(json_object_get_string(scope), "source.ind"),
           "%s: scopeName is not source.ind", rel);
    tm_rules(g, "keywords", kw, sizeof kw);
    tm_rules(g, "categories", cat, sizeof cat);
    check_words(rel, kw, cat);
    json_object_put(g);
  }
  free(text);
}

static void check_vim(const char *src) {
  static const char *const kw_groups[] = {"indKeyword", "indConditional", "indLogical", NULL};
  static const char *const cat_groups[] = {"indCategory", NULL};
  const char *rel = "editors/vim/syntax/ind.vim";
  char *text = read_file(src, rel);
  result(text != NULL, "%s: missing", rel);
  if (text) {
    static char kw[RULES_CAP], cat[RULES_CAP];
    vim_rules(text, kw_groups, kw, sizeof kw);
    vim_rules(text, cat_groups, cat, sizeof cat);
    check_words(rel, kw, cat);
  }
  free(text);
  char *detect = read_file(src, "editors/vim/ftdetect/ind.vim");
  result(detect && strstr(detect, "*.ind") && strstr(detect, "setfiletype ind"),
         "%s: does not set filetype ind for *.ind", "editors/vim/ftdetect/ind.vim");
  free(detect);
}

/* Does the array hold an object with open == a and close == b? */
static int has_pair(json_object *pairs, const char *a, const char *b) {
  for (size_t i = 0; pairs && i < json_object_array_length(pairs); i++) {
    json_object *e = json_object_array_get_idx(pairs, i), *o, *c;
    if (json_object_is_type(e, json_type_array) && json_object_array_length(e) == 2 &&
        !strcmp(json_object_get_string(json_object_array_get_idx(e, 0)), a) &&
        !strcmp(json_object_get_string(json_object_array_get_idx(e, 1)), b))
      return 1;
    if (json_object_object_get_ex(e, "open", &o) && json_object_object_get_ex(e, "close", &c) &&
        !strcmp(json_object_get_string(o), a) && !strcmp(json_object_get_string(c), b))
      return 1;
  }
  return 0;
}

static json_object *get_path(json_object *o, const char *const *keys) {
  for (; o && *keys; keys++)
    if (!json_object_object_get_ex(o, *keys, &o)) return NULL;
  return o;
}

static void check_extension(const char *src) {
  const char *man = "editors/vscode/package.json", *conf = "editors/vscode/language-configuration.json";
  char *t1 = read_file(src, man), *t2 = read_file(src, conf);
  json_object *m = t1 ? json_tokener_parse(t1) : NULL, *c = t2 ? json_tokener_parse(t2) : NULL;
  result(m != NULL, "%s: missing or not JSON", man);
  result(c != NULL, "%s: missing or not JSON", conf);
  static const char *const grammars[] = {"contributes", "grammars", NULL};
  json_object *gs = get_path(m, grammars), *g0 = gs ? json_object_array_get_idx(gs, 0) : NULL;
  json_object *scope = NULL, *path = NULL;
  result(g0 && json_object_object_get_ex(g0, "scopeName", &scope) &&
             json_object_object_get_ex(g0, "path", &path) &&
             !strcmp(json_object_get_string(scope), "source.ind") &&
             !strcmp(json_object_get_string(path), "./syntaxes/ind.tmLanguage.json"),
         "%s: contributes.grammars[0] is not source.ind at ./syntaxes/ind.tmLanguage.json", man);
  static const char *const line[] = {"comments", "lineComment", NULL};
  static const char *const block[] = {"comments", "blockComment", NULL};
  static const char *const closing[] = {"autoClosingPairs", NULL};
  static const char *const brackets[] = {"brackets", NULL};
  json_object *lc = get_path(c, line);
  result(lc && !strcmp(json_object_get_string(lc), "#"), "%s: line comment is not #", conf);
  json_object *bc = get_path(c, block);
  result(bc && json_object_is_type(bc, json_type_array) && json_object_array_length(bc) == 2 &&
             !strcmp(json_object_get_string(json_object_array_get_idx(bc, 0)), "/*") &&
             !strcmp(json_object_get_string(json_object_array_get_idx(bc, 1)), "*/"),
         "%s: block comment is not /* */", conf);
  result(has_pair(get_path(c, closing), "“", "”") && has_pair(get_path(c, closing), "\"", "\"") &&
             has_pair(get_path(c, closing), "{", "}"),
         "%s: autoClosingPairs lack one of “” \"\" {}", conf);
  result(has_pair(get_path(c, brackets), "{", "}") && has_pair(get_path(c, brackets), "｛", "｝"),
         "%s: brackets lack {} or ｛｝", conf);
  json_object_put(m);
  json_object_put(c);
  free(t1);
  free(t2);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: check_grammars SRC_DIR\n");
    return 2;
  }
  check_textmate(argv[1]);
  check_vim(argv[1]);
  check_extension(argv[1]);
  printf("editors: %d passed, %d failed\n", npass, nfail);
  return nfail ? 1 : 0;
}
