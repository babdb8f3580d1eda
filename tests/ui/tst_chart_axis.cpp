// The memory chart's axes: ticks at 1, 2 or 5 × 10^n and a range that fits the data (181 MB
// gives 0–200 MB in steps of 50, not 0–400 with ticks at 0, 3, 5, 8, 10).

#include "memory/chart_axis.h"

#include <QValueAxis>
#include <QtTest>

using nano::ui::AxisTicks;
using nano::ui::niceTicks;

class TestChartAxis : public QObject {
    Q_OBJECT

private slots:
    void niceTicks_data()
    {
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        QTest::addColumn<double>("min");
        QTest::addColumn<double>("max");
        QTest::addColumn<double>("step");
        QTest::addColumn<int>("decimals");
        QTest::newRow("181 MB") << 0.0 << 181.0 << 0.0 << 200.0 << 50.0 << 0;
        QTest::newRow("372.7 MB") << 0.0 << 372.7 << 0.0 << 400.0 << 100.0 << 0;
        QTest::newRow("exactly 200 MB") << 0.0 << 200.0 << 0.0 << 200.0 << 50.0 << 0;
        QTest::newRow("10 s") << 0.0 << 10.0 << 0.0 << 10.0 << 2.0 << 0;
        QTest::newRow("7.68 s") << 0.0 << 7.68 << 0.0 << 8.0 << 2.0 << 0;
        QTest::newRow("1 s") << 0.0 << 1.0 << 0.0 << 1.0 << 0.2 << 1;
        QTest::newRow("0.6 MB") << 0.0 << 0.6 << 0.0 << 0.6 << 0.2 << 1;
        QTest::newRow("3.2 MB") << 0.0 << 3.2 << 0.0 << 4.0 << 1.0 << 0;
        QTest::newRow("1234 MB") << 0.0 << 1234.0 << 0.0 << 1500.0 << 500.0 << 0;
        QTest::newRow("0.03 MB") << 0.0 << 0.03 << 0.0 << 0.03 << 0.01 << 2;
        // A series whose oldest samples were dropped starts later.
        QTest::newRow("600.3 s to 612 s") << 600.3 << 612.0 << 600.0 << 615.0 << 5.0 << 0;
        // No data yet, or one value: a unit range, never a division by zero.
        QTest::newRow("empty") << 0.0 << 0.0 << 0.0 << 1.0 << 0.2 << 1;
        QTest::newRow("inverted") << 5.0 << 2.0 << 5.0 << 6.0 << 0.2 << 1;
    }

    void niceTicks()
    {
        QFETCH(double, low);
        QFETCH(double, high);
        QFETCH(double, min);
        QFETCH(double, max);
        QFETCH(double, step);
        QFETCH(int, decimals);
        const AxisTicks ticks = nano::ui::niceTicks(low, high);
        QCOMPARE(ticks.min, min);
        QCOMPARE(ticks.max, max);
        QCOMPARE(ticks.step, step);
        QCOMPARE(ticks.decimals, decimals);
        QVERIFY(ticks.min <= low && ticks.max >= high);
        QVERIFY(qRound((ticks.max - ticks.min) / ticks.step) <= 5);
    }

    void moreIntervalsGiveFinerSteps()
    {
        const AxisTicks ticks = nano::ui::niceTicks(0, 10.1, 8);
        QCOMPARE(ticks.max, 12.0);
        QCOMPARE(ticks.step, 2.0);
        QCOMPARE(nano::ui::niceTicks(0, 10.1, 5).max, 15.0);
        QCOMPARE(nano::ui::niceTicks(0, 7.68, 8).step, 1.0);
    }

    void appliedToAnAxis()
    {
        QValueAxis axis;
        nano::ui::applyTicks(&axis, nano::ui::niceTicks(0, 181));
        QCOMPARE(axis.min(), 0.0);
        QCOMPARE(axis.max(), 200.0);
        QCOMPARE(axis.tickType(), QValueAxis::TicksDynamic);
        QCOMPARE(axis.tickInterval(), 50.0);
        QCOMPARE(axis.tickAnchor(), 0.0);
        QCOMPARE(axis.labelFormat(), QStringLiteral("%.0f"));
        nano::ui::applyTicks(&axis, nano::ui::niceTicks(0, 0.6));
        QCOMPARE(axis.labelFormat(), QStringLiteral("%.1f"));
    }
};

QTEST_MAIN(TestChartAxis)
#include "tst_chart_axis.moc"
