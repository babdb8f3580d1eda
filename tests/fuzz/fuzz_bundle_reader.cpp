// The bundle reader (app/bundle/bundle_reader.cpp): zip parsing, inflating with the size and
// ratio limits, and validation against the manifest, on archives others made. Input: the
// archive's bytes. Properties: a refusal says why; an accepted bundle holds exactly the
// manifest's files, each with its size and SHA-256, within the limits.

#include "bundle_reader.h"
#include "fuzz_support.h"

#include <QCryptographicHash>

using namespace nano::bundle;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    Limits limits;
    limits.maxTotalBytes = 8 << 20; // small enough for the fuzzer's memory limit
    QString error;
    const std::optional<Bundle> bundle = readBundleBytes(bytes, &error, limits);
    if (!bundle) {
        NANO_FUZZ_CHECK(!error.isEmpty(), "a refusal without a reason");
        return 0;
    }
    qint64 total = 0;
    NANO_FUZZ_CHECK(bundle->files.size() == bundle->manifest.files.size(), "files differ");
    for (const FileEntry& file : bundle->manifest.files) {
        const auto it = bundle->files.constFind(file.path);
        NANO_FUZZ_CHECK(it != bundle->files.constEnd(), "a manifest file is missing");
        NANO_FUZZ_CHECK(it->size() == file.size, "a size differs");
        NANO_FUZZ_CHECK(QCryptographicHash::hash(*it, QCryptographicHash::Sha256).toHex() ==
                            file.sha256,
                        "a SHA-256 differs");
        total += it->size();
    }
    NANO_FUZZ_CHECK(total <= limits.maxTotalBytes, "over the total limit");
    return 0;
}
