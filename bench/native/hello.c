/* Native baseline of start-up: a C program that prints one quantity and exits. */
#include <stdio.h>
int main(void) {
  puts("1 m  [Length]");
  return 0;
}
