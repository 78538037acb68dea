/*
 * bc_format.h - the layout of a .indb file (docs/bytecode.md).
 *
 * All integers are little-endian and fixed-width.  A file is a header and
 * then sections, each `u32 id, u32 length, payload`; every section appears
 * exactly once, in id order.  Strings are referred to by index into the
 * STRINGS section; index 0xFFFFFFFF means "none".
 */
#ifndef INDRT_BC_FORMAT_H
#define INDRT_BC_FORMAT_H

#include <stdint.h>

#define BC_MAGIC        "INDB"      /* 4 bytes */
#define BC_VERSION      1u          /* u16: readers reject other versions */
#define BC_ENDIAN_CHECK 0x01020304u /* u32 written little-endian */
#define BC_DEC_CHECK    INT64_C(-1234567890123456789) /* i64: exposes size/sign mismatches */
#define BC_HEADER_SIZE  32u
#define BC_NONE         0xFFFFFFFFu

/*
 * Header (32 bytes):
 *   0  char[4] magic "INDB"
 *   4  u16     version
 *   6  u16     flags (0)
 *   8  u32     endian check 0x01020304
 *  12  i64     Dec check
 *  20  u32     number of sections
 *  24  u32     length of everything after the header
 *  28  u32     CRC-32 (IEEE) of everything after the header
 */
enum BcSection {
  BC_SEC_STRINGS = 1,  /* u32 n; n x (u32 len, bytes) — valid UTF-8, no NUL */
  BC_SEC_UNITS,        /* u32 n; n x (u32 name, u32 dim, i64 factor) */
  BC_SEC_SCALES,       /* u32 n; n x (u32 name, u32 nmembers, nmembers x u32 member) */
  BC_SEC_POLICIES,     /* u32 n; n x policy (see docs/bytecode.md) */
  BC_SEC_PROJECTS,     /* u32 n; n x project */
  BC_SEC_INDICATORS,   /* u32 n; n x indicator */
  BC_SEC_FIELDS,       /* u32 n; n x u32 name */
  BC_SEC_CONSTS,       /* u32 n; n x i64 */
  BC_SEC_CODE,         /* u32 n; n x u32 instruction */
  BC_SEC__COUNT = BC_SEC_CODE
};

/* Instruction encoding. */
#define BC_OP(word)      ((uint32_t)(word) & 0xFFu)
#define BC_A(word)       ((uint32_t)(word) >> 8)
#define BC_WORD(op, a)   ((uint32_t)(op) | ((uint32_t)(a) << 8))
#define BC_MAX_A         0xFFFFFFu

enum BcOpcode {
#define OP(name, operand, pops, pushes, doc) BC_##name,
#include "bc_opcodes.def"
#undef OP
  BC__NOPS
};

enum BcOperand { BC_OPND_NONE, BC_OPND_CONST, BC_OPND_FIELD, BC_OPND_JUMP, BC_OPND_CMP };

/* Per-opcode metadata, from bc_opcodes.def. */
typedef struct BcOpInfo {
  const char *name;
  uint8_t operand;  /* BcOperand */
  uint8_t pops, pushes;
  const char *doc;
} BcOpInfo;
extern const BcOpInfo bc_ops[BC__NOPS];

/* Largest stack any indicator's code may need (verified). */
#define BC_MAX_STACK 64u

#endif
