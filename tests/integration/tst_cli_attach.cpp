// breakwater-cli ask --attach as a real process against the simulator: each type into the
// request, the checks that send nothing (exit 2), and a conversation that keeps its files and
// sends the same bytes when it goes on.
#include "attachmenttesting.h"
#include "chat/attachmentstore.h"
#include "chat/conversationstore.h"
#include "processrunner.h"
#include "testsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/types.h>

using namespace bw;
using namespace bw::test;

class TestCliAttach : public QObject
{
    Q_OBJECT

    sim::ApiSimulator *m_sim = nullptr;
    QTemporaryDir m_home;

    QProcessEnvironment env() const
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.remove(QStringLiteral("ANTHROPIC_BASE_URL"));
        e.insert(QStringLiteral("ANTHROPIC_API_KEY"), QString::fromLatin1(kTestKey));
        e.insert(QStringLiteral("HOME"), m_home.path());
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.path() + QStringLiteral("/config"));
        e.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path() + QStringLiteral("/data"));
        e.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        return e;
    }

    ProcessResult ask(const QStringList &args)
    {
        return runProcess(QStringLiteral(BW_CLI_PATH),
                          QStringList{QStringLiteral("ask"), QStringLiteral("--base-url"),
                                      m_sim->baseUrl().toString()} +
                              args,
                          env(), {}, 60000);
    }

    QString file(const QString &name, const QByteArray &bytes) const
    {
        const QString path = m_home.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        f.write(bytes);
        return path;
    }

    QString storeFolder() const
    {
        return AttachmentStore::folderFor(m_home.path() +
                                          QStringLiteral("/data/breakwater/conversations"));
    }

    QJsonArray lastContent(int message = 0) const
    {
        return m_sim->messageRequests()
            .last()
            .value("messages")
            .toArray()
            .at(message)
            .toObject()
            .value("content")
            .toArray();
    }

