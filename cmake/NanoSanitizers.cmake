# NANO_SANITIZE=address,undefined builds everything in this tree (engine, nanojs, the test
# server, the tests, the UI when it is on) with AddressSanitizer, UndefinedBehaviorSanitizer and
# LeakSanitizer at exit. V8 (libnode), Qt, ICU and OpenSSL are prebuilt shared libraries and stay
# uninstrumented: ASan still sees their malloc/free (it intercepts them), not their stores.
#
# Every executable links tests/sanitizers/runtime_options.cpp, which sets the runtime options and
# the suppression files (tests/sanitizers/*.supp) through the sanitizers' default-options hooks,
# so a test, a child nanojs or a hand-run binary all behave the same without any environment.
#
# GCC's sanitizers are enough here; the fuzzers (NANO_FUZZ, cmake/NanoFuzz.cmake) need clang.
set(NANO_SANITIZE "" CACHE STRING
    "Sanitizers to build with, e.g. address,undefined (empty: none)")

if(NOT NANO_SANITIZE)
    return()
endif()

# -O1 and line tables only: an instrumented -O3 -g build takes several times as long on our
# two cores; -O1 keeps ASan's stacks exact and the tests' run time is V8's, not ours.
set(_nano_san_flags -fsanitize=${NANO_SANITIZE} -fno-omit-frame-pointer -O1 -g1)
if(NANO_SANITIZE MATCHES "undefined")
    # Any UB aborts the process (the default prints and goes on, and a test would still pass).
    list(APPEND _nano_san_flags -fno-sanitize-recover=undefined)
    # vptr checks an object's dynamic type through its RTTI. libnode is built without RTTI and so
    # is the engine (engine/CMakeLists.txt): the check cannot work on V8's classes or ours.
    list(APPEND _nano_san_flags -fno-sanitize=vptr)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC's manual (-fsanitize): "sanitizers tend to increase the rate of false positive
    # warnings, most notably those around -Wmaybe-uninitialized". GCC 12 reports one inside
    # std::regex (core/runtime.cpp) that the normal build does not.
    list(APPEND _nano_san_flags -Wno-maybe-uninitialized)
endif()
add_compile_options(${_nano_san_flags})
add_link_options(-fsanitize=${NANO_SANITIZE})
# Code may ask whether it runs instrumented (to scale a test's sizes, never its assertions).
add_compile_definitions(NANO_SANITIZE_BUILD=1)

# The runtime options, linked into every executable by nano_sanitize_executables().
add_library(nano_sanitizer_options OBJECT "${PROJECT_SOURCE_DIR}/tests/sanitizers/runtime_options.cpp")
target_compile_definitions(nano_sanitizer_options PRIVATE
    NANO_LSAN_SUPPRESSIONS="${PROJECT_SOURCE_DIR}/tests/sanitizers/lsan.supp"
    NANO_UBSAN_SUPPRESSIONS="${PROJECT_SOURCE_DIR}/tests/sanitizers/ubsan.supp")

# nano_sanitize_executables(DIR): links the runtime options into every executable defined in DIR
# and below (call it once, after all add_subdirectory calls).
function(nano_sanitize_executables dir)
    get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
    foreach(target IN LISTS targets)
        get_target_property(type ${target} TYPE)
        if(type STREQUAL "EXECUTABLE")
            target_link_libraries(${target} PRIVATE nano_sanitizer_options)
        endif()
    endforeach()
    get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
    foreach(subdir IN LISTS subdirs)
        nano_sanitize_executables("${subdir}")
    endforeach()
endfunction()
