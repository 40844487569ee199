// The Catch2 v2 main (compiled once at -O0 -g0: it is slow to build).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
