/*
 * replay.c - run a fuzz target over files, without libFuzzer, in every
 * build (after SQLite's test/fuzzcheck.c): every crash or hang the fuzzers
 * ever found is a file in tests/fuzz/corpus/<target>/, and CTest replays
 * them all, so a regression fails the ordinary test suite, under ASan and
 * UBSan in the sanitizer build.
 *
 *   fuzz_replay_<target> [-q] FILE|DIR...
 *
 * A directory means its files (not recursive, sorted, dot files and
 * README* skipped).  Each input runs under an alarm of $FUZZ_REPLAY_TIMEOUT
 * seconds (default 20): a hang is reported with the file's name and exit
 * status 3.  A crash ends the process; the name of each input is printed
 * before it runs (unless -q), so the log says which one it was.  Exit status 0 when every
 * input ran, 1 when one could not be read, 2 for usage errors.
 */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *current = "";
static int quiet;

static void on_alarm(int sig) {
  (void)sig;
  static const char msg[] = "fuzz_replay: timeout (a hang) on input: ";
  ssize_t r = write(2, msg, sizeof msg - 1);
  r = write(2, current, strlen(current));
  r = write(2, "\n", 1);
  (void)r;
  _exit(3);
}

static int run_file(const char *path, unsigned timeout) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    return 1;
  }
  size_t cap = 4096, n = 0, k;
  uint8_t *buf = malloc(cap);
  while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
    n += k;
    if (n == cap) {
      uint8_t *nb = realloc(buf, cap *= 2);
      if (!nb) free(buf);
      buf = nb;
    }
  }
  int bad = !buf || ferror(f);
  fclose(f);
  if (bad) {
    fprintf(stderr, "fuzz_replay: cannot read %s\n", path);
    free(buf);
    return 1;
  }
  current = path;
  if (!quiet) fprintf(stderr, "%s\n", path);
  /* an exact-size copy, so ASan sees a read one past the input */
  uint8_t *exact = malloc(n ? n : 1);
  if (!exact) abort();
  memcpy(exact, buf, n);
  free(buf);
  alarm(timeout);
  LLVMFuzzerTestOneInput(exact, n);
  alarm(0);
  free(exact);
  return 0;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, unsigned timeout, size_t *count) {
  DIR *d = opendir(dir);
  if (!d) {
    perror(dir);
    return 1;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (e->d_name[0] == '.' || !strncmp(e->d_name, "README", 6)) continue;
    if (n == cap) {
      char **nn = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
      if (!nn) abort();
      names = nn;
    }
    size_t len = strlen(dir) + strlen(e->d_name) + 2;
    names[n] = malloc(len);
    if (!names[n]) abort();
    snprintf(names[n++], len, "%s/%s", dir, e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, by_name);
  int rc = 0;
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
      rc |= run_file(names[i], timeout);
      ++*count;
    }
    free(names[i]);
  }
  free(names);
  return rc;
}

int main(int argc, char **argv) {
  const char *t = getenv("FUZZ_REPLAY_TIMEOUT");
  unsigned timeout = t && atoi(t) > 0 ? (unsigned)atoi(t) : 20;
  size_t count = 0;
  int rc = 0, nargs = 0;
  signal(SIGALRM, on_alarm);
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-q")) {
      quiet = 1;
      continue;
    }
    nargs++;
    struct stat st;
    if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
      rc |= run_dir(argv[i], timeout, &count);
    } else {
      rc |= run_file(argv[i], timeout);
      count++;
    }
  }
  if (nargs == 0) {
    fprintf(stderr, "usage: %s [-q] FILE|DIR...\n", argv[0]);
    return 2;
  }
  printf("fuzz_replay: %zu input%s replayed%s\n", count, count == 1 ? "" : "s",
         rc ? ", some could not be read" : "");
  return rc;
}
