/*
 * llvm_eval.c - `indc run --backend=jit` (eval_jit in llvm_emit.h).
 *
 * Builds the program's part of the evaluator (lle_build, LLE_MODULE_JIT:
 * the tables and the indicator functions, verified and optimised at -O2)
 * and hands it to an ORC LLJIT in this process together with the runtime
 * that clang compiled to an object file at build time (lle_runtime_obj:
 * dec.c, score.c, c_evaluate.inc and the ABI's functions).  Compiling the
 * runtime once, at build time, instead of with every program makes a
 * small program's JIT some four times faster to start, and it is the same
 * code from the same C.  Then it looks up indc_eval_evaluate, converts
 * the RtActuals into the ABI's inputs (docs/c-abi.md), calls it, and
 * copies the results into an RtResult, as `--backend=c` does (c_eval.c),
 * so every report format works.
 *
 * lle_jit_load can also load the object file of `--emit=obj` instead
 * (LLE_JIT_OBJECT), which the tests use to run that object code in
 * process.
 *
 * What the code calls outside itself: memset and memcpy, from this
 * process (a search generator over its symbols), and the 128-bit division
 * helpers __udivti3 and friends, defined here from our own compiled
 * functions so that no shared library has to export them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Core.h>
#include <llvm-c/Error.h>
#include <llvm-c/LLJIT.h>
#include <llvm-c/Orc.h>

#include "c_abi_run.h"
#include "eval.h"
#include "llvm_emit.h"

/* The same step limit as the VM's evaluator (backends.c's eval_vm). */
#define LLE_STEP_LIMIT 100000u

struct LleJit {
  LLVMOrcLLJITRef jit;
  LleEvaluate evaluate;
};

/* ---- 128-bit division, for code that LLVM compiled ---------------------- */

__extension__ typedef unsigned __int128 LleU128;
__extension__ typedef __int128 LleS128;

static LleU128 lle_udivti3(LleU128 a, LleU128 b) { return a / b; }
static LleU128 lle_umodti3(LleU128 a, LleU128 b) { return a % b; }
static LleS128 lle_divti3(LleS128 a, LleS128 b) { return a / b; }
static LleS128 lle_modti3(LleS128 a, LleS128 b) { return a % b; }

/* A function's address as a JIT target address, without an object-to-
 * function pointer cast. */
#define LLE_ADDR(fn) lle_addr((void (*)(void))(fn))
static LLVMOrcJITTargetAddress lle_addr(void (*fn)(void)) {
  uintptr_t a;
  memcpy(&a, &fn, sizeof a);
  return (LLVMOrcJITTargetAddress)a;
}

/* ---- the JIT --------------------------------------------------------------- */

/* Copy an LLVMErrorRef's message into err (and consume the error). */
static int jit_error(LLVMErrorRef e, const char *what, char *err, size_t errcap) {
  char *msg = LLVMGetErrorMessage(e);
  snprintf(err, errcap, "%s: %s", what, msg);
  LLVMDisposeErrorMessage(msg);
  return -1;
}

static int jit_define_helpers(LleJit *j, LLVMOrcJITDylibRef jd, char *err, size_t errcap) {
  static const char *const names[] = {"__udivti3", "__umodti3", "__divti3", "__modti3"};
  LLVMOrcJITTargetAddress addr[] = {LLE_ADDR(lle_udivti3), LLE_ADDR(lle_umodti3),
                                    LLE_ADDR(lle_divti3), LLE_ADDR(lle_modti3)};
  LLVMJITCSymbolMapPair sym[4];
  for (int k = 0; k < 4; k++) {
    sym[k].Name = LLVMOrcLLJITMangleAndIntern(j->jit, names[k]);
    sym[k].Sym.Address = addr[k];
    sym[k].Sym.Flags.GenericFlags =
        LLVMJITSymbolGenericFlagsExported | LLVMJITSymbolGenericFlagsCallable;
    sym[k].Sym.Flags.TargetFlags = 0;
  }
  LLVMOrcMaterializationUnitRef mu = LLVMOrcAbsoluteSymbols(sym, 4);
  LLVMErrorRef e = LLVMOrcJITDylibDefine(jd, mu);
  if (!e) return 0;
  LLVMOrcDisposeMaterializationUnit(mu);
  return jit_error(e, "cannot define the JIT's helper functions", err, errcap);
}

/* The JIT reports some errors to its session as well as to the caller;
 * the caller's copy is the one we show, so the session's is dropped
 * (LLVM would print it to stderr). */
static void jit_session_error(void *ctx, LLVMErrorRef e) {
  (void)ctx;
  LLVMConsumeError(e);
}

static int jit_create(LleJit *j, char *err, size_t errcap) {
  LLVMErrorRef e = LLVMOrcCreateLLJIT(&j->jit, NULL);
  if (e) {
    j->jit = NULL;
    return jit_error(e, "cannot create the LLVM JIT", err, errcap);
  }
  LLVMOrcExecutionSessionSetErrorReporter(LLVMOrcLLJITGetExecutionSession(j->jit),
                                          jit_session_error, NULL);
  LLVMOrcJITDylibRef jd = LLVMOrcLLJITGetMainJITDylib(j->jit);
  LLVMOrcDefinitionGeneratorRef gen;
  e = LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(
      &gen, LLVMOrcLLJITGetGlobalPrefix(j->jit), NULL, NULL);
  if (e) return jit_error(e, "cannot search this process's symbols", err, errcap);
  LLVMOrcJITDylibAddGenerator(jd, gen);
  return jit_define_helpers(j, jd, err, errcap);
}

