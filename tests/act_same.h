/*
 * act_same.h - whether two loads of the same data agree slot by slot: the
 * unit tests of the loads in parts (unit/test_act_parts.c) and the data
 * fuzz target (fuzz/fuzz_data.c) both require a load in parts to equal
 * the load in one piece.  Header-only, for both builds.
 */
#ifndef INDC_TESTS_ACT_SAME_H
#define INDC_TESTS_ACT_SAME_H

#include <string.h>

#include "model.h"

static inline int act_same_str(const char *a, const char *b) {
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Indicator i's actual is the same in x and y. */
static inline int act_same_ind(const RtActuals *x, const RtActuals *y, uint32_t i) {
  const RtActual *u = &x->ind[i], *v = &y->ind[i];
  return u->kind == v->kind && u->grade == v->grade && u->has_score == v->has_score &&
         u->value == v->value && u->date == v->date && u->rank == v->rank &&
         u->line == v->line && act_same_str(u->text, v->text) && act_same_str(u->note, v->note);
}

/* Project j's 执行数 is the same in x and y. */
static inline int act_same_spent(const RtActuals *x, const RtActuals *y, uint32_t j) {
  return x->has_spent[j] == y->has_spent[j] && x->spent[j] == y->spent[j];
}

/* Raw field f of project j (of nfields) is the same in x and y. */
static inline int act_same_field(const RtActuals *x, const RtActuals *y, uint32_t j, uint32_t f,
                                 uint32_t nfields) {
  size_t at = (size_t)j * nfields + f;
  return x->field_set[at] == y->field_set[at] && x->fields[at] == y->fields[at];
}

#endif
