/*
 * fuzz_import.c - fuzz target "import": `indc import` on a document as
 * analysts have it (text exported from Word or PDF, CSV from Excel, in
 * UTF-8, GBK/GB18030 or UTF-16), compiler/import/.
 *
 * Any bytes must end in specs and messages, never a crash or a hang.  The
 * importer promises (import.h) that each spec it returns was verified by
 * the parser, the formatter and semantic analysis; the target checks that
 * promise by checking each returned spec again, as `indc check` would.
 */
#include "fuzz_common.h"
#include "import/import.h"
#include "sema/program.h"

/* A spec the importer returned checks without errors. */
static void fz_spec_checks(const char *name, const char *text, size_t len) {
  Program p;
  prog_init(&p);
  prog_load_buffer(&p, name, text, len);
  sema_check(&p);
  if (p.diags.nerrors) {
    fprintf(stderr, "fuzz: the importer returned a spec with errors:\n%.*s\n", (int)len, text);
    diag_render(&p.diags, &p.sources, stderr);
  }
  FZ_CHECK(p.diags.nerrors == 0);
  prog_free(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* the first byte picks the options, so each layout and encoding is
   * forced as well as detected */
  ImpOptions o;
  memset(&o, 0, sizeof o); /* IMP_ENC_AUTO, IMP_LAYOUT_AUTO, the rest off */
  if (size > 0 && data[0] == 0x01) {
    o.encoding = (ImpEncoding)(data[1 % size] % 3);
    o.layout = (ImpLayout)(data[2 % size] % 4);
    o.single = data[3 % size] & 1;
    data += size < 4 ? size : 4;
    size -= size < 4 ? size : 4;
  }
  ImpResult r;
  imp_init(&r);
  imp_run("fuzz.txt", (const char *)data, size, &o, &r);
  imp_print_msgs(&r, "fuzz.txt", fz_devnull());
  for (size_t i = 0; i < r.nout; i++)
    if (r.out[i].text) fz_spec_checks(r.out[i].file ? r.out[i].file : "out.ind", r.out[i].text, r.out[i].len);
  if (r.single) fz_spec_checks("single.ind", r.single, r.single_len);
  imp_free(&r);
  return 0;
}
