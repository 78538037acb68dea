/*
 * fuzz_spec.c - fuzz target "spec": the lexer, the parser and semantic
 * analysis (what `indc check` runs), then the formatter (what `indc fmt`
 * runs) on the same bytes, the parse in parts on threads against the
 * parse in one piece, and checking and lowering in pieces ([SEMA-PARTS],
 * [LOWER-PARTS]) against one pass.
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
#include "backend/lower.h"
#include "bc.h"
#include "fuzz_common.h"
#include "fmt/fmt.h"
#include "front/parse.h"
#include "sema/program.h"

/* Load and check data, the projects in `pieces` (1: one pass); the
 * rendered diagnostics (malloc'd) and, without errors, the .indb of the
 * program lowered in as many pieces. */
static char *fz_checked(Program *p, const uint8_t *data, size_t size, unsigned pieces,
                        size_t *len, BcBuf *indb) {
  prog_init(p);
  prog_load_buffer(p, "fuzz.ind", (const char *)data, size);
  sema_check_parts(p, pieces, 1);
  diag_sort(&p->diags);
  char *text = NULL;
  FILE *out = open_memstream(&text, len);
  FZ_CHECK(out != NULL);
  diag_render(&p->diags, &p->sources, out);
  FZ_CHECK(fclose(out) == 0);
  memset(indb, 0, sizeof *indb);
  RtProgram rp;
  if (p->diags.nerrors == 0) { /* a limit of the format fails both alike */
    if (lower_program_parts(p, &rp, pieces, 1) == 0) FZ_CHECK(bc_write(&rp, indb) == 0);
    rt_program_free(&rp);
  }
  return text;
}

/* indc check: load, analyse, render every diagnostic with its carets.
 * What is printed holds no control character but the line ends: input
 * quoted in a message must not drive the terminal (escape sequences).
 * Checked and lowered in pieces, the diagnostics and the program are those
 * of one pass. */
static void fz_check(const uint8_t *data, size_t size) {
  Program p, q;
  size_t len, qlen;
  BcBuf indb, qindb;
  char *text = fz_checked(&p, data, size, 1, &len, &indb);
  char *qtext = fz_checked(&q, data, size, 2 + (unsigned)(size % 3), &qlen, &qindb);
  FZ_CHECK(len == qlen && memcmp(text, qtext, len) == 0);
  FZ_CHECK(p.diags.nerrors == q.diags.nerrors && p.diags.nwarnings == q.diags.nwarnings);
  FZ_CHECK(indb.len == qindb.len && (!indb.len || memcmp(indb.data, qindb.data, indb.len) == 0));
  free(qtext);
  bc_buf_free(&indb);
  bc_buf_free(&qindb);
  prog_free(&q);
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)text[i];
    if ((c < 0x20 && c != '\n') || c == 0x7F)
      fprintf(stderr, "fuzz: control character 0x%02X in diagnostics:\n%s\n", c, text);
    FZ_CHECK((c >= 0x20 || c == '\n') && c != 0x7F);
  }
  free(text);
  prog_free(&p);
}

/* One parse of data as the file fuzz.ind, in up to `parts` parts of at
 * least one byte; the text must be put back as it was. */
typedef struct FzParse {
  SourceSet ss;
  DiagList dl;
  Arena arena;
  uint32_t id;
  File *f;
} FzParse;

static void fz_parse(FzParse *z, const uint8_t *data, size_t size, unsigned parts) {
  src_init(&z->ss);
  diag_init(&z->dl);
  arena_init(&z->arena);
  z->id = src_add(&z->ss, "fuzz.ind", (const char *)data, size);
  z->f = parse_file_parts(&z->arena, &z->dl, &z->ss, z->id, parts, 1, NULL);
  const Source *src = src_get(&z->ss, z->id);
  FZ_CHECK(size == 0 || memcmp(src->text, data, size) == 0); /* the text put back */
  FZ_CHECK(src->text[size] == '\0' && src->text[size + 1] == '\0');
}

static void fz_parse_free(FzParse *z) {
  arena_free(&z->arena);
  diag_free(&z->dl);
  src_free(&z->ss);
}

/* Format text (file `name`); FMT_OK with the output in *out, or why not. */
static FmtStatus fz_format(const char *text, size_t len, FmtBuf *out, int *parsed) {
  FzParse z;
  fz_parse(&z, (const uint8_t *)text, len, 1);
  FmtStatus st = FMT_OK;
  *parsed = z.dl.nerrors == 0;
  if (*parsed) st = fmt_checked(z.f, &z.ss, z.id, &z.arena, out);
  fz_parse_free(&z);
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

/* Parsing in parts on threads ([PARSE-PARTS]) is the parse in one piece:
 * the same diagnostics, and the same tree. */
static void fz_parts(const uint8_t *data, size_t size) {
  FzParse one, four;
  fz_parse(&one, data, size, 1);
  fz_parse(&four, data, size, 4);
  FZ_CHECK(one.dl.n == four.dl.n && one.dl.nerrors == four.dl.nerrors);
  for (size_t i = 0; i < one.dl.n; i++) {
    const Diag *a = &one.dl.items[i], *b = &four.dl.items[i];
    FZ_CHECK(a->code == b->code && a->span.lo == b->span.lo && a->span.hi == b->span.hi);
    FZ_CHECK(strcmp(a->msg, b->msg) == 0);
  }
  FZ_CHECK(one.f->nprojects == four.f->nprojects && one.f->nitems == four.f->nitems &&
           one.f->ncomments == four.f->ncomments);
  const char *why;
  /* the comparison has the printer's depth limit ([FMT-20]) */
  if (one.dl.nerrors == 0)
    FZ_CHECK(fmt_same(one.f, four.f, &why) || strcmp(why, "expression too deep") == 0);
  fz_parse_free(&one);
  fz_parse_free(&four);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_check(data, size);
  fz_fmt(data, size);
  fz_parts(data, size);
  return 0;
}
