// The window in demo mode, offscreen: what a user does and sees. The engine's waits run on a
// manual clock; the simulator answers over real loopback sockets as fast as it can. After every
// test: the window's thread never touched a conversation file.
#include "app/application.h"
#include "app/conversationlibrary.h"
#include "base/manualclock.h"
#include "base/translations.h"
#include "batchwindow.h"
#include "breakerindicator.h"
#include "chat/autosaver.h"
#include "chat/batchqueue.h"
#include "chat/chatsession.h"
#include "chat/contextcompressor.h"
#include "chat/conversation.h"
#include "chat/conversationstore.h"
#include "chat/modelcatalogue.h"
#include "chat/pricetable.h"
#include "chat/storagequeue.h"
#include "chat/streamstats.h"
#include "composer.h"
#include "conversationlist.h"
#include "fallbackeditor.h"
#include "fallbackprompt.h"
#include "mainwindow.h"
#include "messagebody.h"
#include "messagewidget.h"
#include "resilience/circuitbreaker.h"
#include "resilience/randomsource.h"
#include "resilience/resilientclient.h"
#include "resiliencepanel.h"
#include "settingsdialog.h"
#include "sim/apisimulator.h"
#include "simulatorpanel.h"
#include "statspanel.h"
#include "summarypanel.h"
#include "thinkingpicker.h"
#include "transcriptview.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>

using namespace bw;
using namespace bw::ui;

class TestMainWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ManualClock *m_clock = nullptr;
    SeededRandom *m_random = nullptr;
    Application *m_app = nullptr;
    MainWindow *m_window = nullptr;

    sim::ApiSimulator *sim() const { return m_app->simulator(); }
    QString pathFor(const QString &id) const { return m_app->conversationPath(id); }

    // Reads a conversation file as a second program would (not through the window's store).
    static ConversationData readFile(const QString &path)
    {
        QFile f(path);
        ConversationData d;
        QString error;
        if (!f.open(QIODevice::ReadOnly) || !ConversationFile::parse(f.readAll(), d, &error))
            qWarning("cannot read %s: %s", qPrintable(path), qPrintable(error));
        return d;
    }

    // Runs the network; moves the clock through retry waits only.
    void waitForAnswer()
    {
        QElapsedTimer t;
        t.start();
        while (m_window->session()->isBusy() && t.elapsed() < 15000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (AnswerJob *job = m_window->session()->activeJob(); job && job->isWaiting())
                m_clock->advanceToNext();
        }
        QVERIFY(!m_window->session()->isBusy());
        QTest::qWait(MessageBody::kFrameMs * 2);
    }

    QString lastReply() const
    {
        const Conversation *c = m_window->conversation();
        const int index = c->count() - 1;
        const QJsonObject body =
            QJsonDocument::fromJson(m_window->session()->requestFor(index).toJson(true)).object();
        return sim()->replyTokens(body).join(QString());
    }

