// Several programs writing one conversation (issue 17 #6) now that a conversation is a tree
// (issue 13): each save reads what the others wrote since, merges, and writes, under a lock.
// Each program here is a Conversation with a store of its own, as two processes have.
#include "conversationtesting.h"

#include "chat/conversation.h"
#include "chat/conversationfile.h"
#include "chat/conversationmerge.h"
#include "chat/conversationstore.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace bw;
using namespace bw::test;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// One program: its own store (its own memory of its last write) and its copy of the
// conversation, read from the file.
struct Program
{
    explicit Program(const QString &folder)
        : store(folder)
    {}

    bool open(const QString &path)
    {
        ConversationData data;
        QString error;
        if (!store.load(path, data, &error)) {
            qWarning("cannot open %s: %s", qPrintable(path), qPrintable(error));
            return false;
        }
        c = std::make_unique<Conversation>();
        data.applyTo(*c);
        return true;
    }

    bool save(const QString &path)
    {
        QString error;
        if (!store.save(ConversationData::of(*c, kT), path, 0, &error)) {
            qWarning("cannot save %s: %s", qPrintable(path), qPrintable(error));
            return false;
        }
        return true;
    }

    ConversationStore store;
    std::unique_ptr<Conversation> c = std::make_unique<Conversation>();
};

const ChatMessage *find(const ConversationData &d, const QString &text)
{
    for (const ChatMessage &m : d.messages) {
        if (m.text == text)
            return &m;
    }
    return nullptr;
}

} // namespace

class TestConversationMerge : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

    // The file as it is now (QVERIFY-checked readable by the caller through `ok`).
    ConversationData onDisk(bool *ok = nullptr) const
    {
        ConversationData d;
        QString error;
        const bool read = ConversationStore(m_dir.path()).load(m_path, d, &error);
        if (!read)
            qWarning("the file cannot be read: %s", qPrintable(error));
        if (ok)
            *ok = read;
        return d;
    }

    // A conversation on disk, made by a program that is gone: `build` adds its messages.
    template<typename Build>
    bool start(Build build)
    {
        Program maker(m_dir.path());
        build(*maker.c);
        return maker.save(m_path);
    }

