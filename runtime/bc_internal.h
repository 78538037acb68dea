/*
 * bc_internal.h - what the writer, reader and verifier of .indb files
 * share beyond bc_format.h: record sizes and the file offsets that let
 * verifier errors point into the file.  Not part of any public API.
 */
#ifndef INDRT_BC_INTERNAL_H
#define INDRT_BC_INTERNAL_H

#include "bc.h"

/* Sizes of the fixed records (docs/bytecode.md, section by section). */
enum {
  BC_UNIT_SIZE = 16,       /* u32 name, u32 dim, i64 factor */
  BC_POLICY_SIZE = 153,    /* 19 x i64, u8 reverse */
  BC_PROJECT_SIZE = 45,
  BC_INDICATOR_SIZE = 70,
  BC_SCALE_MIN_SIZE = 8,   /* u32 name, u32 nmembers (then the members) */
  BC_STRING_MIN_SIZE = 4   /* u32 len (then the bytes) */
};

/*
 * Where each section's records start in the file (just after its count),
 * recorded by the reader so that verifier errors carry file offsets.  All
 * zero for a program that was never read from a file.
 */
typedef struct BcLayout {
  uint64_t at[BC_SEC__COUNT + 1]; /* indexed by BcSection */
} BcLayout;

/* bc_verify with offsets from layout (NULL: offsets are 0). */
indrt_status bc_verify_at(const RtProgram *p, const BcLayout *layout, BcError *err);

/* "STRINGS", "UNITS", ... or "?" for an unknown id. */
const char *bc_section_name(uint32_t id);

#endif
