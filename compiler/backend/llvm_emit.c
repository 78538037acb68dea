/*
 * llvm_emit.c - the LLVM generator (llvm_emit.h, docs/llvm.md).
 *
 * lle_build, in order:
 *   1. parse the embedded bitcode of llvm_runtime.c: dec.c, score.c and
 *      c_evaluate.inc as clang compiled them, with lle_program and
 *      lle_code declared but not defined; for the JIT, turn the runtime's
 *      functions into declarations (the JIT links its object code) except
 *      the small helpers that generated code inlines;
 *   2. check that this compiler's layout of the ABI's structs (c_abi.h) is
 *      the runtime's: pointer size, byte order, struct sizes;
 *   3. build the tables: units, scales, policies and fields as images of
 *      those structs (their strings in one blob), the encoded projects,
 *      indicators, forms and score records of c_tables.inc as one byte
 *      array (ctab.h, the C backend's very bytes), and lle_program;
 *   4. translate each distinct code of a derived actual into a function
 *      (CeCode of c_evaluate.inc; every other indicator is scored by the
 *      evaluation loop from its score record, ctab.h) and fill lle_code,
 *      the function of each code;
 *   5. make every definition internal except the exports;
 *   6. LLVMVerifyModule, then "default<O2>" through the new pass manager.
 *
 * Translating code.  An indicator's code is a forward-only stack program
 * that bc_verify has checked (docs/bytecode.md), so the stack height
 * before every reachable word is known.  Stack position K is an alloca
 * that the optimiser turns into SSA values; each jump target starts a
 * basic block.  Everything that can fail (FIELD, ADD, SUB, MUL, DIV)
 * branches to a block that returns CE_MISSING or CE_UNDEFINED, in code
 * order, so the first failure decides as in the VM (runtime/vm.c).  Reads
 * of the actual and raw fields go through small functions of
 * llvm_runtime.c, which the optimiser inlines; the SCORE_* instructions
 * call its out-of-line score wrappers.
 *
 * Sharing code.  Only derived actuals (and code that is not canonical)
 * have functions, and those with equal code share one (ctab.h), which
 * keeps large programs within LLVM's reach; the C backend does the same.
 */
#include "llvm_emit.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <llvm-c/IRReader.h>
#include <llvm-c/Target.h>
#include <llvm-c/Transforms/PassBuilder.h>

#include "bc_format.h"
#include "c_emit.h"
#include "ctab.h"
#include "support/strmap.h"

#define CE_LAYOUT_ONLY
#include "c_tables.inc"

/* What an indicator function returns: CE_* of c_evaluate.inc. */
enum { LLE_SCORED = 0, LLE_MISSING = 1, LLE_UNDEFINED = 2, LLE_STEPS = 3 };

/* ---- state ---------------------------------------------------------------- */

/* A function of the runtime, with its type (for LLVMBuildCall2). */
typedef struct LleFn {
  LLVMValueRef fn;
  LLVMTypeRef ty;
} LleFn;

typedef struct Lle {
  const RtProgram *p;
  LLVMContextRef ctx;
  LLVMModuleRef mod;
  LLVMTargetDataRef td;
  char *err;
  size_t errcap;
  LLVMTypeRef i8, i32, i64, ptr;     /* ptr: i8* */
  int mode;                          /* LLE_MODULE_ABI or LLE_MODULE_JIT */
  LLVMTypeRef code_ty;               /* i32 (CeArgs *, CeVm *) */
  /* strings: one blob, each string at its offset */
  StrMap str_off;                    /* string -> offset + 1 */
  char *blob;
  size_t nblob, capblob;
  LLVMValueRef blob_g;
  LLVMTypeRef blob_ty;
  /* the runtime's helpers (llvm_runtime.c) */
  LleFn actual, adate, arank, has_field, field, squant, sord, sdate, sgraded;
  LleFn dec_add, dec_sub, dec_mul, dec_div;
  LLVMAttributeRef fn_attrs[8];      /* copied onto every generated function */
  int nfn_attrs;
  CtabTables tab;                    /* shared functions and encoded tables */
} Lle;

__attribute__((format(printf, 2, 3))) static int lle_fail(Lle *l, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(l->err, l->errcap, fmt, ap);
  va_end(ap);
  return -1;
}

/* prefix and LLVM's message, on one line (the message may hold several). */
static void lle_message(const char *msg, char *err, size_t errcap, const char *prefix) {
  size_t n = (size_t)snprintf(err, errcap, "%s", prefix);
  for (const char *s = msg ? msg : "(no message)"; *s && n + 2 < errcap; s++) {
    if (*s == '\n' && s[1] == '\0') break;
    err[n++] = *s == '\n' ? ';' : *s;
    if (*s == '\n') err[n++] = ' ';
  }
  if (n < errcap) err[n] = '\0';
}

/* The same, and dispose of a message from LLVM's C API. */
static void lle_take_message(char *msg, char *err, size_t errcap, const char *prefix) {
  lle_message(msg, err, errcap, prefix);
  if (msg) LLVMDisposeMessage(msg);
}

static LLVMValueRef k32(Lle *l, int64_t v) { return LLVMConstInt(l->i32, (unsigned long long)v, 1); }
static LLVMValueRef k64(Lle *l, int64_t v) { return LLVMConstInt(l->i64, (unsigned long long)v, 1); }

/* ---- 1. the runtime ----------------------------------------------------------- */

static int lle_parse_runtime(Lle *l) {
  LLVMMemoryBufferRef buf = LLVMCreateMemoryBufferWithMemoryRange(
      (const char *)lle_runtime_bc, lle_runtime_bc_size, "indc-runtime", 0);
  char *msg = NULL;
  if (LLVMParseIRInContext(l->ctx, buf, &l->mod, &msg)) {
    lle_take_message(msg, l->err, l->errcap,
                     "internal error: cannot read the embedded runtime bitcode: ");
    return -1;
  }
  if (msg) LLVMDisposeMessage(msg);
  LLVMSetModuleIdentifier(l->mod, "indc", 4);
  LLVMSetSourceFileName(l->mod, "indc", 4);
  l->td = LLVMGetModuleDataLayout(l->mod);
  return 0;
}

