# The WebAssembly build (emcmake; scripts/web-build configures it into build-web/): the front end, the
# IR reference evaluator, the solvers and the embedded prelude and zoo, without LLVM, linked into the
# playground's module (web/CMakeLists.txt). Included from the top-level CMakeLists.txt, which returns
# after it. Header-only dependencies come from the Debian packages, seen through a folder of links
# (emscripten's sysroot must not see the rest of /usr/include); the ANTLR4 runtime is the wasm build
# of Debian's source that scripts/web-build caches (MLS_ANTLR_WASM_LIB, MLS_ANTLR_WASM_INCLUDE).
set(MLS_JIT OFF CACHE BOOL "" FORCE)
set(MLS_EMBED OFF CACHE BOOL "" FORCE)
set(CMAKE_POSITION_INDEPENDENT_CODE OFF)
if(NOT EXISTS "${MLS_ANTLR_WASM_INCLUDE}/antlr4-runtime.h" OR NOT MLS_ANTLR_WASM_LIB)
  message(FATAL_ERROR "MLS_ANTLR_WASM_INCLUDE and MLS_ANTLR_WASM_LIB must name the wasm ANTLR runtime (scripts/web-build sets them)")
endif()

set(MLS_WEB_INCLUDE ${CMAKE_BINARY_DIR}/web-include)
file(MAKE_DIRECTORY ${MLS_WEB_INCLUDE})
foreach(dir boost nlohmann utf8cpp)
  file(CREATE_LINK /usr/include/${dir} ${MLS_WEB_INCLUDE}/${dir} SYMBOLIC)
endforeach()
include_directories(SYSTEM ${MLS_WEB_INCLUDE})
include_directories(${CMAKE_SOURCE_DIR})
set(Boost_INCLUDE_DIRS ${MLS_WEB_INCLUDE})

# One translation unit per batch of sources (unity build: the common headers parsed once). The
# optimisation level is MLS_WEB_OPT, -Os by default: the page's load time is mostly the download of
# mls.wasm, and -Os (compiled and, at link, binaryen's wasm-opt) makes it far smaller than -O0 (see
# bench/README.md); -O0 builds faster for working on the build itself. No debug info (-g0).
set(CMAKE_UNITY_BUILD ON)
set(CMAKE_UNITY_BUILD_BATCH_SIZE 16)
set(MLS_WEB_OPT "-Os" CACHE STRING "emcc optimisation level of the wasm build (-Os is smallest, -O0 builds fastest)")
set(CMAKE_CXX_FLAGS_MINSIZEREL "${MLS_WEB_OPT} -g0 -DNDEBUG")
add_link_options(${MLS_WEB_OPT} -g0)

# Exceptions carry MLS's diagnostics (and ANTLR's syntax errors): catchable in wasm only with -fexceptions.
add_compile_options(-fexceptions)
add_link_options(-fexceptions)

add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
add_library(utf8cpp INTERFACE IMPORTED)
target_include_directories(utf8cpp INTERFACE ${MLS_WEB_INCLUDE}/utf8cpp)
# Single-threaded in the page: `--threads` is the native command line's; no SharedArrayBuffer needed.
add_library(Threads::Threads INTERFACE IMPORTED)
add_library(antlr4_shared STATIC IMPORTED)
set_target_properties(antlr4_shared PROPERTIES IMPORTED_LOCATION ${MLS_ANTLR_WASM_LIB}
                                               INTERFACE_INCLUDE_DIRECTORIES ${MLS_ANTLR_WASM_INCLUDE})
set(MLS_WARNINGS -Wall -Wextra -Wno-missing-field-initializers)

add_subdirectory(stdlib)
add_subdirectory(grammar)
add_subdirectory(compiler)
add_subdirectory(runtime)
add_subdirectory(api)
add_subdirectory(web)
# Sources whose file-local helpers share a name with another source's (one translation unit each).
# Sources that use std::bit_cast or floating-point std::from_chars get them from web/compat/ (Emscripten's
# libc++ 14 has neither).
foreach(src compiler/sema/unit_lexicon.cpp stdlib/registry/solver_registry.cpp runtime/plot/render.cpp
            runtime/driver/repl_session.cpp runtime/zoo/hf_import.cpp api/session_script.cpp
            runtime/output/json_row.cpp)
  string(REGEX REPLACE "/.*" "" top ${src})
  set_source_files_properties(${CMAKE_SOURCE_DIR}/${src} DIRECTORY ${CMAKE_SOURCE_DIR}/${top}
                              PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
endforeach()
foreach(src stdlib/registry/solver_registry.cpp runtime/driver/repl_session.cpp)
  string(REGEX REPLACE "/.*" "" top ${src})
  set_source_files_properties(${CMAKE_SOURCE_DIR}/${src} DIRECTORY ${CMAKE_SOURCE_DIR}/${top}
                              PROPERTIES COMPILE_OPTIONS "-include${CMAKE_SOURCE_DIR}/web/compat/libcxx14.hpp")
endforeach()
# json_row.cpp needs both: it reads numbers back (from_chars) and compares their bits (bit_cast).
set_source_files_properties(${CMAKE_SOURCE_DIR}/runtime/output/json_row.cpp DIRECTORY ${CMAKE_SOURCE_DIR}/runtime
                            PROPERTIES COMPILE_OPTIONS "-include${CMAKE_SOURCE_DIR}/web/compat/libcxx14.hpp;-include${CMAKE_SOURCE_DIR}/web/compat/libcxx14_from_chars.hpp")