private Q_SLOTS:
    // As the program does: English, with its plural forms ("1 attempt", "4 earlier messages").
    void initTestCase() { QVERIFY(!installTranslations(QLocale(QLocale::English)).isEmpty()); }

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
    }

    void cleanup()
    {
        delete m_window;
        delete m_app;
        // Regression: storage ran on the GUI thread (the prompt's save, list(), a re-read of the
        // file just written, a full-text search twice a second while streaming).
        QCOMPARE(ConversationStore::guiThreadUse().calls, 0);
        QDir(m_dir.filePath(QStringLiteral("conversations"))).removeRecursively();
        delete m_random;
        delete m_clock;
        QFile::remove(m_dir.filePath(QStringLiteral("settings.ini")));
    }

    void opensReadyToType()
    {
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("Breakwater")));
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("Demo")));
        QTRY_VERIFY(m_window->composer()->hasFocus());
        QVERIFY(m_window->simulatorPanel());
        QVERIFY(m_window->dock(QStringLiteral("simulatorDock"))->isVisible());
        QVERIFY(m_window->statusBreaker()->stateText().contains(QStringLiteral("closed")));
        QVERIFY(m_window->summaryPanel()->statusText().contains(QStringLiteral("No summary yet")));
        for (QWidget *w : m_window->findChildren<QWidget *>()) {
            if (qobject_cast<QAbstractButton *>(w) && w->isVisible() &&
                !qobject_cast<QAbstractButton *>(w)->text().isEmpty())
                continue; // buttons with text are named by it
            if (qobject_cast<QComboBox *>(w) || qobject_cast<Composer *>(w))
                QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->metaObject()->className()));
        }
    }

    void modelPickerIsFilledFromTheApi()
    {
        sim()->config().models << QStringLiteral("claude-only-the-api-knows");
        m_app->useDemo(m_app->settingsStore().load()); // an engine change fetches the list again
        QTRY_VERIFY(
            m_window->modelPicker()->findData(QStringLiteral("claude-only-the-api-knows")) >= 0);
        QVERIFY(sim()->requestCount("/v1/models") >= 1);
        // Display names, ids behind them.
        QComboBox *picker = m_window->modelPicker();
        QCOMPARE(picker->itemText(picker->findData(QStringLiteral("claude-opus-4-8"))),
                 QStringLiteral("Claude Opus 4.8"));
        picker->setCurrentIndex(picker->findData(QStringLiteral("claude-haiku-4-5")));
        QCOMPARE(m_window->session()->model(), QStringLiteral("claude-haiku-4-5"));
        // An id typed in is used as it is.
        picker->setCurrentText(QStringLiteral("claude-sonnet-4-6-20260101"));
        QCOMPARE(m_window->session()->model(), QStringLiteral("claude-sonnet-4-6-20260101"));
    }

    void thinkingChoicesTheModelDoesNotTakeAreDisabled()
    {
        QComboBox *picker = m_window->modelPicker();
        ThinkingPicker *thinking = m_window->thinkingPicker();
        ThinkingConfig off;
        off.mode = ThinkingConfig::Mode::Off;
        ThinkingConfig max;
        max.mode = ThinkingConfig::Mode::Adaptive;
        max.effort = QStringLiteral("max");
        ThinkingConfig budget;
        budget.mode = ThinkingConfig::Mode::Budget;
        budget.budgetTokens = 16384;
        picker->setCurrentIndex(picker->findData(QStringLiteral("claude-opus-4-8")));
        QVERIFY(!thinking->isOffered(thinking->indexOf(off)));
        QVERIFY(thinking->whyNot(thinking->indexOf(off)).contains(QStringLiteral("always thinks")));
        QVERIFY(thinking->isOffered(thinking->indexOf(max)));
        QVERIFY(!thinking->isOffered(thinking->indexOf(budget)));
        picker->setCurrentIndex(picker->findData(QStringLiteral("claude-sonnet-4-6")));
        QVERIFY(thinking->isOffered(thinking->indexOf(off)));
        QVERIFY(!thinking->isOffered(thinking->indexOf(max)));
        QVERIFY(thinking->whyNot(thinking->indexOf(max)).contains(QStringLiteral("max")));
        QVERIFY(thinking->isOffered(thinking->indexOf(budget)));
        // A choice is the conversation's own, and goes into its requests.
        thinking->setCurrentIndex(thinking->indexOf(budget));
        Q_EMIT thinking->activated(thinking->indexOf(budget));
        QCOMPARE(m_window->conversation()->thinking().value_or(ThinkingConfig{}).budgetTokens,
                 16384);
        m_window->send(QStringLiteral("Think about it"));
        waitForAnswer();
        QCOMPARE(sim()
                     ->messageRequests()
                     .constLast()
                     .value(QStringLiteral("thinking"))
                     .toObject()
                     .value(QStringLiteral("type"))
                     .toString(),
                 QStringLiteral("enabled"));
        QVERIFY(m_window->conversation()->at(1).hasThinking());
    }

    void thinkingStreamsIntoASectionThatFoldsWhenTheAnswerBegins()
    {
        QComboBox *picker = m_window->modelPicker();
        picker->setCurrentIndex(picker->findData(QStringLiteral("claude-opus-4-8")));
        sim()->config().tokensPerSecond = 400; // 80 thinking tokens: about 0.2 s of thinking
        m_window->send(QStringLiteral("Why do waves break?"));
        QTRY_VERIFY(m_window->transcript()->widgetAt(1));
        MessageWidget *w = m_window->transcript()->widgetAt(1);
        QTRY_VERIFY(w->hasThinkingSection());
        QVERIFY(w->isThinkingExpanded());
        QCOMPARE(w->thinkingTitle(), QStringLiteral("Thinking…"));
        QTRY_VERIFY(!w->thinkingText().isEmpty());
        waitForAnswer();
        const ChatMessage &m = m_window->conversation()->at(1);
        QVERIFY(!w->isThinkingExpanded()); // folded once the answer began
        QVERIFY(w->thinkingTitle().startsWith(QStringLiteral("Thought for")));
        QCOMPARE(w->thinkingText(), m.thinking);
        QCOMPARE(w->text(), m.text);
        QVERIFY(!m.text.contains(m.thinking.left(20))); // never mixed into the answer
        // It opens again on a click, and stays as the user left it.
        QToolButton *toggle = nullptr;
        for (QToolButton *b : w->findChildren<QToolButton *>()) {
            if (b->text() == w->thinkingTitle())
                toggle = b;
        }
        QVERIFY(toggle);
        toggle->click();
        QVERIFY(w->isThinkingExpanded());
        QVERIFY(m_window->statsPanel()
                    ->valueText(QStringLiteral("thinking"))
                    .contains(QStringLiteral("thought for")));
    }

    void cutOffAnswerOffersContinueAndAHigherLimit()
    {
        sim()->setScript(sim::SimBehaviour::parseScript(u"stop:reason=max_tokens:after=5").value());
        m_window->send(QStringLiteral("A long story, please"));
        waitForAnswer();
        MessageWidget *w = m_window->transcript()->widgetAt(1);
        QVERIFY(w->bannerText().contains(QStringLiteral("Cut off at 5 tokens")));
        QVERIFY(w->hasContinue());
        QVERIFY(w->hasRetryHigher());
        QVERIFY(!w->hasRetry());
        QPushButton *continueButton = nullptr;
        for (QPushButton *b : w->findChildren<QPushButton *>()) {
            if (b->text() == QStringLiteral("Continue"))
                continueButton = b;
        }
        QVERIFY(continueButton);
        continueButton->click();
        waitForAnswer();
        QCOMPARE(m_window->conversation()->count(), 4);
        QCOMPARE(m_window->conversation()->at(2).text, ChatSession::continuePrompt());
    }

    void refusalShowsAsTheModelDeclining()
    {
        sim()->setScript(sim::SimBehaviour::parseScript(u"refusal:after=3").value());
        m_window->send(QStringLiteral("Something it will not do"));
        waitForAnswer();
        MessageWidget *w = m_window->transcript()->widgetAt(1);
        QVERIFY(w->bannerText().contains(QStringLiteral("declined")));
        QVERIFY(w->bannerText().contains(QStringLiteral("cyber")));
        QVERIFY(!w->hasRetry());
        QVERIFY(!w->hasContinue());
        QCOMPARE(m_window->conversation()->at(1).status, MessageStatus::Complete);
    }

    void aServersWordsInTheBannerAreNotMarkup()
    {
        // A stop reason (or a refusal's explanation) is the server's text: shown as written, never
        // read as rich text (a link, an image, a font that hides the rest).
        sim()->setScript(
            sim::SimBehaviour::parseScript(u"stop:reason=<img src=x><b>tea</b>:after=3").value());
        m_window->send(QStringLiteral("hello"));
        waitForAnswer();
        MessageWidget *w = m_window->transcript()->widgetAt(1);
        QVERIFY(w->bannerText().contains(QStringLiteral("<b>tea</b>")));
        const QList<QLabel *> labels = w->findChildren<QLabel *>();
        const auto banner = std::find_if(labels.begin(), labels.end(),
                                         [w](QLabel *l) { return l->text() == w->bannerText(); });
        QVERIFY(banner != labels.end());
        QCOMPARE((*banner)->textFormat(), Qt::PlainText);
    }

    void gaugeWarnsBeforeSendingWhatWillNotFit()
    {
        QTRY_VERIFY(m_window->contextGauge()->text().contains(QStringLiteral("%")));
        // About 225,000 tokens: past 200,000. In lines, as text is pasted: one 900,000-character
        // line alone takes Qt's text layout minutes.
        const QString huge = (QString(79, u'w') + u'\n').repeated(11'250);
        m_window->composer()->setPlainText(huge);
        QString asked;
        QTimer::singleShot(0, this, [&asked] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            asked = box->text();
            box->button(QMessageBox::Cancel)->click();
        });
        QVERIFY(!m_window->send(huge));
        QVERIFY(asked.contains(QStringLiteral("200,000")));
        QCOMPARE(m_window->conversation()->count(), 0);      // nothing sent
        QCOMPARE(m_window->composer()->toPlainText(), huge); // nothing lost
        QTRY_VERIFY(m_window->contextGauge()->text().contains(QStringLiteral("%")));
    }

    void enterSendsAndTheReplyStreamsIn()
    {
        QTest::keyClicks(m_window->composer(), QStringLiteral("Hello there"));
        QTest::keyClick(m_window->composer(), Qt::Key_Return,
                        Qt::ShiftModifier); // a new line, not a send
        QTest::keyClicks(m_window->composer(), QStringLiteral("second line"));
        QCOMPARE(m_window->conversation()->count(), 0);
        QTest::keyClick(m_window->composer(), Qt::Key_Return);
        QCOMPARE(m_window->conversation()->count(), 2);
        QCOMPARE(m_window->conversation()->at(0).text, QStringLiteral("Hello there\nsecond line"));
        QVERIFY(m_window->composer()->toPlainText().isEmpty());
        waitForAnswer();
        MessageWidget *answer = m_window->transcript()->widgetAt(1);
        QVERIFY(answer);
        QCOMPARE(answer->text(), lastReply());
        QCOMPARE(m_window->conversation()->at(1).text, lastReply());
        QVERIFY(answer->footerText().contains(QStringLiteral("tok")));
        QVERIFY(answer->bannerText().isEmpty());
    }

    void statsPanelShowsTheSimulatorsUsage()
    {
        m_window->send(QStringLiteral("Count my tokens"));
        waitForAnswer();
        const QJsonObject body = sim()->messageRequests().constLast();
        const int output = int(sim()->replyTokens(body).size());
        const Usage &u = m_window->conversation()->at(1).usage;
        QCOMPARE(u.outputTokens, qint64(output));
        QTRY_COMPARE(m_window->statsPanel()->valueText(QStringLiteral("output")),
                     QLocale().toString(output));
        QCOMPARE(m_window->statsPanel()->valueText(QStringLiteral("input")),
                 QLocale().toString(u.totalInputTokens()));
        QVERIFY(m_window->statsPanel()
                    ->valueText(QStringLiteral("speed"))
                    .contains(QStringLiteral("API count")) ||
                m_window->statsPanel()->valueText(QStringLiteral("speed")) == QStringLiteral("—"));
        QVERIFY(
            m_window->statsPanel()->valueText(QStringLiteral("cost")).startsWith(QLatin1Char('$')));
    }

    void injected429ShowsARetryCountdownThenTheReply()
    {
        m_window->simulatorPanel()->inject(QStringLiteral("429:retry-after=3"));
        QVERIFY(m_window->simulatorPanel()->queueText().contains(QStringLiteral("1 scripted")));
        m_window->send(QStringLiteral("Will this be rate limited?"));
        QTRY_VERIFY(m_window->session()->activeJob() &&
                    m_window->session()->activeJob()->isWaiting());
        QStringList rows = m_window->resiliencePanel()->latestAttempts();
        QCOMPARE(rows.size(), 1);
        QVERIFY2(rows[0].contains(QStringLiteral("rate_limited · 429")), qPrintable(rows[0]));
        QVERIFY2(rows[0].contains(QStringLiteral("waiting 3.")),
                 qPrintable(rows[0])); // the countdown
        m_clock->advance(1000);
        rows = m_window->resiliencePanel()->latestAttempts();
        QVERIFY2(rows[0].contains(QStringLiteral("waiting 2.")), qPrintable(rows[0]));
        waitForAnswer();
        rows = m_window->resiliencePanel()->latestAttempts();
        QCOMPARE(rows.size(), 2);
        QVERIFY2(rows[0].contains(QStringLiteral("waited 3.")), qPrintable(rows[0]));
        QVERIFY2(rows[1].contains(QStringLiteral("ok")), qPrintable(rows[1]));
        // Every attempt is numbered (regression: only the first was).
        QVERIFY2(rows[0].startsWith(QStringLiteral("1 |")), qPrintable(rows[0]));
        QVERIFY2(rows[1].startsWith(QStringLiteral("2 |")), qPrintable(rows[1]));
        QCOMPARE(m_window->transcript()->widgetAt(1)->text(), lastReply());
        QVERIFY(m_window->transcript()->widgetAt(1)->footerText().contains(
            QStringLiteral("2 attempts")));
    }

    void repeated529sOpenTheBreakerAndItClosesAfterRecovery()
    {
        m_window->simulatorPanel()->inject(QStringLiteral("529*3"));
        m_window->send(QStringLiteral("Is the service healthy?"));
        waitForAnswer();
        CircuitBreaker *breaker = m_app->engine()->breakerFor(m_window->session()->model());
        QCOMPARE(breaker->state(), BreakerState::Open);
        QVERIFY(m_window->statusBreaker()->stateText().contains(QStringLiteral("open")));
        QVERIFY(m_window->resiliencePanel()
                    ->indicatorFor(m_window->session()->model())
                    ->stateText()
                    .contains(QStringLiteral("next try in")));
        MessageWidget *failed = m_window->transcript()->widgetAt(1);
        QVERIFY(failed->hasRetry());
        QVERIFY2(failed->bannerText().contains(QStringLiteral("paused")),
                 qPrintable(failed->bannerText()));
        m_clock->advance(breaker->remainingOpenMs());
        QCOMPARE(breaker->state(), BreakerState::HalfOpen);
        QVERIFY(m_window->statusBreaker()->stateText().contains(QStringLiteral("half-open")));
        m_window->session()->retry(1); // the probe: the simulator is healthy again
        waitForAnswer();
        QCOMPARE(breaker->state(), BreakerState::Closed);
        QVERIFY(m_window->statusBreaker()->stateText().contains(QStringLiteral("closed")));
        QCOMPARE(m_window->transcript()->widgetAt(1)->text(), lastReply());
        QVERIFY(!m_window->transcript()->widgetAt(1)->hasRetry());
    }

    // "Ask each time": the window asks without blocking anything, and follows the answer.
    // Runs the network and the retry waits until the question is up.
    FallbackPrompt *waitForFallbackQuestion()
    {
        QElapsedTimer t;
        t.start();
        FallbackPrompt *question = nullptr;
        while (!question && t.elapsed() < 15000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (AnswerJob *job = m_window->session()->activeJob(); job && job->isWaiting())
                m_clock->advanceToNext();
            question =
                m_window->findChild<FallbackPrompt *>(QLatin1String(FallbackPrompt::kObjectName));
        }
        return question;
    }

    void askModeAsksAndFollowsAYes()
    {
        const QString opus = QStringLiteral("claude-opus-4-8");
        const QString sonnet = QStringLiteral("claude-sonnet-4-6");
        sim()->config().modelFaults.insert(opus, QStringLiteral("529"));
        m_window->session()->setFallback({FallbackPolicy::Mode::Ask, {sonnet}});
        m_window->modelPicker()->setCurrentIndex(m_window->modelPicker()->findData(opus));
        QCOMPARE(m_window->session()->model(), opus);
        m_window->send(QStringLiteral("Is Opus there?"));
        FallbackPrompt *question = waitForFallbackQuestion();
        QVERIFY(question);
        QVERIFY(question->isVisible());
        QCOMPARE(question->windowModality(), Qt::NonModal); // the window stays usable
        QVERIFY2(question->text().contains(QStringLiteral(
                     "Claude Opus 4.8 is overloaded — answer with Claude Sonnet 4.6?")),
                 qPrintable(question->text()));
        QVERIFY(m_window->session()->isBusy());
        const int asked = sim()->requestCount();
        QTest::qWait(50);
        QCOMPARE(sim()->requestCount(), asked); // nothing goes out while the user decides
        question->acceptButton()->click();
        waitForAnswer();

        QCOMPARE(sim()->messageRequests().constLast().value(QLatin1String("model")).toString(),
                 sonnet);
        MessageWidget *answer = m_window->transcript()->widgetAt(1);
        QCOMPARE(answer->text(),
                 sim()->replyTokens(sim()->messageRequests().constLast()).join(QString()));
        QVERIFY2(answer->footerText().contains(QStringLiteral(
                     "answered by claude-sonnet-4-6 — claude-opus-4-8 was overloaded")),
                 qPrintable(answer->footerText()));
        QVERIFY(!answer->hasRetry());
        // One light per model in use, named; the overloaded one open (the demo's breaker opens
        // after 3 failures), the one that answered closed.
        ResiliencePanel *panel = m_window->resiliencePanel();
        QCOMPARE(panel->indicators().size(), 2);
        QVERIFY(panel->indicatorFor(opus) && panel->indicatorFor(sonnet));
        QCOMPARE(panel->indicatorFor(opus)->label(), QStringLiteral("Claude Opus 4.8"));
        QCOMPARE(panel->indicatorFor(sonnet)->label(), QStringLiteral("Claude Sonnet 4.6"));
        QVERIFY(panel->indicatorFor(opus)->stateText().contains(QStringLiteral("open")));
        QVERIFY(panel->indicatorFor(sonnet)->stateText().contains(QStringLiteral("closed")));
        QVERIFY(m_window->statusBreaker()->stateText().contains(QStringLiteral("open"))); // Opus's
        QVERIFY2(panel->latestAttempts().join(u'\n').contains(
                     QStringLiteral("Claude Sonnet 4.6 answers: Claude Opus 4.8 is overloaded")),
                 qPrintable(panel->latestAttempts().join(u'\n')));
        // The file says who answered, and why.
        m_app->waitForStorage();
        const ConversationData d = readFile(pathFor(m_window->conversation()->id()));
        QCOMPARE(d.messages.size(), 2);
        QCOMPARE(d.messages.at(1).model, sonnet);
        QCOMPARE(d.messages.at(1).fallbackFrom, QStringList{opus});
        QVERIFY(!m_window->findChild<FallbackPrompt *>(QLatin1String(FallbackPrompt::kObjectName)));
    }

    void askModeKeepsTheFailureOnANo()
    {
        const QString opus = QStringLiteral("claude-opus-4-8");
        sim()->config().modelFaults.insert(opus, QStringLiteral("529"));
        m_window->session()->setFallback(
            {FallbackPolicy::Mode::Ask, {QStringLiteral("claude-sonnet-4-6")}});
        m_window->modelPicker()->setCurrentIndex(m_window->modelPicker()->findData(opus));
        m_window->send(QStringLiteral("Is Opus there?"));
        FallbackPrompt *question = waitForFallbackQuestion();
        QVERIFY(question);
        question->declineButton()->click();
        waitForAnswer();
        for (const QJsonObject &body : sim()->messageRequests())
            QCOMPARE(body.value(QLatin1String("model")).toString(), opus);
        MessageWidget *answer = m_window->transcript()->widgetAt(1);
        QVERIFY(answer->hasRetry());
        QVERIFY(!answer->footerText().contains(QStringLiteral("answered by")));
        QCOMPARE(m_window->conversation()->at(1).status, MessageStatus::Failed);
    }

    // Regression (issue 15, #8): the question was a message box in automatic text format, and
    // the names in it are the server's or typed by the user: markup in them was rendered.
    void theFallbackQuestionShowsNamesAsWritten()
    {
        const QString opus = QStringLiteral("claude-opus-4-8");
        const QString marked = QStringLiteral("<b>R&amp;D</b><img_src=x>");
        sim()->config().modelFaults.insert(opus, QStringLiteral("529"));
        m_window->session()->setFallback({FallbackPolicy::Mode::Ask, {marked}});
        m_window->modelPicker()->setCurrentIndex(m_window->modelPicker()->findData(opus));
        m_window->send(QStringLiteral("Is Opus there?"));
        QPointer<FallbackPrompt> question = waitForFallbackQuestion();
        QVERIFY(question);
        QCOMPARE(question->textFormat(), Qt::PlainText);
        QVERIFY2(question->text().contains(marked), qPrintable(question->text()));
        // The button shows the name too, its & not taken for a shortcut.
        QCOMPARE(question->acceptButton()->text(),
                 QStringLiteral("Answer with <b>R&&amp;D</b><img_src=x>"));
        m_window->stop();
        waitForAnswer();
        QTRY_VERIFY(!question);
    }

    // Regression (issue 15, #7): while a fallback model answers, "Saved" was priced as the
    // session's model, and the conversation's cache row left out the answer under way though
    // "in all" counted it.
    void theStatsFollowTheModelThatAnswers()
    {
        const QString opus = QStringLiteral("claude-opus-4-8");
        const QString sonnet = QStringLiteral("claude-sonnet-4-6");
        QVERIFY(m_window->session()->promptCache().enabled());
        sim()->config().cacheMinTokens = 1; // the first request writes the cache: a premium paid
        sim()->config().modelFaults.insert(opus, QStringLiteral("529"));
        m_window->session()->setFallback({FallbackPolicy::Mode::Automatic, {sonnet}});
        m_window->modelPicker()->setCurrentIndex(m_window->modelPicker()->findData(opus));
        sim()->setScript(*sim::SimBehaviour::parseScript(u"stall-mid:after=3"));
        m_window->send(QStringLiteral("Who answers?"));
        QElapsedTimer t;
        t.start();
        auto lastModel = [this] {
            return sim()->messageRequests().isEmpty() ? QString()
                                                      : sim()
                                                            ->messageRequests()
                                                            .constLast()
                                                            .value(QLatin1String("model"))
                                                            .toString();
        };
        while (lastModel() != sonnet && t.elapsed() < 15000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (AnswerJob *job = m_window->session()->activeJob(); job && job->isWaiting())
                m_clock->advanceToNext();
        }
        AnswerJob *job = m_window->session()->activeJob();
        QVERIFY(job);
        QCOMPARE(job->model(), sonnet);
        StreamStats *live = m_window->session()->stats();
        QTRY_VERIFY(live->usage().cacheCreationInputTokens > 0);
        const Usage u = live->usage();
        StatsPanel *stats = m_window->statsPanel();
        const QLocale l;
        const PriceTable *prices = m_window->session()->prices();
        const double saved = prices->cacheSavings(sonnet, u);
        QVERIFY(saved != prices->cacheSavings(opus, u)); // the models' prices tell them apart
        const QString money = (saved < 0 ? QStringLiteral("−$") : QStringLiteral("$")) +
                              l.toString(std::abs(saved), 'f', 4);
        QTRY_VERIFY2(
            stats->valueText(QStringLiteral("saved")).startsWith(money),
            qPrintable(stats->valueText(QStringLiteral("saved")) + QStringLiteral(" / ") + money));
        QVERIFY2(stats->valueText(QStringLiteral("cacheTotal"))
                     .startsWith(l.toString(u.cacheCreationInputTokens) + QStringLiteral(" / ")),
                 qPrintable(stats->valueText(QStringLiteral("cacheTotal"))));
        m_window->stop();
        waitForAnswer();
    }

    // Stop while the question is up: the question goes away, the answer ends once.
    void stoppingClosesTheQuestion()
    {
        const QString opus = QStringLiteral("claude-opus-4-8");
        sim()->config().modelFaults.insert(opus, QStringLiteral("529"));
        m_window->session()->setFallback(
            {FallbackPolicy::Mode::Ask, {QStringLiteral("claude-sonnet-4-6")}});
        m_window->modelPicker()->setCurrentIndex(m_window->modelPicker()->findData(opus));
        m_window->send(QStringLiteral("Is Opus there?"));
        QPointer<FallbackPrompt> question = waitForFallbackQuestion();
        QVERIFY(question);
        m_window->stop();
        waitForAnswer();
        QTRY_VERIFY(!question);
        QCOMPARE(m_window->conversation()->at(1).errorKind, ErrorKind::Cancelled);
    }

    // The settings dialog edits the profile's fallback: models by display name, in order.
    void settingsEditTheFallbackList()
    {
        EngineSettings s = m_app->settings();
        s.fallback = {FallbackPolicy::Mode::Automatic, {QStringLiteral("claude-sonnet-4-6")}};
        SettingsDialog dialog(s, Appearance{}, {s.profile});
        dialog.setModels(m_app->models()->models());
        FallbackEditor *editor = dialog.fallbackEditor();
        QCOMPARE(editor->list()->count(), 1);
        QCOMPARE(editor->list()->item(0)->text(), QStringLiteral("Claude Sonnet 4.6"));
        editor->modelBox()->setCurrentIndex(
            editor->modelBox()->findData(QStringLiteral("claude-haiku-4-5")));
        editor->addButton()->click();
        editor->addButton()->click(); // twice: listed once
        QCOMPARE(editor->list()->count(), 2);
        QCOMPARE(editor->list()->item(1)->text(), QStringLiteral("Claude Haiku 4.5"));
        editor->list()->setCurrentRow(1);
        for (QPushButton *b : editor->findChildren<QPushButton *>()) {
            if (b->accessibleName() == QStringLiteral("Move the fallback model up"))
                b->click();
        }
        editor->modeBox()->setCurrentIndex(
            editor->modeBox()->findData(FallbackPolicy::modeName(FallbackPolicy::Mode::Ask)));
        FallbackPolicy p = dialog.values().fallback;
        QCOMPARE(p.mode, FallbackPolicy::Mode::Ask);
        QCOMPARE(p.models, (QStringList{QStringLiteral("claude-haiku-4-5"),
                                        QStringLiteral("claude-sonnet-4-6")}));
        // An id the list does not name (a gateway's alias) can be typed.
        editor->modelBox()->setEditText(QStringLiteral("gateway-alias-1"));
        editor->addButton()->click();
        QCOMPARE(dialog.values().fallback.models.constLast(), QStringLiteral("gateway-alias-1"));
        // Saved per profile, read back.
        p = dialog.values().fallback;
        s.fallback = p;
        QString error;
        QVERIFY2(m_app->settingsStore().save(s, &error), qPrintable(error));
        QCOMPARE(m_app->settingsStore().load(s.profile).fallback, p);
    }

    void stopMidStreamKeepsThePartialText()
    {
        m_window->simulatorPanel()->inject(QStringLiteral("stall-mid:after=6"));
        m_window->send(QStringLiteral("Tell me a long story"));
        QTRY_VERIFY(!m_window->conversation()->at(1).text.isEmpty());
        const QString partial = m_window->conversation()->at(1).text;
        QTest::keyClick(m_window->composer(), Qt::Key_Escape);
        QVERIFY(!m_window->session()->isBusy());
        QTest::qWait(MessageBody::kFrameMs * 2);
        MessageWidget *w = m_window->transcript()->widgetAt(1);
        QCOMPARE(w->text(), partial);
        QCOMPARE(m_window->conversation()->at(1).status, MessageStatus::Interrupted);
        QVERIFY2(w->bannerText().contains(QStringLiteral("Stopped")), qPrintable(w->bannerText()));
        QVERIFY(w->hasRetry());
    }

    void longAnswersAreSplitIntoSegmentsAndCodeBlocks()
    {
        sim()->config().replyTokens = 1500;
        m_window->send(QStringLiteral("Write a long answer with code"));
        waitForAnswer();
        MessageWidget *w = m_window->transcript()->widgetAt(1);
        QCOMPARE(w->text(), lastReply());
        QVERIFY2(w->body()->segmentCount() > 3,
                 qPrintable(QString::number(w->body()->segmentCount())));
    }

    void layoutIsRemembered()
    {
        m_window->dock(QStringLiteral("statsDock"))->hide();
        m_window->close();
        delete m_window;
        m_window = new MainWindow(m_app);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        QVERIFY(m_window->dock(QStringLiteral("statsDock"))->isHidden());
        QVERIFY(!m_window->dock(QStringLiteral("resilienceDock"))->isHidden());
    }

    // Answers a modal dialog that is about to open by clicking the button with `text`.
    static void answerNextDialog(const QString &text)
    {
        QTimer::singleShot(0, [text] {
            QWidget *modal = QApplication::activeModalWidget();
            if (!modal)
                return answerNextDialog(text);
            for (QAbstractButton *b : modal->findChildren<QAbstractButton *>()) {
                if (b->text().remove(QLatin1Char('&')) == text) {
                    b->click();
                    return;
                }
            }
            modal->close();
        });
    }

    void conversationsAreSavedListedAndReopened()
    {
        m_window->send(QStringLiteral("First conversation"));
        waitForAnswer();
        const QString firstId = m_window->conversation()->id();
        const QString firstAnswer = m_window->conversation()->at(1).text;
        const Usage firstUsage = m_window->conversation()->at(1).usage;
        ConversationSummary summary;
        summary.text = QStringLiteral("The user opened a conversation.");
        summary.coveredMessages = 2;
        summary.model = QStringLiteral("claude-haiku-4-5");
        m_window->conversation()->setSummary(summary);
        m_window->autosaver()->saveNow();
        m_app->newConversation();
        QCOMPARE(m_window->conversation()->count(), 0);
        m_window->send(QStringLiteral("Second conversation"));
        waitForAnswer();
        m_window->autosaver()->saveNow();
        m_window->autosaver()->flush();
        QTRY_COMPARE(m_window->conversationList()->rowCount(), 2);
        QCOMPARE(m_window->conversationList()->titleAt(0), QStringLiteral("Second conversation"));

        m_app->openConversation(pathFor(firstId));
        QTRY_COMPARE(m_window->conversation()->id(), firstId);
        QCOMPARE(m_window->conversation()->count(), 2);
        QTest::qWait(MessageBody::kFrameMs * 2);
        QCOMPARE(m_window->transcript()->widgetAt(1)->text(), firstAnswer);
        QVERIFY(m_window->transcript()->widgetAt(0)->isCoveredBySummary());
        QVERIFY(m_window->transcript()->widgetAt(1)->isCoveredBySummary());
        QVERIFY(m_window->summaryPanel()->statusText().contains(QStringLiteral("2 earlier")));
        QTRY_COMPARE(m_window->statsPanel()->valueText(QStringLiteral("output")),
                     QLocale().toString(firstUsage.outputTokens));

        // The next message continues the conversation: the summarised turns go as the summary.
        m_window->send(QStringLiteral("And a follow-up"));
        waitForAnswer();
        const QJsonObject body = sim()->messageRequests().constLast();
        const QJsonArray sent = body.value(QLatin1String("messages")).toArray();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent[0].toObject().value(QLatin1String("content")).toString(),
                 QStringLiteral("And a follow-up"));
        QVERIFY(body.value(QLatin1String("system"))
                    .toString()
                    .contains(QStringLiteral("The user opened a conversation.")));
        // Without the summary, the whole history goes again.
        m_window->conversation()->setSummary({});
        m_window->send(QStringLiteral("One more"));
        waitForAnswer();
        const QJsonArray all =
            sim()->messageRequests().constLast().value(QLatin1String("messages")).toArray();
        QCOMPARE(all.size(), 5);
        QCOMPARE(all[1].toObject().value(QLatin1String("content")).toString(), firstAnswer);
    }

    void renameSearchAndDeleteFromTheList()
    {
        m_window->send(QStringLiteral("Lighthouse optics"));
        waitForAnswer();
        m_window->autosaver()->saveNow();
        const QString id = m_window->conversation()->id();
        m_app->renameConversation(pathFor(id), QStringLiteral("Fresnel lenses"));
        QCOMPARE(m_window->conversation()->title(), QStringLiteral("Fresnel lenses"));
        m_window->autosaver()->saveNow();
        QTRY_COMPARE(m_window->conversationList()->titleAt(0), QStringLiteral("Fresnel lenses"));
        m_window->conversationList()->searchField()->setText(QStringLiteral("lighthouse OPTICS"));
        QTRY_COMPARE(m_window->conversationList()->rowCount(), 1);
        m_window->conversationList()->searchField()->setText(QStringLiteral("no such words"));
        QTRY_COMPARE(m_window->conversationList()->rowCount(), 0);
        m_window->conversationList()->searchField()->clear();
        QTRY_COMPARE(m_window->conversationList()->rowCount(), 1);

        answerNextDialog(QStringLiteral("Cancel"));
        m_window->deleteConversation(pathFor(id), QStringLiteral("Fresnel lenses"));
        m_app->waitForStorage();
        QVERIFY(QFile::exists(pathFor(id)));
        answerNextDialog(QStringLiteral("Delete"));
        m_window->deleteConversation(pathFor(id), QStringLiteral("Fresnel lenses"));
        QCOMPARE(m_window->conversation()->count(), 0); // the open one was deleted: a new one
        QTRY_VERIFY(!QFile::exists(pathFor(id)));
        QTRY_COMPARE(m_window->conversationList()->rowCount(), 0);
    }

    void unreadableFileChangesNothing()
    {
        m_window->send(QStringLiteral("Keep me"));
        waitForAnswer();
        QDir().mkpath(m_app->conversationsFolder());
        const QString bad = m_app->conversationsFolder() + QStringLiteral("/broken.json");
        {
            QFile f(bad);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{ not json");
        }
        QSignalSpy problems(m_app, &Application::problem);
        answerNextDialog(QStringLiteral("OK"));
        m_app->openConversation(bad);
        QTRY_COMPARE(problems.size(), 1);
        QVERIFY(problems.first().at(1).toString().contains(QStringLiteral("left as it is")));
        QCOMPARE(m_window->conversation()->at(0).text, QStringLiteral("Keep me"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("{ not json"));
        m_window->conversationList()->refresh();
        auto listedAsUnreadable = [this] {
            for (int i = 0; i < m_window->conversationList()->rowCount(); ++i) {
                if (m_window->conversationList()->titleAt(i).contains(
                        QStringLiteral("broken.json")))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY(listedAsUnreadable());
    }

    void closingMidStreamKeepsWhatArrivedOnDisk()
    {
        m_window->simulatorPanel()->inject(QStringLiteral("stall-mid:after=5"));
        m_window->send(QStringLiteral("Close me mid-answer"));
        QTRY_VERIFY(!m_window->conversation()->at(1).text.isEmpty());
        const QString id = m_window->conversation()->id();
        const QString partial = m_window->conversation()->at(1).text;
        m_window->close();
        const ConversationData data = readFile(pathFor(id));
        QCOMPARE(data.messages.size(), 2);
        QCOMPARE(data.messages[1].text, partial);
        QCOMPARE(data.messages[1].status, MessageStatus::Interrupted);
    }

    // Regression: deleting the open conversation while its answer streamed brought the file back
    // (a save queued before the delete was written after it).
    void deletingWhileTheAnswerStreamsKeepsItDeleted()
    {
        m_window->simulatorPanel()->inject(QStringLiteral("drip:tps=50"));
        sim()->config().replyTokens = 400;
        m_window->send(QStringLiteral("Delete me while you answer"));
        const QString id = m_window->conversation()->id();
        QTRY_VERIFY(QFile::exists(pathFor(id)));                       // the prompt is on disk
        QTRY_VERIFY(m_window->conversation()->at(1).text.size() > 20); // streaming
        m_app->deleteConversation(pathFor(id));
        QCOMPARE(m_window->conversation()->count(), 0);
        QTRY_VERIFY(!QFile::exists(pathFor(id)));
        // Whatever was still queued, and every timer the autosaver had, has run by now.
        m_clock->advance(Autosaver::kStreamingSaveMs * 5);
        QCoreApplication::processEvents();
        m_app->waitForStorage();
        QVERIFY(!QFile::exists(pathFor(id)));
        QTRY_VERIFY(m_window->conversationList()->rowCount() == 0);
    }

    // With saved conversations and a search typed, an answer streams and is saved while the list
    // follows the saves — and the GUI thread opens no file for any of it (see cleanup()).
    void streamingWithAListAndASearchLeavesFilesToTheStorageThread()
    {
        for (int i = 0; i < 3; ++i) {
            m_window->send(QStringLiteral("Breakwater question %1").arg(i));
            waitForAnswer();
            m_app->newConversation();
        }
        QTRY_COMPARE(m_window->conversationList()->rowCount(), 3);
        m_window->conversationList()->searchField()->setText(QStringLiteral("breakwater"));
        QTRY_COMPARE(m_window->conversationList()->rowCount(), 3);
        sim()->config().replyTokens = 2000;
        m_window->send(QStringLiteral("A long answer about harbours, please"));
        QElapsedTimer t;
        t.start();
        while (m_window->session()->isBusy() && t.elapsed() < 20000) {
            m_clock->advance(Autosaver::kStreamingSaveMs); // streaming saves, list updates
            QTest::qWait(5);
        }
        QVERIFY(!m_window->session()->isBusy());
        m_window->conversationList()->searchField()->clear();
        QTRY_COMPARE(m_window->conversationList()->rowCount(), 4);
        QCOMPARE(m_window->conversationList()->titleAt(0),
                 QStringLiteral("A long answer about harbours, please"));
    }

    // Opening the conversation that is open (say, double-clicking its own row while it streams)
    // must not read the file back over the answer that is arriving.
    void reopeningTheOpenConversationKeepsItsText()
    {
        m_window->simulatorPanel()->inject(QStringLiteral("drip:tps=50"));
        sim()->config().replyTokens = 400;
        m_window->send(QStringLiteral("Keep streaming while I click"));
        const QString id = m_window->conversation()->id();
        QTRY_VERIFY(QFile::exists(pathFor(id)));
        QTRY_VERIFY(m_window->conversation()->at(1).text.size() > 20);
        Conversation *open = m_window->conversation();
        const qsizetype before = open->at(1).text.size();
        m_app->openConversation(pathFor(id));
        QTest::qWait(200);
        QCOMPARE(m_window->conversation(), open);
        QVERIFY(m_window->session()->isBusy()); // still streaming
        QVERIFY(open->at(1).text.size() >= before);
        m_window->stop();
    }

    // Regression (issue 17, #9): a prompt that could not be saved was sent anyway. Now the answer
    // ends before anything is sent, its banner says why and offers Retry, and the prompt stays in
    // the window; once the folder can be written, Retry sends it and both turns are saved.
    void aPromptThatCannotBeSavedIsNotSentAndCanBeRetried()
    {
        const QString folder = m_app->conversationsFolder();
        QDir(folder).removeRecursively();
        {
            QFile blocker(folder); // a file where the folder belongs
            QVERIFY(blocker.open(QIODevice::WriteOnly));
        }
        m_window->send(QStringLiteral("Keep my words"));
        waitForAnswer();
        QCOMPARE(sim()->requestCount(), 0);
        QCOMPARE(m_window->conversation()->at(0).text, QStringLiteral("Keep my words"));
        MessageWidget *failed = m_window->transcript()->widgetAt(1);
        QVERIFY2(failed->bannerText().contains(QStringLiteral("could not be saved")),
                 qPrintable(failed->bannerText()));
        QVERIFY(failed->hasRetry());

        QVERIFY(QFile::remove(folder));
        m_window->session()->retry(1);
        waitForAnswer();
        QCOMPARE(sim()->requestCount(), 1);
        QCOMPARE(m_window->transcript()->widgetAt(1)->text(), lastReply());
        QVERIFY(!m_window->transcript()->widgetAt(1)->hasRetry());
        m_app->waitForStorage();
        const ConversationData saved = readFile(pathFor(m_window->conversation()->id()));
        QCOMPARE(saved.messages.size(), 2);
        QCOMPARE(saved.messages[0].text, QStringLiteral("Keep my words"));
    }

    // A Save As that fails leaves the conversation saved where it was.
    void aFailedSaveAsKeepsSavingWhereItWas()
    {
        m_window->send(QStringLiteral("Save me somewhere"));
        waitForAnswer();
        const QString id = m_window->conversation()->id();
        QSignalSpy problems(m_app, &Application::problem);
        answerNextDialog(QStringLiteral("OK"));
        m_app->saveConversationAs(QStringLiteral("/proc/not-writable/chat.json"));
        QTRY_COMPARE(problems.size(), 1);
        QCOMPARE(m_window->autosaver()->path(), pathFor(id));
        m_window->send(QStringLiteral("And this too"));
        waitForAnswer();
        m_app->waitForStorage();
        QTRY_COMPARE(readFile(pathFor(id)).messages.size(), 4);
    }

    // Compress now, then a new conversation before the summary came back: the panel must not
    // stay busy (its button disabled) for the rest of the session.
    void compressNowThenNewLeavesThePanelUsable()
    {
        sim()->config().replyTokens = 60;
        for (const char *q : {"About harbours", "About lighthouses", "About tides", "About storms",
                              "About piers"}) {
            m_window->send(QString::fromLatin1(q));
            waitForAnswer();
        }
        m_window->simulatorPanel()->inject(QStringLiteral("drip:tps=5")); // a slow summary
        SummaryPanel *panel = m_window->summaryPanel();
        panel->compressButton()->click();
        QTRY_VERIFY(m_app->compressor()->isBusy());
        m_app->newConversation();
        QTRY_VERIFY(!m_app->compressor()->isBusy());
        for (const char *q : {"One", "Two", "Three", "Four", "Five"}) {
            m_window->send(QString::fromLatin1(q));
            waitForAnswer();
        }
        QTRY_VERIFY(panel->compressButton()->isEnabled());
    }

    // The check in cleanup() can fail: a file touched on the GUI thread is counted (release
    // builds; debug builds stop right there with an assertion).
    void fileWorkOnTheGuiThreadIsCounted()
    {
#ifndef QT_NO_DEBUG
        QSKIP("debug builds assert instead of counting");
#endif
        ConversationStore store(m_app->conversationsFolder());
        store.list();
        QCOMPARE(ConversationStore::guiThreadUse().calls, 1);
        ConversationData d;
        d.id = QStringLiteral("counted");
        QVERIFY(store.save(d)); // its nested write counts once
        QCOMPARE(ConversationStore::guiThreadUse().calls, 2);
        QVERIFY(ConversationStore::guiThreadUse().nanoseconds > 0);
        QVERIFY(store.remove(store.pathFor(d.id)));
        ConversationStore::resetGuiThreadUse();
    }

    // Regenerate, switch versions with ‹ ›, edit a prompt in place, delete a version, fork a
    // branch into a new conversation, and let a search open the branch it found.
    void versionsInTheTranscript()
    {
        m_window->send(QStringLiteral("Tell me about tides"));
        waitForAnswer();
        const QString first = m_window->conversation()->at(1).text;
        MessageWidget *answer = m_window->transcript()->widgetAt(1);
        QVERIFY(answer->versionText().isEmpty()); // one version: no arrows
        auto button = [](QWidget *w, const QString &name) {
            for (QToolButton *b : w->findChildren<QToolButton *>()) {
                if (b->accessibleName() == name)
                    return b;
            }
            return static_cast<QToolButton *>(nullptr);
        };
        button(answer, QStringLiteral("Regenerate answer"))->click();
        waitForAnswer();
        answer = m_window->transcript()->widgetAt(1);
        QCOMPARE(answer->versionText(), QStringLiteral("2 / 2"));
        const QString second = m_window->conversation()->at(1).text;
        QVERIFY(second != first);
        QCOMPARE(answer->text(), second);
        button(answer, QStringLiteral("Previous version"))->click();
        answer = m_window->transcript()->widgetAt(1);
        QCOMPARE(answer->versionText(), QStringLiteral("1 / 2"));
        QTRY_COMPARE(answer->text(), first);
        QVERIFY(!button(answer, QStringLiteral("Previous version"))->isEnabled());

        // Edit the prompt in place: a new branch with its own answer.
        MessageWidget *prompt = m_window->transcript()->widgetAt(0);
        button(prompt, QStringLiteral("Edit message"))->click();
        QVERIFY(prompt->isEditing());
        auto *editor = prompt->findChild<QPlainTextEdit *>();
        editor->setPlainText(QStringLiteral("Tell me about currents"));
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        waitForAnswer();
        QCOMPARE(m_window->conversation()->at(0).text, QStringLiteral("Tell me about currents"));
        QCOMPARE(m_window->transcript()->widgetAt(0)->versionText(), QStringLiteral("2 / 2"));
        QCOMPARE(m_window->conversation()->count(), 2);

        // Delete this version (after a yes): the first prompt, with both its answers, is back.
        answerNextDialog(QStringLiteral("Delete"));
        m_window->deleteVersion(0);
        QCOMPARE(m_window->conversation()->at(0).text, QStringLiteral("Tell me about tides"));
        QVERIFY(m_window->transcript()->widgetAt(0)->versionText().isEmpty());
        // The answer chosen before (the first) is still the one shown below it.
        QCOMPARE(m_window->transcript()->widgetAt(1)->versionText(), QStringLiteral("1 / 2"));

        // A search finds text on a branch that is not shown, and opens that branch.
        m_window->conversation()->showVersion(1, 1);
        const QString id = m_window->conversation()->id();
        m_window->autosaver()->saveNow();
        m_app->newConversation();
        m_app->waitForStorage();
        QSignalSpy searched(m_app->library(), &ConversationLibrary::searched);
        m_window->conversationList()->searchField()->setText(first.left(40));
        QTRY_COMPARE(searched.size(), 1);
        QCOMPARE(m_window->conversationList()->rowCount(), 1);
        m_window->conversationList()->tree()->setCurrentItem(
            m_window->conversationList()->tree()->topLevelItem(0));
        Q_EMIT m_window->conversationList()->tree()->itemActivated(
            m_window->conversationList()->tree()->topLevelItem(0), 0);
        QTRY_COMPARE(m_window->conversation()->id(), id);
        QCOMPARE(m_window->conversation()->at(1).text, first); // the branch that matched

        // Fork: a new conversation with the path down to the first answer.
        m_app->forkConversation(1);
        QVERIFY(m_window->conversation()->id() != id);
        QCOMPARE(m_window->conversation()->count(), 2);
        QCOMPARE(m_window->conversation()->at(1).text, first);
        QVERIFY(m_window->conversation()->title().endsWith(QStringLiteral("(fork)")));
        m_app->waitForStorage();
        QVERIFY(QFile::exists(pathFor(m_window->conversation()->id())));
    }

    // Switching back to a long branch gives widgets to its newest page only (regression: every
    // message below the fork got one, 20 s for 2,000 messages).
    void switchingToALongBranchLoadsOnlyItsNewestPage()
    {
        Conversation *c = m_window->conversation();
        QList<ChatMessage> ms;
        const QDateTime t = m_clock->wallNow();
        for (int i = 0; i < 200; ++i) {
            ChatMessage m = i % 2 ? ChatMessage::assistant(QStringLiteral("m"), t)
                                  : ChatMessage::user(QStringLiteral("q%1").arg(i), t);
            m.text = QStringLiteral("message %1").arg(i);
            m.status = MessageStatus::Complete;
            ms << m;
        }
        c->reset(ms);
        ChatMessage other = ChatMessage::assistant(QStringLiteral("m"), t);
        other.text = QStringLiteral("a short branch");
        other.status = MessageStatus::Complete;
        c->addVersion(1, other);
        QCOMPARE(c->count(), 2);
        QCOMPARE(m_window->transcript()->firstLoaded(), 0);
        c->showVersion(1, 0);
        QCOMPARE(c->count(), 200);
        QCOMPARE(m_window->transcript()->firstLoaded(), 200 - TranscriptView::kPage);
        QVERIFY(!m_window->transcript()->widgetAt(100));
        QCOMPARE(m_window->transcript()->widgetAt(199)->text(), QStringLiteral("message 199"));
    }

    void statsPanelShowsWhatTheCacheSaved()
    {
        sim()->config().replyTokens = 150; // the demo's minimum prefix is 256 tokens: the third
                                           // request is the first written, the fourth reads
        for (const char *q :
             {"About harbours", "About lighthouses", "About tides", "About waves"}) {
            m_window->send(QString::fromLatin1(q));
            waitForAnswer();
        }
        const Conversation *c = m_window->conversation();
        const ChatMessage &last = c->at(c->count() - 1);
        QVERIFY2(last.usage.cacheReadInputTokens > 0,
                 QJsonDocument(sim()->messageRequests().constLast()).toJson().left(600) +
                     QJsonDocument(last.usage.toJson()).toJson());
        QVERIFY(sim()->messageRequests().constLast().contains(QLatin1String("cache_control")));
        StatsPanel *stats = m_window->statsPanel();
        const QLocale l;
        QTRY_VERIFY2(stats->valueText(QStringLiteral("cache"))
                         .contains(l.toString(last.usage.cacheReadInputTokens)),
                     qPrintable(stats->valueText(QStringLiteral("cache"))));
        QVERIFY(
            stats->valueText(QStringLiteral("cache"))
                .contains(QStringLiteral("%1% hit").arg(qRound(last.usage.cacheHitRatio() * 100))));
        const Usage total = c->totalUsage();
        QVERIFY(stats->valueText(QStringLiteral("cacheTotal"))
                    .contains(l.toString(total.cacheReadInputTokens)));
        QVERIFY(last.cacheSavingsUsd > 0);
        const QString saved = stats->valueText(QStringLiteral("saved"));
        QVERIFY2(saved.contains(QStringLiteral("$") + l.toString(last.cacheSavingsUsd, 'f', 4)),
                 qPrintable(saved));
        QVERIFY(
            saved.contains(QStringLiteral("$") + l.toString(c->totalCacheSavingsUsd(), 'f', 4)));
        // The answer's footer says how much came from the cache.
        QVERIFY(m_window->transcript()
                    ->widgetAt(c->count() - 1)
                    ->footerText()
                    .contains(QStringLiteral("from cache")));

        // The Summary panel says what the next compression will cost the cache.
        SummaryPanel *panel = m_window->summaryPanel();
        QVERIFY2(panel->cacheNoteText().contains(QStringLiteral("The prompt is cached")),
                 qPrintable(panel->cacheNoteText()));
        CompressionSettings s = m_window->session()->compressor()->settings();
        QVERIFY(s.cacheAware); // the settings turn it on with the cache
        // Not passed before this prompt; nearly reached after its 150-token answer.
        s.compressAtTokens = ContextCompressor::estimateTokens(*c, c->count()) + 100;
        m_window->session()->compressor()->setSettings(s);
        m_window->send(QStringLiteral("About piers"));
        waitForAnswer();
        QVERIFY(m_window->conversation()->summary().isEmpty());
        QTRY_VERIFY2(panel->cacheNoteText().contains(QStringLiteral("next message is likely")),
                     qPrintable(panel->cacheNoteText()));

        // Off: nothing marked, and the panels say so.
        m_window->session()->setPromptCache(PromptCache{PromptCache::Ttl::Off});
        m_app->newConversation();
        m_window->send(QStringLiteral("Uncached"));
        waitForAnswer();
        QVERIFY(!sim()->messageRequests().constLast().contains(QLatin1String("cache_control")));
        QTRY_VERIFY(stats->valueText(QStringLiteral("cache")).startsWith(QStringLiteral("off")));
        QVERIFY(panel->cacheNoteText().isEmpty());
    }

    void summaryPanelCompressesEditsAndClears()
    {
        sim()->config().replyTokens = 60;
        for (const char *q : {"About harbours", "About lighthouses", "About tides", "About storms",
                              "About piers"}) {
            m_window->send(QString::fromLatin1(q));
            waitForAnswer();
        }
        SummaryPanel *panel = m_window->summaryPanel();
        QVERIFY(panel->statusText().contains(QStringLiteral("No summary yet")));
        QVERIFY(panel->compressButton()->isEnabled());
        panel->compressButton()->click();
        QTRY_VERIFY(!m_window->conversation()->summary().isEmpty());
        const ConversationSummary &s = m_window->conversation()->summary();
        QCOMPARE(s.coveredMessages, 4); // 10 messages, the last 6 kept
        QTRY_VERIFY2(panel->statusText().contains(
                         QStringLiteral("4 earlier messages summarised by claude-haiku-4-5")),
                     qPrintable(panel->statusText()));
        QVERIFY(panel->summaryText().contains(QStringLiteral("About harbours")));
        QVERIFY(m_window->transcript()->widgetAt(3)->isCoveredBySummary());
        QVERIFY(!m_window->transcript()->widgetAt(4)->isCoveredBySummary());

        panel->editButton()->click(); // edit
        auto *text = panel->findChild<QPlainTextEdit *>();
        QVERIFY(!text->isReadOnly());
        text->setPlainText(QStringLiteral("Edited by hand."));
        panel->editButton()->click(); // save
        QCOMPARE(m_window->conversation()->summary().text, QStringLiteral("Edited by hand."));
        m_window->send(QStringLiteral("Next"));
        waitForAnswer();
        QVERIFY(sim()
                    ->messageRequests()
                    .constLast()
                    .value(QLatin1String("system"))
                    .toString()
                    .contains(QStringLiteral("Edited by hand.")));

        panel->clearButton()->click();
        QVERIFY(m_window->conversation()->summary().isEmpty());
        QVERIFY(!m_window->transcript()->widgetAt(0)->isCoveredBySummary());
        QVERIFY(panel->statusText().contains(QStringLiteral("No summary yet")));
    }

    void batchWindowRunsExportsAndCancels()
    {
        sim()->config().capacity = 4;
        sim()->config().capacityRetryAfterMs = 80;
        sim()->config().replyTokens = 8;
        BatchWindow *batch = m_window->openBatchWindow();
        QVERIFY(batch->isVisible());
        QStringList prompts;
        for (int i = 0; i < 40; ++i)
            prompts << QStringLiteral("Batch prompt %1").arg(i);
        batch->setPrompts(prompts.join(QLatin1Char('\n')));
        batch->setAdaptive(true);
        QVERIFY(batch->run());
        QTRY_VERIFY_WITH_TIMEOUT(!batch->isRunning(), 30000);
        QCOMPARE(batch->table()->rowCount(), 40);
        for (int i = 0; i < 40; ++i)
            QCOMPARE(batch->table()->item(i, 2)->text(), QStringLiteral("ok"));
        // The answers: a preview per row, the whole text for the selected one.
        const QString answer7 = batch->queue()->items()[7].text;
        QVERIFY(!answer7.isEmpty());
        QVERIFY(answer7.simplified().startsWith(
            batch->table()->item(7, 6)->text().remove(QStringLiteral("…"))));
        batch->table()->setCurrentCell(7, 0);
        QVERIFY(batch->detailText().contains(prompts[7]));
        QVERIFY(batch->detailText().contains(answer7));
        QVERIFY2(batch->progressText().startsWith(QStringLiteral("40 of 40 done, 0 failed")),
                 qPrintable(batch->progressText()));
        QVERIFY(batch->limitPoints() >= 3); // the limit moved, and the chart followed
        QVERIFY(sim()->maxInFlight() <= 5);

        QTemporaryDir dir;
        QString error;
        QVERIFY(batch->exportTo(dir.filePath(QStringLiteral("r.jsonl")), &error));
        QVERIFY(batch->exportTo(dir.filePath(QStringLiteral("r.csv")), &error));
        QFile jsonl(dir.filePath(QStringLiteral("r.jsonl")));
        QVERIFY(jsonl.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = jsonl.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 40);
        QCOMPARE(
            QJsonDocument::fromJson(lines[7]).object().value(QLatin1String("prompt")).toString(),
            prompts[7]);
        QFile csv(dir.filePath(QStringLiteral("r.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray csvText = csv.readAll();
        QVERIFY(csvText.startsWith("index,prompt,status,kind,attempts"));
        QCOMPARE(csvText.count(",ok,"),
                 40); // one record per prompt (answers with line breaks are quoted)

        // Cancel in the middle of a slow batch.
        sim()->config().capacity = 0;
        sim()->config().tokensPerSecond = 10;
        batch->setAdaptive(false, 2);
        QVERIFY(batch->run());
        QTRY_VERIFY(sim()->inFlight() == 2);
        batch->cancel();
        QVERIFY(!batch->isRunning());
        QTRY_COMPARE(sim()->inFlight(), 0);
        QVERIFY(batch->table()->item(39, 2)->text().contains(QStringLiteral("cancelled")));
    }

    void settingsDialogRoundTripsValues()
    {
        EngineSettings s;
        s.profile = QStringLiteral("work");
        s.baseUrl = QUrl(QStringLiteral("https://gw.example.com/anthropic"));
        s.apiVersion = QStringLiteral("2023-06-01");
        s.model = QStringLiteral("claude-opus-4-8");
        s.maxTokens = 2222;
        s.systemPrompt = QStringLiteral("Be kind.");
        s.promptCache.ttl = PromptCache::Ttl::OneHour;
        s.guard.retry = {7, 250, 6000, 45000, RetryConfig::Jitter::Full};
        s.guard.headersTimeoutMs = 12500;
        s.guard.idleTimeoutMs = 9000;
        s.guard.totalTimeoutMs = 300000;
        s.breaker = {4, 15000, 2, 120000};
        s.compression.compressAtTokens = 90000;
        s.compression.keepRecent = 8;
        s.compression.summaryModel = QStringLiteral("claude-sonnet-4-6");
        SettingsDialog dialog(s, Appearance{QStringLiteral("dark"), 12},
                              {QStringLiteral("default"), QStringLiteral("work")});
        const EngineSettings back = dialog.values();
        QCOMPARE(back.profile, s.profile);
        QCOMPARE(back.baseUrl, s.baseUrl);
        QCOMPARE(back.apiVersion, s.apiVersion);
        QCOMPARE(back.model, s.model);
        QCOMPARE(back.maxTokens, s.maxTokens);
        QCOMPARE(back.systemPrompt, s.systemPrompt);
        QCOMPARE(back.promptCache, s.promptCache);
        QCOMPARE(back.guard.retry.maxAttempts, 7);
        QCOMPARE(back.guard.retry.baseDelayMs, 250);
        QCOMPARE(back.guard.retry.maxDelayMs, 6000);
        QCOMPARE(back.guard.retry.maxRetryWaitMs, 45000);
        QCOMPARE(back.guard.retry.jitter, RetryConfig::Jitter::Full);
        QCOMPARE(back.guard.headersTimeoutMs, 12500);
        QCOMPARE(back.guard.idleTimeoutMs, 9000);
        QCOMPARE(back.guard.totalTimeoutMs, 300000);
        QCOMPARE(back.breaker.failureThreshold, 4);
        QCOMPARE(back.breaker.recoveryMs, 15000);
        QCOMPARE(back.breaker.successThreshold, 2);
        QCOMPARE(back.compression.compressAtTokens, 90000);
        QCOMPARE(back.compression.keepRecent, 8);
        QCOMPARE(back.compression.summaryModel, QStringLiteral("claude-sonnet-4-6"));
        QCOMPARE(dialog.appearance().theme, QStringLiteral("dark"));
        QCOMPARE(dialog.appearance().fontPointSize, 12);
        QVERIFY(dialog.problems().isEmpty());

        // A bad value is explained and blocks OK.
        auto *url = dialog.findChild<QLineEdit *>();
        QVERIFY(url);
        EngineSettings bad = s;
        bad.baseUrl = QUrl(QStringLiteral("http://api.example.com"));
        dialog.setValues(bad);
        QVERIFY(!dialog.problems().isEmpty());
        QVERIFY(dialog.problems().join(u' ').contains(QStringLiteral("https")));
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
