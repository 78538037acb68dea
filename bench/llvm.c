/*
 * llvm.c - evaluation throughput of the VM, the generated C and the LLVM
 * JIT on one program, excluding I/O, parsing and compilation
 * (docs/performance.md).
 *
 *   bench_llvm SPEC ACTUALS [ROUNDS] [--no-c] [--no-jit]
 *
 * Compiles SPEC and loads ACTUALS once.  Then, each best of ROUNDS
 * (default 5):
 *   vm   rt_evaluate, as `indc run` (the VM, scoring, per-project totals),
 *        which allocates its results anew each time
 *   vm-warm  the same into memory already written (a bump allocator over
 *        one buffer): without the page faults of new memory, as the ABI's
 *        caller-owned buffers are timed
 *   jit  indc_eval_evaluate compiled by `--backend=jit` (lle_jit_load)
 *   c    indc_eval_evaluate of `--emit=c`, compiled with $CC (default cc)
 *        -O2 into a shared object and loaded with dlopen; --no-c skips it
 *        (gcc needs about a second for a thousand projects, 20 s for
 *        100,000); with INDC_KEEP_C=1 in the environment the directory
 *        with eval.c and eval.so is kept, for a profiler's symbols; with
 *        INDC_C_SO=PATH an evaluator built before (say, from such an
 *        eval.c edited by hand) is loaded instead, for experiments
 *   c-fresh  the same, its results into memory allocated in the round
 *        (malloc: new pages for a large program, taken at once with
 *        rt_populate as the VM's arena takes them) and freed after the
 *        clock stops, as `vm` is timed
 * --no-jit skips the JIT.  jit and c are timed on the same indc_inputs,
 * converted once.  Prints the time each took to build, indicators per
 * second, and whether the three agree on every result.  Build with
 * optimisation:
 *   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release && make -C build-rel bench_llvm
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/c_abi_run.h"
#include "backend/c_emit.h"
#include "backend/llvm_emit.h"
#include "backend/lower.h"
#include "bc.h"
#include "data/actuals.h"
#include "eval.h"
#include "bench_util.h"

/* The ABI's inputs and outputs for one program. */
typedef struct Io {
  indc_actual *act;
  indc_inputs in;
  indc_proj_result *proj;
  indc_ind_result *ind;
} Io;

static void io_make(Io *io, const RtProgram *p, const RtActuals *a) {
  io->act = calloc(p->nindicators + 1, sizeof *io->act);
  io->proj = calloc(p->nprojects + 1, sizeof *io->proj);
  io->ind = calloc(p->nindicators + 1, sizeof *io->ind);
  if (!io->act || !io->proj || !io->ind) exit(1);
  for (uint32_t i = 0; i < p->nindicators; i++)
    io->act[i] = abi_actual(&a->ind[i], p->indicators[i].target.kind);
  indc_inputs in = {io->act, a->has_spent, a->spent, a->field_set, a->fields};
  io->in = in;
}

static void io_free(Io *io) {
  free(io->act);
  free(io->proj);
  free(io->ind);
}

/* Best time of `rounds` calls of evaluate. */
static double time_abi(LleEvaluate evaluate, Io *io, int rounds) {
  double best = 1e30;
  for (int r = 0; r < rounds; r++) {
    double t0 = bench_now();
    if (evaluate(&io->in, INDC_NO_AS_OF, io->proj, io->ind) != 0) exit(1);
    double t = bench_now() - t0;
    if (t < best) best = t;
  }
  return best;
}

/* time_abi with the results in memory allocated within each round, as
 * rt_evaluate's arena is in time_vm: the page faults of fresh memory
 * included on both sides. */
static double time_abi_fresh(LleEvaluate evaluate, Io *io, uint32_t nprojects,
                             uint32_t nindicators, int rounds) {
  double best = 1e30;
  for (int r = 0; r < rounds; r++) {
    double t0 = bench_now();
    indc_proj_result *proj = malloc(((size_t)nprojects + 1) * sizeof *proj);
    indc_ind_result *ind = malloc(((size_t)nindicators + 1) * sizeof *ind);
    if (!proj || !ind) exit(1);
    /* the pages at once, as the VM's arena takes them (rt_populate) */
    rt_populate(proj, ((size_t)nprojects + 1) * sizeof *proj);
    rt_populate(ind, ((size_t)nindicators + 1) * sizeof *ind);
    if (evaluate(&io->in, INDC_NO_AS_OF, proj, ind) != 0) exit(1);
    double t = bench_now() - t0; /* as time_vm: the freeing is not timed */
    free(proj);
    free(ind);
    if (t < best) best = t;
  }
  return best;
}