static int lle_runtime_fn(Lle *l, const char *name, LleFn *out) {
  out->fn = LLVMGetNamedFunction(l->mod, name);
  if (!out->fn) return lle_fail(l, "internal error: the embedded runtime has no %s", name);
  out->ty = LLVMGlobalGetValueType(out->fn);
  return 0;
}

/* The attributes of generated functions: those of the runtime's own
 * (target CPU and features, nounwind, unwind tables), so the optimiser
 * may inline the runtime into them and code generation treats all alike. */
static void lle_collect_attrs(Lle *l) {
  static const char *const str_attrs[] = {"target-cpu", "target-features", "tune-cpu",
                                          "frame-pointer"};
  static const char *const enum_attrs[] = {"nounwind", "uwtable"};
  LLVMValueRef ref = LLVMGetNamedFunction(l->mod, "indc_eval_evaluate");
  for (size_t i = 0; i < sizeof str_attrs / sizeof *str_attrs; i++) {
    LLVMAttributeRef a = LLVMGetStringAttributeAtIndex(ref, LLVMAttributeFunctionIndex,
                                                       str_attrs[i], (unsigned)strlen(str_attrs[i]));
    if (a) l->fn_attrs[l->nfn_attrs++] = a;
  }
  for (size_t i = 0; i < sizeof enum_attrs / sizeof *enum_attrs; i++) {
    unsigned kind = LLVMGetEnumAttributeKindForName(enum_attrs[i], strlen(enum_attrs[i]));
    LLVMAttributeRef a = kind ? LLVMGetEnumAttributeAtIndex(ref, LLVMAttributeFunctionIndex, kind)
                              : NULL;
    if (a) l->fn_attrs[l->nfn_attrs++] = a;
  }
}

/* For the JIT: the runtime's functions become declarations, to be linked
 * with its object code, except those that generated code should inline. */
static int lle_strip_runtime(Lle *l) {
  static const char *const inline_fns[] = {"lle_actual", "lle_adate", "lle_arank",
                                           "lle_has_field", "lle_field", "dec_add",
                                           "dec_sub", "dec_mul", "dec_div"};
  LLVMValueRef next;
  for (LLVMValueRef f = LLVMGetFirstFunction(l->mod); f; f = next) {
    next = LLVMGetNextFunction(f);
    size_t n;
    const char *name = LLVMGetValueName2(f, &n);
    int keep = LLVMIsDeclaration(f) || LLVMGetLinkage(f) != LLVMExternalLinkage;
    for (size_t k = 0; k < sizeof inline_fns / sizeof *inline_fns && !keep; k++)
      keep = !strcmp(name, inline_fns[k]);
    if (keep) continue;
    char *copy = malloc(n + 1);
    if (!copy) return lle_fail(l, "out of memory");
    memcpy(copy, name, n);
    copy[n] = '\0';
    LLVMValueRef decl = LLVMAddFunction(l->mod, "", LLVMGlobalGetValueType(f));
    LLVMReplaceAllUsesWith(f, decl);
    LLVMDeleteFunction(f);
    LLVMSetValueName2(decl, copy, n);
    free(copy);
  }
  return 0;
}

static int lle_runtime(Lle *l) {
  l->i8 = LLVMInt8TypeInContext(l->ctx);
  l->i32 = LLVMInt32TypeInContext(l->ctx);
  l->i64 = LLVMInt64TypeInContext(l->ctx);
  l->ptr = LLVMPointerType(l->i8, 0);
  if (lle_parse_runtime(l) != 0) return -1;
  if (!LLVMGetNamedFunction(l->mod, "indc_eval_evaluate"))
    return lle_fail(l, "internal error: the embedded runtime has no indc_eval_evaluate");
  lle_collect_attrs(l);
  if (l->mode == LLE_MODULE_JIT && lle_strip_runtime(l) != 0) return -1;
  if (lle_runtime_fn(l, "lle_actual", &l->actual) || lle_runtime_fn(l, "lle_adate", &l->adate) ||
      lle_runtime_fn(l, "lle_arank", &l->arank) ||
      lle_runtime_fn(l, "lle_has_field", &l->has_field) ||
      lle_runtime_fn(l, "lle_field", &l->field) || lle_runtime_fn(l, "lle_squant", &l->squant) ||
      lle_runtime_fn(l, "lle_sord", &l->sord) || lle_runtime_fn(l, "lle_sdate", &l->sdate) ||
      lle_runtime_fn(l, "lle_sgraded", &l->sgraded) ||
      lle_runtime_fn(l, "dec_add", &l->dec_add) || lle_runtime_fn(l, "dec_sub", &l->dec_sub) ||
      lle_runtime_fn(l, "dec_mul", &l->dec_mul) || lle_runtime_fn(l, "dec_div", &l->dec_div))
    return -1;
  if (!LLVMGetNamedGlobal(l->mod, "lle_program") || !LLVMGetNamedGlobal(l->mod, "lle_code"))
    return lle_fail(l, "internal error: the embedded runtime lacks lle_program or lle_code");
  /* CeCode: int (*)(const CeArgs *, CeVm *), with the runtime's own types */
  LLVMTypeRef params[2], sq[6];
  LLVMGetParamTypes(l->actual.ty, params);
  LLVMGetParamTypes(l->squant.ty, sq);
  params[1] = sq[1];
  l->code_ty = LLVMFunctionType(l->i32, params, 2, 0);
  return 0;
}

/* ---- 2. and 3. the tables ------------------------------------------------------ */

/*
 * A table is the image of C structs of c_abi.h as this compiler lays them
 * out: the runtime was compiled by clang for this machine, so its layout is
 * this compiler's (lle_check_layout compares what it can).  The image is a
 * run of 64-bit words; a word that holds a pointer (a string, another
 * table) is a constant expression of its own.  A table without pointers is
 * one byte string.  Words, not typed structs, because LLVM's object writer
 * starts a new fragment at every stretch of padding or NULL pointer, which
 * cost gigabytes on a 10,000-project program.
 */
typedef struct LleImage {
  uint64_t *w;       /* the words */
  size_t n, cap;
  size_t *at;        /* pointer words: index ... */
  LLVMValueRef *ptr; /* ... and value (an i8*) */
  size_t nptr, capptr;
} LleImage;

