/*
 * timings.h - `indc run --timings`: the wall-clock time of each phase of a
 * run, printed to stderr at its end ([RUN-TIMINGS] in docs/cli.md), for
 * whoever wants to know where the time of a large run goes.  Times are
 * whole nanoseconds from the monotonic clock.
 */
#ifndef INDC_TIMINGS_H
#define INDC_TIMINGS_H

#include <stdint.h>
#include <stdio.h>

enum { TIM_MAX_PHASES = 12 };

typedef struct Timings {
  int on;                 /* 0: every call does nothing */
  uint64_t start, last;   /* ns */
  unsigned n;
  struct {
    const char *name;     /* a msgid: printed translated */
    uint64_t ns;
    unsigned parts;       /* threads the phase ran on (said when more than 1) */
  } ph[TIM_MAX_PHASES];
} Timings;

/* Start timing now, when on. */
void tim_start(Timings *t, int on);

/* The phase `name` (a static msgid, N_()) ended now; parts as above.  t
 * may be NULL. */
void tim_mark(Timings *t, const char *name, unsigned parts);

/* Print the phases and the total since tim_start. */
void tim_print(const Timings *t, FILE *f);

#endif
