// Tests for nano::core::ArrayBufferAllocator: buffers of 2 MiB and more are huge-page-aligned
// mappings of their own. Every length, page multiple or not, must come back zeroed and writable
// to its last byte, and must give all of its mapping back when freed (a leaked tail per buffer
// once exhausted the process's mappings and crashed V8).

#include "core/array_buffer_allocator.h"

#include <QFile>
#include <QtTest>

#include <cstdint>
#include <vector>

namespace {

// The number of mappings this process has (lines of /proc/self/maps).
int mappingCount()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly)) return -1;
    return static_cast<int>(maps.readAll().count('\n'));
}

const std::vector<size_t> kLengths = {
    (2u << 20) - 1,    2u << 20,       (2u << 20) + 1, (2u << 20) + 4095,
    (2u << 20) + 4097, (5u << 20) + 3, 17u << 20,
};

} // namespace

class TestArrayBufferAllocator : public QObject {
    Q_OBJECT

private slots:
    void zeroedAndWritableToTheEnd()
    {
        nano::core::ArrayBufferAllocator allocator;
        for (size_t length : kLengths) {
            auto* bytes = static_cast<uint8_t*>(allocator.Allocate(length));
            QVERIFY(bytes);
            QCOMPARE(bytes[0], uint8_t(0));
            QCOMPARE(bytes[length / 2], uint8_t(0));
            QCOMPARE(bytes[length - 1], uint8_t(0));
            bytes[length - 1] = 7;
            QCOMPARE(bytes[length - 1], uint8_t(7));
            allocator.Free(bytes, length);
        }
    }

    void freeingGivesEveryMappingBack()
    {
        nano::core::ArrayBufferAllocator allocator;
        const int before = mappingCount();
        QVERIFY(before > 0);
        for (int round = 0; round < 200; ++round) {
            for (size_t length : kLengths) {
                void* zeroed = allocator.Allocate(length);
                void* raw = allocator.AllocateUninitialized(length);
                QVERIFY(zeroed && raw);
                static_cast<uint8_t*>(raw)[length - 1] = 1;
                allocator.Free(zeroed, length);
                allocator.Free(raw, length);
                QVERIFY(nano::core::ArrayBufferAllocator::canAllocate(length));
            }
        }
        // 2800 buffers and 1400 probes: a leak of one mapping each would show by thousands.
        QVERIFY2(
            mappingCount() - before < 16,
            qPrintable(
                QStringLiteral("%1 mappings before, %2 after").arg(before).arg(mappingCount())));
    }
};

QTEST_GUILESS_MAIN(TestArrayBufferAllocator)
#include "tst_array_buffer_allocator.moc"
