/*
 * threads.h - running a few pieces of work on POSIX threads: the parts of
 * a large spec (front/parse_parts.c) and of a large data file (cli/run.c).
 * The report writer (cli/report_par.c) hands out its chunks itself.
 */
#ifndef INDC_THREADS_H
#define INDC_THREADS_H

/* Run fn(ctx, k) for k = 0 .. n-1 and return when all have returned: 0 on
 * this thread, the others on threads of their own (a piece whose thread
 * cannot start runs on this thread, after piece 0).  n is at most
 * THR_MAX. */
enum { THR_MAX = 64 };
void thr_each(unsigned n, void (*fn)(void *ctx, unsigned k), void *ctx);

/* The processors online, at least 1 and at most max. */
unsigned thr_processors(unsigned max);

#endif
