/*
 * c_eval.c - `indc run --backend=c` (eval_c in c_emit.h).
 *
 * Generates the C evaluator of the program, compiles it with the system C
 * compiler ($CC, else cc) into a shared object in a private temporary
 * directory, loads it with dlopen, converts the RtActuals into the ABI's
 * inputs (docs/c-abi.md), runs it, and copies its results into an
 * RtResult, so every report format works with this backend as with the
 * VM.  The directory is removed afterwards, unless INDC_KEEP_C is set in
 * the environment (for debugging: its path is printed).
 *
 * The compiler's messages are printed to stderr only when it fails.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "c_abi.h"
#include "c_abi_run.h"
#include "c_emit.h"
#include "eval.h"

extern char **environ;

/* The ABI mirrors the runtime's model: the same numbers for every enum. */
#define SAME(a, b) ((int)(a) == (int)(b))
_Static_assert(SAME(INDC_CAT_OUTPUT, RT_CAT_OUTPUT) && SAME(INDC_CAT_COST, RT_CAT_COST) &&
                   SAME(INDC_CAT_ECO_COST, RT_CAT_ECO_COST) && SAME(INDC_CAT_ECO_COST + 1, RT_CAT__COUNT),
               "INDC_CAT_*");
_Static_assert(SAME(INDC_CMP_GE, RT_CMP_GE) && SAME(INDC_CMP_LE, RT_CMP_LE) && SAME(INDC_CMP_GT, RT_CMP_GT) &&
                   SAME(INDC_CMP_LT, RT_CMP_LT) && SAME(INDC_CMP_EQ, RT_CMP_EQ),
               "INDC_CMP_*");
_Static_assert(SAME(INDC_TGT_QUANT, RT_TGT_QUANT) && SAME(INDC_TGT_DEADLINE, RT_TGT_DEADLINE) &&
                   SAME(INDC_TGT_PERIOD, RT_TGT_PERIOD) && SAME(INDC_TGT_GRADE, RT_TGT_GRADE) &&
                   SAME(INDC_TGT_TEXT, RT_TGT_TEXT),
               "INDC_TGT_*");
_Static_assert(SAME(INDC_ACT_MISSING, RT_ACT_MISSING) && SAME(INDC_ACT_NA, RT_ACT_NA) &&
                   SAME(INDC_ACT_NUMBER, RT_ACT_NUMBER) && SAME(INDC_ACT_DATE, RT_ACT_DATE) &&
                   SAME(INDC_ACT_GRADE, RT_ACT_GRADE) && SAME(INDC_ACT_RANK, RT_ACT_RANK),
               "INDC_ACT_*");
_Static_assert(SAME(INDC_GRADE_MET, RT_GRADE_MET) && SAME(INDC_GRADE_PARTIAL, RT_GRADE_PARTIAL) &&
                   SAME(INDC_GRADE_UNMET, RT_GRADE_UNMET),
               "INDC_GRADE_*");
_Static_assert(SAME(INDC_ST_MET, RT_ST_MET) && SAME(INDC_ST_PARTIAL, RT_ST_PARTIAL) &&
                   SAME(INDC_ST_UNMET, RT_ST_UNMET) && SAME(INDC_ST_MISSING, RT_ST_MISSING) &&
                   SAME(INDC_ST_NA, RT_ST_NA) && SAME(INDC_ST_PENDING, RT_ST_PENDING),
               "INDC_ST_*");
_Static_assert(SAME(INDC_FLAG_NOT_MET, RT_FLAG_NOT_MET) && SAME(INDC_FLAG_OVERSHOOT, RT_FLAG_OVERSHOOT) &&
                   SAME(INDC_FLAG_LOW_RATE, RT_FLAG_LOW_RATE) && SAME(INDC_FLAG_LAG, RT_FLAG_LAG) &&
                   SAME(INDC_FLAG_UNDEFINED, RT_FLAG_UNDEFINED),
               "INDC_FLAG_*");
