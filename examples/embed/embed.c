/* A C host program embedding MLS through the C API (mls/mls.h, docs/embedding.md). */
#include <mls/mls.h>

#include <stdio.h>
#include <string.h>

int main(void) {
  mls_engine* engine = mls_engine_new(1);
  if (!engine) return 1;
  int ok = 1;

  /* A mistake: the status is the exit code of `mls check`, the diagnostic has a code and a help. */
  mls_result* check = mls_check(engine, "bw = 3.35 TB/s\npeak = 989 TFLOP/s\ntotal = peak + bw\n");
  printf("status %d, %s: %s\n  help: %s\n", mls_result_status(check), mls_result_diagnostic_code(check, 0),
         mls_result_diagnostic_message(check, 0), mls_result_diagnostic_help(check, 0));
  ok = ok && mls_result_status(check) == MLS_COMPILE_ERROR && strcmp(mls_result_diagnostic_code(check, 0), "E0301") == 0;
  mls_result_free(check);

  /* A roofline's latency, converted to microseconds. */
  mls_result* latency = mls_convert(engine, "roofline(Llama3_70B, H100, batch = 1).latency", "us");
  printf("latency %s (%g s, %s)\n", mls_result_text(latency), mls_result_si(latency), mls_result_dimension(latency));
  ok = ok && mls_result_status(latency) == MLS_OK && strcmp(mls_result_unit(latency), "us") == 0;
  mls_result_free(latency);

  /* The machine interface: a solver on JSON arguments, its result as one JSON record. */
  mls_result* solved = mls_call_json(engine, "roofline_equation",
                                     "{\"ops\": \"1 TFLOP\", \"bytes\": \"1 GB\", \"peak\": \"989 TFLOP/s\", \"bandwidth\": \"3.35 TB/s\"}");
  printf("%s\n", mls_result_text(solved));
  ok = ok && mls_result_status(solved) == MLS_OK;
  mls_result_free(solved);

  /* A unit string that does not read gets the language's diagnostic, in JSON for tools. */
  mls_result* bad = mls_convert(engine, "3 ms", "mss");
  printf("status %d: %s\n", mls_result_status(bad), mls_result_diagnostics_json(bad));
  ok = ok && mls_result_status(bad) == MLS_COMPILE_ERROR;
  mls_result_free(bad);

  /* A session: entries run one after another and their names persist; a failing entry changes nothing. */
  mls_session* session = mls_session_new(engine);
  mls_result_free(mls_session_run(session, "bw = 3.35 TB/s"));
  mls_result* twice = mls_session_run(session, "bw * 2");
  printf("session: %s", mls_result_text(twice));
  ok = ok && mls_result_status(twice) == MLS_OK && strncmp(mls_result_text(twice), "6.7 TB/s", 8) == 0;
  mls_result_free(twice);
  mls_result* wrong = mls_session_run(session, "bw = bw + 1 s");
  printf("session: status %d, %s\n", mls_result_status(wrong), mls_result_diagnostic_code(wrong, 0));
  ok = ok && mls_result_status(wrong) == MLS_COMPILE_ERROR && strcmp(mls_result_diagnostic_code(wrong, 0), "E0301") == 0;
  mls_result_free(wrong);
  mls_result* still = mls_session_run(session, "bw");
  ok = ok && strncmp(mls_result_text(still), "3.35 TB/s", 9) == 0;
  mls_result_free(still);
  mls_session_free(session);
  mls_result* no_session = mls_session_run(NULL, "1");
  ok = ok && mls_session_new(NULL) == NULL && mls_result_status(no_session) == MLS_USAGE;
  mls_result_free(no_session);

  mls_engine_free(engine);
  return ok ? 0 : 1;
}