static void img_free(LleImage *im) {
  free(im->w);
  free(im->at);
  free(im->ptr);
  memset(im, 0, sizeof *im);
}

/* Append the bytes of one struct (size a multiple of 8); returns the
 * index of its first word, or -1 when out of memory. */
static long img_add(Lle *l, LleImage *im, const void *obj, size_t size) {
  size_t k = size / 8;
  if (im->n + k > im->cap) {
    size_t cap = im->cap ? im->cap * 2 : 64;
    while (cap < im->n + k) cap *= 2;
    uint64_t *w = realloc(im->w, cap * sizeof *w);
    if (!w) return lle_fail(l, "out of memory");
    im->w = w;
    im->cap = cap;
  }
  memcpy(im->w + im->n, obj, size);
  im->n += k;
  return (long)(im->n - k);
}

/* The word at byte offset off of the struct at word `base` holds v (an i8*;
 * nothing when v is NULL: the word stays 0). */
static int img_ptr(Lle *l, LleImage *im, long base, size_t off, LLVMValueRef v) {
  if (!v || base < 0) return base < 0 ? -1 : 0;
  if (im->nptr == im->capptr) {
    size_t cap = im->capptr ? im->capptr * 2 : 64;
    size_t *at = realloc(im->at, cap * sizeof *at);
    if (at) im->at = at;
    LLVMValueRef *ptr = at ? realloc(im->ptr, cap * sizeof *ptr) : NULL;
    if (!ptr) return lle_fail(l, "out of memory");
    im->ptr = ptr;
    im->capptr = cap;
  }
  im->at[im->nptr] = (size_t)base + off / 8;
  im->ptr[im->nptr++] = v;
  return 0;
}

/* The table as a constant global; NULL when out of memory.  An empty table is one zeroed struct of `size` bytes, as the C
 * backend's `T x[1];`. */
static LLVMValueRef img_global(Lle *l, LleImage *im, const char *name, size_t size) {
  LLVMValueRef init;
  if (im->n == 0) {
    init = LLVMConstNull(LLVMArrayType(l->i8, (unsigned)size));
  } else if (im->nptr == 0) {
    init = LLVMConstStringInContext(l->ctx, (const char *)im->w, (unsigned)(im->n * 8), 1);
  } else {
    LLVMValueRef *v = malloc(im->n * sizeof *v);
    if (!v) return lle_fail(l, "out of memory"), NULL;
    for (size_t k = 0; k < im->n; k++) v[k] = NULL;
    for (size_t k = 0; k < im->nptr; k++) v[im->at[k]] = LLVMConstPtrToInt(im->ptr[k], l->i64);
    for (size_t k = 0; k < im->n; k++)
      if (!v[k]) v[k] = LLVMConstInt(l->i64, im->w[k], 0);
    init = LLVMConstArray(l->i64, v, (unsigned)im->n);
    free(v);
  }
  LLVMValueRef g = LLVMAddGlobal(l->mod, LLVMTypeOf(init), name);
  LLVMSetInitializer(g, init);
  LLVMSetGlobalConstant(g, 1);
  LLVMSetLinkage(g, LLVMInternalLinkage);
  LLVMSetAlignment(g, 8);
  img_free(im);
  return g;
}

/* A table global as the i8* that a pointer word holds. */
static LLVMValueRef gptr(Lle *l, LLVMValueRef g) { return g ? LLVMConstBitCast(g, l->ptr) : NULL; }

/* Where the image can go wrong: pointer size, byte order, and the sizes
 * of the structs clang laid out for the runtime (those it kept names of). */
static int lle_check_layout(Lle *l) {
  static const struct { const char *name; size_t size; } sizes[] = {
      {"struct.indc_unit", sizeof(indc_unit)},       {"struct.indc_scale", sizeof(indc_scale)},
      {"struct.indc_policy", sizeof(indc_policy)},   {"struct.indc_target", sizeof(indc_target)},
      {"struct.indc_project", sizeof(indc_project)}, {"struct.indc_indicator", sizeof(indc_indicator)},
      {"struct.indc_program", sizeof(indc_program)},
      {"struct.indc_tables", sizeof(indc_tables)}};
  const uint16_t probe = 1;
  int little = *(const uint8_t *)&probe == 1;
  if (LLVMPointerSize(l->td) != sizeof(void *) ||
      (LLVMByteOrder(l->td) == LLVMLittleEndian) != little)
    return lle_fail(l, "internal error: the embedded runtime is for another kind of machine");
  for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
    LLVMTypeRef t = LLVMGetTypeByName2(l->ctx, sizes[k].name);
    if (t && LLVMTypeIsSized(t) && LLVMABISizeOfType(l->td, t) != sizes[k].size)
      return lle_fail(l, "internal error: %s has %llu bytes in the runtime, %zu here",
                      sizes[k].name, LLVMABISizeOfType(l->td, t), sizes[k].size);
  }
  return 0;
}

/* Put s in the blob once. */
static int lle_intern(Lle *l, const char *s) {
  if (!s || strmap_get(&l->str_off, s)) return 0;
  size_t n = strlen(s) + 1;
  if (l->nblob + n > l->capblob) {
    size_t cap = l->capblob ? l->capblob : 4096;
    while (cap < l->nblob + n) cap *= 2;
    char *b = realloc(l->blob, cap);
    if (!b) return lle_fail(l, "out of memory");
    l->blob = b;
    l->capblob = cap;
  }
  memcpy(l->blob + l->nblob, s, n);
  strmap_put(&l->str_off, s, (void *)(uintptr_t)(l->nblob + 1));
  l->nblob += n;
  return 0;
}

/* Every string of the struct tables, once, in one blob (none for the JIT);
 * those of projects and indicators are in the encoded tables. */