_Static_assert(SAME(INDC_NO_AS_OF, RT_NO_AS_OF), "INDC_NO_AS_OF");
_Static_assert(sizeof(Dec) == sizeof(int64_t), "a Dec is an int64_t");

typedef uint32_t (*AbiVersionFn)(void);
typedef const indc_program *(*ProgramFn)(void);
typedef int (*EvaluateFn)(const indc_inputs *, int32_t, indc_proj_result *, indc_ind_result *);

/* The temporary directory and what is in it. */
typedef struct Work {
  char dir[4096];
  char src[4200], so[4200], log[4200];
  void *handle;
} Work;

static int work_open(Work *w, char *err, size_t errcap) {
  const char *tmp = getenv("TMPDIR");
  if (!tmp || !*tmp) tmp = "/tmp";
  snprintf(w->dir, sizeof w->dir, "%s/indc-c-XXXXXX", tmp);
  if (!mkdtemp(w->dir)) {
    snprintf(err, errcap, "cannot create a temporary directory in '%s': %s", tmp,
             strerror(errno));
    w->dir[0] = '\0';
    return -1;
  }
  snprintf(w->src, sizeof w->src, "%s/eval.c", w->dir);
  snprintf(w->so, sizeof w->so, "%s/eval.so", w->dir);
  snprintf(w->log, sizeof w->log, "%s/cc.log", w->dir);
  return 0;
}

static void work_close(Work *w) {
  if (w->handle) dlclose(w->handle);
  w->handle = NULL;
  if (!w->dir[0]) return;
  const char *keep = getenv("INDC_KEEP_C");
  if (keep && *keep) {
    fprintf(stderr, "indc: kept the generated C in %s\n", w->dir);
    return;
  }
  unlink(w->src);
  unlink(w->so);
  unlink(w->log);
  rmdir(w->dir);
}

static int write_file(const char *path, const CeBuf *b, char *err, size_t errcap) {
  FILE *f = fopen(path, "wb");
  int ok = f && fwrite(b->data, 1, b->len, f) == b->len;
  if (f && fclose(f) != 0) ok = 0;
  if (!ok) snprintf(err, errcap, "cannot write '%s': %s", path, strerror(errno));
  return ok ? 0 : -1;
}

/* Print (at most 64 KiB of) the compiler's messages to stderr. */
static void show_log(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return;
  char buf[4096];
  size_t n, total = 0;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0 && total < 65536) {
    fwrite(buf, 1, n, stderr);
    total += n;
  }
  fclose(f);
}

enum { MAX_CC_WORDS = 32 };

/* argv for the compiler: the words of $CC (or "cc"), then our options.
 * Returns 0, or -1 when $CC has too many words. */
static int cc_argv(char *cc, Work *w, char **argv) {
  static char std[] = "-std=c11", opt[] = "-O2", shared[] = "-shared", pic[] = "-fPIC",
              out[] = "-o";
  int n = 0;
  for (char *tok = strtok(cc, " \t"); tok; tok = strtok(NULL, " \t")) {
    if (n == MAX_CC_WORDS) return -1;
    argv[n++] = tok;
  }
  if (n == 0) return -1;
  argv[n++] = std;
  argv[n++] = opt;
  argv[n++] = shared;
  argv[n++] = pic;
  argv[n++] = out;
  argv[n++] = w->so;
  argv[n++] = w->src;
  argv[n] = NULL;
  return 0;
}

/* Run the C compiler on w->src; its output goes to w->log. */
static int compile(Work *w, char *err, size_t errcap) {
  const char *env = getenv("CC");
  char cc[1024];
  snprintf(cc, sizeof cc, "%s", env && *env ? env : "cc");
  char *argv[MAX_CC_WORDS + 10];
  if (cc_argv(cc, w, argv) != 0) {
    snprintf(err, errcap, "$CC must name a C compiler in at most %d words", MAX_CC_WORDS);
    return -1;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, w->log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  pid_t pid;
  int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) {
    snprintf(err, errcap,
             "no C compiler: cannot run '%s' (%s); install gcc or clang, or set CC", argv[0],
             strerror(rc));
    return -1;
  }
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) {
      snprintf(err, errcap, "waiting for '%s': %s", argv[0], strerror(errno));
      return -1;
    }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return 0;
  show_log(w->log);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    snprintf(err, errcap, "no C compiler: '%s' could not be run; install gcc or clang, or set CC",
             argv[0]);
  else if (WIFEXITED(status))
    snprintf(err, errcap, "the C compiler '%s' failed (exit status %d) on the generated code%s",
             argv[0], WEXITSTATUS(status), " (its messages are above)");
  else
    snprintf(err, errcap, "the C compiler '%s' was killed by signal %d", argv[0],
             WTERMSIG(status));
  return -1;
}

