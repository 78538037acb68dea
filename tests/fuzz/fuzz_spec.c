/*
 * fuzz_spec.c - fuzz target "spec": the lexer, the parser and semantic
 * analysis (what `indc check` runs), then the formatter (what `indc fmt`
 * runs) on the same bytes.
 *
 * Any input must end in diagnostics, never a crash, a hang or a read out
 * of bounds.  For input that parses, the formatter's own safety net
 * (fmt_checked: the output parses back to the same tree) must hold, and
 * formatting must be idempotent ([FMT-2] in docs/fmt.md); a failure of
 * either is a finding.
 *
 * Imports name files relative to the input's name, "fuzz.ind" in the
 * current directory; run the fuzzer from a directory without .ind files
 * (run-fuzzers.sh does) so that imports fail the same way every run.
 */
#include "fuzz_common.h"
#include "fmt/fmt.h"
#include "front/parse.h"
#include "sema/program.h"

/* indc check: load, analyse, render every diagnostic with its carets.
 * What is printed holds no control character but the line ends: input
 * quoted in a message must not drive the terminal (escape sequences). */
static void fz_check(const uint8_t *data, size_t size) {
  Program p;
  prog_init(&p);
  prog_load_buffer(&p, "fuzz.ind", (const char *)data, size);
  sema_check(&p);
  diag_sort(&p.diags);
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  FZ_CHECK(out != NULL);
  diag_render(&p.diags, &p.sources, out);
  FZ_CHECK(fclose(out) == 0);
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)text[i];
    if ((c < 0x20 && c != '\n') || c == 0x7F)
      fprintf(stderr, "fuzz: control character 0x%02X in diagnostics:\n%s\n", c, text);
    FZ_CHECK((c >= 0x20 || c == '\n') && c != 0x7F);
  }
  free(text);
  prog_free(&p);
}

/* Format text (file `name`); FMT_OK with the output in *out, or why not. */
static FmtStatus fz_format(const char *text, size_t len, FmtBuf *out, int *parsed) {
  SourceSet ss;
  DiagList dl;
  Arena arena;
  src_init(&ss);
  diag_init(&dl);
  arena_init(&arena);
  uint32_t id = src_add(&ss, "fuzz.ind", text, len);
  const File *f = parse_file(&arena, &dl, &ss, id);
  FmtStatus st = FMT_OK;
  *parsed = dl.nerrors == 0;
  if (*parsed) st = fmt_checked(f, &ss, id, &arena, out);
  arena_free(&arena);
  diag_free(&dl);
  src_free(&ss);
  return st;
}

/* indc fmt: the output parses to the same tree, and is a fixed point. */
static void fz_fmt(const uint8_t *data, size_t size) {
  FmtBuf once = {0}, twice = {0};
  int parsed;
  FmtStatus st = fz_format((const char *)data, size, &once, &parsed);
  FZ_CHECK(st == FMT_OK || st == FMT_TOO_DEEP);
  if (parsed && st == FMT_OK) {
    st = fz_format(once.s ? once.s : "", once.len, &twice, &parsed);
    FZ_CHECK(parsed && st == FMT_OK);
    FZ_CHECK(once.len == twice.len && (once.len == 0 || !memcmp(once.s, twice.s, once.len)));
  }
  fmt_buf_free(&once);
  fmt_buf_free(&twice);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_check(data, size);
  fz_fmt(data, size);
  return 0;
}