static int lle_strings(Lle *l) {
  const RtProgram *p = l->p;
  if (l->mode != LLE_MODULE_ABI) return 0;
  int rc = lle_intern(l, "");
  for (uint32_t u = 0; u < p->nunits; u++) rc |= lle_intern(l, p->units[u].name);
  for (uint32_t s = 0; s < p->nscales; s++) {
    rc |= lle_intern(l, p->scales[s].name);
    for (uint32_t m = 0; m < p->scales[s].nmembers; m++) rc |= lle_intern(l, p->scales[s].members[m]);
  }
  for (uint32_t f = 0; f < p->nfields; f++) rc |= lle_intern(l, p->fields[f]);
  if (rc) return -1;
  LLVMValueRef init = LLVMConstStringInContext(l->ctx, l->blob, (unsigned)l->nblob, 1);
  l->blob_ty = LLVMTypeOf(init);
  l->blob_g = LLVMAddGlobal(l->mod, l->blob_ty, "lle_strings");
  LLVMSetInitializer(l->blob_g, init);
  LLVMSetGlobalConstant(l->blob_g, 1);
  LLVMSetLinkage(l->blob_g, LLVMPrivateLinkage);
  LLVMSetUnnamedAddress(l->blob_g, LLVMGlobalUnnamedAddr);
  return 0;
}

/* A string of the program as a char * into the blob; NULL for NULL, and
 * for every string in the JIT's tables. */
static LLVMValueRef kstr(Lle *l, const char *s) {
  if (!s || l->mode != LLE_MODULE_ABI) return NULL;
  uintptr_t off = (uintptr_t)strmap_get(&l->str_off, s) - 1;
  LLVMValueRef idx[2] = {k64(l, 0), k64(l, (int64_t)off)};
  return LLVMConstInBoundsGEP2(l->blob_ty, l->blob_g, idx, 2);
}

#define IMG_STR(l, im, base, T, field, s) img_ptr(l, im, base, offsetof(T, field), kstr(l, s))

static LLVMValueRef lle_units(Lle *l) {
  LleImage im = {0};
  for (uint32_t u = 0; u < l->p->nunits; u++) {
    indc_unit x;
    memset(&x, 0, sizeof x);
    x.dim = l->p->units[u].dim;
    x.factor = l->p->units[u].factor;
    long at = img_add(l, &im, &x, sizeof x);
    if (IMG_STR(l, &im, at, indc_unit, name, l->p->units[u].name)) return img_free(&im), NULL;
  }
  return img_global(l, &im, "lle_units", sizeof(indc_unit));
}

/* The member names of scale s as a table of char * in *out (NULL without
 * names or members); -1 when out of memory. */
static int lle_members(Lle *l, const RtScale *sc, LLVMValueRef *out) {
  LleImage im = {0};
  *out = NULL;
  if (l->mode != LLE_MODULE_ABI || sc->nmembers == 0) return 0;
  for (uint32_t m = 0; m < sc->nmembers; m++) {
    const char *none = NULL;
    long at = img_add(l, &im, &none, sizeof none);
    if (img_ptr(l, &im, at, 0, kstr(l, sc->members[m]))) return img_free(&im), -1;
  }
  *out = gptr(l, img_global(l, &im, "lle_scale_members", sizeof(char *)));
  return *out ? 0 : -1;
}

static LLVMValueRef lle_scales(Lle *l) {
  LleImage im = {0};
  for (uint32_t s = 0; s < l->p->nscales; s++) {
    const RtScale *sc = &l->p->scales[s];
    indc_scale x;
    memset(&x, 0, sizeof x);
    x.nmembers = sc->nmembers;
    LLVMValueRef members;
    long at = img_add(l, &im, &x, sizeof x);
    if (lle_members(l, sc, &members) || IMG_STR(l, &im, at, indc_scale, name, sc->name) ||
        img_ptr(l, &im, at, offsetof(indc_scale, members), members))
      return img_free(&im), NULL;
  }
  return img_global(l, &im, "lle_scales", sizeof(indc_scale));
}

static void lle_band(indc_band *d, const RtBand *s) {
  d->lo = s->lo;
  d->hi = s->hi;
  d->dflt = s->dflt;
}

static LLVMValueRef lle_policies(Lle *l) {
  LleImage im = {0};
  for (uint32_t k = 0; k < l->p->npolicies; k++) {
    const RtPolicy *po = &l->p->policies[k];
    indc_policy x;
    memset(&x, 0, sizeof x);
    x.w_output = po->w_output;
    x.w_benefit = po->w_benefit;
    x.w_satisfaction = po->w_satisfaction;
    x.w_rate = po->w_rate;
    x.reverse = po->reverse;
    lle_band(&x.met, &po->met);
    lle_band(&x.partial, &po->partial);
    lle_band(&x.unmet, &po->unmet);
    x.grade_excellent = po->grade_excellent;
    x.grade_good = po->grade_good;
    x.grade_fair = po->grade_fair;
    x.overshoot = po->overshoot;
    x.low_rate = po->low_rate;
    x.lag = po->lag;
    if (img_add(l, &im, &x, sizeof x) < 0) return img_free(&im), NULL;
  }
  return img_global(l, &im, "lle_policies", sizeof(indc_policy));
}

/* The encoded projects, indicators and forms (c_tables.inc), and the
 * indc_tables that points to them. */
static LLVMValueRef lle_encoded(Lle *l) {
  const CtabTables *t = &l->tab;
  LLVMValueRef init = LLVMConstStringInContext(l->ctx, t->len ? (const char *)t->data : "",
                                               t->len ? (unsigned)t->len : 1, 1);
  LLVMValueRef data = LLVMAddGlobal(l->mod, LLVMTypeOf(init), "lle_data");
  LLVMSetInitializer(data, init);
  LLVMSetGlobalConstant(data, 1);
  LLVMSetLinkage(data, LLVMInternalLinkage);
  LLVMSetAlignment(data, 64); /* as the C backend's: score records on cache lines */
  indc_tables x;
  memset(&x, 0, sizeof x);
  x.projects = t->projects;
  x.indicators = t->indicators;
  x.forms = t->forms;
  x.score_of = t->score_of;
  x.scores = t->scores;
  LleImage im = {0};
  long at = img_add(l, &im, &x, sizeof x);
  if (img_ptr(l, &im, at, offsetof(indc_tables, data), gptr(l, data))) return img_free(&im), NULL;
  return img_global(l, &im, "lle_tables", sizeof x);
}

