#include "base/manualclock.h"
#include "chat/autosaver.h"
#include "chat/conversationfile.h"
#include "chat/conversationmerge.h"
#include "chat/conversationstore.h"
#include "chat/regularfile.h"
#include "chat/storagequeue.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <csignal>
#include <limits>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace bw;

namespace {
// A conversation as Breakwater writes it today (file format 2): a prompt ("u1") and its answer
// ("a1"), compressed through the prompt.
ConversationData sample()
{
    ConversationData d;
    d.tree = true;
    d.id = QStringLiteral("c0ffee00-0000-4000-8000-000000000001");
    d.title = QStringLiteral("Harbour engineering ⚓");
    d.systemPrompt = QStringLiteral("Answer briefly.");
    d.created = QDateTime(QDate(2026, 11, 1), QTime(9, 0, 0, 123), Qt::UTC);
    d.updated = QDateTime(QDate(2026, 11, 2), QTime(10, 0), Qt::UTC);
    ChatMessage u = ChatMessage::user(
        QStringLiteral("What is a breakwater?\nTwo lines, \"quotes\" and ünïcödé."),
        QDateTime(QDate(2026, 11, 1), QTime(9, 0, 1), Qt::UTC));
    u.id = QStringLiteral("u1");
    ChatMessage a = ChatMessage::assistant(QStringLiteral("claude-sonnet-4-6"),
                                           QDateTime(QDate(2026, 11, 1), QTime(9, 0, 2), Qt::UTC));
    a.id = QStringLiteral("a1");
    a.parentId = u.id;
    a.text = QStringLiteral("A **structure** that protects a harbour.");
    a.status = MessageStatus::Interrupted;
    a.created = QDateTime(QDate(2026, 11, 1), QTime(9, 0, 2), Qt::UTC);
    a.finished = QDateTime(QDate(2026, 11, 1), QTime(9, 0, 5), Qt::UTC);
    a.usage = {120, 45, 10, 2000};
    a.usage.cacheCreation1hInputTokens = 4; // of the 10 written
    a.attempts = 3;
    a.errorKind = ErrorKind::Stalled;
    a.errorText = QStringLiteral("The answer stalled.\nRetry or continue.");
    a.stopReason = QStringLiteral("max_tokens");
    a.timeToFirstTokenMs = 412;
    a.outputTokensPerSecond = 38.5;
    a.costUsd = 0.01234;
    a.cacheSavingsUsd = -0.0005; // written, not yet read back
    d.messages = {u, a};
    d.summary = {QStringLiteral("Earlier: the user asked about harbours."),
                 1,
                 5000,
                 800,
                 QStringLiteral("claude-haiku-4-5"),
                 QDateTime(QDate(2026, 11, 2), QTime(9, 59), Qt::UTC),
                 u.id,
                 {}};
    return d;
}

// `json` with the field at `path` ("messages[1].usage.output_tokens") set to `value`, or
// removed when `value` is undefined.
QJsonValue patched(QJsonValue json, QStringView path, const QJsonValue &value)
{
    if (path.isEmpty())
        return value;
    qsizetype end = path.indexOf(u'.');
    QStringView head = path.left(end < 0 ? path.size() : end);
    const QStringView rest = end < 0 ? QStringView() : path.mid(end + 1);
    if (const qsizetype bracket = head.indexOf(u'['); bracket >= 0) {
        const int index = head.mid(bracket + 1, head.size() - bracket - 2).toInt();
        const QString key = head.left(bracket).toString();
        QJsonObject o = json.toObject();
        QJsonArray a = o.value(key).toArray();
        a[index] = patched(a[index], rest, value);
        o.insert(key, a);
        return o;
    }
    QJsonObject o = json.toObject();
    const QJsonValue inner = patched(o.value(head.toString()), rest, value);
    if (inner.isUndefined())
        o.remove(head.toString());
    else
        o.insert(head.toString(), inner);
    return o;
}

QByteArray sampleWith(const QString &path, const QJsonValue &value)
{
    return QJsonDocument(patched(ConversationFile::toJson(sample()), path, value).toObject())
        .toJson();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The same conversation as another program holds it: read from the file, then changed there.
ConversationData loaded(ConversationStore &store, const QString &path)
{
    ConversationData d;
    QString error;
    if (!store.load(path, d, &error))
        qWarning("cannot load %s: %s", qPrintable(path), qPrintable(error));
    return d;
}

// A turn added by the program that holds `d` after its last message (as a Conversation would
// record it: both messages changed, and the version shown below that message chosen).
void appendTurn(ConversationData &d, const QString &prompt, const QString &answer)
{
    const QDateTime t = QDateTime::currentDateTimeUtc();
    ChatMessage u = ChatMessage::user(prompt, t);
    if (d.tree && !d.messages.isEmpty())
        u.parentId = d.messages.constLast().id;
    ChatMessage a = ChatMessage::assistant(QStringLiteral("m"), t);
    a.text = answer;
    a.status = MessageStatus::Complete;
    if (d.tree)
        a.parentId = u.id;
    d.changedMessages << u.id << a.id;
    d.changedShownChoices << u.parentId << u.id;
    d.messages << u << a;
}

QStringList texts(const ConversationData &d)
{
    QStringList t;
    for (const ChatMessage &m : d.messages)
        t << m.text;
    return t;
}
} // namespace

class TestConversationStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString dir() const { return m_dir.filePath(QStringLiteral("conversations")); }

private Q_SLOTS:
    void cleanup() { QDir(dir()).removeRecursively(); }

