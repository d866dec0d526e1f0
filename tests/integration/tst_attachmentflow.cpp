// Attachments over the simulator: each type reaches the request with the stored bytes, a
// reopened conversation sends the very same bytes again, citations stream back and are kept, too
// large a request is never sent, a file that went missing is left out with a notice, and the
// simulator checks images and documents as the service does.
#include "app/application.h"
#include "app/attachmentlibrary.h"
#include "attachmenttesting.h"
#include "base/manualclock.h"
#include "chat/answerjob.h"
#include "chat/attachmentpreparer.h"
#include "chat/attachmentstore.h"
#include "chat/autosaver.h"
#include "chat/chatsession.h"
#include "chat/conversationstore.h"
#include "chat/pricetable.h"
#include "resilience/randomsource.h"
#include "resilience/resilientclient.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThreadPool>

using namespace bw;
using namespace bw::test;

namespace {

QJsonArray contentOf(const QJsonObject &request, int message)
{
    return request.value("messages").toArray().at(message).toObject().value("content").toArray();
}

QByteArray dataOf(const QJsonObject &block)
{
    return block.value("source").toObject().value("data").toString().toLatin1();
}

} // namespace

class TestAttachmentsFlow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    sim::ApiSimulator *m_sim = nullptr;
    AnthropicClient *m_client = nullptr;
    ManualClock *m_clock = nullptr;
    SeededRandom m_random{5};
    ResilientClient *m_engine = nullptr;
    AttachmentStore *m_store = nullptr;
    Conversation *m_conversation = nullptr;
    ChatSession *m_session = nullptr;
    PriceTable m_prices = PriceTable::load();

    void waitIdle()
    {
        QElapsedTimer t;
        t.start();
        while (m_session->isBusy() && t.elapsed() < 20000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (m_session->activeJob() && m_session->activeJob()->isWaiting())
                m_clock->advanceToNext();
        }
        QVERIFY(!m_session->isBusy());
    }

    Attachment prepared(const QByteArray &bytes, const QString &name)
    {
        AttachmentPreparer::Result r = AttachmentPreparer::fromBytes(bytes, name, {});
        if (!r.ok)
            qFatal("cannot prepare %s: %s", qPrintable(name), qPrintable(r.error));
        QString error;
        if (!m_store->store(r.attachment, &error))
            qFatal("cannot store %s: %s", qPrintable(name), qPrintable(error));
        return r.attachment;
    }

    QByteArray stored(const Attachment &a) const
    {
        QFile f(m_store->pathFor(a));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    // Sends and waits; the job's notices and error.
    struct Outcome
    {
        QStringList notices;
        ApiError error;
        bool ok = false;
    };
    Outcome sendAndWait(const QString &text, const QList<Attachment> &attachments)
    {
        Outcome o;
        QMetaObject::Connection c =
            connect(m_session, &ChatSession::answerStarted, this, [&o](AnswerJob *job) {
                connect(job, &AnswerJob::notice, [&o](const QString &n) { o.notices.append(n); });
                connect(job, &AnswerJob::finished, [&o] { o.ok = true; });
                connect(job, &AnswerJob::failed, [&o](const ApiError &e) { o.error = e; });
            });
        QString why;
        AnswerJob *job = m_session->send(text, attachments, &why);
        disconnect(c);
        if (!job)
            qWarning("not sent: %s", qPrintable(why));
        waitIdle();
        return o;
    }

    void newSession(Conversation *conversation)
    {
        delete m_session;
        m_session = new ChatSession(m_engine, conversation, &m_prices);
        m_session->setModel(QStringLiteral("claude-sonnet-4-6"));
        m_session->setMaxTokens(1000);
        m_session->setAttachmentStore(m_store);
    }

private Q_SLOTS:
    void init()
    {
        m_sim = new sim::ApiSimulator;
        QVERIFY(m_sim->listen());
        m_client = new AnthropicClient(configFor(*m_sim));
        m_clock = new ManualClock;
        GuardConfig g;
        g.retry.maxAttempts = 3;
        g.totalTimeoutMs = 0;
        m_engine = new ResilientClient(m_client, nullptr, g, BreakerConfig{}, m_clock, &m_random);
        m_store = new AttachmentStore(m_dir.filePath(QStringLiteral("attachments")));
        m_conversation = new Conversation;
        newSession(m_conversation);
    }

    void cleanup()
    {
        delete m_session;
        m_session = nullptr;
        QThreadPool::globalInstance()->waitForDone();
        delete m_conversation;
        delete m_store;
        delete m_engine;
        delete m_clock;
        delete m_client;
        delete m_sim;
        QDir(m_dir.filePath(QStringLiteral("attachments"))).removeRecursively();
    }

    // --- The simulator reads files as the service does
    void simulatorRefusesAnImageOfAnotherTypeThanDeclared()
    {
        Attachment lie;
        lie.name = QStringLiteral("photo.png");
        lie.mediaType = QStringLiteral("image/png"); // but the bytes are a JPEG
        lie.data = makeJpeg(20, 20);
        MessageRequest r = simpleRequest();
        r.setMessages({{QStringLiteral("user"), QStringLiteral("what is it?"), {}, {lie}}});
        const StreamOutcome out = runStream(m_client->streamMessage(r));
        QCOMPARE(out.error.kind, ErrorKind::InvalidRequest);
        QCOMPARE(out.error.httpStatus, 400);
        QVERIFY2(out.error.message.contains(QStringLiteral("image/png")) &&
                     out.error.message.contains(QStringLiteral("image/jpeg")),
                 qPrintable(out.error.message));
    }

    void simulatorRefusesBadBase64()
    {
        Attachment a;
        a.name = QStringLiteral("a.png");
        a.mediaType = QStringLiteral("image/png");
        a.data = makePng(8, 8);
        MessageRequest r = simpleRequest();
        r.setMessages({{QStringLiteral("user"), QStringLiteral("x"), {}, {a}}});
        QByteArray body = r.toJson(false);
        const QByteArray good = a.data.toBase64();
        body.replace(good, good.left(10) + "!!" + good.mid(12));
        QNetworkAccessManager nam;
        QNetworkRequest request(m_client->endpoint(u"/v1/messages"));
        request.setRawHeader("x-api-key", kTestKey);
        request.setRawHeader("anthropic-version", "2023-06-01");
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        QNetworkReply *reply = nam.post(request, body);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
        QVERIFY(reply->readAll().contains("Invalid base64"));
        reply->deleteLater();
    }

    void simulatorCountsAnImageByItsPixels()
    {
        Attachment a;
        a.name = QStringLiteral("a.png");
        a.mediaType = QStringLiteral("image/png");
        a.data = makePng(1000, 1000);
        MessageRequest plain = simpleRequest(QStringLiteral("x"));
        MessageRequest withImage = plain;
        withImage.setMessages({{QStringLiteral("user"), QStringLiteral("x"), {}, {a}}});
        const StreamOutcome without = runStream(m_client->streamMessage(plain));
        const StreamOutcome with = runStream(m_client->streamMessage(withImage));
        QVERIFY(without.succeeded && with.succeeded);
        // 1000 × 1000 / 750
        QCOMPARE(with.message.usage.inputTokens - without.message.usage.inputTokens, 1334);
    }

    // --- Through the session
    void eachTypeReachesTheRequestWithTheStoredBytes()
    {
        const Attachment photo = prepared(makeJpeg(4000, 3000), QStringLiteral("photo.jpg"));
        const Attachment shot = prepared(makePng(640, 480), QStringLiteral("shot.png"));
        const Attachment gif = prepared(makeGif(30, 20), QStringLiteral("anim.gif"));
        const Attachment webp =
            prepared(encodeImage(makeImage(300, 200), "webp", 80), QStringLiteral("pic.webp"));
        const Attachment pdf = prepared(makePdf(3), QStringLiteral("report.pdf"));
        const Attachment text = prepared("Tide at 06:12, 3.2 m.\n", QStringLiteral("tides.txt"));
        const QList<Attachment> all{photo, shot, gif, webp, pdf, text};
        const Outcome o = sendAndWait(QStringLiteral("What is in these?"), all);
        QVERIFY2(o.ok, qPrintable(o.error.describe()));
        QCOMPARE(m_sim->messageRequests().size(), 1);
        const QJsonArray content = contentOf(m_sim->messageRequests().last(), 0);
        QCOMPARE(content.size(), all.size() + 1);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(
                content.at(i).toObject().value("source").toObject().value("media_type").toString(),
                all[i].mediaType);
            QCOMPARE(QByteArray::fromBase64(dataOf(content.at(i).toObject())), stored(all[i]));
        }
        QCOMPARE(content.at(5).toObject().value("source").toObject().value("data").toString(),
                 QStringLiteral("Tide at 06:12, 3.2 m.\n"));
        QCOMPARE(content.at(6).toObject().value("text").toString(),
                 QStringLiteral("What is in these?"));
        // The photo went scaled; the conversation describes it, without its bytes.
        QVERIFY(photo.width <= Attachment::kRecommendedLongEdge);
        QCOMPARE(m_conversation->at(0).attachments.size(), all.size());
        QVERIFY(m_conversation->at(0).attachments.first().data.isEmpty());
    }

    void citationsStreamBackAndAreKept()
    {
        const Attachment pdf = prepared(makePdf(3, 0, QStringLiteral("walls stop waves")),
                                        QStringLiteral("report.pdf"));
        const Outcome o = sendAndWait(QStringLiteral("What does it say?"), {pdf});
        QVERIFY(o.ok);
        const ChatMessage &answer = m_conversation->at(1);
        QCOMPARE(answer.citations.size(), 1);
        const Citation &c = answer.citations.first();
        QCOMPARE(c.documentSha, pdf.sha256);
        QCOMPARE(c.documentTitle(), QStringLiteral("report.pdf"));
        QCOMPARE(c.firstPage(), 2);
        QCOMPARE(c.citedText(), QStringLiteral("Page 2: walls stop waves"));
        QCOMPARE(answer.text.mid(c.start, c.end - c.start),
                 QStringLiteral(" The document says so."));
        QVERIFY(answer.text.endsWith(QStringLiteral(" The document says so.")));
    }

    void reopenedConversationSendsTheSameBytes()
    {
        const Attachment photo = prepared(makeJpeg(3000, 2000), QStringLiteral("photo.jpg"));
        const Attachment pdf = prepared(makePdf(2), QStringLiteral("report.pdf"));
        QVERIFY(sendAndWait(QStringLiteral("Look at these"), {photo, pdf}).ok);
        const QJsonObject first = m_sim->messageRequests().last();
        // Saved, read back by another program, and continued there.
        ConversationStore files(m_dir.filePath(QStringLiteral("conversations")));
        QString error;
        QVERIFY(files.save(ConversationData::of(*m_conversation, QDateTime::currentDateTimeUtc()),
                           {}, 0, &error));
        ConversationData data;
        QVERIFY(files.load(files.pathFor(m_conversation->id()), data, &error));
        Conversation reopened;
        data.applyTo(reopened);
        newSession(&reopened);
        QVERIFY(sendAndWait(QStringLiteral("And now?"), {}).ok);
        const QJsonObject second = m_sim->messageRequests().last();
        const auto bytes = [](const QJsonObject &request, int message) {
            return QJsonDocument(request.value("messages").toArray().at(message).toObject())
                .toJson(QJsonDocument::Compact);
        };
        QCOMPARE(bytes(second, 0), bytes(first, 0)); // the turn with the files, byte for byte
        QCOMPARE(QByteArray::fromBase64(dataOf(contentOf(second, 0).at(0).toObject())),
                 stored(photo));
        QCOMPARE(m_session->requestFor(reopened.count() - 1).attachments().size(), 2);
        newSession(m_conversation);
    }

    void tooLargeARequestIsNeverSent()
    {
        // Each fits; together, as base64, they pass the API's 32 MB.
        const Attachment one = prepared(makePdf(2, 12'500'000), QStringLiteral("one.pdf"));
        QVERIFY(sendAndWait(QStringLiteral("first"), {one}).ok);
        const int before = m_sim->requestCount();
        const Attachment two = prepared(makePdf(2, 12'600'000), QStringLiteral("two.pdf"));
        const Outcome o = sendAndWait(QStringLiteral("second"), {two});
        QVERIFY(!o.ok);
        QCOMPARE(o.error.kind, ErrorKind::TooLarge);
        QVERIFY2(o.error.message.contains(QStringLiteral("32 MB")) &&
                     o.error.message.contains(QStringLiteral("Nothing was sent")),
                 qPrintable(o.error.message));
        QCOMPARE(m_sim->requestCount(), before);
        QCOMPARE(m_conversation->at(3).status, MessageStatus::Failed);
    }

    void missingFileIsLeftOutWithANotice()
    {
        const Attachment shot = prepared(makePng(100, 80), QStringLiteral("gone.png"));
        QVERIFY(sendAndWait(QStringLiteral("look"), {shot}).ok);
        QVERIFY(QFile::remove(m_store->pathFor(shot)));
        const Outcome o = sendAndWait(QStringLiteral("again"), {});
        QVERIFY2(o.ok, qPrintable(o.error.describe()));
        QCOMPARE(o.notices.size(), 1);
        QVERIFY2(o.notices.first().contains(QStringLiteral("gone.png")),
                 qPrintable(o.notices.first()));
        const QJsonArray content = contentOf(m_sim->messageRequests().last(), 0);
        QVERIFY(content.isEmpty()); // the first turn went as text: a note in place of the file
        const QString text = m_sim->messageRequests()
                                 .last()
                                 .value("messages")
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value("content")
                                 .toString();
        QVERIFY2(text.contains(QStringLiteral("“gone.png” could not be sent")), qPrintable(text));
        QVERIFY(text.endsWith(QStringLiteral("look")));
    }

    void citationNamesTheDocumentSentWhenAnEarlierOneIsMissing()
    {
        const Attachment first =
            prepared(makePdf(2, 0, QStringLiteral("first")), QStringLiteral("first.pdf"));
        QVERIFY(sendAndWait(QStringLiteral("one"), {first}).ok);
        QVERIFY(QFile::remove(m_store->pathFor(first)));
        const Attachment second =
            prepared(makePdf(3, 0, QStringLiteral("second")), QStringLiteral("second.pdf"));
        const Outcome o = sendAndWait(QStringLiteral("two"), {second});
        QVERIFY2(o.ok, qPrintable(o.error.describe()));
        QCOMPARE(o.notices.size(), 1); // first.pdf left out: the request's document 0 is second
        const ChatMessage &answer = m_conversation->at(3);
        QCOMPARE(answer.citations.size(), 1);
        QCOMPARE(answer.citations.first().documentSha, second.sha256);
        QCOMPARE(answer.citations.first().documentTitle(), QStringLiteral("second.pdf"));
    }

    void unreadableFileOfTheTurnBeingSentFailsIt()
    {
        // Sent without it, the answer would be to another question than the one asked.
        const Attachment pdf = prepared(makePdf(2), QStringLiteral("fresh.pdf"));
        QVERIFY(QFile::remove(m_store->pathFor(pdf)));
        const int before = m_sim->requestCount();
        const Outcome o = sendAndWait(QStringLiteral("read it"), {pdf});
        QVERIFY(!o.ok);
        QCOMPARE(o.error.kind, ErrorKind::Storage);
        QVERIFY2(o.error.message.contains(QStringLiteral("fresh.pdf")) &&
                     o.error.message.contains(QStringLiteral("Nothing was sent")),
                 qPrintable(o.error.message));
        QCOMPARE(m_sim->requestCount(), before);
    }

    void countsIncludeTheFilesBytes()
    {
        const Attachment image = prepared(makePng(1000, 1000), QStringLiteral("square.png"));
        QVERIFY(sendAndWait(QStringLiteral("first"), {image}).ok);
        // The conversation's own file (read from the store) and one about to be sent.
        const Attachment next = prepared(makePng(750, 1000), QStringLiteral("next.png"));
        ChatSession::ContextUse use;
        bool done = false;
        m_session->countContext(QStringLiteral("and this?"), this,
                                [&](const ChatSession::ContextUse &u) {
                                    use = u;
                                    done = true;
                                },
                                {next});
        QTRY_VERIFY(done);
        QVERIFY(use.counted);
        QVERIFY2(use.tokens > 1334 + 1000, qPrintable(QString::number(use.tokens)));
        qint64 files = -1;
        m_session->countAttachments({next}, this, [&files](qint64 tokens) { files = tokens; });
        QTRY_VERIFY(files >= 0);
        QVERIFY2(files >= 1000 && files < 1100, qPrintable(QString::number(files)));
        QCOMPARE(m_sim->requestCount("/v1/messages/count_tokens"), 2);
    }

    void cancelWhilePreparingEndsOnce()
    {
        const Attachment pdf = prepared(makePdf(2, 8'000'000), QStringLiteral("big.pdf"));
        int ends = 0;
        ApiError error;
        connect(m_session, &ChatSession::answerStarted, this, [&](AnswerJob *job) {
            connect(job, &AnswerJob::ended, [&ends] { ++ends; });
            connect(job, &AnswerJob::failed, [&error](const ApiError &e) { error = e; });
        });
        QVERIFY(m_session->send(QStringLiteral("read"), {pdf}));
        QTRY_VERIFY(m_session->activeJob() &&
                    m_session->activeJob()->stage() == AnswerJob::Stage::Calling);
        m_session->stop();
        QTRY_COMPARE(ends, 1);
        QCOMPARE(error.kind, ErrorKind::Cancelled);
        QThreadPool::globalInstance()->waitForDone(); // the request is prepared...
        QCoreApplication::sendPostedEvents();         // ...and comes back to a job that is gone
        QCOMPARE(ends, 1);
        QCOMPARE(m_sim->requestCount(), 0);
    }

    // --- The application: kept with the conversation, cleaned up when it goes
    void deletingAConversationRemovesFilesNothingElseUses()
    {
        AppOptions options;
        QTemporaryDir dir;
        options.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
        options.conversationsFolder = dir.filePath(QStringLiteral("conversations"));
        options.clock = m_clock;
        options.random = &m_random;
        Application app(options);
        app.useDemo(app.settingsStore().load());
        app.simulator()->config().ttftMs = 0;
        app.simulator()->config().tokensPerSecond = 0;
        auto attach = [&app](const QByteArray &bytes, const QString &name) -> Attachment {
            AttachmentPreparer::Result result;
            bool done = false;
            // A file on disk, as the window attaches it.
            const QString path = QDir::temp().filePath(name);
            QFile f(path);
            f.open(QIODevice::WriteOnly);
            f.write(bytes);
            f.close();
            app.attachments()->prepare(path, false, &app, [&](const AttachmentPreparer::Result &r) {
                result = r;
                done = true;
            });
            QElapsedTimer t;
            t.start();
            while (!done && t.elapsed() < 10000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            QFile::remove(path);
            return result.attachment;
        };
        auto converse = [&app, this](const QList<Attachment> &files) {
            QVERIFY(app.session()->send(QStringLiteral("see"), files));
            QTRY_VERIFY_WITH_TIMEOUT(!app.session()->isBusy(), 10000);
            for (const Attachment &a : files)
                app.attachments()->release(a);
            app.waitForStorage();
            Q_UNUSED(this);
        };
        const Attachment shared = attach(makePng(50, 50), QStringLiteral("shared.png"));
        const Attachment own = attach(makePng(60, 50), QStringLiteral("own.png"));
        converse({shared, own});
        const QString first = app.conversationPath(app.conversation()->id());
        app.newConversation();
        converse({shared});
        const QString sharedPath = app.attachments()->pathFor(shared);
        const QString ownPath = app.attachments()->pathFor(own);
        QVERIFY(QFile::exists(sharedPath) && QFile::exists(ownPath));
        ageStoredCopies(app.attachmentStore()->directory());
        app.deleteConversation(first);
        app.waitForStorage();
        QVERIFY(!QFile::exists(first));
        QVERIFY(!QFile::exists(ownPath));   // nothing else sends it
        QVERIFY(QFile::exists(sharedPath)); // the other conversation does
        // A conversation saved elsewhere (Save As) keeps its files when its copy in the folder
        // goes: the clean-up reads only the folder.
        app.newConversation();
        const Attachment elsewhere = attach(makePng(70, 50), QStringLiteral("elsewhere.png"));
        converse({elsewhere});
        const QString inFolder = app.conversationPath(app.conversation()->id());
        const QString outside = dir.filePath(QStringLiteral("elsewhere.json"));
        app.saveConversationAs(outside);
        app.waitForStorage();
        QVERIFY(QFile::exists(outside) && QFile::exists(inFolder));
        app.newConversation();
        ageStoredCopies(app.attachmentStore()->directory());
        app.deleteConversation(inFolder);
        app.waitForStorage();
        QVERIFY(!QFile::exists(inFolder));
        QVERIFY(QFile::exists(app.attachments()->pathFor(elsewhere)));
        QThreadPool::globalInstance()->waitForDone();
    }
};

QTEST_GUILESS_MAIN(TestAttachmentsFlow)
#include "tst_attachmentflow.moc"
