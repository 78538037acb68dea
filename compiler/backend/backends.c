/*
 * backends.c - the tables of generators and evaluators (backend.h).  To add
 * a backend, declare its functions in its own header and add a line to the
 * table; optional ones (LLVM) are guarded by their build option.
 */
#include "backend.h"

#include <stdio.h>
#include <string.h>

#include "bc.h"
#include "c_emit.h"
#include "llvm_emit.h"
#include "sql_emit.h"
#include "eval.h"
#include "support/source.h"

int emit_bytecode(const RtProgram *p, const EmitOptions *o, EmitWrite w, void *ud, char *err,
                  size_t errcap) {
  (void)o;
  BcBuf buf = {0};
  if (bc_write(p, &buf) != 0) {
    snprintf(err, errcap, "out of memory");
    return -1;
  }
  int rc = w(ud, buf.data, buf.len);
  bc_buf_free(&buf);
  if (rc) snprintf(err, errcap, "write error");
  return rc ? -1 : 0;
}

int eval_vm(const RtProgram *p, const RtActuals *a, int32_t as_of, RtArena *arena,
            RtResult *out, const char *option, char *err, size_t errcap) {
  (void)option;
  int rc = rt_evaluate(p, a, as_of, 100000, arena, out);
  if (rc == RT_EVAL_STEPS) rt_eval_steps_message(p, out->over_limit, 100000, err, errcap);
  else if (rc != 0) snprintf(err, errcap, "out of memory");
  if (rc != 0) return -1;
  return 0;
}

static const Emitter emitters[] = {
    {"bytecode", "a .indb file for libindrt and `indc run`", emit_bytecode, 1},
    {"c", "one self-contained C11 evaluator (docs/c-abi.md); -H for its header", emit_c, 0},
    {"sql", "tables, rows and scorecard views (docs/sql.md); --dialect sqlite|postgres|ansi",
     emit_sql, 0},
#ifdef INDC_HAVE_LLVM
    {"llvm-ir", "textual LLVM IR of the evaluator, verified and optimised (docs/llvm.md)",
     lle_load_emit_llvm_ir, 0},
    {"obj", "an object file with the C backend's ABI (docs/llvm.md, docs/c-abi.md)",
     lle_load_emit_obj, 1},
#endif
};

static const Evaluator evaluators[] = {
    {"vm", eval_vm},
    {"c", eval_c},
    {"sqlite", eval_sqlite},
#ifdef INDC_HAVE_LIBPQ
    {"postgres", eval_postgres},
#endif
#ifdef INDC_HAVE_LLVM
    {"jit", lle_load_eval_jit},
#endif
};

const Emitter *backend_emitter(const char *name) {
  for (size_t i = 0; i < sizeof emitters / sizeof emitters[0]; i++)
    if (!strcmp(emitters[i].name, name)) return &emitters[i];
  return NULL;
}

const Evaluator *backend_evaluator(const char *name) {
  for (size_t i = 0; i < sizeof evaluators / sizeof evaluators[0]; i++)
    if (!strcmp(evaluators[i].name, name)) return &evaluators[i];
  return NULL;
}

void backend_list_emitters(char *buf, size_t cap) {
  size_t off = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < sizeof emitters / sizeof emitters[0] && off < cap; i++)
    off += (size_t)snprintf(buf + off, cap - off, "%s%s", i ? ", " : "", emitters[i].name);
}

void backend_list_evaluators(char *buf, size_t cap) {
  size_t off = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < sizeof evaluators / sizeof evaluators[0] && off < cap; i++)
    off += (size_t)snprintf(buf + off, cap - off, "%s%s", i ? ", " : "", evaluators[i].name);
}

size_t backend_bidi_len(const unsigned char *s, size_t n, unsigned *cp) {
  if (!n || (s[0] != 0xD8 && s[0] != 0xE2)) return 0; /* the lead bytes of them all */
  int32_t c;
  size_t len = src_utf8_decode((const char *)s, n, &c);
  if (!src_is_bidi_control(c)) return 0;
  if (cp) *cp = (unsigned)c;
  return len;
}