/* Add module m (in tsc's context) to the JIT: with the runtime's object
 * code, or as the object code of --emit=obj. */
static int jit_add(LleJit *j, LLVMModuleRef m, LLVMOrcThreadSafeContextRef tsc, int how,
                   char *err, size_t errcap) {
  LLVMOrcJITDylibRef jd = LLVMOrcLLJITGetMainJITDylib(j->jit);
  LLVMErrorRef e;
  if (how == LLE_JIT_OBJECT) {
    LLVMMemoryBufferRef obj;
    int rc = lle_object(m, &obj, err, errcap);
    LLVMDisposeModule(m);
    if (rc != 0) return -1;
    e = LLVMOrcLLJITAddObjectFile(j->jit, jd, obj);
  } else {
    LLVMMemoryBufferRef rt = LLVMCreateMemoryBufferWithMemoryRangeCopy(
        (const char *)lle_runtime_obj, lle_runtime_obj_size, "indc-runtime.o");
    e = LLVMOrcLLJITAddObjectFile(j->jit, jd, rt);
    if (e) {
      LLVMDisposeModule(m);
      return jit_error(e, "cannot add the runtime to the LLVM JIT", err, errcap);
    }
    e = LLVMOrcLLJITAddLLVMIRModule(j->jit, jd, LLVMOrcCreateNewThreadSafeModule(m, tsc));
  }
  return e ? jit_error(e, "cannot add the program to the LLVM JIT", err, errcap) : 0;
}

static int jit_lookup(LleJit *j, char *err, size_t errcap) {
  LLVMOrcJITTargetAddress addr = 0;
  LLVMErrorRef e = LLVMOrcLLJITLookup(j->jit, &addr, "indc_eval_evaluate");
  if (e) return jit_error(e, "cannot link the JIT-compiled program", err, errcap);
  uintptr_t a = (uintptr_t)addr;
  memcpy(&j->evaluate, &a, sizeof j->evaluate);
  return 0;
}

int lle_jit_load(const RtProgram *p, int how, LleJit **out, char *err, size_t errcap) {
  LleJit *j = calloc(1, sizeof *j);
  *out = NULL;
  if (!j) {
    snprintf(err, errcap, "out of memory");
    return -1;
  }
  LLVMOrcThreadSafeContextRef tsc = LLVMOrcCreateNewThreadSafeContext();
  LLVMModuleRef m;
  int mode = how == LLE_JIT_OBJECT ? LLE_MODULE_ABI : LLE_MODULE_JIT;
  int rc = lle_build(p, LLVMOrcThreadSafeContextGetContext(tsc), mode, &m, err, errcap);
  if (rc == 0) { /* lle_build has initialised the native target */
    rc = jit_create(j, err, errcap);
    if (rc == 0) rc = jit_add(j, m, tsc, how, err, errcap); /* takes m */
    else LLVMDisposeModule(m);
  }
  LLVMOrcDisposeThreadSafeContext(tsc);
  if (rc == 0) rc = jit_lookup(j, err, errcap);
  if (rc != 0) {
    lle_jit_unload(j);
    return -1;
  }
  *out = j;
  return 0;
}

void lle_jit_unload(LleJit *j) {
  if (!j) return;
  if (j->jit) LLVMOrcDisposeLLJIT(j->jit);
  free(j);
}

LleEvaluate lle_jit_evaluate(const LleJit *j) { return j->evaluate; }

/* ---- running it: as c_eval.c's ce_run -------------------------------------- */

int lle_jit_run(const LleJit *j, const RtProgram *p, const RtActuals *a, int32_t as_of,
                RtArena *arena, RtResult *out, char *err, size_t errcap) {
  return abi_run(j->evaluate, p, a, as_of, arena, out, err, errcap);
}

/* eval_vm's step limit, with its message: what the VM refuses, so do we. */
static int over_step_limit(const RtProgram *p, char *err, size_t errcap) {
  for (uint32_t i = 0; i < p->nindicators; i++)
    if (p->indicators[i].ncode > LLE_STEP_LIMIT) {
      rt_eval_steps_message(p, i, LLE_STEP_LIMIT, err, errcap);
      return 1;
    }
  return 0;
}

int eval_jit(const RtProgram *p, const RtActuals *a, int32_t as_of, RtArena *arena,
             RtResult *out, const char *option, char *err, size_t errcap) {
  LleJit *j;
  (void)option;
  memset(out, 0, sizeof *out);
  if (over_step_limit(p, err, errcap)) return -1;
  if (lle_jit_load(p, LLE_JIT_IR, &j, err, errcap) != 0) return -1;
  int rc = lle_jit_run(j, p, a, as_of, arena, out, err, errcap);
  lle_jit_unload(j);
  return rc;
}

/* What llvm_load.c finds in this module. */
__attribute__((visibility("default"))) extern const LlePlugin lle_plugin;
const LlePlugin lle_plugin = {sizeof(LlePlugin), INDC_VERSION, emit_llvm_ir, emit_obj, eval_jit};
