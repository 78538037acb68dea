/*
 * llvm_load.c - the LLVM backend as indc's registry (backends.c) sees it.
 *
 * The backend itself (llvm_emit.c, llvm_eval.c) is a loadable module,
 * indc-llvm.so, because it links libLLVM: loading that library costs
 * every process some 15 ms of CPU and 3,000 page faults before main, which
 * `indc check` and the thousands of runs in the test suites should not pay.
 * So indc links only these three stubs; the first call loads the module
 * (dlopen) and forwards, and later calls forward at once.  Where it looks,
 * in order:
 *   $INDC_LLVM_PLUGIN                        if set (tests, odd layouts)
 *   the directory of the running executable  (the build tree)
 *   ../LIBDIR/indc/ from that directory      (an installed indc)
 * A module from another version of indc is refused.
 */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "llvm_emit.h"

#ifndef LLE_PLUGIN_RELDIR
#define LLE_PLUGIN_RELDIR "../lib/indc" /* set by compiler/CMakeLists.txt */
#endif

/* The directory of the running executable, with a trailing '/'. */
static int exe_dir(char *buf, size_t cap) {
  ssize_t n = readlink("/proc/self/exe", buf, cap - 1);
  if (n <= 0 || (size_t)n >= cap - 1) return -1;
  buf[n] = '\0';
  char *slash = strrchr(buf, '/');
  if (!slash) return -1;
  slash[1] = '\0';
  return 0;
}

/* dlopen path; on failure append dlerror() to why. */
static void *try_open(const char *path, char *why, size_t cap) {
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    size_t n = strlen(why);
    snprintf(why + n, cap - n, "%s%s", n ? "; " : "", dlerror());
  }
  return h;
}

static void *open_module(char *why, size_t cap) {
  const char *env = getenv("INDC_LLVM_PLUGIN");
  char dir[PATH_MAX], path[PATH_MAX + 64];
  if (env && *env) return try_open(env, why, cap);
  if (exe_dir(dir, sizeof dir) != 0) {
    snprintf(why, cap, "cannot find the directory of the running program");
    return NULL;
  }
  snprintf(path, sizeof path, "%s%s", dir, LLE_PLUGIN_FILE);
  void *h = access(path, F_OK) == 0 ? try_open(path, why, cap) : NULL;
  if (h) return h;
  snprintf(path, sizeof path, "%s%s/%s", dir, LLE_PLUGIN_RELDIR, LLE_PLUGIN_FILE);
  if (access(path, F_OK) == 0) return try_open(path, why, cap);
  if (!why[0]) snprintf(why, cap, "%s is neither beside indc nor in %s", LLE_PLUGIN_FILE, path);
  return NULL;
}

/* The loaded module's entry points, or NULL with a reason in err. */
static const LlePlugin *plugin(char *err, size_t errcap) {
  static const LlePlugin *loaded;
  if (loaded) return loaded;
  char why[1024] = "";
  void *h = open_module(why, sizeof why);
  const LlePlugin *p = h ? dlsym(h, LLE_PLUGIN_SYMBOL) : NULL;
  if (h && !p) snprintf(why, sizeof why, "it has no %s", LLE_PLUGIN_SYMBOL);
  if (p && (p->size != sizeof *p || strcmp(p->version, INDC_VERSION) != 0)) {
    snprintf(why, sizeof why, "it belongs to indc %s, not %s", p->version, INDC_VERSION);
    p = NULL;
  }
  if (!p) {
    snprintf(err, errcap, "cannot load the LLVM backend (%s): %s", LLE_PLUGIN_FILE, why);
    if (h) dlclose(h);
    return NULL;
  }
  loaded = p;
  return p;
}

int lle_load_emit_llvm_ir(const RtProgram *p, const EmitOptions *o, EmitWrite w, void *ud,
                          char *err, size_t errcap) {
  const LlePlugin *pl = plugin(err, errcap);
  return pl ? pl->emit_llvm_ir(p, o, w, ud, err, errcap) : -1;
}

int lle_load_emit_obj(const RtProgram *p, const EmitOptions *o, EmitWrite w, void *ud,
                      char *err, size_t errcap) {
  const LlePlugin *pl = plugin(err, errcap);
  return pl ? pl->emit_obj(p, o, w, ud, err, errcap) : -1;
}

int lle_load_eval_jit(const RtProgram *p, const RtActuals *a, int32_t as_of, RtArena *arena,
                      RtResult *out, const char *option, char *err, size_t errcap) {
  const LlePlugin *pl = plugin(err, errcap);
  return pl ? pl->eval_jit(p, a, as_of, arena, out, option, err, errcap) : -1;
}
