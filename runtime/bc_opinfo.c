/*
 * bc_opinfo.c - the opcode table, generated from bc_opcodes.def: name,
 * operand kind, stack effect and meaning of every opcode, indexed by
 * BcOpcode.  The verifier, the disassembler and the documentation test
 * read it; nothing else lists opcodes by hand.
 */
#include "bc_format.h"

const BcOpInfo bc_ops[BC__NOPS] = {
#define OP(name, operand, pops, pushes, doc) {#name, BC_OPND_##operand, pops, pushes, doc},
#include "bc_opcodes.def"
#undef OP
};
