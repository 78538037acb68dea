/* test_util.h - helpers shared by the unit suites. */
#ifndef INDC_TEST_UTIL_H
#define INDC_TEST_UTIL_H

/* A malloc'd path below the source tree: $INDC_SOURCE_DIR (set by CTest)
 * or the current directory's grandparent. */
char *test_path(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The source tree's root, as test_path uses it. */
const char *test_source_dir(void);

#endif
