/*
 * backend.h - the registry of code generators (`indc compile --emit=KIND`)
 * and evaluators (`indc run --backend=NAME`).
 *
 * Every generator starts from the lowered program (runtime/model.h), so all
 * backends see the same units, targets, points and canonical code.  Every
 * evaluator fills an RtResult exactly as rt_evaluate does, so the report
 * writers, and the differential tests, treat all backends alike.
 * backends.c holds the two tables; a backend adds one line there.
 */
#ifndef INDC_BACKEND_H
#define INDC_BACKEND_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

typedef struct EmitOptions {
  const char *out_path;    /* -o */
  const char *header_path; /* -H (C backend), NULL when not asked */
  const char *dialect;     /* --dialect (SQL backend), NULL for the default */
} EmitOptions;

/* A generator writes its output through these; they write atomically. */
typedef int (*EmitWrite)(void *ud, const void *bytes, size_t len);

typedef struct Emitter {
  const char *name;     /* "bytecode", "c", "llvm-ir", "obj", "sql" */
  const char *summary;
  /* Returns 0 on success; on failure writes a one-line reason to err. */
  int (*emit)(const RtProgram *p, const EmitOptions *o, EmitWrite w, void *ud, char *err,
              size_t errcap);
  int binary;           /* output is binary: refuse a terminal as stdout */
} Emitter;

typedef struct Evaluator {
  const char *name;     /* "vm", "c", "jit", "sqlite", "postgres" */
  /* Evaluate like rt_evaluate: 0 on success, else a reason in err. */
  int (*evaluate)(const RtProgram *p, const RtActuals *a, int32_t as_of, RtArena *arena,
                  RtResult *out, const char *option, char *err, size_t errcap);
} Evaluator;

const Emitter *backend_emitter(const char *name);
const Evaluator *backend_evaluator(const char *name);
/* "bytecode, c, …" for messages. */
void backend_list_emitters(char *buf, size_t cap);
void backend_list_evaluators(char *buf, size_t cap);

/* The bytecode generator and the VM, always built (backends.c). */
int emit_bytecode(const RtProgram *p, const EmitOptions *o, EmitWrite w, void *ud, char *err,
                  size_t errcap);
int eval_vm(const RtProgram *p, const RtActuals *a, int32_t as_of, RtArena *arena,
            RtResult *out, const char *option, char *err, size_t errcap);

/* The length of the UTF-8 bidirectional control character at s[0..n)
 * (src_is_bidi_control: U+061C, U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069), else 0; its code point in *cp when cp is not NULL.  A
 * spec's text may hold one; written raw into generated code it would
 * reorder how the code reads in an editor ("Trojan Source"), so the C
 * and SQL generators write it escaped ([CABI-TEXT], [SQL-TEXT]). */
size_t backend_bidi_len(const unsigned char *s, size_t n, unsigned *cp);

#endif
