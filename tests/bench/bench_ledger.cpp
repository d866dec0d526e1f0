// Benchmark (not a test): the usage ledger at 100,000 lines — what one append costs (open,
// write, close: what each request adds), how long the Usage window's report and the budgets'
// index take to read it, and what `breakwater-cli ask` pays at start when a budget is set.
//   bench_ledger [LINES] [RUNS]
#include "base/manualclock.h"
#include "chat/pricetable.h"
#include "chat/spendmeter.h"
#include "chat/usageledger.h"
#include "chat/usagereport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace bw;

namespace {

UsageRecord record(int i, const QDateTime &now)
{
    static const QString models[] = {QStringLiteral("claude-sonnet-4-6"),
                                     QStringLiteral("claude-opus-4-8"),
                                     QStringLiteral("claude-haiku-4-5")};
    UsageRecord r;
    r.time = now.addSecs(-qint64(i) * 60); // a request a minute, back about 70 days
    r.profile = i % 5 == 0 ? QStringLiteral("work") : QStringLiteral("default");
    r.model = models[i % 3];
    r.conversationId =
        QStringLiteral("c0ffee00-0000-4000-8000-%1").arg(i % 400, 12, 10, QLatin1Char('0'));
    r.usage = {1200 + i % 1000, 300 + i % 700, i % 3 ? 0 : 2000, i % 2 ? 5000 : 0};
    r.costUsd = 0.0123;
    return r;
}

// CPU time of this process in ms: on a shared machine wall time also measures the neighbours.
double cpuMs()
{
    return double(std::clock()) * 1000.0 / CLOCKS_PER_SEC;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int lines = argc > 1 ? std::max(1, atoi(argv[1])) : 100'000;
    const int runs = argc > 2 ? std::max(1, atoi(argv[2])) : 5;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("usage.jsonl"));
    const UsageLedger ledger(path);
    const QDateTime now = QDateTime::currentDateTimeUtc();

    // Appends, each the way a request's is: open, one write(), close.
    QList<double> appendUs;
    QElapsedTimer t;
    for (int i = 0; i < lines; ++i) {
        t.start();
        if (!ledger.append(record(i, now))) {
            std::fprintf(stderr, "append failed\n");
            return 1;
        }
        appendUs << double(t.nsecsElapsed()) / 1000.0;
    }
    std::sort(appendUs.begin(), appendUs.end());
    std::printf(
        "append: %d lines (%.1f MB): median %.1f us, 99th percentile %.1f us, max %.1f us\n", lines,
        double(QFileInfo(path).size()) / 1e6, median(appendUs),
        appendUs[qsizetype(double(appendUs.size()) * 0.99)], appendUs.last());

    // The Usage window's report (read, parse, sum by day, model, conversation, profile).
    QList<double> reportMs, reportCpu;
    qint64 requests = 0;
    for (int run = 0; run < runs; ++run) {
        t.start();
        const double cpu = cpuMs();
        UsageReport report(now.toLocalTime().date());
        const UsageLedger::Read r =
            ledger.read(0, [&report](const UsageRecord &x) { report.add(x); });
        requests = report.total().requests;
        reportMs << double(t.nsecsElapsed()) / 1e6;
        reportCpu << cpuMs() - cpu;
        if (r.damaged || requests != lines) {
            std::fprintf(stderr, "read %lld of %d\n", static_cast<long long>(requests), lines);
            return 1;
        }
    }
    std::printf("report (Usage window, `usage`): median %.0f ms wall, %.0f ms CPU over %d runs "
                "(%lld requests)\n",
                median(reportMs), median(reportCpu), runs, static_cast<long long>(requests));

    // Reading alone (no summing), to see where the time goes.
    QList<double> readMs, readCpu;
    for (int run = 0; run < runs; ++run) {
        t.start();
        const double cpu = cpuMs();
        ledger.read(0, {});
        readMs << double(t.nsecsElapsed()) / 1e6;
        readCpu << cpuMs() - cpu;
    }
    std::printf("read and parse only: median %.0f ms wall, %.0f ms CPU\n", median(readMs),
                median(readCpu));

    // The budgets' index: what `ask` pays once at start when a budget is set.
    const PriceTable prices = PriceTable::load();
    ManualClock clock(now);
    QList<double> checkMs, checkCpu;
    for (int run = 0; run < runs; ++run) {
        SpendMeter meter(&clock, &prices);
        meter.setProfile(QStringLiteral("default"));
        meter.setLedger(path);
        meter.setBudgets({1e5, 1e5, 1e5});
        t.start();
        const double cpu = cpuMs();
        const BudgetVerdict v = meter.check(QStringLiteral("c0ffee00-0000-4000-8000-000000000007"));
        checkMs << double(t.nsecsElapsed()) / 1e6;
        checkCpu << cpuMs() - cpu;
        if (run == 0)
            std::printf("  (spent today %.2f, this month %.2f USD; verdict level %d)\n",
                        meter.spent({}).today, meter.spent({}).month, int(v.level));
    }
    std::printf("first budget check (reads the whole ledger): median %.0f ms wall, %.0f ms CPU\n",
                median(checkMs), median(checkCpu));

    // After that: a check reads only what was appended since.
    SpendMeter meter(&clock, &prices);
    meter.setProfile(QStringLiteral("default"));
    meter.setLedger(path);
    meter.setBudgets({1e5, 1e5, 1e5});
    meter.check({});
    QList<double> laterUs;
    for (int i = 0; i < 200; ++i) {
        ledger.append(record(i, now));
        t.start();
        meter.check({});
        laterUs << double(t.nsecsElapsed()) / 1000.0;
    }
    std::printf("a later check (one new line to read): median %.0f us\n", median(laterUs));
    return 0;
}
