# Run after ANTLR generates the lexer and the parser (grammar/CMakeLists.txt), once on MlsLexer.cpp
# (-DLEXER=1) and once on MlsParser.cpp (FILE): both deserialize their ATN without verifying it again
# (mls_gen::unverified), and the lexer through mls_gen::descending_sets (grammar/atn_sets.hpp), which
# saves ~30 M instructions at every start-up.
file(READ "${FILE}" text)
function(replace_once from to)
  string(FIND "${text}" "${from}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "fast_atn_load.cmake: `${from}` not found in ${FILE} (a new ANTLR version?)")
  endif()
  string(REPLACE "${from}" "${to}" text "${text}")
  set(text "${text}" PARENT_SCOPE)
endfunction()

get_filename_component(name "${FILE}" NAME_WE)
replace_once("#include \"${name}.h\"" "#include \"${name}.h\"\n#include \"atn_sets.hpp\"")
replace_once("atn::ATNDeserializer deserializer;" "atn::ATNDeserializer deserializer(unverified());")
if(LEXER)
  replace_once("_atn = deserializer.deserialize(_serializedATN);"
               "_atn = deserializer.deserialize(descending_sets(_serializedATN));")
endif()
file(WRITE "${FILE}" "${text}")