static LLVMValueRef lle_fields(Lle *l) {
  LleImage im = {0};
  for (uint32_t f = 0; f < l->p->nfields; f++) {
    const char *none = NULL;
    long at = img_add(l, &im, &none, sizeof none);
    if (img_ptr(l, &im, at, 0, kstr(l, l->p->fields[f]))) return img_free(&im), NULL;
  }
  return img_global(l, &im, "lle_fields", sizeof(char *));
}

/* Replace the runtime's declaration `name` by the definition g. */
static void lle_define(Lle *l, const char *name, LLVMValueRef g) {
  LLVMValueRef decl = LLVMGetNamedGlobal(l->mod, name);
  LLVMReplaceAllUsesWith(decl, LLVMConstBitCast(g, LLVMTypeOf(decl)));
  LLVMDeleteGlobal(decl);
  LLVMSetValueName2(g, name, strlen(name));
}

/* Every table, then lle_program, which points to them. */
static int lle_tables(Lle *l) {
  const RtProgram *p = l->p;
  LLVMValueRef t[5] = {lle_units(l), lle_scales(l), lle_policies(l), lle_fields(l),
                       lle_encoded(l)};
  for (int k = 0; k < 5; k++)
    if (!(t[k] = gptr(l, t[k]))) return -1;
  indc_program x;
  memset(&x, 0, sizeof x);
  x.abi_version = INDC_ABI_VERSION;
  x.nunits = p->nunits;
  x.nscales = p->nscales;
  x.npolicies = p->npolicies;
  x.nprojects = p->nprojects;
  x.nindicators = p->nindicators;
  x.nfields = p->nfields;
  static const size_t off[5] = {offsetof(indc_program, units), offsetof(indc_program, scales),
                                offsetof(indc_program, policies), offsetof(indc_program, fields),
                                offsetof(indc_program, tables)};
  LleImage im = {0};
  long at = img_add(l, &im, &x, sizeof x);
  for (int k = 0; k < 5; k++)
    if (img_ptr(l, &im, at, off[k], t[k])) return img_free(&im), -1;
  LLVMValueRef g = img_global(l, &im, "lle_program.def", sizeof x);
  if (!g) return -1;
  lle_define(l, "lle_program", g);
  return 0;
}

/* ---- 4. indicator functions --------------------------------------------------------- */

typedef struct Gen {
  Lle *l;
  const uint32_t *code;
  uint32_t n;
  int32_t *height;             /* stack height before each word */
  uint8_t *target;             /* 1 at a jump target (n: the end) */
  LLVMBasicBlockRef *block;    /* the block of each jump target */
  LLVMValueRef fn, x, o, tmp;
  LLVMValueRef slot[BC_MAX_STACK];
  LLVMBasicBlockRef missing, undefined;
  LLVMBuilderRef b;
  int sp, dead;
} Gen;

/* Where the jump at pc goes; past the end is the end, where the VM's
 * loop stops too. */
static uint32_t gen_to(const Gen *g, uint32_t pc) {
  uint64_t to = (uint64_t)pc + 1 + BC_A(g->code[pc]);
  return to < g->n ? (uint32_t)to : g->n;
}

/* Stack heights and jump targets, as c_emit.c's tr_heights: the code is
 * verified, so every reachable word has one height. */
static int gen_heights(Gen *g) {
  int32_t h = 0, max = 0;
  for (uint32_t pc = 0; pc < g->n; pc++) {
    if (pc > 0 && BC_OP(g->code[pc - 1]) == BC_JMP) h = g->height[pc];
    g->height[pc] = h;
    uint32_t op = BC_OP(g->code[pc]), to = gen_to(g, pc);
    if (op >= BC__NOPS) break;
    h += (int32_t)bc_ops[op].pushes - (int32_t)bc_ops[op].pops;
    if (h > max) max = h;
    if (op == BC_JZ || op == BC_JMP) {
      g->height[to] = h;
      g->target[to] = 1;
    }
  }
  return max;
}

static void gen_push(Gen *g, LLVMValueRef v) {
  if (g->sp >= 0 && g->sp < (int)BC_MAX_STACK) LLVMBuildStore(g->b, v, g->slot[g->sp]);
  g->sp++;
}

static LLVMValueRef gen_pop(Gen *g) {
  g->sp--;
  if (g->sp < 0 || g->sp >= (int)BC_MAX_STACK) return k64(g->l, 0);
  return LLVMBuildLoad2(g->b, g->l->i64, g->slot[g->sp], "");
}

static LLVMValueRef gen_call(Gen *g, const LleFn *f, LLVMValueRef *args, unsigned n) {
  return LLVMBuildCall2(g->b, f->ty, f->fn, args, n, "");
}

static void gen_ret(Gen *g, int state) {
  LLVMBuildRet(g->b, k32(g->l, state));
  g->dead = 1;
}

/* A block that returns `state`, made on first use. */
static LLVMBasicBlockRef gen_exit(Gen *g, LLVMBasicBlockRef *bb, int state) {
  if (!*bb) {
    LLVMBasicBlockRef here = LLVMGetInsertBlock(g->b);
    *bb = LLVMAppendBasicBlockInContext(g->l->ctx, g->fn, state == LLE_MISSING ? "missing"
                                                                               : "undefined");
    LLVMPositionBuilderAtEnd(g->b, *bb);
    LLVMBuildRet(g->b, k32(g->l, state));
    LLVMPositionBuilderAtEnd(g->b, here);
  }
  return *bb;
}

/* Continue in a new block when ok holds, else leave through `bad`. */
static void gen_check(Gen *g, LLVMValueRef ok, LLVMBasicBlockRef bad) {
  LLVMBasicBlockRef cont = LLVMAppendBasicBlockInContext(g->l->ctx, g->fn, "");
  LLVMBuildCondBr(g->b, ok, cont, bad);
  LLVMPositionBuilderAtEnd(g->b, cont);
}

static void gen_field(Gen *g, uint32_t f) {
  LLVMValueRef args[2] = {g->x, k32(g->l, (int32_t)f)};
  LLVMValueRef has = gen_call(g, &g->l->has_field, args, 2);
  gen_check(g, LLVMBuildICmp(g->b, LLVMIntNE, has, k32(g->l, 0), ""),
            gen_exit(g, &g->missing, LLE_MISSING));
  gen_push(g, gen_call(g, &g->l->field, args, 2));
}