/* dlsym into a function pointer without an object-to-function cast. */
static int sym(void *handle, const char *name, void *fnptr, size_t size, char *err,
               size_t errcap) {
  void *s = dlsym(handle, name);
  if (!s) {
    snprintf(err, errcap, "the compiled evaluator has no %s", name);
    return -1;
  }
  memcpy(fnptr, &s, size);
  return 0;
}

struct CeLoaded {
  Work work;
  AbiVersionFn version;
  ProgramFn program;
  EvaluateFn evaluate;
};

static int load(CeLoaded *l, const RtProgram *p, char *err, size_t errcap) {
  Work *w = &l->work;
  w->handle = dlopen(w->so, RTLD_NOW | RTLD_LOCAL);
  if (!w->handle) {
    snprintf(err, errcap, "cannot load the compiled evaluator: %s", dlerror());
    return -1;
  }
  if (sym(w->handle, CE_PREFIX "_abi_version", &l->version, sizeof l->version, err, errcap) ||
      sym(w->handle, CE_PREFIX "_program", &l->program, sizeof l->program, err, errcap) ||
      sym(w->handle, CE_PREFIX "_evaluate", &l->evaluate, sizeof l->evaluate, err, errcap))
    return -1;
  const indc_program *ip = l->program();
  if (l->version() != INDC_ABI_VERSION || ip->abi_version != INDC_ABI_VERSION ||
      ip->nprojects != p->nprojects || ip->nindicators != p->nindicators ||
      ip->nfields != p->nfields) {
    snprintf(err, errcap, "internal error: the compiled evaluator does not match the program");
    return -1;
  }
  return 0;
}

int ce_load(const RtProgram *p, CeLoaded **out, char *err, size_t errcap) {
  CeLoaded *l = calloc(1, sizeof *l);
  CeBuf src = {0};
  CeOptions co = {CE_PREFIX, NULL};
  *out = NULL;
  if (!l || ce_generate(p, &co, &src, NULL) != 0) {
    free(l);
    ce_buf_free(&src);
    snprintf(err, errcap, "out of memory");
    return -1;
  }
  int rc = work_open(&l->work, err, errcap);
  if (rc == 0) rc = write_file(l->work.src, &src, err, errcap);
  ce_buf_free(&src);
  if (rc == 0) rc = compile(&l->work, err, errcap);
  if (rc == 0) rc = load(l, p, err, errcap);
  if (rc != 0) {
    ce_unload(l);
    return -1;
  }
  *out = l;
  return 0;
}

void ce_unload(CeLoaded *l) {
  if (!l) return;
  work_close(&l->work);
  free(l);
}

int ce_run(const CeLoaded *l, const RtProgram *p, const RtActuals *a, int32_t as_of,
           RtArena *arena, RtResult *out, char *err, size_t errcap) {
  return abi_run(l->evaluate, p, a, as_of, arena, out, err, errcap);
}

int eval_c(const RtProgram *p, const RtActuals *a, int32_t as_of, RtArena *arena,
           RtResult *out, const char *option, char *err, size_t errcap) {
  CeLoaded *l;
  (void)option;
  memset(out, 0, sizeof *out);
  if (ce_load(p, &l, err, errcap) != 0) return -1;
  int rc = ce_run(l, p, a, as_of, arena, out, err, errcap);
  ce_unload(l);
  return rc;
}
