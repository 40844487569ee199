/* Native baseline of writing sweep rows (issue 24): N rows of four fields (two names, a count, a time
 * with its unit) as CSV or as JSON lines through stdio, the same shape `mls --format csv|json` writes
 * for bench/sweep_1e6.mls. usage: rows csv|json N > /dev/null */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char** argv) {
  int json = argc > 1 && strcmp(argv[1], "json") == 0;
  long n = argc > 2 ? atol(argv[2]) : 1000000;
  static const char* hw[] = {"V100", "T4", "A100", "H100", "H200"};
  static const char* model[] = {"Llama3_8B", "Llama2_13B", "Llama3_70B", "GPT3", "Mixtral_8x7B"};
  if (!json) puts("hw,model,batch,latency");
  for (long k = 0; k < n; ++k) {
    double ms = 0.5 + (double)k * 1e-3;
    if (json)
      printf("{\"table\":1,\"row\":{\"hw\":\"%s\",\"model\":\"%s\",\"batch\":%ld,\"latency\":{\"value\":%.4g,\"unit\":\"ms\","
             "\"si\":%.17g,\"dimension\":\"Time\"}}}\n",
             hw[k % 5], model[k % 5], k + 1, ms, ms * 1e-3);
    else
      printf("%s,%s,%ld,%.4g ms\n", hw[k % 5], model[k % 5], k + 1, ms);
  }
  return 0;
}
