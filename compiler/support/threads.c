/*
 * threads.c - see threads.h.
 */
#include "threads.h"

#include <pthread.h>
#include <unistd.h>

typedef struct ThrPiece {
  void (*fn)(void *, unsigned);
  void *ctx;
  unsigned k;
} ThrPiece;

static void *thr_start(void *arg) {
  ThrPiece *pc = arg;
  pc->fn(pc->ctx, pc->k);
  return NULL;
}

void thr_each(unsigned n, void (*fn)(void *ctx, unsigned k), void *ctx) {
  ThrPiece pc[THR_MAX];
  pthread_t th[THR_MAX];
  int started[THR_MAX] = {0};
  if (n > THR_MAX) n = THR_MAX;
  for (unsigned k = 1; k < n; k++) {
    pc[k] = (ThrPiece){fn, ctx, k};
    started[k] = pthread_create(&th[k], NULL, thr_start, &pc[k]) == 0;
  }
  if (n > 0) fn(ctx, 0);
  for (unsigned k = 1; k < n; k++) {
    if (started[k]) pthread_join(th[k], NULL);
    else fn(ctx, k);
  }
}

unsigned thr_processors(unsigned max) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : (unsigned long)n > max ? max : (unsigned)n;
}
