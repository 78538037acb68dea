/*
 * vm.c - the interpreter (vm.h).  vm_run is the one big switch; every
 * case is a line or two, and the scoring itself is in score.c.
 *
 * Termination: the verifier allows only forward jumps, so an indicator
 * executes at most ncode instructions.  The step limit is therefore
 * checked once, before the run, against ncode.
 */
#include "vm.h"

#include <assert.h>

#include "bc_format.h"

static Dec vm_bool(int b) { return b ? DEC_ONE : 0; }

/* The in-band default share of a grade, from the project's policy. */
static Dec vm_grade_share(const RtPolicy *pol, int grade) {
  return grade == RT_GRADE_MET ? pol->met.dflt
         : grade == RT_GRADE_PARTIAL ? pol->partial.dflt
                                     : pol->unmet.dflt;
}

/*
 * Template dispatch.  The verifier proves that the code of every indicator
 * without a derived actual is exactly one of four canonical templates
 * (docs/bytecode.md, "Canonical code") whose constants equal the
 * indicator's record.  Such code is run as one superinstruction: the
 * template's effect, computed from the record, without decoding words.
 * The result is the same by construction (tests/unit/test_vm.c runs every
 * case both ways); derived actuals always go through the interpreter.
 */
static void vm_template(const RtProgram *p, const RtProject *pj, const RtIndicator *in,
                        const RtActual *act, const RtPolicy *pol, VmOut *out) {
  const RtTarget *t = &in->target;
  switch (t->kind) {
  case RT_TGT_QUANT:
    out->a = t->value;
    out->b = act->value;
    out->score = score_quant(t->cmp, t->value, act->value, in->points, pol->reverse);
    return;
  case RT_TGT_DEADLINE: {
    int32_t jan1 = rt_days_from_civil(pj->year, 1, 1);
    out->a = (Dec)t->date * DEC_ONE;
    out->b = (Dec)act->date * DEC_ONE;
    out->score = score_deadline(t->date, act->date, jan1, in->points);
    return;
  }
  case RT_TGT_GRADE:
    out->a = (Dec)t->rank * DEC_ONE;
    out->b = (Dec)act->rank * DEC_ONE;
    out->score = score_ordinal(t->rank, act->rank, in->points);
    return;
  default:
    out->a = out->b = 0;
    out->score = score_graded(act->grade, act->has_score, act->value,
                              vm_grade_share(pol, act->grade), in->points);
    return;
  }
  (void)p;
}

void vm_run(const RtProgram *p, const RtActuals *a, uint32_t proj, uint32_t ind,
            uint32_t step_limit, VmOut *out) {
  if (!p->interpret_only && !p->indicators[ind].derived) {
    out->state = VM_SCORED;
    vm_template(p, &p->projects[proj], &p->indicators[ind], &a->ind[ind],
                &p->policies[p->projects[proj].policy], out);
    return;
  }
  vm_interpret(p, a, proj, ind, step_limit, out);
}