    void everyFieldRoundTrips()
    {
        ConversationStore store(dir());
        const ConversationData d = sample();
        QString error;
        QVERIFY2(store.save(d, {}, 0, &error), qPrintable(error));
        ConversationData back;
        QVERIFY2(store.load(store.pathFor(d.id), back, &error), qPrintable(error));
        QCOMPARE(back.id, d.id);
        QCOMPARE(back.title, d.title);
        QCOMPARE(back.systemPrompt, d.systemPrompt);
        QCOMPARE(back.created, d.created);
        QCOMPARE(back.updated, d.updated);
        QCOMPARE(back.summary.text, d.summary.text);
        QCOMPARE(back.summary.coveredMessages, 1);
        QCOMPARE(back.summary.tokensBefore, 5000);
        QCOMPARE(back.summary.tokensAfter, 800);
        QCOMPARE(back.summary.model, d.summary.model);
        QCOMPARE(back.summary.createdAt, d.summary.createdAt);
        QCOMPARE(back.summary.coveredThroughId, QStringLiteral("u1"));
        QCOMPARE(back.fileVersion, 2);
        QCOMPARE(back.messages.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const ChatMessage &x = d.messages[i], &y = back.messages[i];
            QCOMPARE(y.id, x.id);
            QCOMPARE(y.parentId, x.parentId);
            QCOMPARE(y.role, x.role);
            QCOMPARE(y.text, x.text);
            QCOMPARE(y.created, x.created);
            QCOMPARE(y.status, x.status);
        }
        const ChatMessage &a = back.messages[1];
        QCOMPARE(a.finished, d.messages[1].finished);
        QCOMPARE(a.model, d.messages[1].model);
        QCOMPARE(a.usage, d.messages[1].usage);
        QCOMPARE(a.attempts, 3);
        QCOMPARE(a.errorKind, ErrorKind::Stalled);
        QCOMPARE(a.errorText, d.messages[1].errorText);
        QCOMPARE(a.stopReason, QStringLiteral("max_tokens"));
        QCOMPARE(a.timeToFirstTokenMs, 412);
        QCOMPARE(a.outputTokensPerSecond, 38.5);
        QCOMPARE(a.costUsd, 0.01234);
        QCOMPARE(a.cacheSavingsUsd, -0.0005);
        QCOMPARE(a.usage.cacheCreation1hInputTokens, 4);
    }

