// The HAR reader (engine/inspect/har_reader.cpp) behind "Import HAR" and `nanojs har`.
// Input: the file's bytes. Property (inspect/har.h): for the records r a file reads into,
// writeHar(readHar(writeHar(r))) == writeHar(r).

#include "fuzz_support.h"
#include "inspect/har.h"

using namespace nano;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    FetchRecords records;
    QString error;
    if (!har::readHar(bytes, &records, &error)) {
        NANO_FUZZ_CHECK(!error.isEmpty(), "a failure without a reason");
        return 0;
    }
    const QByteArray written = har::writeHar(records, QStringLiteral("fuzz"));
    FetchRecords again;
    NANO_FUZZ_CHECK(har::readHar(written, &again, &error),
                    "our own HAR does not read: " + error.toStdString());
    const QByteArray rewritten = har::writeHar(again, QStringLiteral("fuzz"));
    NANO_FUZZ_CHECK(rewritten == written, "a written HAR reads back differently:\n" +
                                              written.toStdString() + "\n---\n" +
                                              rewritten.toStdString());
    return 0;
}