static double time_vm(const RtProgram *p, const RtActuals *a, int rounds, RtArena *keep,
                      RtResult *res) {
  double best = 1e30;
  for (int r = 0; r < rounds; r++) {
    RtArena arena;
    rt_arena_init(&arena, 0);
    double t0 = bench_now();
    if (rt_evaluate(p, a, INT32_MIN, 100000, &arena, res) != 0) exit(1);
    double t = bench_now() - t0;
    if (t < best) best = t;
    rt_arena_free(&arena);
  }
  rt_arena_init(keep, 0); /* the last result, kept for the comparison */
  rt_evaluate(p, a, INT32_MIN, 100000, keep, res);
  return best;
}

static void report(const char *what, double build, double best, uint32_t n) {
  printf("%-7s %9.3f ms  %7.1f M indicators/s  %6.1f ns/indicator", what, best * 1e3,
         n / best / 1e6, best * 1e9 / n);
  if (build >= 0) printf("  (built in %.2f s)", build);
  printf("\n");
}

/* A bump allocator over memory written once before timing: the VM's
 * arena without the page faults of fresh memory, which `vm` includes
 * (every `indc run` pays them) and the ABI's caller-owned buffers do not. */
typedef struct Pool {
  char *base;
  size_t cap, used;
} Pool;

static void *pool_alloc(void *ptr, size_t size, void *user) {
  Pool *pl = user;
  if (ptr) return NULL; /* a free: the pool is reset between rounds */
  size = (size + 63) & ~(size_t)63;
  if (size > pl->cap - pl->used) return NULL;
  pl->used += size;
  return pl->base + pl->used - size;
}

/* Best time of `rounds` calls of rt_evaluate into the same warm memory. */
static double time_vm_warm(const RtProgram *p, const RtActuals *a, int rounds) {
  Pool pl = {NULL, 0, 0};
  pl.cap = ((size_t)p->nindicators * sizeof(RtIndResult) +
            (size_t)p->nprojects * sizeof(RtProjResult)) * 2 + ((size_t)64 << 20);
  pl.base = malloc(pl.cap);
  if (!pl.base) exit(1);
  memset(pl.base, 1, pl.cap);
  RtMem mem = {0, pool_alloc, &pl};
  double best = 1e30;
  for (int r = 0; r < rounds; r++) {
    RtArena arena;
    RtResult res;
    pl.used = 0;
    rt_arena_init_mem(&arena, &mem);
    double t0 = bench_now();
    if (rt_evaluate(p, a, INT32_MIN, 100000, &arena, &res) != 0) exit(1);
    double t = bench_now() - t0;
    if (t < best) best = t;
    rt_arena_free(&arena);
  }
  free(pl.base);
  return best;
}

/* Does the ABI's result equal the VM's, field by field? */
static int same(const RtProgram *p, const RtResult *vm, const Io *io) {
  for (uint32_t i = 0; i < p->nindicators; i++) {
    const RtIndResult *a = &vm->ind[i];
    const indc_ind_result *b = &io->ind[i];
    if (a->status != b->status || a->flags != b->flags || a->score != b->score ||
        a->b != b->b || a->gap != b->gap || a->days_late != b->days_late)
      return 0;
  }
  for (uint32_t j = 0; j < p->nprojects; j++) {
    const RtProjResult *a = &vm->proj[j];
    const indc_proj_result *b = &io->proj[j];
    if (a->total != b->total || a->raw != b->raw || a->applicable != b->applicable ||
        a->rate != b->rate || a->grade != b->grade || a->flags != b->flags)
      return 0;
  }
  return 1;
}

