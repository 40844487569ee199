#!/usr/bin/env bash
# `cmake --install` gives a package a host finds with find_package(mls): the C and C++ examples build
# against the installed headers and libmls.so alone, and run (issue 31).
# usage: check_install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 src=$2
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cmake --install "$build" --prefix "$t/prefix" > /dev/null
test -f "$t/prefix/include/mls/mls.hpp" && test -f "$t/prefix/include/mls/mls.h"
test -f "$t/prefix/lib/cmake/mls/mlsConfig.cmake"
cmake -S "$src/examples/embed" -B "$t/b" -G Ninja -DCMAKE_PREFIX_PATH="$t/prefix" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$t/b" -j 2 > /dev/null
LD_LIBRARY_PATH="$t/prefix/lib" "$t/b/embed_c" > /dev/null
LD_LIBRARY_PATH="$t/prefix/lib" "$t/b/embed_cpp" > /dev/null
echo "install: find_package(mls) found the package; the C and C++ examples built against it and ran"