/* ADD SUB MUL DIV: dec_*(a, b, &tmp); a failure is CE_UNDEFINED. */
static void gen_arith(Gen *g, const LleFn *f) {
  LLVMValueRef bv = gen_pop(g), av = gen_pop(g);
  LLVMValueRef args[3] = {av, bv, g->tmp};
  LLVMValueRef st = gen_call(g, f, args, 3);
  gen_check(g, LLVMBuildICmp(g->b, LLVMIntEQ, st, LLVMConstInt(LLVMTypeOf(st), 0, 0), ""),
            gen_exit(g, &g->undefined, LLE_UNDEFINED));
  gen_push(g, LLVMBuildLoad2(g->b, g->l->i64, g->tmp, ""));
}

/* A truth value as the VM's Dec: 1 or 0. */
static LLVMValueRef gen_bool(Gen *g, LLVMValueRef c) {
  return LLVMBuildSelect(g->b, c, k64(g->l, DEC_ONE), k64(g->l, 0), "");
}

static void gen_compare(Gen *g, LLVMIntPredicate pred) {
  LLVMValueRef bv = gen_pop(g), av = gen_pop(g);
  gen_push(g, gen_bool(g, LLVMBuildICmp(g->b, pred, av, bv, "")));
}

/* MIN keeps b when b < a, MAX when b > a, as the VM. */
static void gen_minmax(Gen *g, LLVMIntPredicate pred) {
  LLVMValueRef bv = gen_pop(g), av = gen_pop(g);
  gen_push(g, LLVMBuildSelect(g->b, LLVMBuildICmp(g->b, pred, bv, av, ""), bv, av, ""));
}

static void gen_logic(Gen *g, int is_and) {
  LLVMValueRef bv = gen_pop(g), av = gen_pop(g);
  LLVMValueRef a0 = LLVMBuildICmp(g->b, LLVMIntNE, av, k64(g->l, 0), "");
  LLVMValueRef b0 = LLVMBuildICmp(g->b, LLVMIntNE, bv, k64(g->l, 0), "");
  gen_push(g, gen_bool(g, is_and ? LLVMBuildAnd(g->b, a0, b0, "") : LLVMBuildOr(g->b, a0, b0, "")));
}

/* The score instructions, with the VM's operands in the VM's order. */
static void gen_score(Gen *g, uint32_t op, uint32_t a) {
  Lle *l = g->l;
  LLVMValueRef v[4];
  int n = op == BC_SDATE ? 4 : op == BC_SGRADED ? 1 : 3;
  for (int k = n - 1; k >= 0; k--) v[k] = gen_pop(g); /* v[0] is w */
  if (op == BC_SQUANT) {
    LLVMValueRef args[6] = {g->x, g->o, k32(l, (int32_t)a), v[0], v[1], v[2]};
    gen_call(g, &l->squant, args, 6);
  } else if (op == BC_SORD) {
    LLVMValueRef args[4] = {g->o, v[0], v[1], v[2]};
    gen_call(g, &l->sord, args, 4);
  } else if (op == BC_SDATE) {
    LLVMValueRef args[5] = {g->o, v[0], v[1], v[2], v[3]};
    gen_call(g, &l->sdate, args, 5);
  } else {
    LLVMValueRef args[3] = {g->x, g->o, v[0]};
    gen_call(g, &l->sgraded, args, 3);
  }
}

static void gen_jz(Gen *g, uint32_t to) {
  LLVMValueRef c = LLVMBuildICmp(g->b, LLVMIntEQ, gen_pop(g), k64(g->l, 0), "");
  LLVMBasicBlockRef next = LLVMAppendBasicBlockInContext(g->l->ctx, g->fn, "");
  LLVMBuildCondBr(g->b, c, g->block[to], next);
  LLVMPositionBuilderAtEnd(g->b, next);
}

/* One word. */
static void gen_word(Gen *g, uint32_t pc) {
  Lle *l = g->l;
  uint32_t w = g->code[pc], op = BC_OP(w), a = BC_A(w);
  switch (op) {
  case BC_NOP: break;
  case BC_KONST: gen_push(g, k64(l, a < l->p->nconsts ? l->p->consts[a] : 0)); break;
  case BC_ACTUAL: gen_push(g, gen_call(g, &l->actual, &g->x, 1)); break;
  case BC_ADATE: gen_push(g, gen_call(g, &l->adate, &g->x, 1)); break;
  case BC_ARANK: gen_push(g, gen_call(g, &l->arank, &g->x, 1)); break;
  case BC_FIELD: gen_field(g, a); break;
  case BC_ADD: gen_arith(g, &l->dec_add); break;
  case BC_SUB: gen_arith(g, &l->dec_sub); break;
  case BC_MUL: gen_arith(g, &l->dec_mul); break;
  case BC_DIV: gen_arith(g, &l->dec_div); break;
  case BC_NEG: gen_push(g, LLVMBuildSub(g->b, k64(l, 0), gen_pop(g), "")); break;
  case BC_MIN: gen_minmax(g, LLVMIntSLT); break;
  case BC_MAX: gen_minmax(g, LLVMIntSGT); break;
  case BC_LT: gen_compare(g, LLVMIntSLT); break;
  case BC_LE: gen_compare(g, LLVMIntSLE); break;
  case BC_GT: gen_compare(g, LLVMIntSGT); break;
  case BC_GE: gen_compare(g, LLVMIntSGE); break;
  case BC_EQ: gen_compare(g, LLVMIntEQ); break;
  case BC_NE: gen_compare(g, LLVMIntNE); break;
  case BC_NOT:
    gen_push(g, gen_bool(g, LLVMBuildICmp(g->b, LLVMIntEQ, gen_pop(g), k64(l, 0), "")));
    break;
  case BC_AND: gen_logic(g, 1); break;
  case BC_OR: gen_logic(g, 0); break;
  case BC_JMP:
    LLVMBuildBr(g->b, g->block[gen_to(g, pc)]);
    g->dead = 1;
    break;
  case BC_JZ: gen_jz(g, gen_to(g, pc)); break;
  case BC_SQUANT: case BC_SORD: case BC_SDATE: case BC_SGRADED: gen_score(g, op, a); break;
  case BC_RET: gen_ret(g, LLE_SCORED); break;
  default: gen_ret(g, LLE_UNDEFINED); break; /* rejected by the verifier */
  }
}

