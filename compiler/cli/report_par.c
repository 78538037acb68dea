/*
 * report_par.c - writing a large scorecard with several threads
 * ([REP-PARTS] in docs/report.md, `indc run --jobs`).
 *
 * The projects are cut into chunks of about PAR_CHUNK indicators.  Every
 * thread, the calling one included, takes the next chunk and formats it
 * into memory as a part of the report (RepOptions.part); the calling
 * thread hands the finished chunks to the output strictly in order.  At
 * most jobs + 2 chunks are in flight, so memory stays small whatever the
 * size of the report.  The parts of a report written in
 * order are the report itself: the bytes do not depend on the number of
 * threads or on which thread formatted what.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "support/i18n.h"
#include "support/threads.h"

enum {
  PAR_CHUNK = 8192,    /* indicators per chunk, about 1-5 MB of report */
  PAR_MAX_JOBS = 64,
  PAR_DEFAULT_MAX = 8  /* the default: more threads wait on the one that writes */
};

/* One chunk's text, formatted into memory. */
typedef struct ParSlot {
  char *buf;
  size_t len, cap;
  int done; /* formatted, not yet handed to the output (under mu) */
} ParSlot;

typedef struct Par {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  ParWriter fn;
  const RtResult *r;
  RepOptions opt;
  uint32_t *bounds;  /* chunk k is the projects [bounds[k], bounds[k + 1]) */
  uint32_t nchunks;
  uint32_t next_claim, next_write; /* under mu */
  int stop;                        /* under mu: the output failed */
  ParSlot *slots;                  /* chunk k is formatted into slots[k % nslots] */
  uint32_t nslots;
} Par;

static int par_mem_write(void *ud, const void *bytes, size_t len) {
  ParSlot *s = ud;
  if (len > s->cap - s->len) {
    size_t cap = s->cap ? s->cap : 1 << 16;
    while (len > cap - s->len) cap *= 2;
    char *p = realloc(s->buf, cap);
    if (!p) abort(); /* as the CLI's other allocations */
    s->buf = p;
    s->cap = cap;
  }
  memcpy(s->buf + s->len, bytes, len);
  s->len += len;
  return 0;
}

static void par_format(Par *pp, uint32_t k) {
  ParSlot *s = &pp->slots[k % pp->nslots];
  RepOptions o = pp->opt;
  o.part = 1;
  o.from = pp->bounds[k];
  o.to = pp->bounds[k + 1];
  s->len = 0;
  pp->fn(pp->r, &o, par_mem_write, s); /* par_mem_write does not fail */
}

/* The next chunk to format, when there is one and its slot is free; under
 * mu.  -1 otherwise. */
static long par_claim(Par *pp) {
  if (pp->stop || pp->next_claim >= pp->nchunks ||
      pp->next_claim >= pp->next_write + pp->nslots)
    return -1;
  return pp->next_claim++;
}

/* Format the claimed chunk k outside the lock; under mu before and after. */
static void par_run_chunk(Par *pp, uint32_t k) {
  pthread_mutex_unlock(&pp->mu);
  par_format(pp, k);
  pthread_mutex_lock(&pp->mu);
  pp->slots[k % pp->nslots].done = 1;
  pthread_cond_broadcast(&pp->cv);
}

static void *par_worker(void *arg) {
  Par *pp = arg;
  pthread_mutex_lock(&pp->mu);
  while (!pp->stop && pp->next_claim < pp->nchunks) {
    long k = par_claim(pp);
    if (k < 0) pthread_cond_wait(&pp->cv, &pp->mu);
    else par_run_chunk(pp, (uint32_t)k);
  }
  pthread_mutex_unlock(&pp->mu);
  return NULL;
}

/* The calling thread: formats when it can, writes every chunk in order. */
static int par_main(Par *pp, RepWrite w, void *ud) {
  int rc = 0;
  pthread_mutex_lock(&pp->mu);
  while (pp->next_write < pp->nchunks) {
    ParSlot *s = &pp->slots[pp->next_write % pp->nslots];
    if (s->done) {
      pthread_mutex_unlock(&pp->mu);
      if (s->len) rc = w(ud, s->buf, s->len);
      pthread_mutex_lock(&pp->mu);
      s->done = 0;
      pp->next_write++;
      pthread_cond_broadcast(&pp->cv);
      if (rc) {
        pp->stop = 1;
        pthread_cond_broadcast(&pp->cv);
        break;
      }
      continue;
    }
    long k = par_claim(pp);
    if (k < 0) pthread_cond_wait(&pp->cv, &pp->mu);
    else par_run_chunk(pp, (uint32_t)k);
  }
  pthread_mutex_unlock(&pp->mu);
  return rc;
}

