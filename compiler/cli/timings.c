/*
 * timings.c - see timings.h.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include "timings.h"

#include <time.h>

#include "support/i18n.h"

static uint64_t tim_now(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) return 0;
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void tim_start(Timings *t, int on) {
  t->on = on;
  t->n = 0;
  t->start = t->last = on ? tim_now() : 0;
}

void tim_mark(Timings *t, const char *name, unsigned parts) {
  if (!t || !t->on || t->n == TIM_MAX_PHASES) return;
  uint64_t now = tim_now();
  t->ph[t->n].name = name;
  t->ph[t->n].ns = now - t->last;
  t->ph[t->n].parts = parts;
  t->n++;
  t->last = now;
}

/* ns as seconds with three decimals. */
static void tim_put(FILE *f, uint64_t ns) {
  uint64_t ms = (ns + 500000) / 1000000;
  fprintf(f, "%4llu.%03llu s", (unsigned long long)(ms / 1000), (unsigned long long)(ms % 1000));
}

void tim_print(const Timings *t, FILE *f) {
  if (!t->on) return;
  fprintf(f, "%s\n", _("indc: timings (wall clock):"));
  for (unsigned i = 0; i < t->n; i++) {
    tim_put(f, t->ph[i].ns);
    fprintf(f, "  %s", _(t->ph[i].name));
    if (t->ph[i].parts > 1)
      fprintf(f, i18n_plural(" (%u thread)", " (%u threads)", t->ph[i].parts), t->ph[i].parts);
    fputc('\n', f);
  }
  tim_put(f, t->last - t->start);
  fprintf(f, "  %s\n", _("total"));
}