private Q_SLOTS:
    void init()
    {
        m_sim = new sim::ApiSimulator;
        QVERIFY(m_sim->listen());
    }

    void cleanup()
    {
        delete m_sim;
        QDir(m_home.path() + QStringLiteral("/data")).removeRecursively();
    }

    void eachTypeGoesIntoTheRequest_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("type");
        QTest::newRow("png") << "shot.png" << makePng(300, 200) << "image/png";
        QTest::newRow("jpeg") << "photo.jpg" << makeJpeg(300, 200) << "image/jpeg";
        QTest::newRow("gif") << "anim.gif" << makeGif(30, 20) << "image/gif";
        QTest::newRow("webp") << "pic.webp" << encodeImage(makeImage(300, 200), "webp", 80)
                              << "image/webp";
        QTest::newRow("pdf") << "report.pdf" << makePdf(2) << "application/pdf";
        QTest::newRow("text") << "notes.txt" << QByteArray("high water at six\n") << "text/plain";
        // The name says PNG, the bytes JPEG: the bytes decide.
        QTest::newRow("misnamed") << "photo.png" << makeJpeg(300, 200) << "image/jpeg";
    }
    void eachTypeGoesIntoTheRequest()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, type);
        const ProcessResult r =
            ask({QStringLiteral("--attach"), file(name, bytes), QStringLiteral("What is this?")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(m_sim->messageRequests().size(), 1);
        const QJsonArray content = lastContent();
        QCOMPARE(content.size(), 2);
        const QJsonObject source = content.at(0).toObject().value("source").toObject();
        QCOMPARE(source.value("media_type").toString(), type);
        const QByteArray sent =
            type == u"text/plain"
                ? source.value("data").toString().toUtf8()
                : QByteArray::fromBase64(source.value("data").toString().toLatin1());
        QCOMPARE(sent, bytes); // small enough: as it is
        QCOMPARE(content.at(1).toObject().value("text").toString(),
                 QStringLiteral("What is this?"));
        m_sim->resetStats();
    }

    void largePhotoIsScaledDown()
    {
        const ProcessResult r =
            ask({QStringLiteral("--attach"), file(QStringLiteral("big.jpg"), makeJpeg(4000, 3000)),
                 QStringLiteral("Describe")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("scaled from 4000×3000"), r.err.constData());
        const QByteArray sent = QByteArray::fromBase64(lastContent()
                                                           .at(0)
                                                           .toObject()
                                                           .value("source")
                                                           .toObject()
                                                           .value("data")
                                                           .toString()
                                                           .toLatin1());
        const QSize size = QImage::fromData(sent).size();
        QVERIFY(std::max(size.width(), size.height()) <= 1568);
        QVERIFY(size.width() * size.height() <= 1'150'000);
        // Kept as it is when asked.
        const ProcessResult original = ask(
            {QStringLiteral("--attach"), file(QStringLiteral("big2.jpg"), makeJpeg(2000, 1500, 60)),
             QStringLiteral("--keep-original"), QStringLiteral("Describe")});
        QVERIFY2(original.exitCode == 0, original.err.constData());
        QCOMPARE(QImage::fromData(QByteArray::fromBase64(lastContent()
                                                             .at(0)
                                                             .toObject()
                                                             .value("source")
                                                             .toObject()
                                                             .value("data")
                                                             .toString()
                                                             .toLatin1()))
                     .size(),
                 QSize(2000, 1500));
    }

    void unsupportedTypeIsRefusedAndNothingSent()
    {
        const ProcessResult r =
            ask({QStringLiteral("--attach"),
                 file(QStringLiteral("doc.docx"), QByteArray("PK\x03\x04zip", 7)),
                 QStringLiteral("Read it")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("“doc.docx” is not a kind of file Claude reads here"),
                 r.err.constData());
        QVERIFY(r.err.contains("Nothing was sent"));
        QCOMPARE(m_sim->totalRequests(), 0);
    }

    void missingFileIsRefusedAndNothingSent()
    {
        const ProcessResult r =
            ask({QStringLiteral("--attach"), m_home.filePath(QStringLiteral("nope.png")),
                 QStringLiteral("Read it")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("nope.png"), r.err.constData());
        QCOMPARE(m_sim->totalRequests(), 0);
    }

    void tooLargeIsRefusedAndNothingSent()
    {
        // One file too large for any request, and two that are too large together.
        const ProcessResult one = ask({QStringLiteral("--attach"),
                                       file(QStringLiteral("huge.pdf"), makePdf(2, 25'000'000)),
                                       QStringLiteral("Read it")});
        QCOMPARE(one.exitCode, 2);
        QVERIFY2(one.err.contains("huge.pdf") && one.err.contains("32.0 MB"), one.err.constData());
        const ProcessResult two =
            ask({QStringLiteral("--attach"), file(QStringLiteral("a.pdf"), makePdf(2, 13'000'000)),
                 QStringLiteral("--attach"), file(QStringLiteral("b.pdf"), makePdf(2, 13'000'000)),
                 QStringLiteral("Read them")});
        QCOMPARE(two.exitCode, 2);
        QVERIFY2(two.err.contains("the API takes at most 32.0 MB"), two.err.constData());
        QCOMPARE(m_sim->totalRequests(), 0);
    }

    void textThatGrowsPastTheLimitAsJsonIsRefusedAndNothingSent()
    {
        // 20 MB of terminal colour codes: each escape character is 6 bytes in JSON (\u001b), so
        // the request would be 45 MB.
        QByteArray colours;
        for (int i = 0; i < 5'000'000; ++i)
            colours += "\x1b[0m";
        const ProcessResult r =
            ask({QStringLiteral("--attach"), file(QStringLiteral("colours.log"), colours),
                 QStringLiteral("What went wrong?")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("colours.log") && r.err.contains("32.0 MB"), r.err.constData());
        QCOMPARE(m_sim->totalRequests(), 0);
    }

    void conversationKeepsItsFilesAndResendsTheSameBytes()
    {
        const QString conversation = m_home.filePath(QStringLiteral("chat.json"));
        const QString photo = file(QStringLiteral("photo.jpg"), makeJpeg(3000, 2000));
        const QString pdf = file(QStringLiteral("report.pdf"), makePdf(3));
        ProcessResult r =
            ask({QStringLiteral("--conversation"), conversation, QStringLiteral("--attach"), photo,
                 QStringLiteral("--attach"), pdf, QStringLiteral("What do these show?")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray firstTurn =
            QJsonDocument(
                m_sim->messageRequests().last().value("messages").toArray().at(0).toObject())
                .toJson(QJsonDocument::Compact);
        // The originals go away; the conversation still has what was sent.
        QVERIFY(QFile::remove(photo) && QFile::remove(pdf));
        ConversationStore store(m_home.filePath(QStringLiteral("unused")));
        ConversationData data;
        QString error;
        QVERIFY2(store.load(conversation, data, &error), qPrintable(error));
        const QList<Attachment> kept = data.messages.at(0).attachments;
        QCOMPARE(kept.size(), 2);
        AttachmentStore attachments(storeFolder());
        for (const Attachment &a : kept)
            QVERIFY2(QFile::exists(attachments.pathFor(a)), qPrintable(attachments.pathFor(a)));
        QCOMPARE(QFileInfo(attachments.pathFor(kept.first())).permissions() & 0x0077,
                 QFileDevice::Permissions());
        // The answer cites the PDF, and the file keeps the citation.
        QCOMPARE(data.messages.at(1).citations.size(), 1);
        QCOMPARE(data.messages.at(1).citations.first().documentSha, kept.at(1).sha256);
        // The conversation lives outside Breakwater's folder, which a clean-up (the window's,
        // deleting another conversation that sent the same files) reads: its files stay.
        QSet<QString> shas;
        for (const Attachment &a : kept)
            shas.insert(a.sha256);
        QCOMPARE(attachments.removeUnreferenced(
                     shas, m_home.path() + QStringLiteral("/data/breakwater/conversations"), {},
                     -3'600'000),
                 0);
        for (const Attachment &a : kept)
            QVERIFY(QFile::exists(attachments.pathFor(a)));
        r = ask({QStringLiteral("--conversation"), conversation, QStringLiteral("And then?")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QJsonDocument(
                     m_sim->messageRequests().last().value("messages").toArray().at(0).toObject())
                     .toJson(QJsonDocument::Compact),
                 firstTurn);
    }

    void exportCopiesTheFilesAndLabelsEachFootnoteOnce()
    {
        // Two answers that each cite their turn's PDF: footnotes [^1] and [^2], each defined once.
        const QString conversation = m_home.filePath(QStringLiteral("cited.json"));
        ProcessResult r = ask(
            {QStringLiteral("--conversation"), conversation, QStringLiteral("--attach"),
             file(QStringLiteral("first.pdf"), makePdf(2)), QStringLiteral("What does it say?")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = ask({QStringLiteral("--conversation"), conversation, QStringLiteral("--attach"),
                 file(QStringLiteral("second.pdf"), makePdf(3)), QStringLiteral("And this one?")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = m_home.filePath(QStringLiteral("export/cited.md"));
        QVERIFY(QDir().mkpath(m_home.filePath(QStringLiteral("export"))));
        r = runProcess(QStringLiteral(BW_CLI_PATH),
                       {QStringLiteral("export"), conversation, QStringLiteral("-o"), out}, env(),
                       {}, 60000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.isEmpty(), r.err.constData()); // every file copied
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString md = QString::fromUtf8(f.readAll());
        QVERIFY2(md.contains(QStringLiteral("[first.pdf](cited_files/first.pdf)")) &&
                     md.contains(QStringLiteral("[second.pdf](cited_files/second.pdf)")),
                 qPrintable(md));
        QVERIFY(QFile::exists(m_home.filePath(QStringLiteral("export/cited_files/first.pdf"))));
        QVERIFY(QFile::exists(m_home.filePath(QStringLiteral("export/cited_files/second.pdf"))));
        QCOMPARE(md.count(QStringLiteral("\n[^1]: first.pdf")), 1);
        QCOMPARE(md.count(QStringLiteral("\n[^2]: second.pdf")), 1);
        QCOMPARE(md.count(QStringLiteral("]: ")), 2);  // no third definition
        QCOMPARE(md.count(QStringLiteral("[^1]")), 2); // its marker and its note
        QCOMPARE(md.count(QStringLiteral("[^2]")), 2);
    }

    // An export whose attachments could not be copied exited 0, saying why once a file
    // (issue 16): it exits 1, and a folder that cannot be made is named once.
    void exportThatCannotCopyItsFilesFails()
    {
        const QString conversation = m_home.filePath(QStringLiteral("two.json"));
        ProcessResult r =
            ask({QStringLiteral("--conversation"), conversation, QStringLiteral("--attach"),
                 file(QStringLiteral("a.png"), makePng(40, 30)), QStringLiteral("--attach"),
                 file(QStringLiteral("b.png"), makePng(50, 30)), QStringLiteral("Compare")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = m_home.filePath(QStringLiteral("out #1.md"));
        QFile blocker(m_home.filePath(QStringLiteral("out #1_files")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        r = runProcess(QStringLiteral(BW_CLI_PATH),
                       {QStringLiteral("export"), conversation, QStringLiteral("-o"), out}, env());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.count("cannot create the folder") == 1, r.err.constData());
        QVERIFY2(r.err.contains("not all of its attachments were copied"), r.err.constData());
        QVERIFY(QFile::exists(out)); // the Markdown is written, naming them
        // Unblocked: exit 0, and the links find the files.
        QVERIFY(blocker.remove());
        r = runProcess(QStringLiteral(BW_CLI_PATH),
                       {QStringLiteral("export"), conversation, QStringLiteral("-o"), out}, env());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile md(out);
        QVERIFY(md.open(QIODevice::ReadOnly));
        QVERIFY2(md.readAll().contains("](out%20%231_files/a.png)"), r.err.constData());
    }

    // Ctrl+C while a large image is read and scaled (before the command handles interrupts)
    // left an empty scratch folder in the temporary folder (issue 16): it is made only after.
    void interruptWhileFilesAreReadLeavesNoScratchFolder()
    {
        QTemporaryDir tmp;
        const QString photo = file(QStringLiteral("large.png"), makePng(6000, 4000));
        QProcessEnvironment e = env();
        e.insert(QStringLiteral("TMPDIR"), tmp.path());
        QProcess p;
        p.setProcessEnvironment(e);
        p.start(QStringLiteral(BW_CLI_PATH),
                {QStringLiteral("ask"), QStringLiteral("--base-url"), m_sim->baseUrl().toString(),
                 QStringLiteral("--attach"), photo, QStringLiteral("What is it?")});
        QVERIFY(p.waitForStarted());
        QTest::qWait(300); // reading the file
        ::kill(pid_t(p.processId()), SIGINT);
        QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 60000); // the simulator runs
        QCOMPARE(QDir(tmp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList());
        // Without an interrupt, the folder is made and removed again.
        const ProcessResult r = runProcess(QStringLiteral(BW_CLI_PATH),
                                           {QStringLiteral("ask"), QStringLiteral("--base-url"),
                                            m_sim->baseUrl().toString(), QStringLiteral("--attach"),
                                            photo, QStringLiteral("What is it?")},
                                           e, {}, 60000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QDir(tmp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList());
    }
};

QTEST_GUILESS_MAIN(TestCliAttach)
#include "tst_cli_attach.moc"