/* The body: allocas for the stack in the entry block, then the words;
 * falling off the end, or jumping to it, scores (as the VM's loop). */
static void gen_body(Gen *g, int depth) {
  Lle *l = g->l;
  LLVMBasicBlockRef entry = LLVMAppendBasicBlockInContext(l->ctx, g->fn, "entry");
  LLVMPositionBuilderAtEnd(g->b, entry);
  for (int k = 0; k < depth && k < (int)BC_MAX_STACK; k++)
    g->slot[k] = LLVMBuildAlloca(g->b, l->i64, "");
  g->tmp = LLVMBuildAlloca(g->b, l->i64, "tmp");
  for (uint32_t pc = 0; pc <= g->n; pc++)
    if (g->target[pc]) g->block[pc] = LLVMAppendBasicBlockInContext(l->ctx, g->fn, "");
  LLVMBasicBlockRef start = LLVMAppendBasicBlockInContext(l->ctx, g->fn, "");
  LLVMBuildBr(g->b, start);
  LLVMPositionBuilderAtEnd(g->b, start);
  for (uint32_t pc = 0; pc <= g->n; pc++) {
    if (g->target[pc]) {
      if (!g->dead) LLVMBuildBr(g->b, g->block[pc]);
      LLVMPositionBuilderAtEnd(g->b, g->block[pc]);
      g->sp = g->height[pc];
      g->dead = 0;
    }
    if (pc == g->n) break;
    if (!g->dead) gen_word(g, pc);
  }
  if (!g->dead) gen_ret(g, LLE_SCORED);
}

/* The function of indicator i, named after it (p0003_i0012). */
static LLVMValueRef gen_function(Lle *l, uint32_t j, uint32_t i, LLVMBuilderRef b) {
  const RtIndicator *in = &l->p->indicators[i];
  char name[48];
  snprintf(name, sizeof name, "p%04" PRIu32 "_i%04" PRIu32, j, i - l->p->projects[j].first);
  LLVMValueRef fn = LLVMAddFunction(l->mod, name, l->code_ty);
  LLVMSetLinkage(fn, LLVMInternalLinkage);
  for (int k = 0; k < l->nfn_attrs; k++)
    LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex, l->fn_attrs[k]);
  Gen g;
  memset(&g, 0, sizeof g);
  g.l = l;
  g.fn = fn;
  g.b = b;
  g.x = LLVMGetParam(fn, 0);
  g.o = LLVMGetParam(fn, 1);
  if (in->ncode > CE_VM_STEP_LIMIT) { /* as the C backend: over the VM's limit */
    LLVMPositionBuilderAtEnd(b, LLVMAppendBasicBlockInContext(l->ctx, fn, "entry"));
    gen_ret(&g, LLE_STEPS);
    return fn;
  }
  g.code = l->p->code + in->code;
  g.n = in->ncode;
  g.height = calloc(g.n + 1, sizeof *g.height);
  g.target = calloc(g.n + 1, 1);
  g.block = calloc(g.n + 1, sizeof *g.block);
  if (!g.height || !g.target || !g.block) {
    LLVMDeleteFunction(fn);
    fn = NULL;
  } else {
    gen_body(&g, gen_heights(&g));
  }
  free(g.height);
  free(g.target);
  free(g.block);
  return fn;
}

/* fns[k]: the function of code k (ctab.h), named after its first indicator. */
static int lle_functions(Lle *l, LLVMValueRef *fns) {
  const CtabTables *t = &l->tab;
  LLVMBuilderRef b = LLVMCreateBuilderInContext(l->ctx);
  int rc = 0;
  for (uint32_t k = 0; k < t->ncodes && rc == 0; k++) {
    fns[k] = gen_function(l, t->ind_project[t->code_first[k]], t->code_first[k], b);
    if (!fns[k]) rc = lle_fail(l, "out of memory");
  }
  LLVMDisposeBuilder(b);
  return rc;
}

static int lle_code_table(Lle *l, LLVMValueRef *fns) {
  LLVMTypeRef fp = LLVMPointerType(l->code_ty, 0);
  if (lle_functions(l, fns) != 0) return -1;
  LLVMValueRef init = l->tab.ncodes ? LLVMConstArray(fp, fns, l->tab.ncodes)
                                    : LLVMConstNull(LLVMArrayType(fp, 1));
  LLVMValueRef g = LLVMAddGlobal(l->mod, LLVMTypeOf(init), "lle_code.def");
  LLVMSetInitializer(g, init);
  LLVMSetGlobalConstant(g, 1);
  LLVMSetLinkage(g, LLVMInternalLinkage);
  lle_define(l, "lle_code", g);
  return 0;
}

/* ---- 5. and 6. ---------------------------------------------------------------------- */

/* Every definition internal but the exports: the ABI's functions, or for
 * the JIT the two tables that the runtime's object code links to. */
static void lle_internalize(Lle *l) {
  for (LLVMValueRef f = LLVMGetFirstFunction(l->mod); f; f = LLVMGetNextFunction(f)) {
    size_t n;
    const char *name = LLVMGetValueName2(f, &n);
    int keep = l->mode == LLE_MODULE_ABI && strncmp(name, "indc_eval_", 10) == 0;
    if (!LLVMIsDeclaration(f) && !keep) LLVMSetLinkage(f, LLVMInternalLinkage);
  }
  for (LLVMValueRef g = LLVMGetFirstGlobal(l->mod); g; g = LLVMGetNextGlobal(g)) {
    size_t n;
    const char *name = LLVMGetValueName2(g, &n);
    int keep = l->mode == LLE_MODULE_JIT && (!strcmp(name, "lle_program") || !strcmp(name, "lle_code"));
    if (keep) LLVMSetLinkage(g, LLVMExternalLinkage);
    else if (!LLVMIsDeclaration(g) && LLVMGetLinkage(g) != LLVMPrivateLinkage)
      LLVMSetLinkage(g, LLVMInternalLinkage);
  }
}

