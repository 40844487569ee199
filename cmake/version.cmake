# Writes OUT (mls_version.h) with the commit the build comes from and the LLVM version, only when the text
# changes, so `mls --version` names the build's commit without recompiling main.cpp on every build.
# cmake -DSOURCE_DIR=... -DOUT=... -DLLVM_VERSION=... -P version.cmake
execute_process(COMMAND git -C "${SOURCE_DIR}" describe --always --dirty --abbrev=12
                OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR commit STREQUAL "")
  set(commit "unknown")  # built from a tree without git history (a source tarball)
endif()
set(text "#pragma once\n#define MLS_GIT_COMMIT \"${commit}\"\n#define MLS_LLVM_VERSION \"${LLVM_VERSION}\"\n")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT "${old}" STREQUAL "${text}")
  file(WRITE "${OUT}" "${text}")
endif()
