/* test_util.h - helpers shared by the unit suites. */
#ifndef INDC_TEST_UTIL_H
#define INDC_TEST_UTIL_H

/* A malloc'd path below the source tree: $INDC_SOURCE_DIR (set by CTest)
 * or the current directory's grandparent. */
char *test_path(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The source tree's root, as test_path uses it. */
const char *test_source_dir(void);

struct Program;
struct RtProgram;
/* Load, check (asserting no errors) and lower the seed's 11 specs
 * (specs/tianjin-youth-league-2023/); free with prog_free and
 * rt_program_free. */
void test_seed_program(struct Program *p, struct RtProgram *rp);

#endif
