// A compile error on purpose (test/e2e/action.test.ts): the missing ';' at line 5, column 12.
#include <stdio.h>

int main(void) {
  int x = 1
  printf("%d\n", x);
  return 0;
}
