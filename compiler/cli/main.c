/*
 * main.c - the indc command: dispatch to subcommands.
 *
 * Exit codes (docs/cli.md): 0 success, 1 errors in the input (or a fmt
 * --check that found unformatted files), 2 usage errors.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const CliCommand commands[] = {
    {"check", "check specs and report errors and warnings", cmd_check},
    {"fmt", "format specs canonically", cmd_fmt},
    {"import", "turn target tables (text, CSV) into specs", cmd_import},
    {"compile", "compile specs to bytecode (.indb)", cmd_compile},
    {"disasm", "list a bytecode file", cmd_disasm},
    {"run", "score actual data against specs and write the scorecard", cmd_run},
    {"test", "run the rule tests of specs", cmd_test},
    {"diff", "compare two versions of specs by meaning", cmd_diff},
};

static void usage(FILE *out) {
  fputs("usage: indc COMMAND [OPTIONS] [FILE...]\n\ncommands:\n", out);
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fputs("\nindc COMMAND --help shows the options of a command.\n"
        "indc --version shows the version.\n",
        out);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
    usage(stdout);
    return 0;
  }
  if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
    printf("indc %s\n", INDC_VERSION);
    return 0;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (!strcmp(cmd, commands[i].name)) return commands[i].run(argc - 1, argv + 1);
  fprintf(stderr, "indc: unknown command '%s'\n", cmd);
  usage(stderr);
  return 2;
}
