/* fmt_cmd.c - indc fmt (placeholder until compiler/fmt lands). */
#include <stdio.h>

#include "cli.h"

int cmd_fmt(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fputs("indc fmt: not built yet\n", stderr);
  return 2;
}
