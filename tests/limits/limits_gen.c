/*
 * limits_gen.c - inputs for the limit tests (tests/limits/run.sh): each
 * at a given size, so the same generator makes the case at a limit and
 * the case one past it.
 *
 *   limits_gen KIND N OUT
 *
 * writes OUT (a file, or for `files` and `imports` a directory holding
 * main.ind and the files it needs).  Every input is otherwise valid, so
 * the only error one past a limit is the limit's own.  KIND:
 *
 *   spec-bytes N   a spec of exactly N bytes (padded with blank lines)
 *   string N       a 资金用途 string whose token, quotes included, is N bytes
 *   name N         a raw-field name of N bytes in an expression
 *   nesting N      blocks and parentheses N deep (4 blocks, N - 4 pairs)
 *   expr-depth N   a + a + … with N operators (a tree N deep)
 *   expr-stack N   an expression whose code holds N values at once
 *   code-words N   an indicator whose code is N instructions
 *   unary N        - - … - 1 with N minus signs (the parser's stack)
 *   indicators N   one project of N indicators
 *   projects N     N projects
 *   errors N       N errors (unknown units), nothing else wrong
 *   files N        OUT/ with N spec files (for `indc check OUT`)
 *   imports N      OUT/main.ind importing a chain of N - 1 more files
 *   csv-field N    actual data (CSV) with a note field of N bytes
 *   csv-columns N  a CSV row of N fields
 *   csv-rows N     a CSV file of N rows, header included
 *   json-string N  JSON with a note string of N bytes
 *   json-depth N   JSON nested N levels deep
 *   json-number N  JSON with a number of N characters
 *   json-values N  JSON of N values
 *   data-bytes N   a JSON data file of exactly N bytes
 *   data-errors N  CSV with N problems
 *
 * The data kinds are for the program of `program.ind` (project "p",
 * indicators "x" ≥90% and "y" a text target).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static FILE *out;
static const char *outpath;

static void die(const char *what) {
  fprintf(stderr, "limits_gen: %s: %s\n", what, strerror(errno));
  exit(2);
}

static void put(const char *s) { fputs(s, out); }

static void repeat(const char *s, unsigned long n) {
  for (unsigned long i = 0; i < n; i++) fputs(s, out);
}

static void open_out(const char *path) {
  out = fopen(path, "wb");
  if (!out) die(path);
}

static void close_out(void) {
  if (fclose(out) != 0) die(outpath);
}

/* A project with one derived indicator whose 实际 the caller writes. */
static void derived_head(void) {
  put("年度 2023\n项目 \"p\" {\n  预算数 10\n  产出指标 {\n    数量指标 {\n"
      "      指标 \"x\": ≥90% {\n        实际 = ");
}

static void derived_tail(void) { put("\n      }\n    }\n  }\n}\n"); }

/* A balanced sum of n leaves (2n - 1 instructions, log2 n parentheses
 * deep). */
static void balanced(unsigned long n) {
  if (n == 1) {
    put("a");
    return;
  }
  put("(");
  balanced(n / 2);
  put(" + ");
  balanced(n - n / 2);
  put(")");
}

static void gen_spec_bytes(unsigned long n) {
  static const char head[] = "年度 2023\n项目 \"p\" { 预算数 1 }\n";
  unsigned long left = n - (sizeof head - 1);
  put(head);
  while (left > 64) {
    repeat(" ", 63);
    put("\n");
    left -= 64;
  }
  if (left) {
    repeat(" ", left - 1);
    put("\n");
  }
}

static void gen_string(unsigned long n) {
  put("年度 2023\n项目 \"p\" {\n  预算数 1\n  资金用途 \"");
  repeat("a", n - 2);
  put("\"\n}\n");
}

static void gen_name(unsigned long n) {
  derived_head();
  repeat("a", n);
  derived_tail();
}

static void gen_nesting(unsigned long n) {
  derived_head(); /* inside 项目, 产出指标, 数量指标 and 指标: 4 blocks */
  repeat("(", n - 4);
  put("a");
  repeat(")", n - 4);
  derived_tail();
}

static void gen_expr_depth(unsigned long n) {
  derived_head();
  put("a");
  repeat(" + a", n);
  derived_tail();
}

/* a + (a + (… a)): the code pushes every a before the first ADD. */
static void gen_expr_stack(unsigned long n) {
  derived_head();
  repeat("a + (", n - 1);
  put("a");
  repeat(")", n - 1);
  derived_tail();
}

/* KONST w, KONST A, <expression>, SQUANT, RET: the expression gets n - 4
 * words; a balanced sum of k leaves is 2k - 1 words, and a unary minus
 * adds one when n - 4 is even. */
static void gen_code_words(unsigned long n) {
  unsigned long w = n - 4;
  derived_head();
  if (w % 2 == 0) {
    put("-");
    w--;
  }
  balanced((w + 1) / 2);
  derived_tail();
}

static void gen_unary(unsigned long n) {
  derived_head();
  repeat("-", n);
  put("1");
  derived_tail();
}

static void gen_indicators(unsigned long n) {
  put("年度 2023\n项目 \"p\" {\n  预算数 10\n  产出指标 {\n    数量指标 {\n");
  for (unsigned long i = 0; i < n; i++) fprintf(out, "      指标 \"i%lu\": ≥1 场\n", i);
  put("    }\n  }\n}\n");
}

static void gen_projects(unsigned long n) {
  put("年度 2023\n");
  for (unsigned long i = 0; i < n; i++) fprintf(out, "项目 \"p%lu\" { 预算数 1 }\n", i);
}

