/*
 * lower.h - checked AST to the runtime model (runtime/model.h).
 *
 * Lowering runs only on a Program without errors.  It produces the
 * RtProgram that the bytecode writer serialises and that every backend
 * (C, LLVM, SQL) generates code from: units, scales, one policy per file,
 * projects with their budgets in the file's 金额单位, indicators with
 * their targets, points and canonical code (docs/bytecode.md).
 */
#ifndef INDC_LOWER_H
#define INDC_LOWER_H

#include "model.h"
#include "sema/program.h"

/*
 * 0 on success; -1 when a limit of the bytecode format is exceeded (an
 * E0603 diagnostic is reported).  The program's names and texts are not
 * copied: they are strings of p->arena (arena_alloc_str and the functions
 * built on it, never arena_alloc), except each project's file path (the
 * SourceSet's) and each scale's list of members (an array of the AST).
 * So `indc run` can keep them (arena_take_strings) and free the rest of
 * the compilation before it loads data (cli/run.c).
 */
int lower_program(Program *p, RtProgram *out);

/* lower_program in at most `parts` pieces of projects (0: from p->jobs,
 * else the processors) of at least min_part indicators (0:
 * LOWER_MIN_PART), each on a thread ([LOWER-PARTS] in lower.c): the same
 * program, to the byte, whatever the pieces. */
#define LOWER_MIN_PART 50000u
int lower_program_parts(Program *p, RtProgram *out, unsigned parts, size_t min_part);

/* The canonical text of a target, as reports show it: "≥15 场", "100%",
 * "2023年12月底前完成", "达到 3A 级", or the qualitative text.  Arena-owned. */
const char *lower_target_text(Arena *a, const Target *t);

#endif
