// Conversations as trees: versions of a message, the shown path, and the file that keeps them
// (version 2), including the migration of version-1 files written by earlier Breakwaters.
#include "chat/conversation.h"
#include "chat/conversationfile.h"
#include "chat/conversationstore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bw;

namespace {

const QDateTime kT(QDate(2026, 11, 1), QTime(9, 0), Qt::UTC);

ChatMessage user(const QString &text)
{
    return ChatMessage::user(text, kT);
}

ChatMessage answer(const QString &text)
{
    ChatMessage a = ChatMessage::assistant(QStringLiteral("m"), kT);
    a.text = text;
    a.status = MessageStatus::Complete;
    return a;
}

QStringList texts(const Conversation &c)
{
    QStringList t;
    for (int i = 0; i < c.count(); ++i)
        t << c.at(i).text;
    return t;
}

// q1 a1 q2 a2, then a2 regenerated (a2b), then q2 edited (q2b a3).
void fork(Conversation &c)
{
    c.append(user(QStringLiteral("q1")));
    c.append(answer(QStringLiteral("a1")));
    c.append(user(QStringLiteral("q2")));
    c.append(answer(QStringLiteral("a2")));
    c.addVersion(3, answer(QStringLiteral("a2b")));
    c.addVersion(2, user(QStringLiteral("q2b")));
    c.append(answer(QStringLiteral("a3")));
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestConversation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionsAreSiblingsAndTheNewestIsShown()
    {
        Conversation c;
        fork(c);
        QCOMPARE(texts(c), (QStringList{"q1", "a1", "q2b", "a3"}));
        QCOMPARE(c.versionCount(2), 2);
        QCOMPARE(c.versionNumber(2), 1);
        QCOMPARE(c.versionCount(3), 1);
        QCOMPARE(c.allMessages().size(), 7); // nothing was lost
        // Back to the first version of q2: its own newest answer shows.
        QSignalSpy path(&c, &Conversation::pathChanged);
        c.showVersion(2, 0);
        QCOMPARE(path.size(), 1);
        QCOMPARE(path.first().first().toInt(), 2);
        QCOMPARE(texts(c), (QStringList{"q1", "a1", "q2", "a2b"}));
        c.showVersion(3, 0);
        QCOMPARE(texts(c), (QStringList{"q1", "a1", "q2", "a2"}));
        // The choice below a fork is remembered when switching back and forth above it.
        c.showVersion(2, 1);
        c.showVersion(2, 0);
        QCOMPARE(texts(c), (QStringList{"q1", "a1", "q2", "a2"}));
    }

    void theShownPathIsWhatARequestCarries()
    {
        Conversation c;
        fork(c);
        c.showVersion(2, 0);
        c.showVersion(3, 0);
        const QList<ChatTurn> turns = apiTurns(c.messages(), 0, c.count());
        QCOMPARE(turns.size(), 4);
        QCOMPARE(turns[2].text, QStringLiteral("q2"));
        QCOMPARE(turns[3].text, QStringLiteral("a2"));
        QCOMPARE(c.totalCostUsd(), 0.0);
    }

    void removingAVersionKeepsTheOthers()
    {
        Conversation c;
        fork(c);
        QVERIFY(c.removeVersion(2)); // q2b and its answer
        QCOMPARE(texts(c), (QStringList{"q1", "a1", "q2", "a2b"}));
        QCOMPARE(c.allMessages().size(), 5);
        QVERIFY(!c.removeVersion(0)); // the only version: delete the conversation instead
        QVERIFY(c.removeVersion(3));
        QCOMPARE(texts(c), (QStringList{"q1", "a1", "q2", "a2"}));
        QCOMPARE(c.versionCount(3), 1);
    }

    void showMessageOpensItsBranch()
    {
        Conversation c;
        fork(c);
        const QString a2 = c.allMessages()[3].id;
        QVERIFY(c.showMessage(a2));
        QCOMPARE(texts(c), (QStringList{"q1", "a1", "q2", "a2"}));
        QVERIFY(!c.showMessage(QStringLiteral("no such message")));
    }

    void aSummaryFollowsThePathItWasMadeFrom()
    {
        Conversation c;
        fork(c);
        c.showVersion(2, 0);
        c.showVersion(3, 0);
        ConversationSummary s;
        s.text = QStringLiteral("q1, a1, q2 and a2, folded");
        s.coveredMessages = 4;
        c.setSummary(s);
        QCOMPARE(c.summary().text, s.text);
        c.showVersion(2, 1); // a branch the summary does not cover
        QVERIFY(c.summary().isEmpty());
        QCOMPARE(c.storedSummary().text, s.text); // kept for when the user comes back
        c.showVersion(2, 0);
        QCOMPARE(c.summary().text, s.text);
    }

    void theTreeRoundTripsThroughTheFile()
    {
        Conversation c;
        fork(c);
        c.showVersion(2, 0);
        c.unknownFields().insert(QStringLiteral("future"), 1);
        const ConversationData d = ConversationData::of(c, kT);
        const QByteArray bytes = ConversationFile::serialize(d);
        const QJsonObject json = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(json.value(QLatin1String("version")).toInt(), 2);
        QCOMPARE(json.value(QLatin1String("messages")).toArray().size(), 7);
        ConversationData back;
        QString error;
        QVERIFY2(ConversationFile::parse(bytes, back, &error), qPrintable(error));
        Conversation again;
        back.applyTo(again);
        QCOMPARE(texts(again), texts(c));
        QCOMPARE(again.allMessages().size(), 7);
        QCOMPARE(again.versionCount(2), 2);
        QCOMPARE(again.versionNumber(2), 0);
        QCOMPARE(again.unknownFields().value(QLatin1String("future")).toInt(), 1);
        QCOMPARE(ConversationFile::serialize(ConversationData::of(again, kT)), bytes);
    }

    void aDamagedTreeLosesNoMessage()
    {
        QList<ChatMessage> ms{user(QStringLiteral("root")), answer(QStringLiteral("orphan")),
                              answer(QStringLiteral("loop"))};
        ms[1].parentId = QStringLiteral("missing");
        ms[2].parentId = ms[2].id; // its own parent
        Conversation c;
        c.reset(ms, true);
        QCOMPARE(c.allMessages().size(), 3);
        QCOMPARE(c.versionCount(0), 3); // each unreachable one starts a branch of its own
        for (const ChatMessage &m : ms)
            QVERIFY(c.showMessage(m.id));
    }

    // Files written by the code before trees (tests/data/v1: a complete, a partial, a failed, a
    // compressed and a killed conversation) keep every message, usage and summary, and are backed
    // up once before their first version-2 write.
    void versionOneFilesMigrateWithoutLoss_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *n : {"complete", "partial", "failed", "compressed", "killed"})
            QTest::newRow(n) << QString::fromLatin1(n);
    }

    void versionOneFilesMigrateWithoutLoss()
    {
        QFETCH(QString, name);
        QTemporaryDir dir;
        const QString original =
            QStringLiteral(BW_SOURCE_DIR "/tests/data/v1/") + name + QStringLiteral(".json");
        const QString path = dir.filePath(name + QStringLiteral(".json"));
        QVERIFY(QFile::copy(original, path));
        const QJsonObject v1 = QJsonDocument::fromJson(readAll(path)).object();
        QCOMPARE(v1.value(QLatin1String("version")).toInt(), 1);
        const QJsonArray v1Messages = v1.value(QLatin1String("messages")).toArray();

        ConversationStore store(dir.path());
        ConversationData data;
        QString error;
        QVERIFY2(store.load(path, data, &error), qPrintable(error));
        QCOMPARE(data.fileVersion, 1);
        const QString backup = store.backUpOlderFormat(path, data);
        QCOMPARE(backup, ConversationFile::backupPathFor(path));
        QCOMPARE(readAll(backup), readAll(original));
        QVERIFY(store.backUpOlderFormat(path, data).isEmpty()); // once

        Conversation c;
        data.applyTo(c);
        QVERIFY(store.save(ConversationData::of(c, kT), path, 0, &error));
        ConversationData v2;
        QVERIFY(store.load(path, v2, &error));
        QCOMPARE(v2.fileVersion, 2);
        Conversation back;
        v2.applyTo(back);
        QCOMPARE(back.count(), int(v1Messages.size()));
        for (int i = 0; i < back.count(); ++i) {
            const QJsonObject m = v1Messages[i].toObject();
            QCOMPARE(back.at(i).id, m.value(QLatin1String("id")).toString());
            QCOMPARE(back.at(i).text, m.value(QLatin1String("text")).toString());
            QCOMPARE(back.at(i).usage, Usage::fromJson(m.value(QLatin1String("usage")).toObject()));
            QCOMPARE(back.at(i).costUsd, m.value(QLatin1String("cost_usd")).toDouble());
            if (i > 0)
                QCOMPARE(back.at(i).parentId, back.at(i - 1).id);
        }
        const QJsonObject summary = v1.value(QLatin1String("summary")).toObject();
        QCOMPARE(back.summary().text, summary.value(QLatin1String("text")).toString());
        QCOMPARE(back.summary().coveredMessages,
                 summary.value(QLatin1String("covered_messages")).toInt());
        QCOMPARE(back.at(back.count() - 1).status, c.at(c.count() - 1).status);
    }
};

QTEST_GUILESS_MAIN(TestConversation)
#include "tst_conversation.moc"