static void gen_errors(unsigned long n) {
  put("年度 2023\n项目 \"p\" {\n  预算数 10\n  产出指标 {\n    数量指标 {\n");
  for (unsigned long i = 0; i < n; i++) fprintf(out, "      指标 \"i%lu\": ≥1 场次\n", i);
  put("    }\n  }\n}\n");
}

static void in_dir(const char *dir, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  open_out(path);
}

static void gen_files(unsigned long n) {
  if (mkdir(outpath, 0755) != 0 && errno != EEXIST) die(outpath);
  for (unsigned long i = 0; i < n; i++) {
    char name[64];
    snprintf(name, sizeof name, "f%06lu.ind", i);
    in_dir(outpath, name);
    fprintf(out, "年度 2023\n项目 \"p%lu\" { 预算数 1 }\n", i);
    close_out();
  }
}

static void gen_imports(unsigned long n) {
  if (mkdir(outpath, 0755) != 0 && errno != EEXIST) die(outpath);
  for (unsigned long i = 0; i < n; i++) {
    char name[64];
    if (i == 0) snprintf(name, sizeof name, "main.ind");
    else snprintf(name, sizeof name, "f%03lu.ind", i);
    in_dir(outpath, name);
    if (i + 1 < n) fprintf(out, "导入 \"f%03lu.ind\"\n", i + 1);
    fprintf(out, "年度 2023\n项目 \"p%lu\" { 预算数 1 }\n", i);
    close_out();
  }
}

static void gen_csv_field(unsigned long n) {
  put("project,indicator,actual,note\np,x,95%,");
  repeat("a", n);
  put("\n");
}

static void gen_csv_columns(unsigned long n) {
  put("project,indicator,actual,note\np,x,95%,");
  repeat(",", n - 4);
  put("\n");
}

/* The header, then blank rows (read and counted, bound to nothing). */
static void gen_csv_rows(unsigned long n) {
  put("project,indicator,actual\n");
  repeat(",,\n", n - 1);
}

static void gen_json_string(unsigned long n) {
  put("{\"projects\": {\"p\": {\"x\": {\"actual\": \"95%\", \"note\": \"");
  repeat("a", n);
  put("\"}}}}\n");
}

/* {"projects": {"p": {"x": {"actual": …}}}} is four levels; deeper
 * levels are arrays inside the note, which the reader nests before it
 * finds that a note cannot be an array. */
static void gen_json_depth(unsigned long n) {
  put("{\"projects\": {\"p\": {\"x\": {\"actual\": \"95%\", \"note\": ");
  repeat("[", n - 4);
  repeat("]", n - 4);
  put("}}}}\n");
}

static void gen_json_number(unsigned long n) {
  put("{\"projects\": {\"p\": {\"x\": 9");
  put(n > 1 ? "." : "");
  repeat("0", n > 1 ? n - 2 : 0);
  put("}}}\n");
}

/* The top object, "projects", then the project named again and again
 * (read as one project): one value each. */
static void gen_json_values(unsigned long n) {
  put("{\"projects\": {");
  for (unsigned long i = 0; i + 2 < n; i++) put(i ? ",\"p\":{}" : "\"p\":{}");
  put("}}\n");
}

static void gen_data_bytes(unsigned long n) {
  static const char head[] = "{\"projects\": {\"p\": {\"x\": \"95%\"}}}";
  put(head);
  unsigned long left = n - (sizeof head - 1);
  while (left > 64) {
    repeat(" ", 63);
    put("\n");
    left -= 64;
  }
  if (left) {
    repeat(" ", left - 1);
    put("\n");
  }
}

static void gen_data_errors(unsigned long n) {
  put("project,indicator,actual\n");
  for (unsigned long i = 0; i < n; i++) fprintf(out, "p,nosuch%lu,1\n", i);
}

static const struct {
  const char *kind;
  void (*gen)(unsigned long n);
  int dir;
} kinds[] = {
    {"spec-bytes", gen_spec_bytes, 0},   {"string", gen_string, 0},
    {"name", gen_name, 0},               {"nesting", gen_nesting, 0},
    {"expr-depth", gen_expr_depth, 0},   {"expr-stack", gen_expr_stack, 0},
    {"code-words", gen_code_words, 0},   {"unary", gen_unary, 0},
    {"indicators", gen_indicators, 0},   {"projects", gen_projects, 0},
    {"errors", gen_errors, 0},           {"files", gen_files, 1},
    {"imports", gen_imports, 1},         {"csv-field", gen_csv_field, 0},
    {"csv-columns", gen_csv_columns, 0}, {"csv-rows", gen_csv_rows, 0},
    {"json-string", gen_json_string, 0}, {"json-depth", gen_json_depth, 0},
    {"json-number", gen_json_number, 0}, {"json-values", gen_json_values, 0},
    {"data-bytes", gen_data_bytes, 0},   {"data-errors", gen_data_errors, 0},
};

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: limits_gen KIND N OUT\n");
    return 2;
  }
  unsigned long n = strtoul(argv[2], NULL, 10);
  outpath = argv[3];
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    if (strcmp(kinds[i].kind, argv[1]) != 0) continue;
    if (!kinds[i].dir) open_out(outpath);
    kinds[i].gen(n);
    if (!kinds[i].dir) close_out();
    return 0;
  }
  fprintf(stderr, "limits_gen: unknown kind '%s'\n", argv[1]);
  return 2;
}