private Q_SLOTS:
    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("shared.json"));
        QFile::remove(m_path);
    }

    // Two programs that each ask after the same answer: both turns are kept, each after the
    // message it was sent after — two versions of the next turn, the last writer's shown.
    void turnsAddedAfterTheSameMessageBecomeVersions()
    {
        QVERIFY(start([](Conversation &c) {
            c.append(user(QStringLiteral("q1")));
            c.append(answer(QStringLiteral("a1")));
        }));
        Program a(m_dir.path()), b(m_dir.path());
        QVERIFY(a.open(m_path));
        QVERIFY(b.open(m_path));
        a.c->append(user(QStringLiteral("A asks")));
        a.c->append(answer(QStringLiteral("A is answered")));
        b.c->append(user(QStringLiteral("B asks")));
        b.c->append(answer(QStringLiteral("B is answered")));
        QVERIFY(a.save(m_path));
        QVERIFY(b.save(m_path));
        bool ok = false;
        const ConversationData d = onDisk(&ok);
        QVERIFY(ok);
        QCOMPARE(d.messages.size(), 6);
        const QString a1 = find(d, QStringLiteral("a1"))->id;
        QCOMPARE(find(d, QStringLiteral("A asks"))->parentId, a1);
        QCOMPARE(find(d, QStringLiteral("B asks"))->parentId, a1);
        QCOMPARE(find(d, QStringLiteral("A is answered"))->parentId,
                 find(d, QStringLiteral("A asks"))->id);
        QCOMPARE(find(d, QStringLiteral("B is answered"))->parentId,
                 find(d, QStringLiteral("B asks"))->id);
        Conversation back;
        d.applyTo(back);
        QCOMPARE(texts(back), (QStringList{"q1", "a1", "B asks", "B is answered"}));
        QCOMPARE(back.versionCount(2), 2);
        back.showVersion(2, 0);
        QCOMPARE(texts(back), (QStringList{"q1", "a1", "A asks", "A is answered"}));
    }

    // Of a message both programs have, a save keeps its own only if it changed it since it
    // read the file: an unchanged copy may be older than what the other program wrote.
    void aMessageBothHaveIsOursOnlyIfWeChangedIt()
    {
        QVERIFY(start([](Conversation &c) {
            c.append(user(QStringLiteral("q1")));
            c.append(answer(QStringLiteral("a1")));
        }));
        Program a(m_dir.path()), b(m_dir.path());
        QVERIFY(a.open(m_path));
        QVERIFY(b.open(m_path));
        const QString a1 = a.c->at(1).id;
        a.c->appendText(1, QStringLiteral(" and more from A"));
        QVERIFY(a.save(m_path));
        b.c->addVersion(1, answer(QStringLiteral("a1b from B"))); // B regenerates
        QVERIFY(b.save(m_path));
        ConversationData d = onDisk();
        QCOMPARE(d.messages.size(), 3);
        QVERIFY(find(d, QStringLiteral("a1 and more from A")));
        QCOMPARE(find(d, QStringLiteral("a1b from B"))->parentId, d.messages[0].id);
        // Now B changes a1 itself: its version wins.
        QVERIFY(b.c->updateById(a1, [](ChatMessage &m) { m.text = QStringLiteral("B's a1"); }));
        QVERIFY(b.save(m_path));
        d = onDisk();
        QVERIFY(find(d, QStringLiteral("B's a1")));
        QVERIFY(!find(d, QStringLiteral("a1 and more from A")));
    }

    // The version shown at a fork (and the first message shown) is a program's own only if it
    // chose it since it read the file; else the file's choice stays.
    void aShownChoiceIsOursOnlyIfWeChoseIt()
    {
        QVERIFY(start([](Conversation &c) {
            c.append(user(QStringLiteral("q1")));
            c.append(answer(QStringLiteral("a1")));
            c.addVersion(1, answer(QStringLiteral("a1b")));
            c.addVersion(0, user(QStringLiteral("q1b")));
            c.append(answer(QStringLiteral("a for q1b")));
        }));
        Program a(m_dir.path()), b(m_dir.path());
        QVERIFY(a.open(m_path));
        QVERIFY(b.open(m_path));
        QCOMPARE(a.c->at(0).text, QStringLiteral("q1b")); // the newest is shown
        a.c->showVersion(0, 0);                           // A goes back to q1 ...
        a.c->showVersion(1, 0);                           // ... and its first answer
        QCOMPARE(texts(*a.c), (QStringList{"q1", "a1"}));
        QVERIFY(a.save(m_path));
        // B chose nothing: it goes on where it is (after q1b's answer).
        b.c->append(user(QStringLiteral("B goes on")));
        QVERIFY(b.save(m_path));
        ConversationData d = onDisk();
        const ChatMessage *q1 = find(d, QStringLiteral("q1"));
        QCOMPARE(d.shownRootId, q1->id);
        QCOMPARE(q1->shownChildId, find(d, QStringLiteral("a1"))->id);
        QCOMPARE(find(d, QStringLiteral("B goes on"))->parentId,
                 find(d, QStringLiteral("a for q1b"))->id);
        Conversation back;
        d.applyTo(back);
        QCOMPARE(texts(back), (QStringList{"q1", "a1"}));
        // Now B chooses at the same fork: its choice wins.
        b.c->showVersion(0, 0);
        b.c->showVersion(1, 0);
        b.c->showVersion(1, 1);
        QVERIFY(b.save(m_path));
        d = onDisk();
        QCOMPARE(find(d, QStringLiteral("q1"))->shownChildId, find(d, QStringLiteral("a1b"))->id);
    }

    // A deleted version (with everything below it) is never brought back by a program that
    // still holds an older copy; a turn that program added below it goes with it. The file
    // keeps the deleted ids ("deleted") for the programs that save later.
    void aDeletedVersionIsNotBroughtBack()
    {
        QVERIFY(start([](Conversation &c) {
            c.append(user(QStringLiteral("q1")));
            c.append(answer(QStringLiteral("a1")));
            c.addVersion(1, answer(QStringLiteral("a1b")));
            c.append(user(QStringLiteral("q2")));
            c.append(answer(QStringLiteral("a2")));
        }));
        Program a(m_dir.path()), b(m_dir.path()), c(m_dir.path());
        QVERIFY(a.open(m_path));
        QVERIFY(b.open(m_path));
        QVERIFY(c.open(m_path));
        QCOMPARE(texts(*a.c), (QStringList{"q1", "a1b", "q2", "a2"}));
        QVERIFY(a.c->removeVersion(1)); // a1b, q2 and a2
        QVERIFY(a.save(m_path));
        ConversationData d = onDisk();
        QCOMPARE(d.messages.size(), 2);
        QCOMPARE(d.deletedIds.size(), 3);
        // B's copy still has them, unchanged; C asked below a2 meanwhile.
        QVERIFY(b.save(m_path));
        c.c->append(user(QStringLiteral("C asks below a2")));
        c.c->append(answer(QStringLiteral("C is answered")));
        QVERIFY(c.save(m_path));
        bool ok = false;
        d = onDisk(&ok);
        QVERIFY(ok);
        QCOMPARE(d.messages.size(), 2);
        QVERIFY(!find(d, QStringLiteral("a1b")));
        QVERIFY(!find(d, QStringLiteral("C asks below a2")));
        QCOMPARE(d.deletedIds.size(), 5);
        QVERIFY(d.deletedIds.contains(c.c->at(4).id));
        // B changes a1b after the delete: still deleted (the user deleted it, with its answers).
        QVERIFY(b.c->updateById(b.c->at(1).id, [](ChatMessage &m) { m.text += u'!'; }));
        QVERIFY(b.save(m_path));
        d = onDisk();
        QCOMPARE(d.messages.size(), 2);
        Conversation back;
        d.applyTo(back);
        QCOMPARE(texts(back), (QStringList{"q1", "a1"}));
    }

    // The summary is a program's own only if it made it since it read the file; one that covers
    // a deleted branch is dropped — never written naming a message the file does not have.
    void aSummaryIsOursOnlyIfWeMadeItAndGoesWithItsBranch()
    {
        QVERIFY(start([](Conversation &c) {
            c.append(user(QStringLiteral("q1")));
            c.append(answer(QStringLiteral("a1")));
            c.append(user(QStringLiteral("q2")));
            c.append(answer(QStringLiteral("a2")));
            c.addVersion(0, user(QStringLiteral("q1b")));
        }));
        Program a(m_dir.path()), b(m_dir.path());
        QVERIFY(a.open(m_path));
        QVERIFY(b.open(m_path));
        a.c->showVersion(0, 0);
        ConversationSummary s;
        s.text = QStringLiteral("q1 and a1, folded");
        s.coveredMessages = 2;
        a.c->setSummary(s);
        QVERIFY(a.save(m_path));
        b.c->append(answer(QStringLiteral("an answer to q1b")));
        QVERIFY(b.save(m_path)); // B made no summary: A's stays
        ConversationData d = onDisk();
        QCOMPARE(d.summary.text, s.text);
        QCOMPARE(d.summary.coveredThroughId, find(d, QStringLiteral("a1"))->id);
        // B deletes the branch the summary covers: the summary goes with it ...
        b.c->showVersion(0, 0);
        QVERIFY(b.c->removeVersion(0));
        QVERIFY(b.save(m_path));
        bool ok = false;
        d = onDisk(&ok);
        QVERIFY(ok);
        QVERIFY(d.summary.isEmpty());
        QCOMPARE(d.messages.size(), 2);
        // ... also when A, which made it, saves again.
        a.c->appendText(1, QStringLiteral(" (A streams on)"));
        QVERIFY(a.save(m_path));
        d = onDisk(&ok);
        QVERIFY(ok);
        QVERIFY(d.summary.isEmpty());
        QVERIFY(!find(d, QStringLiteral("a1 (A streams on)")));
    }

    // A version-1 file (a list) another program wrote is copied to FILE.v1.bak, byte for byte,
    // before a merging save writes it as version 2; its messages become a chain.
    void aVersionOneFileIsCopiedBeforeAMergeWritesIt()
    {
        const QString original = QStringLiteral(BW_SOURCE_DIR "/tests/data/v1/complete.json");
        QVERIFY(QFile::copy(original, m_path));
        Program a(m_dir.path());
        QVERIFY(a.open(m_path)); // open() makes no copy: the save must
        const QString backup = ConversationFile::backupPathFor(m_path);
        QVERIFY(!QFile::exists(backup));
        const int before = a.c->count();
        a.c->append(user(QStringLiteral("one more")));
        QVERIFY(a.save(m_path));
        QCOMPARE(readAll(backup), readAll(original));
        bool ok = false;
        const ConversationData d = onDisk(&ok);
        QVERIFY(ok);
        QCOMPARE(d.fileVersion, 2);
        QCOMPARE(d.messages.size(), before + 1);
        for (qsizetype i = 1; i < d.messages.size(); ++i)
            QCOMPARE(d.messages[i].parentId, d.messages[i - 1].id);
    }

    // Two busy programs doing everything a user can, in a seeded random order, saving now and
    // then and sometimes opening the file again: every save is readable, and every message a
    // save wrote is in the file — or was deleted by a user.
    void twoBusyProgramsNeverLoseAndAlwaysWriteReadableFiles()
    {
        QVERIFY(start([](Conversation &c) {
            c.append(user(QStringLiteral("q")));
            c.append(answer(QStringLiteral("a")));
        }));
        Program first(m_dir.path()), second(m_dir.path());
        QVERIFY(first.open(m_path));
        QVERIFY(second.open(m_path));
        QRandomGenerator random(17);
        QSet<QString> written;
        int removed = 0;
        int reopened = 0;
        for (int step = 0; step < 400; ++step) {
            Program &p = random.bounded(2) == 0 ? first : second;
            Conversation &c = *p.c;
            const int at = c.isEmpty() ? 0 : int(random.bounded(c.count()));
            const QString text = QStringLiteral("step %1").arg(step);
            switch (random.bounded(7)) {
            case 0:
                c.append(c.isEmpty() || c.at(c.count() - 1).isAssistant() ? user(text)
                                                                          : answer(text));
                break;
            case 1:
                if (!c.isEmpty())
                    c.appendText(c.count() - 1, text);
                break;
            case 2: // regenerate or edit
                if (!c.isEmpty())
                    c.addVersion(at, c.at(at).isUser() ? user(text) : answer(text));
                break;
            case 3:
                if (!c.isEmpty())
                    c.showVersion(at, int(random.bounded(c.versionCount(at))));
                break;
            case 4:
                if (!c.isEmpty() && c.removeVersion(at))
                    ++removed;
                break;
            case 5: {
                ConversationSummary s;
                s.text = text;
                s.coveredMessages = at + 1;
                c.setSummary(s);
                break;
            }
            case 6:
                if (random.bounded(4) == 0) {
                    QVERIFY(p.open(m_path));
                    ++reopened;
                }
                break;
            }
            if (random.bounded(3) != 0)
                continue;
            QVERIFY2(p.save(m_path), qPrintable(QStringLiteral("step %1").arg(step)));
            for (const ChatMessage &m : p.c->allMessages()) // `c` is gone if it was opened again
                written.insert(m.id);
            bool ok = false;
            const ConversationData d = onDisk(&ok);
            QVERIFY2(ok, qPrintable(QStringLiteral("step %1").arg(step)));
            QSet<QString> inFile = d.deletedIds;
            for (const ChatMessage &m : d.messages)
                inFile.insert(m.id);
            for (const QString &id : std::as_const(written))
                QVERIFY2(inFile.contains(id), qPrintable(id + QStringLiteral(" was lost")));
        }
        // It did what it says: deleted, opened again, and left forks and tombstones behind.
        QVERIFY(removed > 5);
        QVERIFY(reopened > 5);
        const ConversationData d = onDisk();
        QVERIFY(!d.deletedIds.isEmpty());
        QSet<QString> parents;
        bool forked = false;
        for (const ChatMessage &m : d.messages) {
            forked = forked || parents.contains(m.parentId);
            parents.insert(m.parentId);
        }
        QVERIFY(forked);
        qInfo("%d removals, %d reopenings; the file has %d messages, %d deleted", removed, reopened,
              int(d.messages.size()), int(d.deletedIds.size()));
    }
};

QTEST_GUILESS_MAIN(TestConversationMerge)
#include "tst_conversationmerge.moc"
