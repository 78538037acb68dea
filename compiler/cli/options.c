/*
 * options.c - options that take one value and may be given once.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "support/i18n.h"

int cli_end_of_options(const char *a, int *only_files) {
  if (*only_files || strcmp(a, "--")) return 0;
  *only_files = 1;
  return 1;
}

int cli_spec_after_options(const char *a, int *only_files, PathList *files, int *rc) {
  if (cli_end_of_options(a, only_files)) return 1;
  if (!*only_files) return 0;
  if (!paths_add(files, a)) *rc = 1;
  return 1;
}

int cli_option_once(const char *cmd, const char *opt, const char **slot, const char *value) {
  if (*slot) {
    fprintf(stderr, _("%s: %s given twice ('%s', then '%s'); give it once\n"), cmd, opt, *slot,
            value);
    return -1;
  }
  *slot = value;
  return 0;
}
