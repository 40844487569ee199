/* MLS embedding API for C and any FFI (docs/embedding.md). Opaque handles, UTF-8 strings, and the
 * exit codes of `mls` as status codes. No function lets an exception or a signal out: a failure is a
 * status and a diagnostic. Strings returned belong to the handle they came from and live until it is
 * freed. An engine is not thread-safe: use one per thread. */
#ifndef MLS_MLS_H
#define MLS_MLS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The exit codes of `mls`. */
typedef enum {
  MLS_OK = 0,
  MLS_FAILED_CHECK = 1,    /* an assert or expect failed; the run went to its end */
  MLS_COMPILE_ERROR = 2,   /* the source (or an argument) does not check: nothing ran */
  MLS_RUNTIME_ERROR = 3,   /* the run stopped (division by zero, a solver refused, out of memory) */
  MLS_USAGE = 64,          /* malformed JSON, no such solver, a NULL argument */
  MLS_INTERNAL = 70        /* a bug in MLS */
} mls_status;

typedef struct mls_engine mls_engine;
typedef struct mls_result mls_result;
typedef struct mls_session mls_session;

const char* mls_version(void);

/* use_jit: 1 the LLVM JIT, 0 the IR reference evaluator. NULL only when memory ran out. */
mls_engine* mls_engine_new(int use_jit);
void mls_engine_free(mls_engine* engine);

/* Each returns a result (NULL only when memory ran out); free it with mls_result_free. */
mls_result* mls_check(mls_engine* engine, const char* source);
mls_result* mls_run(mls_engine* engine, const char* source);
mls_result* mls_evaluate(mls_engine* engine, const char* expression);
/* `mls solve`: a solver by id or name, its arguments as one JSON object ("3.35 TB/s" strings are MLS). */
mls_result* mls_call_json(mls_engine* engine, const char* solver, const char* json_args);
/* A quantity converted to a unit: mls_evaluate's value shown in `unit` ("ms", "GB/s"). */
mls_result* mls_convert(mls_engine* engine, const char* quantity, const char* unit);
void mls_result_free(mls_result* result);

/* A session, the REPL's model: entries run one after another against everything entered before
 * (bindings, functions, units and `ans` persist); an entry that fails leaves the session as it was.
 * It runs with its engine's options and keeps no reference to it. NULL when `engine` is NULL or
 * memory ran out. */
mls_session* mls_session_new(mls_engine* engine);
void mls_session_free(mls_session* session);
/* One entry: the status, its output as text (a bare expression prints its value) and its diagnostics. */
mls_result* mls_session_run(mls_session* session, const char* entry);

mls_status mls_result_status(const mls_result* result);
/* run: the text output as `mls` prints it; evaluate/convert: the value ("4.179 ms"); call_json: the JSON record. */
const char* mls_result_text(const mls_result* result);
/* evaluate/convert: the value as a quantity — in SI, in the unit shown, the unit and the dimension.
 * NaN and "" when the result is no quantity. */
double mls_result_si(const mls_result* result);
double mls_result_value(const mls_result* result);
const char* mls_result_unit(const mls_result* result);
const char* mls_result_dimension(const mls_result* result);

/* Diagnostics: errors, warnings and failed checks, in order. Out-of-range indexes give "". */
size_t mls_result_diagnostic_count(const mls_result* result);
const char* mls_result_diagnostic_code(const mls_result* result, size_t i);
const char* mls_result_diagnostic_message(const mls_result* result, size_t i);
const char* mls_result_diagnostic_help(const mls_result* result, size_t i);
const char* mls_result_diagnostic_rendered(const mls_result* result, size_t i);
/* Suggested edits of diagnostic i (none when its help suggests no code): replacing the text of fix j's
 * span with its replacement applies the fix. The span is 1-based, end_column just after it; the call
 * returns 0 (and sets nothing) when i or j is out of range. */
size_t mls_result_diagnostic_fix_count(const mls_result* result, size_t i);
const char* mls_result_diagnostic_fix_title(const mls_result* result, size_t i, size_t j);
const char* mls_result_diagnostic_fix_replacement(const mls_result* result, size_t i, size_t j);
int mls_result_diagnostic_fix_span(const mls_result* result, size_t i, size_t j, int* line, int* column, int* end_line,
                                   int* end_column);
/* All of them as the JSON array of `mls --diagnostics json`. */
const char* mls_result_diagnostics_json(const mls_result* result);

#ifdef __cplusplus
}
#endif

#endif
