/* Counts heap allocations of a process (LD_PRELOAD), to measure allocations per sweep point:
 *   cc -O2 -shared -fPIC -o /tmp/alloc_count.so bench/alloc_count.c
 *   LD_PRELOAD=/tmp/alloc_count.so build/mls FILE      -> "alloc_count: N" on stderr at exit
 * A measurement tool for bench/sweep_alloc.py, not part of MLS. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

extern void* __libc_malloc(size_t);
extern void* __libc_calloc(size_t, size_t);
extern void* __libc_realloc(void*, size_t);

static atomic_ulong count;

void* malloc(size_t n) {
  atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
  return __libc_malloc(n);
}
void* calloc(size_t a, size_t b) {
  atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
  return __libc_calloc(a, b);
}
void* realloc(void* p, size_t n) {
  atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
  return __libc_realloc(p, n);
}

__attribute__((destructor)) static void report(void) {
  fprintf(stderr, "alloc_count: %lu\n", (unsigned long)atomic_load(&count));
}
