#pragma once
// For the few tests that bound a duration or a process's memory: in the sanitizer build
// (cmake/NanoSanitizers.cmake) instrumented code is several times slower, each process starts
// slower (the shadow memory), and ASan keeps freed memory in quarantine (256 MiB), so peak RSS
// says nothing about what our code holds. Behaviour assertions never change with these.

namespace nano::test {

#ifdef NANO_SANITIZE_BUILD
constexpr bool kSanitizerBuild = true;
constexpr int kTimeScale = 4;
#else
constexpr bool kSanitizerBuild = false;
constexpr int kTimeScale = 1;
#endif

} // namespace nano::test
