/*
 * llvm_emit.h - the LLVM backend (docs/llvm.md).
 *
 *   indc compile --emit=llvm-ir -o eval.ll SPEC...   (emit_llvm_ir)
 *   indc compile --emit=obj -o eval.o SPEC...        (emit_obj)
 *   indc run --backend=jit ...                       (eval_jit, llvm_eval.c)
 *
 * lle_build makes one LLVM module per program: the runtime that clang
 * compiled from llvm_runtime.c at build time (dec.c, score.c, c_tables.inc
 * and c_evaluate.inc, the C backend's own text), plus the program's tables
 * (the encoded part byte for byte the C backend's, ctab.h) and one function
 * per distinct indicator code, built with the LLVM-C API.
 * The module is verified (LLVMVerifyModule) and optimised at -O2.  For the
 * emitters it is the whole evaluator and exports exactly the functions of
 * the C backend's ABI (c_abi.h, docs/c-abi.md), so an object file of it
 * links into any host written for the generated C; for the JIT it is the
 * program's part only, linked in process with the same runtime that clang
 * compiled to an object file at build time.
 *
 * Built only when CMake finds LLVM (>= 14) and the clang of the same
 * version (INDC_HAVE_LLVM); otherwise only LLE_NOT_BUILT and the
 * lle_unbuilt_* tests exist, for the command line's message.
 */
#ifndef INDC_LLVM_EMIT_H
#define INDC_LLVM_EMIT_H

#include <stddef.h>
#include <string.h>

/* What indc says when asked for an LLVM emitter or evaluator it lacks. */
#define LLE_NOT_BUILT \
  "the LLVM backend is not built into this indc (configure with LLVM installed)"

/* 1 when `--emit=name` or `--backend=name` asks for the LLVM backend and
 * this indc is built without it: the command line then says LLE_NOT_BUILT. */
static inline int lle_unbuilt_emit(const char *name) {
#ifdef INDC_HAVE_LLVM
  (void)name;
  return 0;
#else
  return !strcmp(name, "llvm-ir") || !strcmp(name, "obj");
#endif
}

static inline int lle_unbuilt_backend(const char *name) {
#ifdef INDC_HAVE_LLVM
  (void)name;
  return 0;
#else
  return !strcmp(name, "jit");
#endif
}

#ifdef INDC_HAVE_LLVM

#include <stdint.h>

#include "backend.h"

/*
 * The backend is a loadable module, indc-llvm.so, beside indc or in
 * LIBDIR/indc (llvm_load.c says why and where), with one exported symbol:
 * LLE_PLUGIN_SYMBOL, an LlePlugin.  indc's registry calls the lle_load_*
 * stubs, which load it on first use.
 */
#define LLE_PLUGIN_FILE "indc-llvm.so"
#define LLE_PLUGIN_SYMBOL "lle_plugin"

typedef struct LlePlugin {
  uint32_t size;       /* sizeof(LlePlugin) */
  const char *version; /* INDC_VERSION of the module */
  int (*emit_llvm_ir)(const RtProgram *p, const EmitOptions *o, EmitWrite w, void *ud,
                      char *err, size_t errcap);
  int (*emit_obj)(const RtProgram *p, const EmitOptions *o, EmitWrite w, void *ud, char *err,
                  size_t errcap);
  int (*eval_jit)(const RtProgram *p, const RtActuals *a, int32_t as_of, RtArena *arena,
                  RtResult *out, const char *option, char *err, size_t errcap);
} LlePlugin;

/* The registry's entries (backends.c): load the module, then forward. */
int lle_load_emit_llvm_ir(const RtProgram *p, const EmitOptions *o, EmitWrite w, void *ud,
                          char *err, size_t errcap);
int lle_load_emit_obj(const RtProgram *p, const EmitOptions *o, EmitWrite w, void *ud,
                      char *err, size_t errcap);
int lle_load_eval_jit(const RtProgram *p, const RtActuals *a, int32_t as_of, RtArena *arena,
                      RtResult *out, const char *option, char *err, size_t errcap);

#endif /* INDC_HAVE_LLVM */

