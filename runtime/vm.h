/*
 * vm.h - the bytecode interpreter: runs one indicator's verified code
 * against its actual and scores it.
 */
#ifndef INDRT_VM_H
#define INDRT_VM_H

#include "model.h"
#include "score/score.h"

typedef enum VmState {
  VM_SCORED = 0,  /* out.score is valid */
  VM_MISSING,     /* a raw field of a derived actual is absent */
  VM_UNDEFINED,   /* a derived actual divides by zero or overflows */
  VM_STEPS        /* the code is longer than the step limit */
} VmState;

typedef struct VmOut {
  VmState state;
  ScoreOut score;
  Dec a, b;       /* target and actual as the SCORE op saw them */
  uint32_t field; /* VM_MISSING: the absent field */
} VmOut;

/*
 * Run indicator `ind` of project `proj`.  The program must have passed
 * bc_verify: the interpreter checks operands only in INDC_TEST_MODE
 * builds (assertions), as a second line behind the verifier.
 */
void vm_run(const RtProgram *p, const RtActuals *a, uint32_t proj, uint32_t ind,
            uint32_t step_limit, VmOut *out);

/* The interpreter alone, word by word, without template dispatch (tests
 * compare both; RtProgram.interpret_only forces it in vm_run). */
void vm_interpret(const RtProgram *p, const RtActuals *a, uint32_t proj, uint32_t ind,
                  uint32_t step_limit, VmOut *out);

#endif
