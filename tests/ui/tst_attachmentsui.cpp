// Attachments in the window (demo mode, offscreen): chips above the composer with their cost,
// files from a paste or a drop, what is sent, thumbnails and chips in the transcript, a reopened
// conversation that sends the same bytes, citations as numbered markers, and the refusals that
// send nothing. After every test: the window's thread never touched a file.
#include "app/application.h"
#include "app/attachmentlibrary.h"
#include "attachmentchip.h"
#include "attachmentpreviews.h"
#include "attachmenttesting.h"
#include "attachmenttray.h"
#include "base/manualclock.h"
#include "base/translations.h"
#include "chat/attachmentstore.h"
#include "chat/chatsession.h"
#include "chat/conversation.h"
#include "chat/conversationfile.h"
#include "chat/conversationstore.h"
#include "chunkedtextview.h"
#include "composer.h"
#include "mainwindow.h"
#include "messagebody.h"
#include "messagewidget.h"
#include "resilience/randomsource.h"
#include "sim/apisimulator.h"
#include "transcriptview.h"

#include <QApplication>
#include <QClipboard>
#include <QCryptographicHash>
#include <QDesktopServices>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QThreadPool>
#include <QTimer>
#include <QToolButton>

using namespace bw;
using namespace bw::ui;
using namespace bw::test;

// Catches what the window opens in the system's viewer.
class UrlCatcher : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> urls;

public Q_SLOTS:
    void open(const QUrl &url) { urls.append(url); }
};