/* ---- inside the module (and the tests and benchmarks that link it) ---- */

#if defined(INDC_HAVE_LLVM) && defined(INDC_LLVM_C)

#include <llvm-c/Types.h>
#include <llvm-c/TargetMachine.h>

#include "c_abi.h"

/* What clang made of llvm_runtime.c (llvm_embed.cmake): bitcode, and the
 * same code as an object file for this machine. */
extern const unsigned char lle_runtime_bc[], lle_runtime_obj[];
extern const size_t lle_runtime_bc_size, lle_runtime_obj_size;

/* What lle_build makes. */
enum {
  /* the whole evaluator of docs/c-abi.md, self-contained, exporting the
   * eight indc_eval_* functions and nothing else: --emit=llvm-ir, --emit=obj */
  LLE_MODULE_ABI,
  /* the program's part only, for the JIT to link with lle_runtime_obj: the
   * tables (the struct tables' string pointers NULL: the JIT only ever
   * calls indc_eval_evaluate, and reports take names from the RtProgram)
   * and the indicator functions, exporting lle_program and lle_code */
  LLE_MODULE_JIT
};

/*
 * The module of program p (lowered and verified) in context ctx, as `mode`
 * says: parsed runtime, tables, indicator functions; every definition but
 * the exports made internal; verified; optimised with "default<O2>".
 * Returns 0, or -1 with a one-line reason in err (an LLVM verifier failure
 * is an internal error that carries LLVM's message).
 */
int lle_build(const RtProgram *p, LLVMContextRef ctx, int mode, LLVMModuleRef *out, char *err,
              size_t errcap);

/* LLVMVerifyModule with LLVMReturnStatusAction: 0, or -1 and "internal
 * error: the generated LLVM IR fails verification: " + LLVM's message. */
int lle_verify(LLVMModuleRef m, char *err, size_t errcap);

/* A target machine for m's triple and CPU: -O2 code generation, PIC. */
int lle_target_machine(LLVMModuleRef m, LLVMTargetMachineRef *out, char *err, size_t errcap);

/* m as an object file (ELF on Linux) in *out. */
int lle_object(LLVMModuleRef m, LLVMMemoryBufferRef *out, char *err, size_t errcap);

/* The module's entry points (lle_plugin in llvm_eval.c). */
int emit_llvm_ir(const RtProgram *p, const EmitOptions *o, EmitWrite w, void *ud, char *err,
                 size_t errcap);
int emit_obj(const RtProgram *p, const EmitOptions *o, EmitWrite w, void *ud, char *err,
             size_t errcap);
int eval_jit(const RtProgram *p, const RtActuals *a, int32_t as_of, RtArena *arena,
             RtResult *out, const char *option, char *err, size_t errcap);

/*
 * The JIT in steps, for tests and benchmarks that run one compiled program
 * many times.  lle_jit_load compiles p into an ORC LLJIT in this process:
 *   LLE_JIT_IR      as `--backend=jit` does: the LLE_MODULE_JIT module,
 *                   linked with the runtime's object code
 *   LLE_JIT_OBJECT  the object file that `--emit=obj` writes, loaded as a
 *                   host would link it (tests)
 * lle_jit_run evaluates like rt_evaluate.  Both return 0, or -1 with a
 * reason in err.
 */
enum { LLE_JIT_IR, LLE_JIT_OBJECT };
typedef struct LleJit LleJit;
int lle_jit_load(const RtProgram *p, int how, LleJit **out, char *err, size_t errcap);
int lle_jit_run(const LleJit *j, const RtProgram *p, const RtActuals *a, int32_t as_of,
                RtArena *arena, RtResult *out, char *err, size_t errcap);
void lle_jit_unload(LleJit *j);

/* The compiled indc_eval_evaluate itself (bench/llvm.c times it). */
typedef int (*LleEvaluate)(const indc_inputs *in, int32_t as_of, indc_proj_result *proj,
                           indc_ind_result *ind);
LleEvaluate lle_jit_evaluate(const LleJit *j);

#endif /* INDC_HAVE_LLVM && INDC_LLVM_C */

#endif
