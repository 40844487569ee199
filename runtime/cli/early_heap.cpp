// Start-up (issue 24, goal 4): the `mls` command's heap on transparent huge pages.
//
// Why: on the VMs MLS runs on (measured on the 2-core Firecracker dev box, kernel 6.18, THP=madvise) a
// first touch of an anonymous 4 KB page costs ~11–16 µs, and a start-up touches ~150 heap pages (the
// prelude's syntax tree, ANTLR's ATN, LLVM's option registry): ~2 ms of a 20 ms start. A 2 MB huge page
// is one fault (~0.2 ms for the same 2 MB). So before any other static initialiser of the binary runs
// (priority 101, the first the toolchain lets a program use), the heap gets 16 MB of room at its top
// (M_TOP_PAD), and the part of it from the next 2 MB boundary is marked MADV_HUGEPAGE.
//
// Harmless when it cannot help: with THP off ("never") or outside Linux madvise fails or does not
// exist and nothing else changes; untouched huge-page room is not resident, so resident memory grows by
// at most the 2 MB pages a run actually touches. The allocator stays glibc's. Only the `mls` executable
// has this file (runtime/CMakeLists.txt globs cli/*.cpp into it): libmls.so and the Python module leave
// their host process's heap alone. MLS_NO_HUGE_HEAP=1 turns this file off (to compare; tests/cli/check_startup_process.py).
#include <cstdint>
#include <cstdlib>  // defines __GLIBC__ (through <features.h>) when the C library is glibc
#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#ifdef MLS_STARTUP_LAYOUT
// The first and last entries of cmake/mls_startup.order: lld places every function a start-up runs
// between them (cmake/startup_layout.cmake), each in a section of its own so that it can be placed.
extern "C" __attribute__((section(".text.mls_startup_text_begin"), used, noinline)) void mls_startup_text_begin() {}
extern "C" __attribute__((section(".text.mls_startup_text_end"), used, noinline)) void mls_startup_text_end() {}
#endif

// Linker-defined: where the executable's zero-initialised data starts and where it ends.
extern "C" char __bss_start[], _end[];

namespace {
constexpr std::size_t kHugePage = std::size_t{2} << 20;
// 16 MB: the heap a zoo-using script's start-up uses (~6 MB) with room to spare, in whole huge pages.
constexpr std::size_t kTopPad = std::size_t{16} << 20;
// M_TOP_PAD turns glibc's sliding mmap threshold off (mallopt fixes it); 32 MB is the ceiling that
// threshold slides to on 64-bit (DEFAULT_MMAP_THRESHOLD_MAX), so a block freed and reallocated in a loop
// (output buffers, vectors of rows) stays on the heap as it would have without this file.
constexpr int kMmapThreshold = 32 << 20;

__attribute__((constructor(101))) void mls_early_huge_heap() {
  if (const char* off = std::getenv("MLS_NO_HUGE_HEAP"); off && *off && *off != '0') return;
  // The heap starts wherever the kernel put the program break (randomised, 4 KB-aligned). The break
  // moves first to one page before a 2 MB boundary (the gap is never touched, so never resident):
  // glibc's first allocation writes its bookkeeping (the thread cache, the top chunk's header) on that
  // page only, so the huge-page range above stays untouched until madvise marks it. A 2 MB range
  // already touched through a 4 KB page stays 4 KB pages: madvise must come before the first touch.
  // Done before glibc's first allocation; had something allocated already, glibc takes the gap as
  // another library's sbrk, which it allows, and the range starts at the next boundary above the block.
  constexpr std::uintptr_t kPage = 4096;
  auto brk0 = reinterpret_cast<std::uintptr_t>(sbrk(0));
  auto start = (brk0 + kPage + kHugePage - 1) & ~(kHugePage - 1);  // the first boundary with a page below it
  if (sbrk(static_cast<intptr_t>(start - kPage - brk0)) == reinterpret_cast<void*>(-1)) return;
  mallopt(M_TOP_PAD, static_cast<int>(kTopPad));
  mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
  void* first = std::malloc(1);  // makes glibc extend the heap now, by the pad
  auto at = reinterpret_cast<std::uintptr_t>(first);
  auto lo = at < start ? start : (at + kHugePage - 1) & ~(kHugePage - 1);
  auto hi = reinterpret_cast<std::uintptr_t>(sbrk(0)) & ~(kHugePage - 1);
  if (first && hi > lo) madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_HUGEPAGE);  // fails harmlessly without THP
  std::free(first);
  // .bss (~350 KB, mostly LLVM's command-line option objects) is written almost whole by the static
  // initialisers that run next (81 of its 86 pages for `mls -e '1 m'`): one MADV_POPULATE_WRITE
  // (Linux 5.14+; fails harmlessly before) maps them all for ~1.4 µs a page instead of ~15 µs a fault.
  constexpr int kPopulateWrite = 23;  // MADV_POPULATE_WRITE, absent from older headers
  auto bss_lo = reinterpret_cast<std::uintptr_t>(__bss_start) & ~(kPage - 1);
  madvise(reinterpret_cast<void*>(bss_lo), reinterpret_cast<std::uintptr_t>(_end) - bss_lo, kPopulateWrite);
#ifdef MLS_STARTUP_LAYOUT
  // The start-up's machine code, contiguous thanks to the ordering file: one MADV_POPULATE_READ maps
  // it (page cache, nothing copied) instead of a fault per 64 KB it touches (~20–40 µs each here).
  // Bounded, in case a linker ignored the order: never more than 8 MB.
  constexpr int kPopulateRead = 22;  // MADV_POPULATE_READ
  auto text_lo = reinterpret_cast<std::uintptr_t>(&mls_startup_text_begin) & ~(kPage - 1);
  auto text_hi = reinterpret_cast<std::uintptr_t>(&mls_startup_text_end);
  if (text_hi > text_lo && text_hi - text_lo < (std::uintptr_t{8} << 20))
    madvise(reinterpret_cast<void*>(text_lo), text_hi - text_lo, kPopulateRead);
#endif
}
}  // namespace
#endif
