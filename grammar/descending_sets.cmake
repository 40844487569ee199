# Run after ANTLR generates MlsLexer.cpp (grammar/CMakeLists.txt): the lexer deserializes its ATN through
# mls_gen::descending_sets (grammar/atn_sets.hpp), which saves ~30 M instructions at every start-up.
file(READ "${FILE}" text)
set(call "_atn = deserializer.deserialize(_serializedATN);")
string(FIND "${text}" "${call}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "descending_sets.cmake: `${call}` not found in ${FILE} (a new ANTLR version?)")
endif()
string(REPLACE "${call}" "_atn = deserializer.deserialize(descending_sets(_serializedATN));" text "${text}")
string(REPLACE "#include \"MlsLexer.h\"" "#include \"MlsLexer.h\"\n#include \"atn_sets.hpp\"" text "${text}")
file(WRITE "${FILE}" "${text}")
