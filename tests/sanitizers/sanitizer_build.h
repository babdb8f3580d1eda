#pragma once
// For the few tests that bound a duration or a process's memory: in the sanitizer build
// (cmake/NanoSanitizers.cmake) instrumented code is several times slower, each process starts
// slower (the shadow memory), and ASan keeps freed memory in quarantine (256 MiB), so peak RSS
// says nothing about what our code holds. Behaviour assertions never change with these.

namespace nano::test {

#ifdef NANO_SANITIZE_BUILD
constexpr bool kSanitizerBuild = true;
constexpr int kTimeScale = 4;
// What ASan's quarantine (256 MiB) and redzones may add to a process's peak RSS: a bound well
// above a test's own still catches memory that grows with the data (a 1 GiB body buffered).
constexpr int kExtraRssMiB = 320;
#else
constexpr bool kSanitizerBuild = false;
constexpr int kTimeScale = 1;
constexpr int kExtraRssMiB = 0;
#endif

} // namespace nano::test