int lle_verify(LLVMModuleRef m, char *err, size_t errcap) {
  char *msg = NULL;
  if (!LLVMVerifyModule(m, LLVMReturnStatusAction, &msg)) {
    LLVMDisposeMessage(msg);
    return 0;
  }
  lle_take_message(msg, err, errcap, "internal error: the generated LLVM IR fails verification: ");
  return -1;
}

static void lle_init_targets(void) {
  static int done;
  if (done) return;
  LLVMInitializeNativeTarget();
  LLVMInitializeNativeAsmPrinter();
  LLVMInitializeNativeAsmParser(); /* dec.c's divq is inline assembly */
  done = 1;
}

int lle_target_machine(LLVMModuleRef m, LLVMTargetMachineRef *out, char *err, size_t errcap) {
  const char *triple = LLVMGetTarget(m);
  LLVMTargetRef target;
  char *msg = NULL;
  lle_init_targets();
  if (LLVMGetTargetFromTriple(triple, &target, &msg)) {
    lle_take_message(msg, err, errcap, "no LLVM target for this machine: ");
    return -1;
  }
  char cpu[64] = "generic"; /* the CPU clang compiled the runtime for */
  LLVMAttributeRef a = NULL;
  for (LLVMValueRef f = LLVMGetFirstFunction(m); f && !a; f = LLVMGetNextFunction(f))
    a = LLVMGetStringAttributeAtIndex(f, LLVMAttributeFunctionIndex, "target-cpu", 10);
  if (a) {
    unsigned n;
    const char *s = LLVMGetStringAttributeValue(a, &n);
    if (n < sizeof cpu) snprintf(cpu, sizeof cpu, "%.*s", (int)n, s);
  }
  *out = LLVMCreateTargetMachine(target, triple, cpu, "", LLVMCodeGenLevelDefault, LLVMRelocPIC,
                                 LLVMCodeModelDefault);
  if (!*out) snprintf(err, errcap, "cannot create an LLVM target machine for %s", triple);
  return *out ? 0 : -1;
}

static int lle_optimise(LLVMModuleRef m, char *err, size_t errcap) {
  LLVMTargetMachineRef tm;
  if (lle_target_machine(m, &tm, err, errcap) != 0) return -1;
  LLVMPassBuilderOptionsRef opt = LLVMCreatePassBuilderOptions();
  LLVMErrorRef e = LLVMRunPasses(m, "default<O2>", tm, opt);
  LLVMDisposePassBuilderOptions(opt);
  LLVMDisposeTargetMachine(tm);
  if (!e) return 0;
  char *msg = LLVMGetErrorMessage(e);
  lle_message(msg, err, errcap, "internal error: LLVM's optimiser: ");
  LLVMDisposeErrorMessage(msg);
  return -1;
}

int lle_object(LLVMModuleRef m, LLVMMemoryBufferRef *out, char *err, size_t errcap) {
  LLVMTargetMachineRef tm;
  char *msg = NULL;
  if (lle_target_machine(m, &tm, err, errcap) != 0) return -1;
  LLVMBool bad = LLVMTargetMachineEmitToMemoryBuffer(tm, m, LLVMObjectFile, &msg, out);
  LLVMDisposeTargetMachine(tm);
  if (!bad) return 0;
  lle_take_message(msg, err, errcap, "LLVM code generation failed: ");
  return -1;
}

static int lle_generate(Lle *l) {
  if (ctab_build(l->p, &l->tab) != 0) return lle_fail(l, "out of memory");
  LLVMValueRef *fns = malloc((l->tab.ncodes + 1) * sizeof *fns);
  if (!fns) return lle_fail(l, "out of memory");
  int rc = lle_strings(l);
  if (rc == 0) rc = lle_tables(l);
  if (rc == 0) rc = lle_code_table(l, fns);
  free(fns);
  return rc;
}

int lle_build(const RtProgram *p, LLVMContextRef ctx, int mode, LLVMModuleRef *out, char *err,
              size_t errcap) {
  Lle l;
  memset(&l, 0, sizeof l);
  l.p = p;
  l.mode = mode;
  l.ctx = ctx;
  l.err = err;
  l.errcap = errcap;
  strmap_init(&l.str_off);
  *out = NULL;
  int rc = lle_runtime(&l);
  if (rc == 0) rc = lle_check_layout(&l);
  if (rc == 0) rc = lle_generate(&l);
  strmap_free(&l.str_off);
  free(l.blob);
  ctab_free(&l.tab);
  if (rc == 0) {
    lle_internalize(&l);
    rc = lle_verify(l.mod, err, errcap);
  }
  if (rc == 0) rc = lle_optimise(l.mod, err, errcap);
  if (rc != 0 && l.mod) LLVMDisposeModule(l.mod);
  if (rc == 0) *out = l.mod;
  return rc;
}

/* ---- indc compile --emit=llvm-ir | obj ----------------------------------------------- */

int emit_llvm_ir(const RtProgram *p, const EmitOptions *o, EmitWrite w, void *ud, char *err,
                 size_t errcap) {
  (void)o;
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef m;
  int rc = lle_build(p, ctx, LLE_MODULE_ABI, &m, err, errcap);
  if (rc == 0) {
    char *text = LLVMPrintModuleToString(m);
    if (w(ud, text, strlen(text)) != 0) rc = -1, snprintf(err, errcap, "write error");
    LLVMDisposeMessage(text);
    LLVMDisposeModule(m);
  }
  LLVMContextDispose(ctx);
  return rc;
}

int emit_obj(const RtProgram *p, const EmitOptions *o, EmitWrite w, void *ud, char *err,
             size_t errcap) {
  (void)o;
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef m;
  LLVMMemoryBufferRef obj;
  int rc = lle_build(p, ctx, LLE_MODULE_ABI, &m, err, errcap);
  if (rc == 0) {
    rc = lle_object(m, &obj, err, errcap);
    LLVMDisposeModule(m);
  }
  if (rc == 0) {
    if (w(ud, LLVMGetBufferStart(obj), LLVMGetBufferSize(obj)) != 0)
      rc = -1, snprintf(err, errcap, "write error");
    LLVMDisposeMemoryBuffer(obj);
  }
  LLVMContextDispose(ctx);
  return rc;
}