    void unknownFieldsSurviveAReSave()
    {
        ConversationStore store(dir());
        QJsonObject o = ConversationFile::toJson(sample());
        o.insert(QStringLiteral("future_top"), QJsonObject{{QStringLiteral("x"), 1}});
        QJsonArray messages = o.value(QStringLiteral("messages")).toArray();
        QJsonObject m0 = messages[0].toObject();
        m0.insert(QStringLiteral("stickers"), QJsonArray{QStringLiteral("a.png")});
        messages[0] = m0;
        o.insert(QStringLiteral("messages"), messages);
        const QString path = store.pathFor(sample().id);
        QDir().mkpath(dir());
        QVERIFY(ConversationStore::writeAtomically(path, QJsonDocument(o).toJson(), nullptr));

        ConversationData d;
        QString error;
        QVERIFY(store.load(path, d, &error));
        Conversation c;
        d.applyTo(c);
        c.append(ChatMessage::user(QStringLiteral("one more"), QDateTime::currentDateTimeUtc()));
        QVERIFY(
            store.save(ConversationData::of(c, QDateTime::currentDateTimeUtc()), {}, 0, &error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject again = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(
            again.value(QStringLiteral("future_top")).toObject().value(QStringLiteral("x")).toInt(),
            1);
        QCOMPARE(again.value(QStringLiteral("messages"))
                     .toArray()[0]
                     .toObject()
                     .value(QStringLiteral("stickers"))
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(again.value(QStringLiteral("messages")).toArray().size(), 3);
    }

    void corruptAndNewerFilesAreListedNotTouched_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("reason");
        QTest::newRow("truncated json")
            << QByteArray(R"({"format":"breakwater-conversation","version":1,"messages":[{"role")")
            << "not valid JSON";
        QTest::newRow("newer version")
            << QByteArray(R"({"format":"breakwater-conversation","version":7,"messages":[]})")
            << "newer Breakwater";
        QTest::newRow("someone else's json")
            << QByteArray(R"({"hello":"world"})") << "not a Breakwater conversation";
        QTest::newRow("bad message")
            << QByteArray(
                   R"({"format":"breakwater-conversation","version":1,"messages":[{"role":"robot"}]})")
            << "message 1";
    }

    void corruptAndNewerFilesAreListedNotTouched()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, reason);
        ConversationStore store(dir());
        QVERIFY(store.save(sample()));
        QDir().mkpath(dir());
        const QString bad = dir() + QStringLiteral("/broken.json");
        QVERIFY(ConversationStore::writeAtomically(bad, content, nullptr));
        const QList<ConversationInfo> list = store.list();
        QCOMPARE(list.size(), 2);
        const auto it = std::find_if(list.begin(), list.end(),
                                     [](const ConversationInfo &i) { return !i.readable; });
        QVERIFY(it != list.end());
        QVERIFY2(it->problem.contains(reason), qPrintable(it->problem));
        QCOMPARE(it->path, bad);
        QString error;
        QVERIFY(!store.remove(store.pathFor(QStringLiteral("broken")), &error)); // never deleted
        QVERIFY(error.contains(QStringLiteral("cannot be read")));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), content); // never rewritten
    }

    // Regression: an empty id in a file made its requests count for no conversation (its budget
    // never applied), a long one did not fit a ledger line. Such an id is replaced on load by the
    // file's name — the same at every load and in the list.
    void aConversationWithoutAUsableIdGetsOne_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("empty") << QString();
        QTest::newRow("300 characters") << QString(300, u'x');
        QTest::newRow("a control character") << QStringLiteral("a\u0001b");
        QTest::newRow("a line break") << QStringLiteral("a\nb");
        QTest::newRow("a path") << QStringLiteral("../elsewhere");
    }

    void aConversationWithoutAUsableIdGetsOne()
    {
        QFETCH(QString, id);
        QVERIFY(QDir().mkpath(dir()));
        ConversationData d = sample();
        d.id = id;
        const QString path = dir() + QStringLiteral("/named.json");
        QVERIFY(ConversationStore::writeAtomically(path, ConversationFile::serialize(d), nullptr));
        ConversationStore store(dir());
        ConversationData back;
        QString error;
        QVERIFY2(store.load(path, back, &error), qPrintable(error));
        QCOMPARE(back.id, QStringLiteral("named"));
        QCOMPARE(store.list().value(0).id, QStringLiteral("named"));
        QVERIFY(ConversationFile::isUsableId(sample().id));
        // A file whose name is no usable id either: a new one.
        const QString odd = dir() + QStringLiteral("/..json");
        QVERIFY(ConversationStore::writeAtomically(odd, ConversationFile::serialize(d), nullptr));
        QVERIFY(store.load(odd, back, &error));
        QVERIFY(ConversationFile::isUsableId(back.id));
    }

    void listIsNewestFirstAndFollowsChanges()
    {
        ConversationStore store(dir());
        for (int i = 0; i < 5; ++i) {
            ConversationData d = sample();
            d.id = QStringLiteral("id-%1").arg(i);
            d.title = QStringLiteral("T%1").arg(i);
            d.updated = QDateTime(QDate(2026, 1, 1 + i), QTime(0, 0), Qt::UTC);
            QVERIFY(store.save(d));
        }
        QList<ConversationInfo> list = store.list();
        QCOMPARE(list.size(), 5);
        QCOMPARE(list.first().title, QStringLiteral("T4"));
        QCOMPARE(list.first().messages, 2);
        QVERIFY(QFile::exists(dir() + QStringLiteral("/index.json")));
        ConversationData d = sample();
        d.id = QStringLiteral("id-1");
        d.title = QStringLiteral("renamed");
        d.updated = QDateTime(QDate(2026, 2, 1), QTime(0, 0), Qt::UTC);
        QThread::msleep(5); // a different mtime for the index to notice
        QVERIFY(store.save(d));
        list = store.list();
        QCOMPARE(list.first().title, QStringLiteral("renamed"));
        QVERIFY(store.remove(store.pathFor(QStringLiteral("id-3"))));
        QCOMPARE(store.list().size(), 4);
    }

    void filesAreOwnerOnly()
    {
        ConversationStore store(dir());
        QVERIFY(store.save(sample()));
        const QFileInfo file(store.pathFor(sample().id));
        QCOMPARE(file.permissions() & ~(QFile::ReadUser | QFile::WriteUser),
                 QFile::ReadOwner | QFile::WriteOwner);
        QCOMPARE(QFileInfo(dir()).permissions() &
                     ~(QFile::ReadUser | QFile::WriteUser | QFile::ExeUser),
                 QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }

    void searchFindsTextAcrossConversations()
    {
        ConversationStore store(dir());
        ConversationData a = sample();
        ConversationData b = sample();
        b.id = QStringLiteral("other");
        b.title = QStringLiteral("Lighthouses");
        b.messages[0].text = QStringLiteral("Tell me about the Fresnel lens.");
        QVERIFY(store.save(a));
        QVERIFY(store.save(b));
        QList<ConversationStore::SearchHit> hits = store.search(QStringLiteral("fresnel"));
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.first().id, QStringLiteral("other"));
        QCOMPARE(hits.first().messageId, b.messages[0].id);
        QVERIFY(hits.first().snippet.contains(QStringLiteral("Fresnel")));
        QCOMPARE(store.search(QStringLiteral("ÜNÏCÖDÉ")).size(), 1);
        QCOMPARE(store.search(QStringLiteral("structure")).size(), 2); // both answers have it
        QVERIFY(store.search(QStringLiteral("nowhere to be found")).isEmpty());
    }

    void importKeepsBothWhenIdsClash()
    {
        ConversationStore store(dir());
        QVERIFY(store.save(sample()));
        const QString outside = m_dir.filePath(QStringLiteral("outside.json"));
        QVERIFY(ConversationStore::writeAtomically(outside, ConversationFile::serialize(sample()),
                                                   nullptr));
        ConversationData imported;
        QString error;
        QVERIFY2(store.importFile(outside, &imported, &error), qPrintable(error));
        QVERIFY(imported.id != sample().id);
        QCOMPARE(store.list().size(), 2);
    }

    void answerSavedMidStreamLoadsAsInterrupted()
    {
        ConversationData d = sample();
        d.messages[1].status = MessageStatus::Streaming;
        d.messages[1].errorText.clear();
        ConversationData back;
        QString error;
        QVERIFY(ConversationFile::parse(ConversationFile::serialize(d), back, &error));
        QCOMPARE(back.messages[1].status, MessageStatus::Interrupted);
        QVERIFY(back.messages[1].errorText.contains(QStringLiteral("stopped before")));
        QCOMPARE(back.messages[1].text, d.messages[1].text);
    }

    void markdownExport()
    {
        const QString md = ConversationFile::toMarkdown(sample());
        QVERIFY(md.startsWith(QStringLiteral("# Harbour engineering ⚓")));
        QVERIFY(md.contains(QStringLiteral("## You")));
        QVERIFY(md.contains(QStringLiteral("What is a breakwater?")));
        QVERIFY(md.contains(QStringLiteral("## Claude")));
        QVERIFY(md.contains(QStringLiteral("claude-sonnet-4-6")));
        QVERIFY(md.contains(QStringLiteral("Interrupted")));
        QVERIFY(md.contains(QStringLiteral("Earlier: the user asked about harbours.")));
    }

    // Writers on several threads, a reader polling: the file is always whole, and the newest
    // sequence wins.
    void twoSavesNeverInterleave()
    {
        ConversationStore store(dir());
        const QString path = store.pathFor(sample().id);
        QVERIFY(store.save(sample()));
        std::atomic_bool stop{false};
        std::atomic_int badReads{0};
        QThread *reader = QThread::create([&] {
            while (!stop) {
                QFile f(path);
                if (!f.open(QIODevice::ReadOnly))
                    continue;
                ConversationData d;
                QString e;
                if (!ConversationFile::parse(f.readAll(), d, &e))
                    ++badReads;
            }
        });
        reader->start();
        std::atomic<quint64> sequence{10};
        QList<QThread *> writers;
        for (int w = 0; w < 4; ++w) {
            writers << QThread::create([&, w] {
                for (int i = 0; i < 40; ++i) {
                    ConversationData d = sample();
                    d.messages[0].text = QStringLiteral("writer %1 round %2 ").arg(w).arg(i) +
                                         QString(20000, QLatin1Char('x'));
                    store.save(d, {}, ++sequence);
                }
            });
            writers.last()->start();
        }
        for (QThread *t : writers) {
            t->wait();
            delete t;
        }
        stop = true;
        reader->wait();
        delete reader;
        QCOMPARE(badReads.load(), 0);
        // A save older than what is on disk is skipped.
        ConversationData old = sample();
        old.title = QStringLiteral("stale");
        QVERIFY(store.save(old, {}, 5));
        ConversationData now;
        QString e;
        QVERIFY(store.load(path, now, &e));
        QVERIFY(now.title != QStringLiteral("stale"));
    }

    // Regression: a write that failed for lack of space (here: the process's file size limit)
    // still renamed the cut-off temporary file over the good conversation.
    void aFailedWriteLeavesTheOldFileWhole()
    {
        ConversationStore store(dir());
        ConversationData d = sample();
        QVERIFY(store.save(d));
        const QString path = store.pathFor(d.id);
        QFile before(path);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray good = before.readAll();
        before.close();
        // Under Qt's 16 KiB write buffer, so the bytes only go out inside commit().
        d.messages[1].text = QString(10'000, QLatin1Char('x'));
        rlimit old{};
        QVERIFY(::getrlimit(RLIMIT_FSIZE, &old) == 0);
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN); // write() fails instead
        rlimit small = old;
        small.rlim_cur = 1024;
        QVERIFY(::setrlimit(RLIMIT_FSIZE, &small) == 0);
        QString error;
        const bool saved = store.save(d, {}, 0, &error);
        QVERIFY(::setrlimit(RLIMIT_FSIZE, &old) == 0);
        std::signal(SIGXFSZ, oldHandler);
        QVERIFY(!saved);
        QVERIFY(!error.isEmpty());
        QFile after(path);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), good);
        QCOMPARE(QDir(dir()).entryList(QDir::Files | QDir::Hidden).size(), 1); // no temporary left
    }

    // A full disk takes part of a write and then none (issue 16): the message says why (here the
    // file size limit, as a full disk says "No space left on device"), not "Unknown error".
    void aWriteTheDiskTakesOnlyPartOfSaysWhy()
    {
        const QString path = QDir(dir()).filePath(QStringLiteral("export.md"));
        rlimit old{};
        QVERIFY(::getrlimit(RLIMIT_FSIZE, &old) == 0);
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN); // write() fails instead
        rlimit small = old;
        small.rlim_cur = 4096;
        QVERIFY(::setrlimit(RLIMIT_FSIZE, &small) == 0);
        QString error;
        const bool written =
            ConversationStore::writeAtomically(path, QByteArray(100'000, 'x'), &error);
        QVERIFY(::setrlimit(RLIMIT_FSIZE, &old) == 0);
        std::signal(SIGXFSZ, oldHandler);
        QVERIFY(!written);
        QVERIFY2(error.contains(QStringLiteral("File too large")), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("Unknown error")), qPrintable(error));
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(dir()).entryList(QDir::Files | QDir::Hidden).size(), 0); // no temporary left
    }

    void autosaverSavesOnRequestAndTheStreamSoon()
    {
        ConversationStore store(dir());
        StorageQueue queue;
        ManualClock clock;
        Conversation c;
        Autosaver saver(&store, &queue, &clock);
        saver.setConversation(&c);
        c.append(ChatMessage::user(QStringLiteral("saved before sending"), clock.wallNow()));
        // What an answer does before its request: save, and go on once it is on disk.
        bool written = false;
        saver.saveNow(&saver, [&](bool ok, const QString &) { written = ok; });
        QTRY_VERIFY(written);
        ConversationData d;
        QString e;
        QVERIFY(store.load(saver.path(), d, &e));
        QCOMPARE(d.messages.size(), 1);
        const int index = c.append(ChatMessage::assistant(QStringLiteral("m"), clock.wallNow()));
        c.appendText(index, QStringLiteral("partial answer"));
        QSignalSpy saved(&saver, &Autosaver::saved);
        clock.advance(Autosaver::kSoonMs); // the new message, soon
        QVERIFY(saved.wait());
        c.appendText(index, QStringLiteral(" and more"));
        clock.advance(Autosaver::kStreamingSaveMs - 1);
        saver.flush();
        QVERIFY(store.load(saver.path(), d, &e));
        QCOMPARE(d.messages[1].text, QStringLiteral("partial answer")); // not yet
        clock.advance(1);
        QVERIFY(saved.wait());
        QVERIFY(store.load(saver.path(), d, &e));
        QCOMPARE(d.messages[1].text, QStringLiteral("partial answer and more"));
        // The list learns the entry from the save itself.
        const ConversationInfo info = saved.last().first().value<ConversationInfo>();
        QCOMPARE(info.id, c.id());
        QCOMPARE(info.messages, 2);
        QCOMPARE(info.title, QStringLiteral("saved before sending"));
    }

    // Regression: deleting a conversation while its answer streamed brought the file back (the
    // delete forgot the sequence guard, so a late background save won).
    void removedConversationStaysRemoved()
    {
        ConversationStore store(dir());
        ConversationData d = sample();
        QVERIFY(store.save(d, {}, 1));
        const QString path = store.pathFor(d.id);
        QString error;
        QVERIFY2(store.remove(path, &error), qPrintable(error));
        QVERIFY(!QFile::exists(path));
        // A background save that was queued (or running) when the delete happened.
        d.messages[1].text += QStringLiteral(" more text that streamed in");
        QVERIFY(store.save(d, {}, 2));
        QVERIFY(!QFile::exists(path));
        QVERIFY(store.isRemoved(path));
        // Restored from a backup (a copy made outside Breakwater), then opened again: the
        // tombstone must not swallow its saves.
        const QByteArray backup = ConversationFile::serialize(d);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(backup);
        }
        d.title = QStringLiteral("worked on again");
        QVERIFY(store.save(d, {}, 3));
        auto onDisk = [&path] {
            QFile f(path);
            ConversationData back;
            QString e;
            if (f.open(QIODevice::ReadOnly))
                ConversationFile::parse(f.readAll(), back, &e);
            return back.title;
        };
        QVERIFY(onDisk() != QStringLiteral("worked on again")); // still the tombstone's
        store.forgetRemoval(path);
        QVERIFY(store.save(d, {}, 4));
        QCOMPARE(onDisk(), QStringLiteral("worked on again"));
        QVERIFY(store.remove(path, &error));
        // An explicit save (import, save as) is the user's wish: it brings the file back.
        QVERIFY(store.save(d, {}, 0, &error));
        QVERIFY(QFile::exists(path));
        QVERIFY(!store.isRemoved(path));
    }

    void deleteWhileTheAutosaverStreamsLeavesNoFile()
    {
        ConversationStore store(dir());
        StorageQueue queue;
        ManualClock clock;
        Conversation c;
        Autosaver saver(&store, &queue, &clock);
        saver.setConversation(&c);
        c.append(ChatMessage::user(QStringLiteral("delete me mid-answer"), clock.wallNow()));
        const int index = c.append(ChatMessage::assistant(QStringLiteral("m"), clock.wallNow()));
        saver.saveNow();
        saver.flush();
        const QString path = saver.path();
        QVERIFY(QFile::exists(path));
        c.appendText(index, QStringLiteral("streaming…")); // a streaming save is pending
        // As the application does it: detach (queues the pending save), then delete behind it.
        saver.setConversation(nullptr);
        std::atomic_bool removed{false};
        queue.run([&] { removed = store.remove(path); }); // no QVERIFY off the test's thread
        // The answer goes on a little in the detached conversation, and a save of it is asked
        // for through another saver (a second window, the CLI): none may bring the file back.
        c.appendText(index, QStringLiteral(" more"));
        Autosaver late(&store, &queue, &clock);
        late.setConversation(&c);
        late.saveNow();
        clock.advance(Autosaver::kStreamingSaveMs * 3);
        queue.waitForDone();
        QVERIFY(removed);
        QVERIFY(!QFile::exists(path));
    }

    // Regression (issue 17, #1 #5 #10): a negative summary.covered_messages made `ask` read
    // outside the message list, a ttft_ms of 1e300 was saved as INT64_MIN, and mistyped fields
    // were blanked. Every known field is checked on load; the file is refused, naming the field.
    void badFieldsAreRefusedNamingTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        const QJsonValue removed(QJsonValue::Undefined);
        QTest::newRow("covered -1") << "summary.covered_messages" << QJsonValue(-1);
        QTest::newRow("covered -1000") << "summary.covered_messages" << QJsonValue(-1000);
        QTest::newRow("covered past the end") << "summary.covered_messages" << QJsonValue(3);
        QTest::newRow("covered fraction") << "summary.covered_messages" << QJsonValue(1.5);
        QTest::newRow("covered as text") << "summary.covered_messages" << QJsonValue("1");
        QTest::newRow("tokens_before 1e300") << "summary.tokens_before" << QJsonValue(1e300);
        QTest::newRow("tokens_after negative") << "summary.tokens_after" << QJsonValue(-5);
        QTest::newRow("summary without text") << "summary.text" << removed;
        QTest::newRow("summary with empty text") << "summary.text" << QJsonValue("");
        QTest::newRow("summary not an object") << "summary" << QJsonValue("short");
        QTest::newRow("ttft 1e300") << "messages[1].ttft_ms" << QJsonValue(1e300);
        QTest::newRow("ttft -2") << "messages[1].ttft_ms" << QJsonValue(-2);
        QTest::newRow("usage negative") << "messages[1].usage.output_tokens" << QJsonValue(-1);
        QTest::newRow("usage 2^63")
            << "messages[1].usage.input_tokens" << QJsonValue(9223372036854775807.0);
        QTest::newRow("usage as text") << "messages[1].usage.input_tokens" << QJsonValue("many");
        QTest::newRow("usage not an object") << "messages[1].usage" << QJsonValue(3);
        QTest::newRow("attempts past int") << "messages[1].attempts" << QJsonValue(1e10);
        QTest::newRow("attempts negative") << "messages[1].attempts" << QJsonValue(-1);
        QTest::newRow("speed negative") << "messages[1].tokens_per_second" << QJsonValue(-1);
        QTest::newRow("cost as text") << "messages[1].cost_usd" << QJsonValue("free");
        QTest::newRow("unknown status") << "messages[1].status" << QJsonValue("pending");
        QTest::newRow("unknown error kind") << "messages[1].error.kind" << QJsonValue("martian");
        QTest::newRow("error text a number") << "messages[1].error.text" << QJsonValue(7);
        QTest::newRow("model a list") << "messages[1].model" << QJsonValue(QJsonArray{1});
        QTest::newRow("created not a time") << "messages[0].created" << QJsonValue("yesterday");
        // Found by fuzzing: no UTC form within the years 1 to 9999, so it was written as "".
        QTest::newRow("created past 9999 in UTC")
            << "created" << QJsonValue("9999-12-31T23:59:59.999-14:00");
        QTest::newRow("updated before year 1 in UTC")
            << "updated" << QJsonValue("0001-01-01T00:00:00.000+14:00");
        QTest::newRow("id a number") << "messages[0].id" << QJsonValue(12);
        QTest::newRow("title a number") << "title" << QJsonValue(42);
        QTest::newRow("system null") << "system" << QJsonValue(QJsonValue::Null);
        QTest::newRow("updated a number") << "updated" << QJsonValue(1);
        // The tree (file format 2): every reference names a message it may name, and no message
        // is its own ancestor. (sample(): "u1" and its answer "a1".)
        QTest::newRow("parent names no message") << "messages[1].parent" << QJsonValue("ghost");
        QTest::newRow("parent a number") << "messages[1].parent" << QJsonValue(1);
        QTest::newRow("parent is itself") << "messages[1].parent" << QJsonValue("a1");
        QTest::newRow("parents in a cycle") << "messages[0].parent" << QJsonValue("a1");
        QTest::newRow("shown_child not below") << "messages[1].shown_child" << QJsonValue("u1");
        QTest::newRow("shown_child names no message")
            << "messages[0].shown_child" << QJsonValue("ghost");
        QTest::newRow("shown_child a list")
            << "messages[0].shown_child" << QJsonValue(QJsonArray{});
        QTest::newRow("shown_root not a first message") << "shown_root" << QJsonValue("a1");
        QTest::newRow("shown_root a number") << "shown_root" << QJsonValue(0);
        QTest::newRow("covered_through names no message")
            << "summary.covered_through" << QJsonValue("ghost");
        QTest::newRow("covered_through an object")
            << "summary.covered_through" << QJsonValue(QJsonObject{});
        QTest::newRow("deleted not a list") << "deleted" << QJsonValue("a1");
        QTest::newRow("deleted holds a number") << "deleted" << QJsonValue(QJsonArray{7});
        // Thinking: only whole blocks (they go back to the API as they are).
        QTest::newRow("thinking not an object") << "messages[1].thinking" << QJsonValue("hmm");
        QTest::newRow("thinking block without signature")
            << "messages[1].thinking"
            << QJsonValue(QJsonObject{
                   {QStringLiteral("blocks"),
                    QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("thinking")},
                                           {QStringLiteral("thinking"), QStringLiteral("x")}}}}});
        QTest::newRow("thinking blocks not a list")
            << "messages[1].thinking"
            << QJsonValue(QJsonObject{{QStringLiteral("blocks"), QStringLiteral("x")}});
        QTest::newRow("thinking ms negative")
            << "messages[1].thinking" << QJsonValue(QJsonObject{{QStringLiteral("ms"), -7}});
        QTest::newRow("stop_details a number") << "messages[1].stop_details" << QJsonValue(5);
        QTest::newRow("thinking setting not an object") << "thinking" << QJsonValue(3);
    }

    void badFieldsAreRefusedNamingTheField()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        ConversationStore store(dir());
        QDir().mkpath(dir());
        const QString path = dir() + QStringLiteral("/bad.json");
        const QByteArray bytes = sampleWith(field, value);
        QVERIFY(ConversationStore::writeAtomically(path, bytes, nullptr));
        ConversationData d;
        QString error;
        QVERIFY2(!store.load(path, d, &error), "a bad field was accepted");
        QVERIFY2(error.contains(field), qPrintable(error));
        // Listed with the reason, and never written over by a save of what was read.
        const QList<ConversationInfo> list = store.list();
        QCOMPARE(list.size(), 1);
        QVERIFY(!list.first().readable);
        QVERIFY2(list.first().problem.contains(field), qPrintable(list.first().problem));
        ConversationData other = sample();
        QVERIFY(!store.save(other, path, 0, &error));
        QVERIFY2(error.contains(QStringLiteral("cannot be read")), qPrintable(error));
        QCOMPARE(readAll(path), bytes);
    }

    // The edges of each range are accepted.
    void fieldsAtTheirLimitsAreRead()
    {
        QJsonValue json = ConversationFile::toJson(sample());
        json = patched(json, u"summary.covered_messages", 2);
        json = patched(json, u"messages[1].ttft_ms", -1);
        json = patched(json, u"messages[1].usage.output_tokens", 9007199254740992.0);
        json = patched(json, u"summary.tokens_before", 0);
        json = patched(json, u"messages[0].parent", QJsonValue(QJsonValue::Null));
        json = patched(json, u"messages[0].shown_child", QStringLiteral("a1"));
        json = patched(json, u"messages[1].shown_child", QJsonValue(QJsonValue::Null));
        json = patched(json, u"shown_root", QStringLiteral("u1"));
        json = patched(json, u"summary.covered_through", QJsonValue(QJsonValue::Null));
        json = patched(json, u"deleted", QJsonArray{QStringLiteral("gone")});
        ConversationData d;
        QString error;
        QVERIFY2(ConversationFile::parse(QJsonDocument(json.toObject()).toJson(), d, &error),
                 qPrintable(error));
        QCOMPARE(d.messages[0].shownChildId, QStringLiteral("a1"));
        QCOMPARE(d.shownRootId, QStringLiteral("u1"));
        QCOMPARE(d.deletedIds, QSet<QString>{QStringLiteral("gone")});
        QCOMPARE(d.summary.coveredMessages, 2);
        QCOMPARE(d.messages[1].timeToFirstTokenMs, -1);
        QCOMPARE(d.messages[1].usage.outputTokens, qint64(1) << 53);
    }

    // Regression (#5): numbers outside what a file can carry were written as they were (an
    // INT64_MAX became INT64_MIN on the way back). What is written reads back, clamped.
    void whatIsWrittenIsReadBack()
    {
        ConversationData d = sample();
        ChatMessage &a = d.messages[1];
        a.timeToFirstTokenMs = std::numeric_limits<qint64>::max();
        a.usage = {-5, std::numeric_limits<qint64>::max(), -1, 0};
        a.outputTokensPerSecond = std::numeric_limits<double>::infinity();
        a.costUsd = -1;
        a.attempts = -3;
        d.summary.tokensBefore = std::numeric_limits<qint64>::min();
        d.summary.coveredMessages = 7;
        ConversationData back;
        QString error;
        QVERIFY2(ConversationFile::parse(ConversationFile::serialize(d), back, &error),
                 qPrintable(error));
        const ChatMessage &b = back.messages[1];
        QCOMPARE(b.timeToFirstTokenMs, qint64(1) << 53);
        QCOMPARE(b.usage, (Usage{0, qint64(1) << 53, 0, 0}));
        QCOMPARE(b.outputTokensPerSecond, 0.0);
        QCOMPARE(b.costUsd, 0.0);
        QCOMPARE(b.attempts, 0);
        QCOMPARE(back.summary.tokensBefore, 0);
        QCOMPARE(back.summary.coveredMessages, 2);
    }

    // Regression (#10): unknown fields inside summary, usage and error were lost on a re-save.
    void unknownFieldsSurviveAtEveryLevel()
    {
        QJsonValue json = ConversationFile::toJson(sample());
        json = patched(json, u"summary.method", QStringLiteral("hierarchical"));
        json = patched(json, u"messages[1].usage.server_tool_use",
                       QJsonObject{{QStringLiteral("web_search_requests"), 2}});
        json = patched(json, u"messages[1].error.retry_after_ms", 1500);
        json = patched(json, u"messages[0].usage", QStringLiteral("a user's turn has none"));
        ConversationStore store(dir());
        QDir().mkpath(dir());
        const QString path = store.pathFor(sample().id);
        QVERIFY(ConversationStore::writeAtomically(path, QJsonDocument(json.toObject()).toJson(),
                                                   nullptr));
        ConversationData d = loaded(store, path);
        appendTurn(d, QStringLiteral("more"), QStringLiteral("and more"));
        QString error;
        QVERIFY2(store.save(d, {}, 0, &error), qPrintable(error));
        const QJsonObject again = QJsonDocument::fromJson(readAll(path)).object();
        const QJsonArray messages = again.value(QLatin1String("messages")).toArray();
        QCOMPARE(again.value(QLatin1String("summary"))
                     .toObject()
                     .value(QLatin1String("method"))
                     .toString(),
                 QStringLiteral("hierarchical"));
        QCOMPARE(messages[1]
                     .toObject()
                     .value(QLatin1String("usage"))
                     .toObject()
                     .value(QLatin1String("server_tool_use"))
                     .toObject()
                     .value(QLatin1String("web_search_requests"))
                     .toInt(),
                 2);
        QCOMPARE(messages[1]
                     .toObject()
                     .value(QLatin1String("error"))
                     .toObject()
                     .value(QLatin1String("retry_after_ms"))
                     .toInt(),
                 1500);
        QCOMPARE(messages[0].toObject().value(QLatin1String("usage")).toString(),
                 QStringLiteral("a user's turn has none"));
        QCOMPARE(messages.size(), 4);
    }

    // Messages are told apart by id (a save merges by it): one without an id, or with one
    // already taken, gets an id from its place — the same for every program that reads it.
    // (In a tree, one that others name as their parent cannot lose its id: that file is refused
    // for the parent that names no message.)
    void everyMessageGetsAStableId()
    {
        QJsonValue json = ConversationFile::toJson(sample());
        json = patched(json, u"messages[1].id", QJsonValue(QJsonValue::Undefined));
        const QByteArray bytes = QJsonDocument(json.toObject()).toJson();
        ConversationData once, twice;
        QString error;
        QVERIFY2(ConversationFile::parse(bytes, once, &error), qPrintable(error));
        QVERIFY(ConversationFile::parse(bytes, twice, &error));
        QCOMPARE(once.messages[1].id, QStringLiteral("message-2"));
        QCOMPARE(once.messages[1].id, twice.messages[1].id);
        QCOMPARE(once.messages[1].parentId, QStringLiteral("u1"));
        json = patched(json, u"messages[1].id", QStringLiteral("u1")); // a duplicate
        QVERIFY2(ConversationFile::parse(QJsonDocument(json.toObject()).toJson(), once, &error),
                 qPrintable(error));
        QCOMPARE(once.messages[0].id, QStringLiteral("u1"));
        QCOMPARE(once.messages[1].id, QStringLiteral("message-2"));
        ConversationData back;
        QVERIFY(ConversationFile::parse(ConversationFile::serialize(once), back, &error));
        QCOMPARE(back, once);
    }

    // Regression (#7): a *.json link to /dev/zero made the window allocate without limit, a FIFO
    // hung a read forever. Only regular files are read, and at most RegularFile::kMaxBytes.
    void specialFilesAreRefusedNotRead_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("FIFO") << "fifo"
                              << "a FIFO";
        QTest::newRow("link to /dev/zero") << "zero"
                                           << "a character device";
        QTest::newRow("larger than the cap") << "huge"
                                             << "larger than 256 MiB";
    }

    void specialFilesAreRefusedNotRead()
    {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        ConversationStore store(dir());
        QVERIFY(store.save(sample()));
        const QString path = dir() + QStringLiteral("/special.json");
        const QByteArray name = QFile::encodeName(path);
        if (kind == u"fifo") {
            QCOMPARE(::mkfifo(name.constData(), 0600), 0);
        } else if (kind == u"zero") {
            QVERIFY(QFile::link(QStringLiteral("/dev/zero"), path));
        } else {
            QFile f(path); // sparse: takes no room on the disk
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.resize(RegularFile::kMaxBytes + 1));
        }
        ConversationData d;
        QString error;
        QVERIFY(!store.load(path, d, &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
        const QList<ConversationInfo> list = store.list();
        QCOMPARE(list.size(), 2);
        const auto special = std::find_if(
            list.begin(), list.end(), [&](const ConversationInfo &i) { return i.path == path; });
        QVERIFY(special != list.end());
        QVERIFY(!special->readable);
        QVERIFY2(special->problem.contains(reason), qPrintable(special->problem));
        QCOMPARE(store.search(QStringLiteral("breakwater")).size(), 1);
        QVERIFY(!store.importFile(path, nullptr, &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
        QVERIFY(!store.remove(path, &error)); // never deleted: Breakwater cannot read it
    }

    // Regression (#8): a save followed a symbolic link — a dangling one's target was created, a
    // conversation elsewhere was rewritten and its mode changed. Links are read, never written.
    void savesNeverWriteThroughALink()
    {
        ConversationStore store(dir());
        QDir().mkpath(dir());
        const QString elsewhere = m_dir.filePath(QStringLiteral("elsewhere.json"));
        const QByteArray original = ConversationFile::serialize(sample());
        QVERIFY(ConversationStore::writeAtomically(elsewhere, original, nullptr));
        QCOMPARE(::chmod(QFile::encodeName(elsewhere).constData(), 0644), 0);
        const QString link = store.pathFor(sample().id);
        QVERIFY(QFile::link(elsewhere, link));
        ConversationData d = loaded(store, link); // reading through a link is fine
        QCOMPARE(d.id, sample().id);
        appendTurn(d, QStringLiteral("one more"), QStringLiteral("answer"));
        QString error;
        QVERIFY(!store.save(d, {}, 1, &error));
        QVERIFY2(error.contains(QStringLiteral("symbolic link")), qPrintable(error));
        QCOMPARE(readAll(elsewhere), original);
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(elsewhere).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0644u);
        QVERIFY(QFileInfo(link).isSymLink());

        const QString dangling = dir() + QStringLiteral("/dangling.json");
        const QString target = m_dir.filePath(QStringLiteral("created-by-accident.json"));
        QVERIFY(QFile::link(target, dangling));
        QVERIFY(!store.save(sample(), dangling, 0, &error));
        QVERIFY2(error.contains(QStringLiteral("symbolic link")), qPrintable(error));
        QVERIFY(!QFile::exists(target));
        QVERIFY(!ConversationStore::writeAtomically(dangling, "x", &error));
        QVERIFY(!QFile::exists(target));
    }

    // Regression (#6): two programs writing one conversation lost turns (the last save won).
    // A save keeps what another program added since, in the order it was written; each turn
    // keeps the message it followed (two turns after the same answer are two versions).
    void twoWritersKeepEveryTurn()
    {
        ConversationStore first(dir()), second(dir());
        ConversationData start = sample();
        start.summary = {};
        QVERIFY(first.save(start));
        const QString path = first.pathFor(start.id);
        ConversationData a = loaded(first, path);
        ConversationData b = loaded(second, path);
        appendTurn(a, QStringLiteral("first asks"), QStringLiteral("first is answered"));
        appendTurn(b, QStringLiteral("second asks"), QStringLiteral("second is answered"));
        QString error;
        QVERIFY2(first.save(a, {}, 1, &error), qPrintable(error));
        QVERIFY2(second.save(b, {}, 1, &error), qPrintable(error));
        const QStringList expected{
            sample().messages[0].text,     sample().messages[1].text,
            QStringLiteral("first asks"),  QStringLiteral("first is answered"),
            QStringLiteral("second asks"), QStringLiteral("second is answered")};
        const ConversationData merged = loaded(first, path);
        QCOMPARE(texts(merged), expected);
        QCOMPARE(merged.messages[2].parentId, QStringLiteral("a1"));
        QCOMPARE(merged.messages[3].parentId, merged.messages[2].id);
        QCOMPARE(merged.messages[4].parentId, QStringLiteral("a1"));
        QCOMPARE(merged.messages[5].parentId, merged.messages[4].id);
        // Each goes on with its own answer; the other's turns stay where they are.
        a.messages.last().text += QStringLiteral(", at length"); // still its own answer
        QVERIFY2(first.save(a, {}, 2, &error), qPrintable(error));
        b.messages.last().text += QStringLiteral(" too");
        QVERIFY2(second.save(b, {}, 2, &error), qPrintable(error));
        ConversationData both = loaded(first, path);
        QCOMPARE(texts(both), (QStringList{expected[0], expected[1], expected[2],
                                           QStringLiteral("first is answered, at length"),
                                           expected[4], QStringLiteral("second is answered too")}));
        QVERIFY(!QFile::exists(path + QStringLiteral(".lock")));
    }

    // A summary covers the first messages of the path it was made on, through a message it
    // names: merged with another program's turns, it covers the same path, and shows there.
    void aMergedSummaryCoversTheSamePath()
    {
        ConversationData onDisk = sample();
        onDisk.summary = {};
        ConversationData ours = onDisk;
        appendTurn(onDisk, QStringLiteral("theirs"), QStringLiteral("their answer"));
        appendTurn(ours, QStringLiteral("ours"), QStringLiteral("our answer"));
        appendTurn(ours, QStringLiteral("ours again"), QStringLiteral("our second answer"));
        ours.summary.text = QStringLiteral("the first four");
        ours.summary.coveredMessages = 4; // up to "our answer"
        ours.summary.coveredThroughId = ours.messages[3].id;
        ours.summaryChanged = true;
        const ConversationData merged = mergeConversations(ours, onDisk);
        QCOMPARE(texts(merged).mid(2), (QStringList{"theirs", "their answer", "ours", "our answer",
                                                    "ours again", "our second answer"}));
        QCOMPARE(merged.summary.coveredMessages, 4);
        QCOMPARE(merged.summary.coveredThroughId, ours.messages[3].id);
        QCOMPARE(merged.summary.text, ours.summary.text);
        Conversation c;
        merged.applyTo(c);
        QCOMPARE(c.at(3).text, QStringLiteral("our answer")); // ours is the newest: shown
        QCOMPARE(c.summary().text, ours.summary.text);
        c.showVersion(2, 0); // the other program's turn: the summary does not cover it
        QVERIFY(c.summary().isEmpty());
    }

    // Regression: a copy read while another program's answer was still streaming overwrote
    // that answer, finished since, with the unfinished copy. Of a message both have, a save keeps
    // the file's version unless it changed the message itself.
    void aStaleCopyNeverUndoesAnotherProgramsAnswer()
    {
        ConversationStore first(dir()), second(dir());
        ConversationData a = sample();
        a.summary = {};
        a.messages.clear();
        appendTurn(a, QStringLiteral("first asks"), QString());
        a.messages[1].status = MessageStatus::Streaming; // its prompt's save, before the answer
        QVERIFY(first.save(a, {}, 1));
        const QString path = first.pathFor(a.id);
        ConversationData b = loaded(second, path); // sees the answer as it stopped there
        QCOMPARE(b.messages[1].status, MessageStatus::Failed);
        a.messages[1].text = QStringLiteral("the whole answer");
        a.messages[1].status = MessageStatus::Complete;
        QVERIFY(first.save(a, {}, 2));
        appendTurn(b, QStringLiteral("second asks"), QStringLiteral("second is answered"));
        QString error;
        QVERIFY2(second.save(b, {}, 1, &error), qPrintable(error));
        const ConversationData both = loaded(first, path);
        QCOMPARE(texts(both), (QStringList{"first asks", "the whole answer", "second asks",
                                           "second is answered"}));
        QCOMPARE(both.messages[1].status, MessageStatus::Complete);
        // Another program's summary stays when this one did not make one.
        ConversationData compressed = loaded(first, path);
        compressed.summary = {QStringLiteral("the first turn"),
                              2,
                              100,
                              10,
                              QStringLiteral("h"),
                              QDateTime::currentDateTimeUtc(),
                              compressed.messages[1].id,
                              {}};
        compressed.summaryChanged = true;
        QVERIFY(first.save(compressed, {}, 3));
        appendTurn(b, QStringLiteral("third"), QStringLiteral("answer"));
        QVERIFY(second.save(b, {}, 2));
        const ConversationData after = loaded(first, path);
        QCOMPARE(after.summary.text, QStringLiteral("the first turn"));
        QCOMPARE(after.summary.coveredMessages, 2);
        QCOMPARE(after.messages.size(), 6);
    }

    // A save killed while it held the lock leaves the lock file behind: the next save takes it
    // over (its process is gone) instead of waiting for it.
    void aLockLeftByADeadProcessIsTakenOver()
    {
        ConversationStore store(dir());
        QVERIFY(store.save(sample()));
        const QString path = store.pathFor(sample().id);
        {
            QFile lock(path + QStringLiteral(".lock")); // QLockFile's format: pid, app, host
            QVERIFY(lock.open(QIODevice::WriteOnly));
            lock.write("2147483646\nbreakwater-cli\n" + QSysInfo::machineHostName().toUtf8() +
                       "\n");
        }
        QElapsedTimer t;
        t.start();
        ConversationData d = loaded(store, path);
        appendTurn(d, QStringLiteral("after the crash"), QStringLiteral("still saved"));
        QString error;
        QVERIFY2(store.save(d, {}, 0, &error), qPrintable(error));
        QVERIFY(t.elapsed() < 5000);
        QCOMPARE(loaded(store, path).messages.size(), 4);
        QVERIFY(!QFile::exists(path + QStringLiteral(".lock")));
    }

    // Save As over a file the user chose to replace: replaced, not merged with.
    void replacingSaveReplaces()
    {
        ConversationStore store(dir());
        QVERIFY(store.save(sample()));
        const QString path = store.pathFor(sample().id);
        ConversationData other;
        other.id = QStringLiteral("other");
        appendTurn(other, QStringLiteral("only this"), QStringLiteral("and this"));
        QString error;
        QVERIFY2(store.save(other, path, 0, &error, nullptr, ConversationStore::SaveMode::Replace),
                 qPrintable(error));
        QCOMPARE(texts(loaded(store, path)),
                 (QStringList{QStringLiteral("only this"), QStringLiteral("and this")}));
        // Replace also writes over a file that cannot be read: the user chose it.
        QVERIFY(ConversationStore::writeAtomically(path, "not json", nullptr));
        QVERIFY(!store.save(other, path, 0, &error));
        QVERIFY(store.save(other, path, 0, &error, nullptr, ConversationStore::SaveMode::Replace));
        QCOMPARE(loaded(store, path).id, QStringLiteral("other"));
    }
};

QTEST_GUILESS_MAIN(TestConversationStore)
#include "tst_conversationstore.moc"
