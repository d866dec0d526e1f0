#include "base/manualclock.h"
#include "chat/autosaver.h"
#include "chat/conversationstore.h"
#include "chat/storagequeue.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <csignal>

#include <sys/resource.h>

using namespace bw;

namespace {
ConversationData sample()
{
    ConversationData d;
    d.id = QStringLiteral("c0ffee00-0000-4000-8000-000000000001");
    d.title = QStringLiteral("Harbour engineering ⚓");
    d.systemPrompt = QStringLiteral("Answer briefly.");
    d.created = QDateTime(QDate(2026, 11, 1), QTime(9, 0, 0, 123), Qt::UTC);
    d.updated = QDateTime(QDate(2026, 11, 2), QTime(10, 0), Qt::UTC);
    ChatMessage u = ChatMessage::user(
        QStringLiteral("What is a breakwater?\nTwo lines, \"quotes\" and ünïcödé."),
        QDateTime(QDate(2026, 11, 1), QTime(9, 0, 1), Qt::UTC));
    ChatMessage a = ChatMessage::assistant(QStringLiteral("claude-sonnet-4-6"),
                                           QDateTime(QDate(2026, 11, 1), QTime(9, 0, 2), Qt::UTC));
    a.text = QStringLiteral("A **structure** that protects a harbour.");
    a.status = MessageStatus::Interrupted;
    a.created = QDateTime(QDate(2026, 11, 1), QTime(9, 0, 2), Qt::UTC);
    a.finished = QDateTime(QDate(2026, 11, 1), QTime(9, 0, 5), Qt::UTC);
    a.usage = {120, 45, 10, 2000};
    a.attempts = 3;
    a.errorKind = ErrorKind::Stalled;
    a.errorText = QStringLiteral("The answer stalled.\nRetry or continue.");
    a.stopReason = QStringLiteral("max_tokens");
    a.timeToFirstTokenMs = 412;
    a.outputTokensPerSecond = 38.5;
    a.costUsd = 0.01234;
    d.messages = {u, a};
    d.summary = {QStringLiteral("Earlier: the user asked about harbours."),
                 1,
                 5000,
                 800,
                 QStringLiteral("claude-haiku-4-5"),
                 QDateTime(QDate(2026, 11, 2), QTime(9, 59), Qt::UTC),
                 {},
                 {}};
    return d;
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
        QCOMPARE(back.messages.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const ChatMessage &x = d.messages[i], &y = back.messages[i];
            QCOMPARE(y.id, x.id);
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
    }

    void unknownFieldsSurviveAReSave()
    {
        ConversationStore store(dir());
        QJsonObject o = ConversationFile::toJson(sample());
        o.insert(QStringLiteral("future_top"), QJsonObject{{QStringLiteral("x"), 1}});
        QJsonArray messages = o.value(QStringLiteral("messages")).toArray();
        QJsonObject m0 = messages[0].toObject();
        m0.insert(QStringLiteral("attachments"), QJsonArray{QStringLiteral("a.png")});
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
                     .value(QStringLiteral("attachments"))
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
};

QTEST_GUILESS_MAIN(TestConversationStore)
#include "tst_conversationstore.moc"
