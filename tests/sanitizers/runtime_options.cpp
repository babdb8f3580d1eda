// The sanitizers' run-time options for every executable of a NANO_SANITIZE build (see
// cmake/NanoSanitizers.cmake). The runtimes call these hooks before main; ASAN_OPTIONS,
// UBSAN_OPTIONS and LSAN_OPTIONS in the environment still override them, for diagnosing.

extern "C" {

// allocator_may_return_null: a script may ask for a buffer larger than the machine has; the
// engine answers with a RangeError when malloc fails (core/array_buffer_allocator.cpp), which
// ASan would otherwise turn into an abort. detect_leaks: LSan runs at exit.
__attribute__((used, visibility("default"))) const char* __asan_default_options()
{
    return "detect_leaks=1:allocator_may_return_null=1:check_initialization_order=1:"
           "strict_init_order=1:detect_stack_use_after_return=0:print_suppressions=0";
}

__attribute__((used, visibility("default"))) const char* __lsan_default_options()
{
    return "suppressions=" NANO_LSAN_SUPPRESSIONS ":print_suppressions=0";
}

// Built with -fno-sanitize-recover=undefined, so the first report aborts the process.
__attribute__((used, visibility("default"))) const char* __ubsan_default_options()
{
    return "print_stacktrace=1:halt_on_error=1:suppressions=" NANO_UBSAN_SUPPRESSIONS;
}

} // extern "C"