void vm_interpret(const RtProgram *p, const RtActuals *a, uint32_t proj, uint32_t ind,
                  uint32_t step_limit, VmOut *out) {
  const RtIndicator *in = &p->indicators[ind];
  const RtActual *act = &a->ind[ind];
  const RtPolicy *pol = &p->policies[p->projects[proj].policy];
  const uint32_t *pc = p->code + in->code;
  const uint32_t *end = pc + in->ncode;
  Dec st[BC_MAX_STACK];
  int sp = 0; /* number of values on the stack */
  Dec r;

  out->state = VM_SCORED;
  out->a = out->b = 0;
  if (in->ncode > step_limit) {
    out->state = VM_STEPS;
    return;
  }
  while (pc < end) {
    uint32_t w = *pc++;
    uint32_t A = BC_A(w);
    assert(sp >= 0 && sp <= (int)BC_MAX_STACK);
    switch (BC_OP(w)) {
    case BC_NOP:
      break;
    case BC_KONST:
      assert(A < p->nconsts);
      st[sp++] = p->consts[A];
      break;
    case BC_ACTUAL:
      st[sp++] = act->value;
      break;
    case BC_ADATE:
      st[sp++] = (Dec)act->date * DEC_ONE;
      break;
    case BC_ARANK:
      st[sp++] = (Dec)act->rank * DEC_ONE;
      break;
    case BC_FIELD:
      assert(A < p->nfields);
      if (!a->field_set[(size_t)proj * p->nfields + A]) {
        out->state = VM_MISSING;
        out->field = A;
        return;
      }
      st[sp++] = a->fields[(size_t)proj * p->nfields + A];
      break;
    case BC_ADD:
      if (dec_add(st[sp - 2], st[sp - 1], &r) != DEC_OK) goto undefined;
      st[--sp - 1] = r;
      break;
    case BC_SUB:
      if (dec_sub(st[sp - 2], st[sp - 1], &r) != DEC_OK) goto undefined;
      st[--sp - 1] = r;
      break;
    case BC_MUL:
      if (dec_mul(st[sp - 2], st[sp - 1], &r) != DEC_OK) goto undefined;
      st[--sp - 1] = r;
      break;
    case BC_DIV:
      if (dec_div(st[sp - 2], st[sp - 1], &r) != DEC_OK) goto undefined;
      st[--sp - 1] = r;
      break;
    case BC_NEG:
      st[sp - 1] = -st[sp - 1];
      break;
    case BC_MIN:
      sp--;
      if (st[sp] < st[sp - 1]) st[sp - 1] = st[sp];
      break;
    case BC_MAX:
      sp--;
      if (st[sp] > st[sp - 1]) st[sp - 1] = st[sp];
      break;
    case BC_LT: sp--; st[sp - 1] = vm_bool(st[sp - 1] < st[sp]); break;
    case BC_LE: sp--; st[sp - 1] = vm_bool(st[sp - 1] <= st[sp]); break;
    case BC_GT: sp--; st[sp - 1] = vm_bool(st[sp - 1] > st[sp]); break;
    case BC_GE: sp--; st[sp - 1] = vm_bool(st[sp - 1] >= st[sp]); break;
    case BC_EQ: sp--; st[sp - 1] = vm_bool(st[sp - 1] == st[sp]); break;
    case BC_NE: sp--; st[sp - 1] = vm_bool(st[sp - 1] != st[sp]); break;
    case BC_AND: sp--; st[sp - 1] = vm_bool(st[sp - 1] != 0 && st[sp] != 0); break;
    case BC_OR: sp--; st[sp - 1] = vm_bool(st[sp - 1] != 0 || st[sp] != 0); break;
    case BC_NOT:
      st[sp - 1] = vm_bool(st[sp - 1] == 0);
      break;
    case BC_JMP:
      pc += A;
      break;
    case BC_JZ:
      if (st[--sp] == 0) pc += A;
      break;
    case BC_SQUANT:
      sp -= 3;
      out->a = st[sp + 1];
      out->b = st[sp + 2];
      out->score = score_quant((int)A, st[sp + 1], st[sp + 2], st[sp], pol->reverse);
      break;
    case BC_SORD:
      sp -= 3;
      out->a = st[sp + 1];
      out->b = st[sp + 2];
      out->score = score_ordinal((int32_t)(st[sp + 1] / DEC_ONE), (int32_t)(st[sp + 2] / DEC_ONE),
                                 st[sp]);
      break;
    case BC_SDATE:
      sp -= 4;
      out->a = st[sp + 1];
      out->b = st[sp + 3];
      out->score = score_deadline((int32_t)(st[sp + 1] / DEC_ONE), (int32_t)(st[sp + 3] / DEC_ONE),
                                  (int32_t)(st[sp + 2] / DEC_ONE), st[sp]);
      break;
    case BC_SGRADED:
      sp -= 1;
      out->score = score_graded(act->grade, act->has_score, act->value,
                                vm_grade_share(pol, act->grade), st[sp]);
      break;
    case BC_RET:
      return;
    default:
      assert(!"opcode rejected by the verifier");
      return;
    }
  }
  return;
undefined:
  out->state = VM_UNDEFINED;
}