/* Cut the projects into chunks of about PAR_CHUNK indicators; returns the
 * number of chunks. */
static uint32_t par_cut(const RtProgram *p, uint32_t *bounds) {
  uint32_t k = 0, ind = 0;
  bounds[k++] = 0;
  for (uint32_t j = 0; j < p->nprojects; j++) {
    ind += p->projects[j].nind + 1; /* + 1: the 预算执行率 row */
    if (ind >= PAR_CHUNK && j + 1 < p->nprojects) {
      bounds[k++] = j + 1;
      ind = 0;
    }
  }
  bounds[k] = p->nprojects;
  return k;
}

int par_report(ParWriter fn, const RtResult *r, const RepOptions *opt, int jobs, RepWrite w,
               void *ud) {
  const RtProgram *prog = r->prog;
  if (jobs > PAR_MAX_JOBS) jobs = PAR_MAX_JOBS;
  if (jobs <= 1 || (size_t)prog->nindicators + prog->nprojects < 2 * PAR_CHUNK)
    return fn(r, opt, w, ud);
  Par pp;
  memset(&pp, 0, sizeof pp);
  pp.fn = fn;
  pp.r = r;
  pp.opt = *opt;
  pp.bounds = malloc(((size_t)prog->nprojects + 2) * sizeof *pp.bounds);
  if (!pp.bounds) abort();
  pp.nchunks = par_cut(prog, pp.bounds);
  if (pp.nchunks < 2) {
    free(pp.bounds);
    return fn(r, opt, w, ud);
  }
  pp.nslots = (uint32_t)jobs + 2; /* one per thread, and two ready to write */
  pp.slots = calloc(pp.nslots, sizeof *pp.slots);
  if (!pp.slots || pthread_mutex_init(&pp.mu, NULL) != 0) abort();
  if (pthread_cond_init(&pp.cv, NULL) != 0) abort();
  pthread_t th[PAR_MAX_JOBS];
  int nth = 0;
  for (int i = 1; i < jobs; i++) {
    if (pthread_create(&th[nth], NULL, par_worker, &pp) != 0) break; /* fewer threads */
    nth++;
  }
  int rc = par_main(&pp, w, ud);
  for (int i = 0; i < nth; i++) pthread_join(th[i], NULL);
  pthread_cond_destroy(&pp.cv);
  pthread_mutex_destroy(&pp.mu);
  for (uint32_t i = 0; i < pp.nslots; i++) free(pp.slots[i].buf);
  free(pp.slots);
  free(pp.bounds);
  return rc;
}

int par_default_jobs(void) { return (int)thr_processors(PAR_DEFAULT_MAX); }

int cli_parse_jobs(const char *s) {
  int n = 0;
  if (!*s) return -1;
  for (; *s; s++) {
    if (*s < '0' || *s > '9' || n > 64) return -1;
    n = n * 10 + (*s - '0');
  }
  return n >= 1 && n <= 64 ? n : -1;
}

int cli_jobs_option(const char *cmd, int argc, char **argv, int *i, int *jobs) {
  const char *a = argv[*i], *v;
  if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
    if (*i + 1 >= argc) {
      fprintf(stderr, _("%s: %s needs a value\n"), cmd, a);
      return -1;
    }
    v = argv[++*i];
  } else if (!strncmp(a, "--jobs=", 7)) {
    v = a + 7;
  } else if (a[0] == '-' && a[1] == 'j' && a[2]) {
    v = a + 2;
  } else {
    return 0;
  }
  *jobs = cli_parse_jobs(v);
  if (*jobs > 0) return 1;
  fprintf(stderr, "%s: %s\n", cmd, _("--jobs must be a whole number from 1 to 64"));
  return -1;
}
