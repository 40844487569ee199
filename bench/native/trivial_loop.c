/* Native baseline of `for b in 1 .. N { x = b * 1 s; assert x > 0 s }` (issue 24): the same work, a
 * counter and a check per point. usage: trivial_loop N -> prints ns per point. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 10000000;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  long failed = 0;
  for (long k = 0; k < n; ++k) {
    volatile double b = 1.0 + (double)k; /* volatile: the loop is not folded away */
    double x = b * 1.0;
    if (!(x > 0)) ++failed;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9;
  printf("%.3f ns/point (%ld failed)\n", s / n * 1e9, failed);
  return 0;
}
