# clang rejects one header of Debian's ANTLR 4.9 runtime that g++ accepts: misc/InterpreterDataReader.h
# declares `InterpreterData() {}`, which default-constructs a dfa::Vocabulary whose default constructor
# is deleted (a const member without initializer). MLS never uses InterpreterData. For clang builds
# (the fuzz build) a copy of the runtime's headers with that constructor removed is put in front of
# the include path; quoted includes inside the copy then resolve within the copy.
set(_antlr_src /usr/include/antlr4-runtime)
set(_antlr_compat ${CMAKE_BINARY_DIR}/antlr4-compat)
if(EXISTS ${_antlr_src}/misc/InterpreterDataReader.h AND NOT EXISTS ${_antlr_compat}/antlr4-runtime.h)
  file(COPY ${_antlr_src}/ DESTINATION ${_antlr_compat})
  file(READ ${_antlr_compat}/misc/InterpreterDataReader.h _h)
  string(REPLACE "InterpreterData() {}; // For invalid content." "" _h "${_h}")
  file(WRITE ${_antlr_compat}/misc/InterpreterDataReader.h "${_h}")
endif()
if(EXISTS ${_antlr_compat}/antlr4-runtime.h)
  include_directories(BEFORE SYSTEM ${_antlr_compat})
endif()