/* --emit=c, compiled to a shared object and loaded; NULL on failure. */
static LleEvaluate load_c(const RtProgram *p, char *dir, size_t dircap, void **handle) {
  CeBuf src = {0};
  CeOptions co = {CE_PREFIX, NULL};
  const char *so = getenv("INDC_C_SO");
  if (so && *so) { /* an evaluator built before, perhaps edited by hand */
    snprintf(dir, dircap, "%s", "");
    *handle = dlopen(so, RTLD_NOW | RTLD_LOCAL);
    void *sym = *handle ? dlsym(*handle, CE_PREFIX "_evaluate") : NULL;
    LleEvaluate fn = NULL;
    if (sym) memcpy(&fn, &sym, sizeof fn);
    return fn;
  }
  snprintf(dir, dircap, "/tmp/bench-llvm-XXXXXX");
  if (!mkdtemp(dir) || ce_generate(p, &co, &src, NULL) != 0) return NULL;
  char path[512], cmd[2048];
  snprintf(path, sizeof path, "%s/eval.c", dir);
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(src.data, 1, src.len, f) != src.len || fclose(f) != 0) return NULL;
  ce_buf_free(&src);
  const char *cc = getenv("CC");
  snprintf(cmd, sizeof cmd, "%s -std=c11 -O2 -shared -fPIC -o %s/eval.so %s", cc ? cc : "cc",
           dir, path);
  if (system(cmd) != 0) return NULL;
  snprintf(path, sizeof path, "%s/eval.so", dir);
  *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  void *sym = *handle ? dlsym(*handle, CE_PREFIX "_evaluate") : NULL;
  LleEvaluate fn = NULL;
  if (sym) memcpy(&fn, &sym, sizeof fn);
  return fn;
}

static void remove_c(const char *dir) {
  char path[512];
  if (!*dir) return;
  if (getenv("INDC_KEEP_C") && !strcmp(getenv("INDC_KEEP_C"), "1")) {
    printf("kept %s\n", dir);
    return;
  }
  snprintf(path, sizeof path, "%s/eval.c", dir);
  unlink(path);
  snprintf(path, sizeof path, "%s/eval.so", dir);
  unlink(path);
  rmdir(dir);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fputs("usage: bench_llvm SPEC ACTUALS [ROUNDS] [--no-c] [--no-jit]\n", stderr);
    return 2;
  }
  int rounds = argc > 3 && argv[3][0] != '-' ? atoi(argv[3]) : 5, with_c = 1, with_jit = 1;
  for (int k = 3; k < argc; k++) {
    if (!strcmp(argv[k], "--no-c")) with_c = 0;
    if (!strcmp(argv[k], "--no-jit")) with_jit = 0;
  }
  Program prog;
  RtProgram rp;
  RtActuals act;
  if (bench_load(argv[1], argv[2], &prog, &rp, &act) != 0) return 1;
  printf("%u projects, %u indicators, best of %d rounds\n", rp.nprojects, rp.nindicators, rounds);

  RtArena keep;
  RtResult vm;
  double tvm = time_vm(&rp, &act, rounds, &keep, &vm), twarm = time_vm_warm(&rp, &act, rounds);
  report("vm", -1, tvm, rp.nindicators);
  report("vm-warm", -1, twarm, rp.nindicators);

  Io io;
  io_make(&io, &rp, &act);
  double t0, built, tj = 0;
  if (with_jit) {
    char err[512];
    LleJit *jit;
    t0 = bench_now();
    if (lle_jit_load(&rp, LLE_JIT_IR, &jit, err, sizeof err) != 0) {
      fprintf(stderr, "bench_llvm: %s\n", err);
      return 1;
    }
    built = bench_now() - t0;
    tj = time_abi(lle_jit_evaluate(jit), &io, rounds);
    report("jit", built, tj, rp.nindicators);
    printf("jit agrees with the vm: %s\n", same(&rp, &vm, &io) ? "yes" : "NO");
    lle_jit_unload(jit);
  }

  if (with_c) {
    char dir[64];
    void *handle = NULL;
    t0 = bench_now();
    LleEvaluate c = load_c(&rp, dir, sizeof dir, &handle);
    built = bench_now() - t0;
    if (!c) {
      fprintf(stderr, "bench_llvm: cannot build the C evaluator\n");
      return 1;
    }
    memset(io.ind, 0, rp.nindicators * sizeof *io.ind);
    double tc = time_abi(c, &io, rounds);
    report("c", built, tc, rp.nindicators);
    printf("c agrees with the vm: %s\n", same(&rp, &vm, &io) ? "yes" : "NO");
    double tfresh = time_abi_fresh(c, &io, rp.nprojects, rp.nindicators, rounds);
    report("c-fresh", -1, tfresh, rp.nindicators);
    printf("vm time / c time: %.2f (vm-warm / c: %.2f, vm / c-fresh: %.2f)\n", tvm / tc,
           twarm / tc, tvm / tfresh);
    if (with_jit) printf("jit time / c time: %.2f\n", tj / tc);
    dlclose(handle);
    remove_c(dir);
  }
  io_free(&io);
  rt_arena_free(&keep);
  act_free(&act);
  rt_program_free(&rp);
  prog_free(&prog);
  return 0;
}
