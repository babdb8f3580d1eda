// The bundle manifest parser (app/bundle/manifest.cpp), which reads manifest.json of bundles
// that others made. Input: the manifest's bytes. Property: a manifest that parses serializes
// to JSON that parses again and serializes to the same bytes (toJson ∘ parse ∘ toJson =
// toJson), and a failure always says why.

#include "fuzz_support.h"
#include "manifest.h"

using namespace nano::bundle;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    QString error;
    const std::optional<Manifest> manifest = parseManifest(bytes, &error);
    if (!manifest) {
        NANO_FUZZ_CHECK(!error.isEmpty(), "a failure without a reason");
        return 0;
    }
    NANO_FUZZ_CHECK(manifest->file(manifest->entry), "the entry is not among the files");
    const QByteArray written = manifest->toJson();
    const std::optional<Manifest> again = parseManifest(written, &error);
    NANO_FUZZ_CHECK(again, "our own manifest does not parse: " + error.toStdString());
    NANO_FUZZ_CHECK(again->toJson() == written,
                    "a written manifest reads back differently:\n" + written.toStdString());
    return 0;
}
