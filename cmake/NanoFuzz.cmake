# NANO_FUZZ=ON builds the libFuzzer targets under tests/fuzz (clang only: GCC has no libFuzzer).
# Everything in the tree is compiled with -fsanitize=fuzzer-no-link (coverage for the fuzzer) on
# top of ASan and UBSan (NANO_SANITIZE defaults to address,undefined here); only the fuzz
# targets link libFuzzer's main. Build them with `cmake --build <dir> --target nano_fuzzers`;
# `./setup.sh fuzz [SECONDS]` builds and runs each (tests/fuzz/README.md).
option(NANO_FUZZ "Build the libFuzzer targets (tests/fuzz; needs clang)" OFF)

if(NOT NANO_FUZZ)
    return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "NANO_FUZZ needs clang (libFuzzer): configure with "
                        "-DCMAKE_CXX_COMPILER=clang++ (Debian: apt-get install clang)")
endif()
if(NOT NANO_SANITIZE)
    set(NANO_SANITIZE "address,undefined" CACHE STRING
        "Sanitizers to build with, e.g. address,undefined (empty: none)" FORCE)
endif()
add_compile_options(-fsanitize=fuzzer-no-link)
