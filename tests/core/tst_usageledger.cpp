// The usage ledger: records written and read back, damaged lines skipped and counted, several
// processes appending at once, and what the file may not be.
#include "chat/usageledger.h"
#include "chat/usagereport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <limits>

#include <sys/stat.h>
#include <unistd.h>

using namespace bw;

namespace {

UsageRecord record(int n, const QString &profile = QStringLiteral("default"))
{
    UsageRecord r;
    r.time = QDateTime(QDate(2026, 3, 15), QTime(12, 0), Qt::UTC).addSecs(n);
    r.profile = profile;
    r.model = QStringLiteral("claude-sonnet-4-6");
    r.conversationId =
        QStringLiteral("c0ffee00-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
    r.source = UsageRecord::Source::Chat;
    r.usage = {1000 + n, 200 + n, 30, 4000};
    r.costUsd = 0.001 * (n + 1);
    return r;
}

QList<UsageRecord> readAll(const QString &path, UsageLedger::Read *result = nullptr,
                           UsageLedger::LastLine last = UsageLedger::LastLine::Damaged)
{
    QList<UsageRecord> list;
    const UsageLedger::Read r = UsageLedger(path).read(
        0, [&list](const UsageRecord &x) { list << x; }, last);
    if (result)
        *result = r;
    return list;
}

void write(const QString &path, const QByteArray &bytes, QIODevice::OpenMode mode)
{
    QFile f(path);
    QVERIFY(f.open(mode));
    QCOMPARE(f.write(bytes), bytes.size());
}

// The child process of twoProcessesAppendWholeLines: appends `count` records as `profile`.
int appendAsChild(const QString &path, const QString &profile, int count)
{
    const UsageLedger ledger(path);
    for (int i = 0; i < count; ++i) {
        UsageRecord r = record(i, profile);
        // Lines of different lengths, so a torn write could not go unnoticed.
        r.model = QStringLiteral("claude-model-") + QString(i % 200, QLatin1Char('x'));
        r.usage.inputTokens = i; // the order each process wrote in
        QString error;
        if (!ledger.append(r, &error)) {
            std::fprintf(stderr, "append failed: %s\n", qPrintable(error));
            return 1;
        }
    }
    return 0;
}

} // namespace

class TestUsageLedger : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(QStringLiteral("data/usage.jsonl")); }

