/*
 * bc.h - reading, writing, verifying and listing .indb bytecode
 * (docs/bytecode.md).  The compiler writes through bc_write; libindrt
 * loads through bc_load, which always verifies.
 */
#ifndef INDRT_BC_H
#define INDRT_BC_H

#include <stdio.h>

#include "bc_format.h"
#include "include/indrt.h"
#include "model.h"

typedef struct BcBuf {
  uint8_t *data;
  size_t len, cap;
} BcBuf;

void bc_buf_free(BcBuf *b);

/* Serialise p (strings interned); 0 on success, -1 out of memory. */
int bc_write(const RtProgram *p, BcBuf *out);

typedef struct BcError {
  uint64_t offset;   /* byte offset in the file where the problem is */
  char msg[256];     /* short reason, e.g. "truncated section CODE" */
} BcError;

/*
 * Read and verify untrusted bytes into *out (whose arena gets the given
 * memory limit, 0 for none).  On failure *out is freed and empty, err says
 * why, and the status is INDRT_E_FORMAT, INDRT_E_VERIFY or INDRT_E_NOMEM.
 */
indrt_status bc_load(const void *bytes, size_t len, size_t mem_limit, RtProgram *out,
                     BcError *err);
/* bc_load with the arena's limit and allocator from mem (libindrt's API:
 * indrt_config.reallocate). */
indrt_status bc_load_mem(const void *bytes, size_t len, const RtMem *mem, RtProgram *out,
                         BcError *err);

/* Verify a program (also run by bc_load; the compiler runs it on what it
 * emits in test mode). */
indrt_status bc_verify(const RtProgram *p, BcError *err);

/* 1 when indicator ind of project pr has a target of its own (no derived
 * actual) and exactly the canonical code of that target, constants equal
 * to its fields (docs/bytecode.md, "Canonical code"), else 0.  The
 * verifier requires this of every such indicator; the VM's template
 * dispatch and the C and LLVM backends' inline scoring rely on it, and
 * the backends check it themselves, as their programs need not come
 * through the verifier. */
int bc_canonical(const RtProgram *p, const RtIndicator *ind, const RtProject *pr);

/* Set used[f] to 1 for every raw field f (< p->nfields) that the code of
 * project pr's indicators reads; used has p->nfields entries. */
void bc_fields_read(const RtProgram *p, const RtProject *pr, uint8_t *used);

/* Readable listing: sections, then each indicator's code with its source
 * line. */
void bc_disasm(const RtProgram *p, FILE *out);

/* Free everything a program owns (its arena). */
void rt_program_free(RtProgram *p);

#endif
