/*
 * disasm.c - indc disasm FILE.indb: load, verify, and list the bytecode.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "bc.h"
#include "cli.h"
#include "support/i18n.h"

int cmd_disasm(int argc, char **argv) {
  if (argc != 2 || argv[1][0] == '-') {
    FILE *o = argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) ? stdout : stderr;
    fputs(_("usage: indc disasm FILE.indb\n\nList a bytecode file: its tables and the code of "
          "each indicator\nwith the source line it came from.  The file is verified first.\n"),
          o);
    return o == stdout ? 0 : 2;
  }
  RtProgram p;
  if (cli_load_indb(argv[1], &p) != 0) return 1;
  bc_disasm(&p, stdout);
  rt_program_free(&p);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, _("indc disasm: cannot write to stdout: %s\n"), strerror(errno));
    return 1;
  }
  return 0;
}
