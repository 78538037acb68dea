/*
 * limits.h - compiler limits.  Each holds for any input; each has a test
 * in tests/limits/ at the limit and one past it; docs/limits.md lists
 * them.  They exist so that no input can exhaust memory or the C stack.
 */
#ifndef INDC_LIMITS_H
#define INDC_LIMITS_H

/* Largest source file.  A 100k-project corpus is about 100 MB; the bound
 * leaves room for it while refusing files that are surely not specs. */
#define LIM_FILE_BYTES   (256u * 1024u * 1024u)

/* Files in one compilation, command-line files and imports together. */
#define LIM_FILES        10000u

/* Import chain depth (a chain deeper than this is reported as a cycle
 * would be: it names the chain). */
#define LIM_IMPORT_DEPTH 64u

/* Nesting of blocks and parentheses.  The grammar itself nests only four
 * deep (project, level 1, level 2, indicator); the bound is for
 * expressions, whose parser and every recursive pass over them recurse. */
#define LIM_NESTING      200u

/* Bison's stack; deeper input is "memory exhausted", reported as E0204. */
#define LIM_PARSER_STACK 10000u

/* Longest token (a string, identifier or number), in bytes. */
#define LIM_TOKEN_BYTES  (64u * 1024u)

/* Projects per compilation and indicators per project. */
#define LIM_PROJECTS     1000000u
#define LIM_INDICATORS   10000u

/* Values an expression of 实际 holds at once: the VM's stack
 * (BC_MAX_STACK, 64) less the points and the target value beneath the
 * expression.  Chains nested to the left (a + b + c …) need two however
 * long they are; chains nested to the right (a + (b + (c …))) one more per
 * level. */
#define LIM_EXPR_STACK   62u

/* Instructions one indicator compiles to, framing included: libindrt's
 * default step limit (indrt_config.step_limit), so every indicator the
 * compiler accepts runs under the default.  An expression takes about one
 * instruction per number, name and operator. */
#define LIM_CODE_WORDS   100000u

/* Errors reported before indc stops reporting (the count is still exact). */
#define LIM_ERRORS       100u

#endif
