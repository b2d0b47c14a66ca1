// Greets its first argument with the GREETING environment variable: the smallest program that shows
// argv and environment reaching a WASI module through each runtime.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  const char *greeting = getenv("GREETING");
  const char *name = argc > 1 ? argv[1] : "world";
  printf("%s, %s!\n", greeting ? greeting : "Hello", name);
  return 0;
}