class TestAttachmentsUi : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ManualClock *m_clock = nullptr;
    SeededRandom *m_random = nullptr;
    Application *m_app = nullptr;
    MainWindow *m_window = nullptr;
    UrlCatcher m_opened;

    sim::ApiSimulator *sim() const { return m_app->simulator(); }
    AttachmentTray *tray() const { return m_window->attachmentTray(); }

    QString file(const QString &name, const QByteArray &bytes) const
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        f.write(bytes);
        return path;
    }

    QByteArray stored(const Attachment &a) const
    {
        QFile f(m_app->attachments()->pathFor(a));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    void waitForAnswer()
    {
        QElapsedTimer t;
        t.start();
        while (m_window->session()->isBusy() && t.elapsed() < 20000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (AnswerJob *job = m_window->session()->activeJob(); job && job->isWaiting())
                m_clock->advanceToNext();
        }
        QVERIFY(!m_window->session()->isBusy());
        QTest::qWait(MessageBody::kFrameMs * 2);
    }

    void waitReady()
    {
        QTRY_VERIFY_WITH_TIMEOUT(tray()->count() > 0 && !tray()->isPreparing(), 20000);
    }

    QJsonArray sentContent(int message = 0) const
    {
        return sim()
            ->messageRequests()
            .last()
            .value("messages")
            .toArray()
            .at(message)
            .toObject()
            .value("content")
            .toArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!installTranslations(QLocale(QLocale::English)).isEmpty());
        QDesktopServices::setUrlHandler(QStringLiteral("file"), &m_opened, "open");
    }

    void cleanupTestCase() { QDesktopServices::unsetUrlHandler(QStringLiteral("file")); }

    void init()
    {
        m_clock = new ManualClock;
        m_random = new SeededRandom(9);
        AppOptions options;
        options.settingsFile = m_dir.filePath(QStringLiteral("settings.ini"));
        options.conversationsFolder = m_dir.filePath(QStringLiteral("conversations"));
        options.clock = m_clock;
        options.random = m_random;
        m_app = new Application(options);
        m_app->useDemo(m_app->settingsStore().load());
        sim()->config().ttftMs = 0;
        sim()->config().tokensPerSecond = 0;
        m_window = new MainWindow(m_app);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        ConversationStore::resetGuiThreadUse();
        m_opened.urls.clear();
    }

    void cleanup()
    {
        delete m_window;
        delete m_app;
        QThreadPool::globalInstance()->waitForDone();
        // The window's thread read, scaled, encoded and stored nothing itself.
        QCOMPARE(ConversationStore::guiThreadUse().calls, 0);
        QDir(m_dir.filePath(QStringLiteral("conversations"))).removeRecursively();
        delete m_random;
        delete m_clock;
        QFile::remove(m_dir.filePath(QStringLiteral("settings.ini")));
    }

    void chipsShowEachFileAndWhatItCosts()
    {
        tray()->addFiles({file(QStringLiteral("photo.jpg"), makeJpeg(4000, 3000)),
                          file(QStringLiteral("report.pdf"), makePdf(3)),
                          file(QStringLiteral("notes.txt"), "high water at six\n")});
        QVERIFY(tray()->isVisible());
        QCOMPARE(tray()->count(), 3);
        QCOMPARE(tray()->chips().first()->state(), AttachmentChip::State::Preparing);
        waitReady();
        const QList<AttachmentChip *> chips = tray()->chips();
        QVERIFY(chips.at(0)->hasThumbnail());
        QVERIFY2(chips.at(0)->detailText().contains(QStringLiteral("scaled from 4,000 × 3,000")),
                 qPrintable(chips.at(0)->detailText()));
        QVERIFY(chips.at(0)->keepOriginalButton()->isVisible());
        QVERIFY2(chips.at(1)->detailText().startsWith(QStringLiteral("3 pages")),
                 qPrintable(chips.at(1)->detailText()));
        QVERIFY(chips.at(2)->detailText().contains(QStringLiteral("B")));
        // First the estimate (images by their pixels, a PDF 1,500–3,000 tokens a page), then
        // count_tokens' figure, each with its price at the model's rate.
        QVERIFY2(tray()->estimateText().contains(QStringLiteral("3 files")),
                 qPrintable(tray()->estimateText()));
        QVERIFY(tray()->estimateText().contains(QStringLiteral("$")));
        QTRY_VERIFY_WITH_TIMEOUT(tray()->isCounted(), 10000);
        QVERIFY2(tray()->estimateText().contains(QStringLiteral("(count_tokens)")),
                 qPrintable(tray()->estimateText()));
        QCOMPARE(sim()->requestCount("/v1/messages/count_tokens"), 1);
    }

    void whatIsSentIsWhatIsStored()
    {
        tray()->addFiles(
            {file(QStringLiteral("photo.jpg"), makeJpeg(4000, 3000)),
             file(QStringLiteral("report.pdf"), makePdf(3)),
             file(QStringLiteral("notes.txt"), "high water at six\n"),
             file(QStringLiteral("shot.png"), makePng(640, 480)),
             file(QStringLiteral("anim.gif"), makeGif(32, 24)),
             file(QStringLiteral("pic.webp"), encodeImage(makeImage(300, 200), "webp", 80))});
        waitReady();
        const QList<Attachment> files = tray()->attachments();
        QCOMPARE(files.size(), 6);
        QVERIFY(m_window->send(QStringLiteral("What are these?")));
        QCOMPARE(tray()->count(), 0); // the conversation holds them now
        QVERIFY(!tray()->isVisible());
        waitForAnswer();
        const QJsonArray content = sentContent();
        QCOMPARE(content.size(), 7);
        for (int i = 0; i < 6; ++i) {
            const QJsonObject source = content.at(i).toObject().value("source").toObject();
            QCOMPARE(source.value("media_type").toString(), files[i].mediaType);
            const QByteArray sent =
                i == 2 ? source.value("data").toString().toUtf8()
                       : QByteArray::fromBase64(source.value("data").toString().toLatin1());
            QCOMPARE(sent, stored(files[i]));
        }
        QVERIFY(files[0].width <= 1568);
        // The transcript shows the prompt's files above its text: a thumbnail for the photo.
        MessageWidget *prompt = m_window->transcript()->widgetAt(0);
        QCOMPARE(prompt->attachmentChips().size(), 6);
        QTRY_VERIFY(prompt->attachmentChips().first()->hasThumbnail());
        // A click opens the stored copy in the system's viewer.
        QTest::mouseClick(prompt->attachmentChips().at(1), Qt::LeftButton);
        QCOMPARE(m_opened.urls.size(), 1);
        QCOMPARE(m_opened.urls.first().toLocalFile(), m_app->attachments()->pathFor(files[1]));
    }

    void removedChipIsNotSent()
    {
        tray()->addFiles({file(QStringLiteral("a.png"), makePng(200, 100)),
                          file(QStringLiteral("b.png"), makePng(201, 100))});
        waitReady();
        QToolButton *remove = nullptr;
        for (QToolButton *b : tray()->chips().first()->findChildren<QToolButton *>()) {
            if (b->accessibleName() == QStringLiteral("Remove attachment"))
                remove = b;
        }
        QVERIFY(remove);
        remove->click();
        QCOMPARE(tray()->count(), 1);
        QVERIFY(m_window->send(QString())); // files alone: no text needed
        waitForAnswer();
        QCOMPARE(sentContent().size(), 1);
        QCOMPARE(m_window->conversation()->at(0).attachments.first().name, QStringLiteral("b.png"));
    }

    void fileRemovedWhilePreparingIsNotHeld()
    {
        const QByteArray png = makePng(300, 200); // small: stored as it is
        const QString sha =
            QString::fromLatin1(QCryptographicHash::hash(png, QCryptographicHash::Sha256).toHex());
        tray()->addFiles({file(QStringLiteral("quick.png"), png)});
        tray()->removeChip(tray()->chips().first()); // before it is ready
        QCOMPARE(tray()->count(), 0);
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents(); // the preparation's outcome, for nobody
        Attachment a;
        a.sha256 = sha;
        a.mediaType = QStringLiteral("image/png");
        const QString stored = m_app->attachments()->pathFor(a);
        QVERIFY(QFile::exists(stored));
        // Nothing holds it: the clean-up may take it (run where file work belongs).
        int removed = -1;
        AttachmentStore *store = m_app->attachmentStore();
        const QString folder = m_dir.filePath(QStringLiteral("conversations"));
        ageStoredCopies(store->directory());
        QThreadPool::globalInstance()->start(
            [&removed, store, sha, folder] { removed = store->removeUnreferenced({sha}, folder); });
        QThreadPool::globalInstance()->waitForDone();
        QCOMPARE(removed, 1);
        QVERIFY(!QFile::exists(stored));
    }

    void originalSizeCanBeSentInstead()
    {
        tray()->addFiles({file(QStringLiteral("big.jpg"), makeJpeg(2400, 1800, 60))});
        waitReady();
        QVERIFY(tray()->attachments().first().width < 2400);
        tray()->chips().first()->keepOriginalButton()->click();
        QCOMPARE(tray()->chips().first()->state(), AttachmentChip::State::Preparing);
        waitReady();
        QCOMPARE(tray()->attachments().first().width, 2400);
        QVERIFY(!tray()->chips().first()->detailText().contains(QStringLiteral("scaled")));
    }

    void pastedAndDroppedFilesBecomeAttachments()
    {
        auto *files = new QMimeData; // the clipboard takes it
        files->setUrls({QUrl::fromLocalFile(file(QStringLiteral("p.pdf"), makePdf(1)))});
        files->setText(QStringLiteral("p.pdf"));
        QGuiApplication::clipboard()->setMimeData(files);
        m_window->composer()->paste();
        QCOMPARE(tray()->count(), 1);
        QVERIFY(m_window->composer()->toPlainText().isEmpty()); // not the name as text
        auto *image = new QMimeData;
        image->setImageData(makeImage(300, 200));
        QGuiApplication::clipboard()->setMimeData(image);
        m_window->composer()->paste();
        QCOMPARE(tray()->count(), 2);
        // A drop anywhere on the window.
        QMimeData dropped;
        dropped.setUrls({QUrl::fromLocalFile(file(QStringLiteral("d.txt"), "dropped words"))});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &dropped, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(m_window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &dropped, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window, &drop);
        QCOMPARE(tray()->count(), 3);
        waitReady();
        QCOMPARE(tray()->attachments().size(), 3);
        QVERIFY(tray()->attachments().at(1).name.startsWith(QStringLiteral("Pasted image")));
        QCOMPARE(tray()->attachments().at(1).mediaType, QStringLiteral("image/png"));
    }

    void unsupportedFileIsShownAndNothingIsSent()
    {
        tray()->addFiles({file(QStringLiteral("doc.docx"), QByteArray("PK\x03\x04\x14\0\0", 7))});
        waitReady();
        AttachmentChip *chip = tray()->chips().first();
        QCOMPARE(chip->state(), AttachmentChip::State::Failed);
        QVERIFY(chip->detailText().contains(QStringLiteral("not a kind of file Claude reads")));
        QString said;
        QTimer::singleShot(0, this, [&said] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                said = box->text();
                box->close();
            }
        });
        QVERIFY(!m_window->send(QStringLiteral("read this")));
        QVERIFY2(said.contains(QStringLiteral("doc.docx")), qPrintable(said));
        QCOMPARE(m_window->conversation()->count(), 0);
        QCOMPARE(m_window->composer()->toPlainText(), QString()); // (nothing was typed)
        QCOMPARE(sim()->requestCount(), 0);
    }

    // A refused PNG or PDF showed a "TXT" badge (issue 16): it shows what its name says. A
    // photo whose EXIF says "turn it" is sent turned, and its chip gives the size sent.
    void refusedFilesShowTheirKindAndTurnedPhotosTheirSentSize()
    {
        const QByteArray png = makePng(300, 100);
        QByteArray pdf = makePdf(1);
        pdf.chop(8); // no "%%EOF"
        // EXIF orientation 6 (turn 90° clockwise): an APP1 segment after the SOI.
        const QByteArray tiff("MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01"
                              "\x00\x06\x00\x00\x00\x00\x00\x00",
                              26);
        const QByteArray app1 = QByteArray("Exif\0\0", 6) + tiff;
        QByteArray turned = makeJpeg(300, 100);
        turned.insert(2, QByteArray("\xFF\xE1", 2) + char((app1.size() + 2) >> 8) +
                             char((app1.size() + 2) & 0xFF) + app1);
        QByteArray uncounted = makePdf(2); // its page tree compressed: pages not known
        uncounted.replace("/Type /Page /Parent", "/Parent").replace("/Count 2", "/Cnt 2");
        tray()->addFiles({file(QStringLiteral("cut.png"), png.first(png.size() / 2)),
                          file(QStringLiteral("cut.pdf"), pdf),
                          file(QStringLiteral("turned.jpg"), turned),
                          file(QStringLiteral("packed.pdf"), uncounted)});
        waitReady();
        const QList<AttachmentChip *> chips = tray()->chips();
        QCOMPARE(chips.at(0)->state(), AttachmentChip::State::Failed);
        QVERIFY2(chips.at(0)->detailText().contains(QStringLiteral("damaged or incomplete")),
                 qPrintable(chips.at(0)->detailText()));
        QCOMPARE(chips.at(0)->badgeText(), QStringLiteral("IMG"));
        QCOMPARE(chips.at(1)->state(), AttachmentChip::State::Failed);
        QCOMPARE(chips.at(1)->badgeText(), QStringLiteral("PDF"));
        QCOMPARE(chips.at(2)->state(), AttachmentChip::State::Ready);
        QVERIFY2(chips.at(2)->detailText().startsWith(QStringLiteral("100 × 300 px")),
                 qPrintable(chips.at(2)->detailText()));
        QCOMPARE(chips.at(3)->state(), AttachmentChip::State::Ready);
        QVERIFY2(chips.at(3)->detailText().startsWith(QStringLiteral("pages unknown")),
                 qPrintable(chips.at(3)->detailText()));
        const Attachment sent = tray()->attachments().at(0);
        QCOMPARE(QSize(sent.width, sent.height), QSize(100, 300));
        QImage decoded;
        QVERIFY(decoded.loadFromData(stored(sent)));
        QCOMPARE(decoded.size(), QSize(100, 300)); // the bytes sent are turned
    }

    void tooLargeIsRefusedWithAPlainMessage()
    {
        tray()->addFiles({file(QStringLiteral("a.pdf"), makePdf(2, 13'000'000)),
                          file(QStringLiteral("b.pdf"), makePdf(2, 13'000'000))});
        waitReady();
        m_window->composer()->setPlainText(QStringLiteral("both, please"));
        QString said;
        QTimer::singleShot(0, this, [&said] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                said = box->text();
                box->close();
            }
        });
        QVERIFY(!m_window->send(QStringLiteral("both, please")));
        QVERIFY2(said.contains(QStringLiteral("32 MB")) &&
                     said.contains(QStringLiteral("Nothing was sent")),
                 qPrintable(said));
        QCOMPARE(sim()->requestCount(), 0);
        QCOMPARE(tray()->count(), 2); // nothing lost
        QCOMPARE(m_window->composer()->toPlainText(), QStringLiteral("both, please"));
    }

    void textThatGrowsAsJsonCountsAtItsSizeInTheRequest()
    {
        // 8 MB of terminal colour codes take 18 MB as a JSON string; with a 16 MB PDF (as
        // base64) the request passes 32 MB: refused before the prompt is saved.
        QByteArray colours;
        for (int i = 0; i < 2'000'000; ++i)
            colours += "\x1b[0m";
        tray()->addFiles({file(QStringLiteral("colours.log"), colours),
                          file(QStringLiteral("b.pdf"), makePdf(2, 12'000'000))});
        waitReady();
        QString said;
        QTimer::singleShot(0, this, [&said] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                said = box->text();
                box->close();
            }
        });
        QVERIFY(!m_window->send(QStringLiteral("what went wrong?")));
        QVERIFY2(said.contains(QStringLiteral("32 MB")), qPrintable(said));
        QCOMPARE(m_window->conversation()->count(), 0); // nothing saved
        QCOMPARE(sim()->requestCount(), 0);
        QCOMPARE(tray()->count(), 2);
    }

    void citationsShowAsNumberedMarkers()
    {
        tray()->addFiles({file(QStringLiteral("report.pdf"),
                               makePdf(3, 0, QStringLiteral("walls stop waves")))});
        waitReady();
        QVERIFY(m_window->send(QStringLiteral("What does it say?")));
        waitForAnswer();
        MessageWidget *answer = m_window->transcript()->widgetAt(1);
        QVERIFY(answer->sourcesLabel()->isVisible());
        QCOMPARE(answer->sourceLines(), QStringList{QStringLiteral("[1] report.pdf, p. 2")});
        const QString shown = answer->body()->view()->shownText();
        QVERIFY2(shown.endsWith(QStringLiteral("The document says so.[1]")), qPrintable(shown));
        QCOMPARE(answer->citationToolTip(QStringLiteral("cite:1")),
                 QStringLiteral("report.pdf, p. 2\n“Page 2: walls stop waves”"));
        // A copy keeps them as footnotes.
        QVERIFY(answer->text().contains(QStringLiteral("The document says so.[^1]")));
        QVERIFY(answer->text().endsWith(
            QStringLiteral("[^1]: report.pdf, p. 2: “Page 2: walls stop waves”")));
        // The source opens its document.
        Q_EMIT answer->sourcesLabel()->linkActivated(QStringLiteral("cite:1"));
        QCOMPARE(m_opened.urls.size(), 1);
        QCOMPARE(
            m_opened.urls.first().toLocalFile(),
            m_app->attachments()->pathFor(m_window->conversation()->at(0).attachments.first()));
        // Another link is no marker, even when it ends in a number.
        QCOMPARE(answer->citationToolTip(QStringLiteral("file:1")), QString());
        QCOMPARE(answer->citationToolTip(QStringLiteral("xcite:1")), QString());
        Q_EMIT answer->sourcesLabel()->linkActivated(QStringLiteral("file:1"));
        QCOMPARE(m_opened.urls.size(), 1);
    }

    // A server that streamed 20,000 citations into one text block froze the window for minutes,
    // on every reopen (issue 16). The answer shows a few markers and a count, the Sources line a
    // hundred sources and how many more; what the server sent shows as text, not as markup.
    void thousandsOfCitationsShowAFewMarkers()
    {
        QVERIFY(m_window->send(QStringLiteral("Cite everything")));
        waitForAnswer();
        const QString path = m_app->conversationPath(m_window->conversation()->id());
        m_app->waitForStorage();
        m_app->newConversation();
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        ConversationData data;
        QString error;
        QVERIFY2(ConversationFile::parse(file.readAll(), data, &error), qPrintable(error));
        file.close();
        QCOMPARE(data.messages.size(), 2);
        ChatMessage &answer = data.messages[1];
        answer.text = QStringLiteral("Cited sentence here. More text.");
        answer.citations.clear();
        for (int i = 0; i < 20'000; ++i) {
            Citation c;
            c.start = 0;
            c.end = 21;
            c.source = QJsonObject{
                {"type", "page_location"},
                {"cited_text", i == 0 ? QStringLiteral("<img src='x.png'> [link](http://evil)")
                                      : QStringLiteral("text %1").arg(i)},
                {"document_title", "doc"},
                {"start_page_number", i % 50 + 1},
                {"end_page_number", i % 50 + 2}};
            answer.citations.append(c);
        }
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(ConversationFile::serialize(data));
        file.close();
        m_app->openConversation(path);
        QTRY_COMPARE(m_window->conversation()->count(), 2);
        MessageWidget *shownAnswer = m_window->transcript()->widgetAt(1);
        QTRY_VERIFY(shownAnswer->sourcesLabel()->isVisible());
        (void)m_window->grab(); // laid out and painted
        const QString shown = shownAnswer->body()->view()->shownText();
        QCOMPARE(shown, QStringLiteral("Cited sentence here.[1][2][3][+19997] More text."));
        const QStringList sources = shownAnswer->sourceLines();
        QCOMPARE(sources.size(), 101);
        QCOMPARE(sources.last(), QStringLiteral("and 19900 more"));
        QCOMPARE(shownAnswer->sourcesLabel()->text().count(QStringLiteral("href=")), 100);
        // A copy's footnotes render as the text the server sent, not as an image or a link.
        QTextDocument copy;
        copy.setMarkdown(shownAnswer->text());
        QVERIFY(
            copy.toPlainText().contains(QStringLiteral("<img src='x.png'> [link](http://evil)")));
        QVERIFY(!copy.toHtml().contains(QStringLiteral("<img")));
        QVERIFY(!copy.toHtml().contains(QStringLiteral("http://evil\"")));
    }

    void reopenedConversationShowsItsFilesAndSendsTheSameBytes()
    {
        tray()->addFiles({file(QStringLiteral("photo.jpg"), makeJpeg(3000, 2000)),
                          file(QStringLiteral("report.pdf"), makePdf(2))});
        waitReady();
        QVERIFY(m_window->send(QStringLiteral("Look")));
        waitForAnswer();
        const QByteArray firstTurn =
            QJsonDocument(
                sim()->messageRequests().last().value("messages").toArray().at(0).toObject())
                .toJson(QJsonDocument::Compact);
        const QString path = m_app->conversationPath(m_window->conversation()->id());
        m_app->waitForStorage();
        m_app->newConversation();
        m_app->openConversation(path);
        QTRY_COMPARE(m_window->conversation()->count(), 2);
        MessageWidget *prompt = m_window->transcript()->widgetAt(0);
        QCOMPARE(prompt->attachmentChips().size(), 2);
        QTRY_VERIFY(prompt->attachmentChips().first()->hasThumbnail());
        QCOMPARE(prompt->attachmentChips().at(1)->state(), AttachmentChip::State::Ready);
        QVERIFY(m_window->send(QStringLiteral("Again")));
        waitForAnswer();
        QCOMPARE(QJsonDocument(
                     sim()->messageRequests().last().value("messages").toArray().at(0).toObject())
                     .toJson(QJsonDocument::Compact),
                 firstTurn);
    }

    void missingFileIsNoticedAndTheConversationStillOpens()
    {
        tray()->addFiles({file(QStringLiteral("gone.png"), makePng(120, 80))});
        waitReady();
        QVERIFY(m_window->send(QStringLiteral("Look")));
        waitForAnswer();
        const Attachment a = m_window->conversation()->at(0).attachments.first();
        const QString path = m_app->conversationPath(m_window->conversation()->id());
        m_app->waitForStorage();
        m_app->newConversation();
        QThreadPool::globalInstance()->waitForDone();
        QVERIFY(QFile::remove(m_app->attachments()->pathFor(a)));
        QString notice;
        connect(m_app, &Application::notice, this, [&notice](const QString &n) { notice = n; });
        m_app->openConversation(path);
        QTRY_COMPARE(m_window->conversation()->count(), 2);
        QTRY_VERIFY(notice.contains(QStringLiteral("gone.png")));
        QTRY_COMPARE(m_window->transcript()->widgetAt(0)->attachmentChips().first()->state(),
                     AttachmentChip::State::Missing);
    }

    void exportWritesTheFilesBesideTheMarkdown()
    {
        tray()->addFiles({file(QStringLiteral("chart.png"), makePng(300, 200))});
        waitReady();
        QVERIFY(m_window->send(QStringLiteral("Explain")));
        waitForAnswer();
        const QString target = m_dir.filePath(QStringLiteral("export/chat.md"));
        QDir().mkpath(m_dir.filePath(QStringLiteral("export")));
        m_app->exportMarkdown(QString(), target);
        m_app->waitForStorage();
        QFile md(target);
        QTRY_VERIFY(md.exists());
        QVERIFY(md.open(QIODevice::ReadOnly));
        QVERIFY(md.readAll().contains("![chart.png](chat_files/chart.png)"));
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("export/chat_files/chart.png"))));
        QDir(m_dir.filePath(QStringLiteral("export"))).removeRecursively();
    }
};

QTEST_MAIN(TestAttachmentsUi)
#include "tst_attachmentsui.moc"
