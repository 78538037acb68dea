/*
 * test_docs.c - docs that are generated from the code must not go stale:
 * the diagnostic list of docs/diagnostics.md comes from diag_codes.def,
 * and the keyword table of docs/language.md from keywords.def.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/ast.h"
#include "support/diag.h"
#include "test_util.h"

static char *slurp(const char *rel) {
  char *path = test_path("%s", rel);
  FILE *f = fopen(path, "rb");
  free(path);
  if (!f) return NULL;
  size_t cap = 1 << 20, n = 0;
  char *b = malloc(cap);
  while (b && (n += fread(b + n, 1, cap - n - 1, f)) == cap - 1) b = realloc(b, cap *= 2);
  fclose(f);
  if (b) b[n] = '\0';
  return b;
}

/* The text between two marker lines of doc, or NULL. */
static char *block(const char *doc, const char *begin, const char *end) {
  const char *b = strstr(doc, begin), *e = strstr(doc, end);
  if (!b || !e || e < b) return NULL;
  b += strlen(begin);
  if (*b == '\n') b++;
  return strndup(b, (size_t)(e - b));
}

static const struct {
  const char *code, *sev, *wname, *summary;
} codes[] = {
#define X(name, code, sev, wname, summary) {code, #sev, wname, summary},
#include "support/diag_codes.def"
#undef X
};

START_TEST(diagnostics_list) {
  char *doc = slurp("docs/diagnostics.md");
  ck_assert_msg(doc != NULL, "docs/diagnostics.md is missing");
  char want[16384] = "| code | severity | warning name | meaning |\n|---|---|---|---|\n";
  size_t off = strlen(want);
  for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
    off += (size_t)snprintf(want + off, sizeof want - off, "| %s | %s | %s | %s |\n", codes[i].code,
                            strcmp(codes[i].sev, "DIAG_ERROR") == 0 ? "error" : "warning",
                            codes[i].wname ? codes[i].wname : "", codes[i].summary);
  char *got = block(doc, "<!-- BEGIN DIAGNOSTICS -->", "<!-- END DIAGNOSTICS -->");
  if (!got || strcmp(got, want) != 0)
    fprintf(stderr, "docs/diagnostics.md is stale; its block should be:\n%s", want);
  ck_assert_msg(got && strcmp(got, want) == 0, "docs/diagnostics.md is stale");
  free(got);
  free(doc);
}
END_TEST

START_TEST(keywords_documented) {
  char *doc = slurp("docs/language.md");
  ck_assert_ptr_nonnull(doc);
  static const char *const kw[][2] = {
#define KW(tok, zh, en) {zh, en},
#include "front/keywords.def"
#undef KW
  };
  for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++) {
    char a[64], b[64];
    snprintf(a, sizeof a, "`%s`", kw[i][0]);
    snprintf(b, sizeof b, "`%s`", kw[i][1]);
    ck_assert_msg(strstr(doc, a) && strstr(doc, b), "keyword %s / %s not in docs/language.md",
                  kw[i][0], kw[i][1]);
  }
  for (int c = 0; c < CAT__COUNT; c++) {
    char a[64], b[64];
    snprintf(a, sizeof a, "`%s`", ast_category_name((Category)c, LANG_ZH));
    snprintf(b, sizeof b, "`%s`", ast_category_name((Category)c, LANG_EN));
    ck_assert_msg(strstr(doc, a) && strstr(doc, b), "category %s not in docs/language.md", a);
  }
  free(doc);
}
END_TEST

Suite *docs_suite(void);
Suite *docs_suite(void) {
  Suite *s = suite_create("docs");
  TCase *tc = tcase_create("generated");
  tcase_add_test(tc, diagnostics_list);
  tcase_add_test(tc, keywords_documented);
  suite_add_tcase(s, tc);
  return s;
}
