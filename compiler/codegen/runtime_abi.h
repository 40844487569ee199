/* The runtime ABI: what JIT-compiled MLS code may call. Plain C, no LLVM — the contract between
 * compiler/codegen (which emits calls by these names and signatures) and runtime/jit (which
 * implements them and binds each name to an absolute address in the JIT; nothing else in the
 * process is visible to JIT code).
 *
 * Values. f64 and bool values are native in JIT code. Every other value (string, record, list,
 * none) lives in the runtime's value table and JIT code holds it as an opaque i64 handle. Arguments
 * travel in an array of 8-byte slots, one per operand of the IR instruction: an f64 as its bits, a
 * bool as 0/1, anything else as its handle. A native result comes back in out[0]; a handle result
 * is stored by the runtime in the table under the instruction's result.
 *
 * Every thunk has the same signature. `inst` is the instruction's index in its compiled unit (the
 * runtime finds the IR instruction, its operand kinds and its source span from it). A thunk never
 * lets a C++ exception escape: on an error it keeps the error in the runtime context's error slot
 * and returns non-zero; the JIT code then returns from its function at once (status 1) and the
 * runtime reports the error after the JIT frames are gone.
 */
#ifndef MLS_CODEGEN_RUNTIME_ABI_H
#define MLS_CODEGEN_RUNTIME_ABI_H

#include <stdint.h>

#define MLS_RT_ABI_VERSION 1

#ifdef __cplusplus
extern "C" {
#endif

typedef struct MlsRt MlsRt; /* the runtime context of one running unit (opaque to JIT code) */

/* int32_t thunk(MlsRt* rt, int32_t inst, const uint64_t* args, uint64_t* out): 0 = go on, 1 = stop. */
typedef int32_t (*MlsThunk)(MlsRt* rt, int32_t inst, const uint64_t* args, uint64_t* out);

/* X(name): every thunk. Arguments are the instruction's operands unless said otherwise. */
#define MLS_RT_THUNKS(X)                                                                             \
  X(mls_rt_make_record)   /* record literal → handle result                                      */ \
  X(mls_rt_get_field)     /* args[0] = record; E0406 when absent                                 */ \
  X(mls_rt_has_field)     /* args[0] = record; out[0] = 1 when the field is present              */ \
  X(mls_rt_with)          /* args[0] = record, args[1..] = updated fields                         */ \
  X(mls_rt_make_list)     /* list literal → handle result                                         */ \
  X(mls_rt_range)         /* lo, hi, step → list handle; E0409 / E0507                            */ \
  X(mls_rt_call_solver)   /* arguments in parameter order; solver errors become E0505            */ \
  X(mls_rt_solver_point)  /* the same, for a split solver whose split argument is native: when    */ \
                          /* only it changed, only the per-point part of the equation runs       */ \
  X(mls_rt_point_cache)   /* out[0] = the words of a solver call's inline point path (below),    */ \
                          /* or 0 (then JIT code always takes mls_rt_solver_point); never fails  */ \
  X(mls_rt_math)          /* built-in function, full semantics (slow path: result not finite)    */ \
  X(mls_rt_equal)         /* out[0] = 1 when the two operands are equal (strings, none, mixed)   */ \
  X(mls_rt_arith_error)   /* args = a, b, r: the result r of add/sub/mul/div/pow is not finite   */ \
  X(mls_rt_div_zero)      /* raises E0503                                                         */ \
  X(mls_rt_print)                                                                                   \
  X(mls_rt_row)                                                                                     \
  X(mls_rt_table_end)                                                                               \
  X(mls_rt_reduce)        /* the end of one point of a loop with clauses                         */ \
  X(mls_rt_plot)          /* one point of a chart (the sink collects, renders after the run)     */ \
  X(mls_rt_assert_failed) /* reports E0501 to the sink (the script goes on)                       */ \
  X(mls_rt_expect_failed) /* reports E0502 to the sink                                            */ \
  X(mls_rt_bind)                                                                                    \
  X(mls_rt_aggregate)     /* args[0] = list: sum/mean/min/max → out[0]; E0508 when empty         */ \
  X(mls_rt_format)        /* an interpolated string → handle result                               */ \
  X(mls_rt_for_begin)     /* E0507 check; out[2d] = length of list d, out[2d+1] = native items   */ \
                          /* (a lazy range: {lo, step, first item, offset}, f64 bits and a u64)  */ \
  X(mls_rt_for_item)      /* args = depth, index: the loop variable (a handle) takes the item    */ \
  X(mls_rt_for_end)       /* the loop is done: loops begun after it no longer count its points    */ \
  X(mls_rt_run_loop)      /* args = a top-level loop's function: runs it (on --threads threads)   */ \
  X(mls_rt_unbox)         /* args = handle, kind (0 f64, 1 bool) → out[0]                        */ \
  X(mls_rt_box)           /* args = destination handle, kind (0 f64, 1 bool, 2 handle), payload  */

/* The words of a call site's inline point path (issue 24): a header (COUNT, WAY, ITEM) and WAYS ways of
 * WAY_KEYS + (keys) words each. JIT code calls the solver's point function (reg::SolverDesc::point_fn) on
 * the current way's PLAN, IN and OUT while its PLAN is not null, its ITEM is the header's ITEM and the
 * call's varying native arguments other than the split one equal its KEYS..., in parameter order (f64
 * bits, bool 0/1); it adds each point it computes to COUNT. A call whose handle argument is a loop
 * variable that changes faster than the split one (`b in 1 .. N, p in [fp16, bf16]`) has one way per
 * item (WAY = item index mod ways, ITEM = the item index: JIT code sets both at each new item), so each
 * precision keeps its plan; other calls have one way and ITEM 0. mls_rt_solver_point refreshes the
 * current way after every call, and clears any other way on the plan it used. args[0] of
 * mls_rt_point_cache is the number of ways (a power of two). */
enum { MLS_POINT_COUNT = 0, MLS_POINT_WAY = 1, MLS_POINT_ITEM = 2, MLS_POINT_WAYS = 3 };
enum { MLS_WAY_PLAN = 0, MLS_WAY_IN = 1, MLS_WAY_OUT = 2, MLS_WAY_ITEM = 3, MLS_WAY_KEYS = 4 };

#define MLS_RT_DECLARE(name) int32_t name(MlsRt* rt, int32_t inst, const uint64_t* args, uint64_t* out);
MLS_RT_THUNKS(MLS_RT_DECLARE)
#undef MLS_RT_DECLARE

/* X(ir_name, c_function, arity): the C library's math functions, bound under names LLVM does not
 * recognise, so it never rewrites or constant-folds them: the JIT and the reference evaluator call
 * the very same functions and print the very same digits. */
#define MLS_RT_LIBM(X)              \
  X(mls_libm_pow, pow, 2)           \
  X(mls_libm_exp, exp, 1)           \
  X(mls_libm_log, log, 1)           \
  X(mls_libm_log2, log2, 1)         \
  X(mls_libm_log10, log10, 1)       \
  X(mls_libm_cbrt, cbrt, 1)

#ifdef __cplusplus
}
#endif

#endif /* MLS_CODEGEN_RUNTIME_ABI_H */
