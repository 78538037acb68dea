/*
 * main.c - the indc command: dispatch to subcommands.
 *
 * Exit codes (docs/cli.md): 0 success, 1 errors in the input (or a fmt
 * --check that found unformatted files), 2 usage errors.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "support/i18n.h"

static const CliCommand commands[] = {
    {"check", N_("check specs and report errors and warnings"), cmd_check},
    {"fmt", N_("format specs canonically"), cmd_fmt},
    {"import", N_("turn target tables (text, CSV) into specs"), cmd_import},
    {"compile", N_("compile specs to bytecode (.indb)"), cmd_compile},
    {"disasm", N_("list a bytecode file"), cmd_disasm},
    {"run", N_("score actual data against specs and write the scorecard"), cmd_run},
    {"test", N_("run the rule tests of specs"), cmd_test},
    {"diff", N_("compare two versions of specs by meaning"), cmd_diff},
    {"template", N_("write a blank actuals sheet for specs, to fill in"), cmd_template},
};

static void usage(FILE *out) {
  fputs(_("usage: indc [--lang zh|en] COMMAND [OPTIONS] [FILE...]\n\ncommands:\n"), out);
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fputs(_("\nindc COMMAND --help shows the options of a command.\n"
          "indc --version shows the version.\n"
          "--lang zh|en, anywhere on the command line, chooses the language of\n"
          "messages and scorecards (default: the locale, LANG=zh_CN.UTF-8 for Chinese).\n"),
        out);
}

/*
 * Take --lang VALUE / --lang=VALUE out of argv (anywhere before a "--"),
 * so that every command accepts it; *lang is the last one given, else
 * NULL.  Returns the new argc, or -1 when --lang has no value.
 */
static int take_lang(int argc, char **argv, const char **lang) {
  int n = 0;
  *lang = NULL;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--")) {
      while (i < argc) argv[n++] = argv[i++];
      break;
    }
    if (!strncmp(a, "--lang=", 7)) {
      *lang = a + 7;
    } else if (!strcmp(a, "--lang")) {
      if (i + 1 >= argc) return -1;
      *lang = argv[++i];
    } else {
      argv[n++] = argv[i];
    }
  }
  argv[n] = NULL;
  return n;
}

int main(int argc, char **argv) {
  const char *lang;
  argc = take_lang(argc, argv, &lang);
  if (argc < 0 || i18n_init(lang) != 0) {
    i18n_init(NULL);
    fprintf(stderr, _("indc: --lang must be zh or en\n"));
    return 2;
  }
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
  fprintf(stderr, _("indc: unknown command '%s'\n"), cmd);
  usage(stderr);
  return 2;
}
