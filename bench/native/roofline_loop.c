/* Native baseline of a roofline solve in a loop (Llama-3-70B-like model on an H100-like device, batch
 * 1..N, fp16): the roofline equation of MODELS.md in plain C — compute time against memory time, the
 * larger is the latency. usage: roofline_loop N -> prints ns of CPU time per point (as bench/ratios.py times
 * the MLS loop: CPU time, so a loaded machine does not count the other processes' time). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000;
  volatile double params = 70.6e9, bytes_per_param = 2, peak = 989e12, bw = 3.35e12, efficiency = 0.5;
  struct timespec t0, t1;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
  long failed = 0;
  for (long b = 1; b <= n; ++b) {
    double flops = 2 * params * (double)b;
    double bytes = params * bytes_per_param;
    double t_compute = flops / (peak * efficiency), t_memory = bytes / bw;
    double latency = fmax(t_compute, t_memory);
    if (!(latency > 0)) ++failed;
  }
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
  double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9;
  printf("%.3f ns/point (%ld failed)\n", s / n * 1e9, failed);
  return 0;
}
