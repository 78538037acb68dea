/*
 * options.c - options that take one value and may be given once.
 */
#include <stdio.h>

#include "cli.h"
#include "support/i18n.h"

int cli_option_once(const char *cmd, const char *opt, const char **slot, const char *value) {
  if (*slot) {
    fprintf(stderr, _("%s: %s given twice ('%s', then '%s'); give it once\n"), cmd, opt, *slot,
            value);
    return -1;
  }
  *slot = value;
  return 0;
}