private Q_SLOTS:
    void cleanup() { QFile::remove(path()); }

    void recordsAreReadBackAsWritten()
    {
        const UsageLedger ledger(path());
        QString error;
        for (int i = 0; i < 3; ++i)
            QVERIFY2(ledger.append(record(i), &error), qPrintable(error));
        UsageLedger::Read r;
        const QList<UsageRecord> back = readAll(path(), &r);
        QCOMPARE(back.size(), 3);
        QCOMPARE(r.lines, 3);
        QCOMPARE(r.damaged, 0);
        QCOMPARE(r.end, QFileInfo(path()).size());
        for (int i = 0; i < 3; ++i) {
            const UsageRecord want = record(i);
            QCOMPARE(back[i].time, want.time);
            QCOMPARE(back[i].profile, want.profile);
            QCOMPARE(back[i].model, want.model);
            QCOMPARE(back[i].conversationId, want.conversationId);
            QCOMPARE(back[i].source, want.source);
            QCOMPARE(back[i].usage, want.usage);
            QCOMPARE(back[i].costUsd, want.costUsd);
        }
        // One line per request, the time first, owner-only in an owner-only folder.
        QFile f(path());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines.last().isEmpty());
        QVERIFY2(lines.first().startsWith("{\"time\":\"2026-03-15T12:00:00.000Z\""),
                 lines.first().constData());
        QCOMPARE(QFileInfo(path()).permissions() & 0x0077, QFileDevice::Permissions());
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(path()).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0600));
    }

    void aRecordKeepsNoPromptAndEscapesItsText()
    {
        UsageRecord r = record(1);
        r.profile = QStringLiteral("work");
        r.model = QStringLiteral("model \"with\" quotes\nand a line ünï");
        r.source = UsageRecord::Source::BatchesApi;
        const QByteArray line = r.toJsonLine();
        QVERIFY(line.endsWith('\n'));
        QCOMPARE(line.count('\n'), 1); // a text's line end never splits a record
        const auto back = UsageRecord::fromJsonLine(line.chopped(1));
        QVERIFY(back);
        QCOMPARE(back->model, r.model);
        QCOMPARE(back->source, UsageRecord::Source::BatchesApi);
    }

    // Whatever a line holds, it is a record or it is damaged: never a wrong number.
    void damagedLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        const QByteArray good = record(0).toJsonLine().chopped(1);
        auto with = [&good](const char *from, const char *to) {
            QByteArray l = good;
            const qsizetype at = l.indexOf(from);
            Q_ASSERT(at >= 0);
            return l.replace(at, qsizetype(std::strlen(from)), to);
        };
        QTest::newRow("garbage") << QByteArray("\x01\x02 not json at all \xff");
        QTest::newRow("half a record") << good.left(good.size() / 2);
        QTest::newRow("an array") << QByteArray("[1,2,3]");
        QTest::newRow("tokens as text")
            << with("\"input_tokens\":1000", "\"input_tokens\":\"1000\"");
        QTest::newRow("negative tokens") << with("\"output_tokens\":200", "\"output_tokens\":-5");
        QTest::newRow("fractional tokens")
            << with("\"output_tokens\":200", "\"output_tokens\":2.5");
        QTest::newRow("tokens past 2^53")
            << with("\"output_tokens\":200", "\"output_tokens\":1e300");
        QTest::newRow("cost as text") << with("\"cost_usd\":0.001", "\"cost_usd\":\"0.001\"");
        QTest::newRow("negative cost") << with("\"cost_usd\":0.001", "\"cost_usd\":-1");
        QTest::newRow("absurd cost") << with("\"cost_usd\":0.001", "\"cost_usd\":1e9");
        QTest::newRow("no cost") << with(",\"cost_usd\":0.001", "");
        QTest::newRow("no time") << with("\"time\":\"2026-03-15T12:00:00.000Z\",", "");
        QTest::newRow("not a time") << with("2026-03-15T12:00:00.000Z", "yesterday");
        QTest::newRow("profile as a number") << with("\"profile\":\"default\"", "\"profile\":7");
        QTest::newRow("source as a number") << with("\"source\":\"chat\"", "\"source\":1");
    }

    void damagedLines()
    {
        QFETCH(QByteArray, line);
        QVERIFY(!UsageRecord::fromJsonLine(line));
        // In a ledger, the lines around it survive: skipped, counted, nothing else lost.
        const UsageLedger ledger(path());
        QVERIFY(ledger.append(record(1)));
        write(path(), line + '\n', QIODevice::Append);
        QVERIFY(ledger.append(record(2)));
        UsageLedger::Read r;
        const QList<UsageRecord> back = readAll(path(), &r);
        QCOMPARE(back.size(), 2);
        QCOMPARE(r.damaged, 1);
        QCOMPARE(back[1].usage, record(2).usage);
    }

    // The fast reading of a line as Breakwater writes it accepts exactly what the JSON reading
    // accepts, with the same values: thousands of damaged copies of a record say so.
    void theFastReadingAgreesWithJson()
    {
        QRandomGenerator rng(17);
        UsageRecord base = record(5);
        base.source = UsageRecord::Source::Summary;
        base.costUsd = 0.000123456789;
        const QByteArray good = base.toJsonLine().chopped(1);
        QVERIFY(UsageRecord::fromJsonLine(good));
        const QByteArray alphabet = "0123456789.eE+-\"{}:,ZT xa\\";
        int accepted = 0;
        for (int i = 0; i < 20000; ++i) {
            QByteArray line = good;
            for (int edits = 1 + int(rng.bounded(3)); edits > 0; --edits) {
                const qsizetype at = qsizetype(rng.bounded(quint32(line.size())));
                switch (rng.bounded(3)) {
                case 0:
                    line[at] = alphabet[qsizetype(rng.bounded(quint32(alphabet.size())))];
                    break;
                case 1:
                    line.remove(at, 1);
                    break;
                default:
                    line.insert(at, alphabet[qsizetype(rng.bounded(quint32(alphabet.size())))]);
                }
            }
            const std::optional<UsageRecord> fast = UsageRecord::fromJsonLine(line);
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
            const std::optional<UsageRecord> slow =
                error.error == QJsonParseError::NoError && doc.isObject()
                    ? UsageRecord::fromJson(doc.object())
                    : std::nullopt;
            QVERIFY2(fast.has_value() == slow.has_value(), line.constData());
            if (!fast)
                continue;
            ++accepted;
            QVERIFY2(fast->time == slow->time && fast->profile == slow->profile &&
                         fast->model == slow->model &&
                         fast->conversationId == slow->conversationId &&
                         fast->source == slow->source && fast->usage == slow->usage &&
                         fast->costUsd == slow->costUsd,
                     line.constData());
        }
        QVERIFY(accepted > 100); // digits changed here and there: still records
    }

    // Regression: an infinite cost was written as 0, one above the reader's limit was written and
    // then skipped as damaged. The writer caps it to what the reader takes.
    void aCostIsWrittenInTheRangeItIsRead()
    {
        const UsageLedger ledger(path());
        UsageRecord r = record(1);
        for (double cost : {std::numeric_limits<double>::infinity(), 5e6}) {
            r.costUsd = cost;
            QVERIFY(ledger.append(r));
        }
        r.costUsd = -1;
        QVERIFY(ledger.append(r));
        UsageLedger::Read read;
        const QList<UsageRecord> back = readAll(path(), &read);
        QCOMPARE(read.damaged, 0);
        QCOMPARE(back.size(), 3);
        QCOMPARE(back[0].costUsd, UsageRecord::kLargestCostUsd);
        QCOMPARE(back[1].costUsd, UsageRecord::kLargestCostUsd);
        QCOMPARE(back[2].costUsd, 0.0);
    }

    // Regression: the writer wrote texts of any length, the reader skipped a line with one over
    // 256 characters (a 300-character --model or conversation id: spend lost to the budgets).
    void aLongTextIsFittedNotLost()
    {
        UsageRecord r = record(1);
        r.model = QStringLiteral("claude-") + QString(300, u'm');
        r.conversationId = QString(300, u'c');
        QVERIFY(UsageLedger(path()).append(r));
        UsageRecord other = r;
        other.conversationId = QString(299, u'c') + u'd';
        QVERIFY(UsageLedger(path()).append(other));
        UsageLedger::Read read;
        const QList<UsageRecord> back = readAll(path(), &read);
        QCOMPARE(read.damaged, 0);
        QCOMPARE(back.size(), 2);
        QCOMPARE(back[0].model, UsageRecord::fitted(r.model));
        QCOMPARE(back[0].conversationId, UsageRecord::fitted(r.conversationId));
        QVERIFY(back[0].conversationId.size() <= UsageRecord::kLongestName);
        QVERIFY(back[0].conversationId != back[1].conversationId); // kept apart
        QCOMPARE(UsageRecord::fitted(QStringLiteral("short")), QStringLiteral("short"));
    }

    void fieldsItDoesNotKnowAreIgnored()
    {
        QByteArray line = record(3).toJsonLine().chopped(2); // without "}\n"
        line += ",\"future_field\":{\"a\":[1,2]},\"source\":\"a_new_source\"}";
        const auto r = UsageRecord::fromJsonLine(line);
        QVERIFY(r);
        QCOMPARE(r->costUsd, record(3).costUsd);
        QCOMPARE(r->source, UsageRecord::Source::Chat);
    }

    // A process killed mid-line leaves half a record at the end: it is counted as damaged, and
    // the next append starts a line of its own, so nothing after it is lost.
    void aHalfWrittenLastLineCostsOnlyItself()
    {
        const UsageLedger ledger(path());
        QVERIFY(ledger.append(record(1)));
        const QByteArray half = record(2).toJsonLine().left(40);
        write(path(), half, QIODevice::Append);
        UsageLedger::Read r;
        QCOMPARE(readAll(path(), &r).size(), 1);
        QCOMPARE(r.damaged, 1);
        QCOMPARE(r.end, QFileInfo(path()).size());
        // Read as a line still being written, it is left for later, not counted.
        QCOMPARE(readAll(path(), &r, UsageLedger::LastLine::Pending).size(), 1);
        QCOMPARE(r.damaged, 0);
        QCOMPARE(r.end, QFileInfo(path()).size() - half.size());

        QVERIFY(ledger.append(record(3)));
        const QList<UsageRecord> back = readAll(path(), &r);
        QCOMPARE(back.size(), 2);
        QCOMPARE(r.damaged, 1);
        QCOMPARE(back.last().usage, record(3).usage);
    }

    void emptyLinesAreNotDamage()
    {
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("data"))));
        write(path(), "\n\n" + record(1).toJsonLine() + "\r\n  \n", QIODevice::WriteOnly);
        UsageLedger::Read r;
        QCOMPARE(readAll(path(), &r).size(), 1);
        QCOMPARE(r.damaged, 0);
    }

    void aLineTooLongToBeARecordIsDamaged()
    {
        const UsageLedger ledger(path());
        QVERIFY(ledger.append(record(1)));
        write(path(), QByteArray(3 * 1024 * 1024, 'z') + '\n', QIODevice::Append);
        QVERIFY(ledger.append(record(2)));
        UsageLedger::Read r;
        QCOMPARE(readAll(path(), &r).size(), 2);
        QCOMPARE(r.damaged, 1);
    }

    // Reading on from where the last read ended gives only what came since.
    void readsOnFromAnOffset()
    {
        const UsageLedger ledger(path());
        QVERIFY(ledger.append(record(1)));
        QVERIFY(ledger.append(record(2)));
        const UsageLedger::Read first = ledger.read(0, {});
        QCOMPARE(first.lines, 2);
        QVERIFY(ledger.append(record(3)));
        QList<UsageRecord> more;
        const UsageLedger::Read next =
            ledger.read(first.end, [&more](const UsageRecord &x) { more << x; });
        QCOMPARE(more.size(), 1);
        QCOMPARE(more.first().usage, record(3).usage);
        QVERIFY(!next.restarted);
        // A ledger replaced by a shorter one is read from its start.
        QFile::remove(path());
        QVERIFY(ledger.append(record(4)));
        const UsageLedger::Read again = ledger.read(next.end, {});
        QVERIFY(again.restarted);
        QCOMPARE(again.lines, 1);
    }

    void noLedgerYetIsNoError()
    {
        UsageLedger::Read r;
        QVERIFY(readAll(m_dir.filePath(QStringLiteral("none/usage.jsonl")), &r).isEmpty());
        QVERIFY(r.missing);
        QVERIFY(r.error.isEmpty());
    }

    // Two processes append 2,000 records each at once: every line arrives whole, in each
    // process's own order.
    void twoProcessesAppendWholeLines()
    {
        const QString program = QCoreApplication::applicationFilePath();
        QProcess a, b;
        for (QProcess *p : {&a, &b})
            p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        const int count = 2000;
        a.start(program, {QStringLiteral("--append-child"), path(), QStringLiteral("a"),
                          QString::number(count)});
        b.start(program, {QStringLiteral("--append-child"), path(), QStringLiteral("b"),
                          QString::number(count)});
        QVERIFY(a.waitForFinished(60000));
        QVERIFY(b.waitForFinished(60000));
        QCOMPARE(a.exitCode(), 0);
        QCOMPARE(b.exitCode(), 0);
        UsageLedger::Read r;
        const QList<UsageRecord> back = readAll(path(), &r);
        QCOMPARE(r.damaged, 0);
        QCOMPARE(back.size(), 2 * count);
        qint64 next[2] = {0, 0};
        bool interleaved = false;
        for (qsizetype i = 0; i < back.size(); ++i) {
            const int who = back[i].profile == u"a" ? 0 : 1;
            QCOMPARE(back[i].usage.inputTokens, next[who]);
            QCOMPARE(back[i].model.size(), 13 + int(next[who] % 200));
            ++next[who];
            if (i > 0 && back[i].profile != back[i - 1].profile)
                interleaved = true;
        }
        if (!interleaved)
            qWarning("the two processes did not overlap this time: lines are whole, but the "
                     "overlap was not exercised");
    }

    void aLinkIsNeverWrittenThrough()
    {
        const QString target = m_dir.filePath(QStringLiteral("elsewhere.txt"));
        write(target, "precious\n", QIODevice::WriteOnly);
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("data"))));
        QVERIFY(QFile::link(target, path()));
        QString error;
        QVERIFY(!UsageLedger(path()).append(record(1), &error));
        QVERIFY2(error.contains(QStringLiteral("symbolic link")), qPrintable(error));
        QFile f(target);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("precious\n"));
    }

    // Regression: appending refused a link but reading followed it; both refuse it now.
    void aLinkIsNeverReadThrough()
    {
        const QString target = m_dir.filePath(QStringLiteral("elsewhere.jsonl"));
        QVERIFY(UsageLedger(target).append(record(1)));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("data"))));
        QVERIFY(QFile::link(target, path()));
        UsageLedger::Read r;
        readAll(path(), &r);
        QVERIFY2(r.error.contains(QStringLiteral("symbolic link")), qPrintable(r.error));
        QCOMPARE(r.lines, 0);
    }

    void aFifoIsRefusedWithoutWaiting()
    {
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("data"))));
        QCOMPARE(::mkfifo(QFile::encodeName(path()).constData(), 0600), 0);
        QString error;
        QVERIFY(!UsageLedger(path()).append(record(1), &error));
        QVERIFY(!error.isEmpty());
        UsageLedger::Read r;
        readAll(path(), &r);
        QVERIFY2(r.error.contains(QStringLiteral("not a regular file")), qPrintable(r.error));
    }
};

int main(int argc, char **argv)
{
    if (argc == 5 && std::strcmp(argv[1], "--append-child") == 0)
        return appendAsChild(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]),
                             std::atoi(argv[4]));
    QCoreApplication app(argc, argv);
    TestUsageLedger test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_usageledger.moc"
