// Tests for nano::core::ArrayBufferAllocator: buffers of 2 MiB and more are huge-page-aligned
// mappings of their own; 16 KiB to 1 MiB are slots in slabs, which must come back zeroed even
// when the slot was used and written before. Every length, page multiple or not, must come back zeroed and writable
// to its last byte, and must give all of its mapping back when freed (a leaked tail per buffer
// once exhausted the process's mappings and crashed V8).

#include "core/array_buffer_allocator.h"

#include <QFile>
#include <QtTest>

#include <algorithm>
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

// Lengths of every kind: malloc below 16 KiB, each slab class edge, malloc again above 1 MiB.
const std::vector<size_t> kSmallLengths = {
    1,           (16u << 10) - 1, 16u << 10,       (16u << 10) + 1, 20u << 10, 65536,
    65536 + 1,   (896u << 10) + 1, (1u << 20) - 1, 1u << 20,        (1u << 20) + 1,
};

} // namespace

class TestArrayBufferAllocator : public QObject {
    Q_OBJECT

private slots:
    void zeroedAndWritableToTheEnd()
    {
        nano::core::ArrayBufferAllocator allocator;
        std::vector<size_t> lengths = kLengths;
        lengths.insert(lengths.end(), kSmallLengths.begin(), kSmallLengths.end());
        for (size_t length : lengths) {
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

    void slotSizesRoundUpByAtMostAQuarter()
    {
        using nano::core::ArrayBufferSlabs;
        QCOMPARE(ArrayBufferSlabs::slotSize(16u << 10), size_t(16u << 10));
        QCOMPARE(ArrayBufferSlabs::slotSize((16u << 10) + 1), size_t(20u << 10));
        QCOMPARE(ArrayBufferSlabs::slotSize(65536), size_t(65536));
        QCOMPARE(ArrayBufferSlabs::slotSize(65537), size_t(80u << 10));
        QCOMPARE(ArrayBufferSlabs::slotSize(1u << 20), size_t(1u << 20));
        for (size_t length = ArrayBufferSlabs::kMinLength; length <= ArrayBufferSlabs::kMaxLength;
             length += 997) {
            const size_t slot = ArrayBufferSlabs::slotSize(length);
            QVERIFY(slot >= length);
            QVERIFY2(slot - length <= length / 4, qPrintable(QString::number(length)));
        }
    }

    // A reused slot was written by its last owner: a zeroed allocation must clear it, an
    // uninitialized one may keep it, and slots never overlap.
    void reusedSlotsAreZeroedAndDistinct()
    {
        nano::core::ArrayBufferAllocator allocator;
        for (size_t length : kSmallLengths) {
            std::vector<uint8_t*> live;
            for (int i = 0; i < 40; ++i) {
                auto* bytes = static_cast<uint8_t*>(allocator.AllocateUninitialized(length));
                QVERIFY(bytes);
                std::fill(bytes, bytes + length, uint8_t(0xab));
                live.push_back(bytes);
            }
            for (size_t i = 0; i < live.size(); ++i) {
                QCOMPARE(live[i][0], uint8_t(0xab));
                QCOMPARE(live[i][length - 1], uint8_t(0xab));
                for (size_t j = i + 1; j < live.size(); ++j)
                    QVERIFY(live[i] + length <= live[j] || live[j] + length <= live[i]);
            }
            for (size_t i = 0; i < live.size(); i += 2) allocator.Free(live[i], length);
            for (size_t i = 0; i < live.size(); i += 2) {
                auto* bytes = static_cast<uint8_t*>(allocator.Allocate(length));
                QVERIFY(bytes);
                QVERIFY(std::all_of(bytes, bytes + length, [](uint8_t b) { return b == 0; }));
                live[i] = bytes;
            }
            for (uint8_t* bytes : live) allocator.Free(bytes, length);
        }
        QCOMPARE(allocator.allocatedBytes(), size_t(0));
    }

    // Empty slabs go back to the kernel, but one per size class is kept for the next buffer.
    void emptySlabsAreUnmappedButOne()
    {
        nano::core::ArrayBufferSlabs slabs;
        std::vector<void*> live;
        for (int i = 0; i < 32 * 4; ++i) live.push_back(slabs.allocate(65536, true)); // 4 slabs
        QCOMPARE(slabs.slabCount(), size_t(4));
        for (void* data : live) slabs.free(data, 65536);
        QCOMPARE(slabs.slabCount(), size_t(1));
        void* again = slabs.allocate(65536, true);
        QCOMPARE(slabs.slabCount(), size_t(1));
        slabs.free(again, 65536);
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
