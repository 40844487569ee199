# cmake -DOUT=FILE -DCOMMAND="prog;arg;..." -P run_to_file.cmake: runs the command with its stdout into
# FILE, failing the build when it fails (add_custom_command has no portable redirection).
execute_process(COMMAND ${COMMAND} OUTPUT_FILE ${OUT}.tmp RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUT}.tmp)
  message(FATAL_ERROR "${COMMAND} failed (${rc})")
endif()
file(RENAME ${OUT}.tmp ${OUT})
