#include "mainwindow.h"

#include "app/application.h"
#include "app/attachmentlibrary.h"
#include "app/conversationlibrary.h"
#include "attachmentpreviews.h"
#include "attachmenttray.h"
#include "batchwindow.h"
#include "breakerindicator.h"
#include "chat/autosaver.h"
#include "chat/chatsession.h"
#include "chat/contextcompressor.h"
#include "chat/conversation.h"
#include "chat/modelcatalogue.h"
#include "chat/requestpreparer.h"
#include "composer.h"
#include "conversationlist.h"
#include "fallbackprompt.h"
#include "resilience/circuitbreaker.h"
#include "resilience/resilientclient.h"
#include "resiliencepanel.h"
#include "settingsdialog.h"
#include "simulatorpanel.h"
#include "statspanel.h"
#include "summarypanel.h"
#include "theme.h"
#include "thinkingpicker.h"
#include "transcriptview.h"
#include "usagewindow.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace bw::ui {

MainWindow::MainWindow(Application *app, QWidget *parent)
    : QMainWindow(parent)
    , m_app(app)
{
    setWindowIcon(QIcon(QStringLiteral(":/breakwater/icons/breakwater.svg")));
    buildCentre();
    buildDocks();
    buildMenus();
    buildStatusBar();
    connect(m_app, &Application::engineChanged, this, &MainWindow::onEngineChanged);
    connect(m_app, &Application::conversationChanged, this, &MainWindow::showConversation);
    connect(m_app, &Application::notice, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_app, &Application::problem, this,
            [this](const QString &title, const QString &message) {
                QMessageBox::warning(this, title, message);
            });
    connect(m_app->models(), &ModelCatalogue::changed, this,
            [this] { setModels(m_app->models()->models()); });
    connect(session(), &ChatSession::busyChanged, this, &MainWindow::updateBusy);
    connect(session(), &ChatSession::answerStarted, this, [this](AnswerJob *job) {
        connect(job, &AnswerJob::notice, this,
                [this](const QString &text) { statusBar()->showMessage(text, 8000); });
        FallbackPrompt::watch(job, m_app->models(), this); // "ask each time"
        connect(job, &AnswerJob::failed, this, [this, job](const ApiError &e) {
            if (e.kind != ErrorKind::Budget)
                return;
            // After the job's end has run its course (the session is idle then).
            const int index = job->index();
            QMetaObject::invokeMethod(
                this, [this, index, why = e.message] { offerOverBudget(index, why); },
                Qt::QueuedConnection);
        });
    });
    m_gaugeTimer = new QTimer(this);
    m_gaugeTimer->setSingleShot(true);
    m_gaugeTimer->setInterval(300);
    connect(m_gaugeTimer, &QTimer::timeout, this, &MainWindow::updateGauge);
    connect(m_composer, &Composer::textChanged, m_gaugeTimer, qOverload<>(&QTimer::start));
    connect(m_transcript, &TranscriptView::retryRequested, this,
            [this](int index) { session()->retry(index); });
    connect(session(), &ChatSession::busyChanged, m_transcript, &TranscriptView::setBusy);
    connect(m_transcript, &TranscriptView::versionRequested, this, [this](int index, int version) {
        if (session()->isBusy())
            statusBar()->showMessage(tr("Wait for the answer before you switch versions."), 4000);
        else
            conversation()->showVersion(index, version);
    });
    connect(m_transcript, &TranscriptView::regenerateRequested, this, [this](int index) {
        QString why;
        if (!session()->regenerate(index, &why) &&
            (session()->refusal().kind != ErrorKind::Budget ||
             !offerOverBudget(why, [this, index] { return session()->regenerate(index); })))
            statusBar()->showMessage(why, 4000);
    });
    connect(m_transcript, &TranscriptView::editRequested, this,
            [this](int index, const QString &text) {
                QString why;
                if (session()->edit(index, text, &why))
                    return;
                if (session()->refusal().kind == ErrorKind::Budget &&
                    offerOverBudget(why, [this, index, text] {
                        return session()->edit(index, text) != nullptr;
                    }))
                    return;
                statusBar()->showMessage(why, 4000);
                // The words typed are not lost: back where a prompt is written.
                if (session()->refusal().kind == ErrorKind::Budget &&
                    m_composer->toPlainText().trimmed().isEmpty())
                    m_composer->setPlainText(text);
            });
    connect(m_transcript, &TranscriptView::deleteVersionRequested, this,
            &MainWindow::deleteVersion);
    connect(m_transcript, &TranscriptView::continueRequested, this, [this](int index) {
        if (index != conversation()->count() - 1) {
            statusBar()->showMessage(tr("Only the last answer can go on in a new turn; Retry with "
                                        "a higher limit makes a new version of this one."),
                                     6000);
            return;
        }
        QString why;
        if (!session()->continueAnswer(&why))
            statusBar()->showMessage(why, 4000);
    });
    connect(m_transcript, &TranscriptView::retryHigherRequested, this, [this](int index) {
        QString why;
        if (!session()->retryWithHigherLimit(index, &why) &&
            (session()->refusal().kind != ErrorKind::Budget || !offerOverBudget(why, [this, index] {
                 return session()->retryWithHigherLimit(index) != nullptr;
             })))
            statusBar()->showMessage(why, 4000);
    });
    connect(m_transcript, &TranscriptView::forkRequested, this, [this](int index) {
        if (session()->isBusy())
            statusBar()->showMessage(tr("Wait for the answer before you fork."), 4000);
        else
            m_app->forkConversation(index);
    });
    connect(m_app->library(), &ConversationLibrary::listChanged, this,
            [this] { m_list->setCurrent(conversation()->id()); });
    showConversation(conversation());
    onEngineChanged();
    restoreLayout();
    m_composer->setFocus();
}

MainWindow::~MainWindow()
{
    // The tray is a child: it is destroyed after this body, and says it changed as it goes.
    if (m_tray)
        m_tray->disconnect(this);
}

void MainWindow::buildCentre()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 6);
    layout->setSpacing(6);
    m_transcript = new TranscriptView(central);
    m_previews = new AttachmentPreviews(m_app, this);
    m_transcript->setPreviews(m_previews);
    layout->addWidget(m_transcript, 1);

    // The message's files, above where it is written.
    m_tray = new AttachmentTray(m_app, central);
    layout->addWidget(m_tray);
    auto *bottom = new QHBoxLayout;
    bottom->setContentsMargins(8, 0, 8, 0);
    m_attach = new QToolButton(central);
    m_attach->setIcon(QIcon(QStringLiteral(":/breakwater/icons/attach.svg")));
    m_attach->setAutoRaise(true);
    m_attach->setAccessibleName(tr("Attach files"));
    m_attach->setToolTip(tr("Attach images, PDFs or text files (or drop them on the window, or "
                            "paste them)"));
    m_composer = new Composer(central);
    m_sendStop = new QPushButton(central);
    m_sendStop->setMinimumWidth(90);
    bottom->addWidget(m_attach, 0, Qt::AlignBottom);
    bottom->addWidget(m_composer, 1);
    bottom->addWidget(m_sendStop, 0, Qt::AlignBottom);
    layout->addLayout(bottom);
    setCentralWidget(central);
    m_tray->acceptDropsOn(this);
    connect(m_attach, &QToolButton::clicked, this, &MainWindow::chooseAttachments);
    connect(m_composer, &Composer::filesPasted, m_tray, &AttachmentTray::addFiles);
    connect(m_composer, &Composer::imagePasted, m_tray, &AttachmentTray::addImage);
    connect(m_tray, &AttachmentTray::changed, this, [this] {
        m_composer->setHasAttachments(m_tray->count() > 0);
        if (m_gaugeTimer)
            m_gaugeTimer->start();
    });

    connect(m_composer, &Composer::sendRequested, this, &MainWindow::send);
    connect(m_composer, &Composer::stopRequested, this, &MainWindow::stop);
    connect(m_sendStop, &QPushButton::clicked, this, [this] {
        if (session()->isBusy())
            stop();
        else
            send(m_composer->toPlainText());
    });
    updateBusy(false);

    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setMovable(false);
    auto *newAction = toolbar->addAction(QIcon(QStringLiteral(":/breakwater/icons/new.svg")),
                                         tr("New"), m_app, &Application::newConversation);
    newAction->setToolTip(tr("New conversation (Ctrl+N)"));
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr(" Model: "), toolbar));
    m_model = new QComboBox(toolbar);
    m_model->setEditable(true);
    m_model->setMinimumContentsLength(18);
    m_model->setAccessibleName(tr("Model"));
    m_model->setToolTip(tr("The model that answers; the list comes from the API"));
    toolbar->addWidget(m_model);
    connect(m_model, &QComboBox::currentTextChanged, this, &MainWindow::onModelChosen);
    m_thinking = new ThinkingPicker(toolbar);
    toolbar->addWidget(m_thinking);
    connect(m_thinking, &ThinkingPicker::chosen, this, [this](const ThinkingConfig &config) {
        conversation()->setThinking(config); // this conversation's own from now on
    });
    toolbar->addSeparator();
    toolbar->addAction(QIcon(QStringLiteral(":/breakwater/icons/settings.svg")), tr("Settings"),
                       this, &MainWindow::openSettings);
}

void MainWindow::buildDocks()
{
    auto addDock = [this](const QString &title, const QString &name, QWidget *panel,
                          Qt::DockWidgetArea area) {
        auto *dock = new QDockWidget(title, this);
        dock->setObjectName(name);
        dock->setWidget(panel);
        dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                          QDockWidget::DockWidgetFloatable);
        addDockWidget(area, dock);
        return dock;
    };
    m_stats = new StatsPanel(this);
    m_stats->setSession(session());
    m_resilience = new ResiliencePanel(this);
    m_resilience->setSession(session());
    m_resilience->setEngine(m_app->engine());
    m_resilience->setCatalogue(m_app->models());
    m_summary = new SummaryPanel(this);
    m_summary->setSession(session());
    m_list = new ConversationList(m_app->library(), this);
    addDock(tr("Conversations"), QStringLiteral("conversationsDock"), m_list,
            Qt::LeftDockWidgetArea);
    connect(m_list, &ConversationList::openRequested, m_app, &Application::openConversation);
    connect(m_list, &ConversationList::renameRequested, m_app, &Application::renameConversation);
    connect(m_list, &ConversationList::deleteRequested, this, &MainWindow::deleteConversation);
    connect(m_list, &ConversationList::exportRequested, this, &MainWindow::exportMarkdown);
    auto *statsDock =
        addDock(tr("Stats"), QStringLiteral("statsDock"), m_stats, Qt::RightDockWidgetArea);
    auto *resilienceDock = addDock(tr("Resilience"), QStringLiteral("resilienceDock"), m_resilience,
                                   Qt::RightDockWidgetArea);
    auto *summaryDock =
        addDock(tr("Summary"), QStringLiteral("summaryDock"), m_summary, Qt::RightDockWidgetArea);
    tabifyDockWidget(resilienceDock, summaryDock);
    resilienceDock->raise();
    resizeDocks({statsDock, resilienceDock}, {360, 360}, Qt::Horizontal);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New conversation"), QKeySequence::New, m_app,
                    &Application::newConversation);
    file->addAction(tr("&Open…"), QKeySequence::Open, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a conversation"),
                                                          m_app->conversationsFolder(),
                                                          tr("Breakwater conversations (*.json)"));
        if (!path.isEmpty())
            m_app->openConversation(path);
    });
    file->addAction(tr("&Import…"), this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Import a conversation"), QDir::homePath(),
                                         tr("Breakwater conversations (*.json)"));
        if (!path.isEmpty())
            m_app->importConversation(path);
    });
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save the conversation as"),
            QDir::homePath() + QLatin1Char('/') + conversation()->title() + QStringLiteral(".json"),
            tr("Breakwater conversations (*.json)"));
        if (!path.isEmpty())
            m_app->saveConversationAs(path);
    });
    file->addAction(tr("&Export as Markdown…"), this, [this] { exportMarkdown(QString()); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *chat = menuBar()->addMenu(tr("&Chat"));
    chat->addAction(tr("&Stop answer"), QKeySequence(Qt::CTRL | Qt::Key_Period), this,
                    &MainWindow::stop);
    chat->addAction(tr("Focus the &message box"), QKeySequence(Qt::CTRL | Qt::Key_L), this,
                    [this] { m_composer->setFocus(); });
    chat->addAction(tr("&Reset circuit breakers"), this,
                    [this] { m_app->engine()->resetBreakers(); });

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(tr("&Usage…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U), this,
                          &MainWindow::openUsageWindow);
    m_viewMenu->addSeparator();
    for (QDockWidget *d : findChildren<QDockWidget *>())
        m_viewMenu->addAction(d->toggleViewAction());

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(tr("&Batch…"), QKeySequence(Qt::CTRL | Qt::Key_B), this,
                     &MainWindow::openBatchWindow);
    tools->addAction(tr("&Settings…"), QKeySequence::Preferences, this, &MainWindow::openSettings);
    tools
        ->addAction(tr("Settings…"), QKeySequence(Qt::CTRL | Qt::Key_Comma), this,
                    &MainWindow::openSettings)
        ->setVisible(false);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Breakwater"), this, [this] {
        QMessageBox::about(
            this, tr("About Breakwater"),
            tr("<b>Breakwater %1</b><p>A resilient native desktop client for Claude. It retries "
               "with "
               "backoff and jitter, honours the server's retry hints, trips a circuit breaker when "
               "the "
               "service is sick, ends stalled streams and keeps every word that arrived.</p>")
                .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::buildStatusBar()
{
    m_profileLabel = new QLabel(this);
    m_modelLabel = new QLabel(this);
    m_statusBreaker = new BreakerIndicator(BreakerIndicator::Size::Compact, this);
    m_demoBadge = new QLabel(tr(" DEMO · built-in simulator "), this);
    m_demoBadge->setAutoFillBackground(true);
    QPalette p = m_demoBadge->palette();
    p.setColor(QPalette::Window, QColor(0x3d, 0x7a, 0xd6));
    p.setColor(QPalette::WindowText, Qt::white);
    m_demoBadge->setPalette(p);
    m_demoBadge->setAccessibleName(tr("Demo mode"));
    m_demoBadge->setToolTip(tr(
        "Answers come from Breakwater's built-in simulator, not from Claude. Enter an API key in "
        "Settings to talk to Claude."));
    statusBar()->addPermanentWidget(m_demoBadge);
    statusBar()->addPermanentWidget(m_profileLabel);
    m_gauge = new QLabel(this);
    m_gauge->setAccessibleName(tr("Context used"));
    statusBar()->addPermanentWidget(m_gauge);
    statusBar()->addPermanentWidget(m_modelLabel);
    statusBar()->addPermanentWidget(m_statusBreaker);
}

QDockWidget *MainWindow::dock(const QString &objectName) const
{
    return findChild<QDockWidget *>(objectName);
}

ChatSession *MainWindow::session() const
{
    return m_app->session();
}

Conversation *MainWindow::conversation() const
{
    return m_app->conversation();
}

Autosaver *MainWindow::autosaver() const
{
    return m_app->autosaver();
}

void MainWindow::onEngineChanged()
{
    const EngineSettings &s = m_app->settings();
    m_profileLabel->setText(tr("Profile: %1").arg(s.profile));
    m_demoBadge->setVisible(m_app->isDemo());
    if (m_app->isDemo() && !m_simulator) {
        m_simulator = new SimulatorPanel(m_app->simulator(), this);
        m_simulator->setSession(session());
        m_simulator->setSession(session());
        m_simulatorDock = new QDockWidget(tr("Simulator"), this);
        m_simulatorDock->setObjectName(QStringLiteral("simulatorDock"));
        m_simulatorDock->setWidget(m_simulator);
        addDockWidget(Qt::LeftDockWidgetArea, m_simulatorDock);
        if (m_viewMenu)
            m_viewMenu->addAction(m_simulatorDock->toggleViewAction());
    }
    if (m_simulatorDock)
        m_simulatorDock->setVisible(m_app->isDemo());
    m_model->blockSignals(true);
    m_model->setCurrentText(s.model);
    m_model->blockSignals(false);
    setModels(m_app->models()->models());
    m_summary->setSession(session());
    updateTitle();
}

void MainWindow::setModels(const QList<ModelInfo> &models)
{
    // Display names, ids behind them. The chosen model stays first when the API does not list
    // it (a gateway's alias).
    const QString current = m_app->settings().model;
    const QLocale l;
    m_model->blockSignals(true);
    m_model->clear();
    bool listed = false;
    for (const ModelInfo &m : models)
        listed |= m.id == current;
    if (!listed && !current.isEmpty())
        m_model->addItem(current, current);
    for (const ModelInfo &m : models) {
        m_model->addItem(m.label(), m.id);
        m_model->setItemData(
            m_model->count() - 1,
            tr("%1 — context %2 tokens, answers up to %3 tokens")
                .arg(m.id, l.toString(m.contextWindow), l.toString(m.maxOutputTokens)),
            Qt::ToolTipRole);
    }
    m_model->setCurrentIndex(std::max(0, m_model->findData(current)));
    m_model->blockSignals(false);
    onModelChosen();
}

QString MainWindow::currentModelId() const
{
    const QString text = m_model->currentText().trimmed();
    const int i = m_model->findText(text, Qt::MatchExactly);
    return i >= 0 ? m_model->itemData(i).toString() : text;
}

void MainWindow::onModelChosen()
{
    const QString id = currentModelId();
    if (id.isEmpty())
        return;
    m_app->setModel(id);
    if (m_modelLabel)
        m_modelLabel->setText(id);
    // Overload is per model: the status bar shows the chosen model's breaker.
    if (m_statusBreaker) {
        m_statusBreaker->setBreaker(m_app->engine()->breakerFor(id));
        m_statusBreaker->setLabel(m_app->models()->info(id).label());
    }
    if (m_resilience)
        m_resilience->refreshLights();
    updateThinkingPicker();
    updateGauge();
}

void MainWindow::updateThinkingPicker()
{
    if (!m_thinking)
        return;
    m_thinking->setModelInfo(session()->modelInfo(), session()->effectiveMaxTokens());
    m_thinking->setCurrent(conversation()->thinking().value_or(session()->thinking()));
}

void MainWindow::updateGauge()
{
    if (!m_gauge)
        return;
    const ChatSession::ContextUse use =
        session()->estimateContext(m_composer->toPlainText(), m_tray->attachments());
    auto show = [this](const ChatSession::ContextUse &u) {
        const QLocale l;
        const int percent = int(std::lround(u.fraction() * 100));
        // 950, 12.3k, 200k, 1.2M: a glance, not a count (the tooltip has the count).
        auto compact = [&l](qint64 n) -> QString {
            if (n < 1000)
                return l.toString(n);
            if (n < 1'000'000)
                return l.toString(double(n) / 1000.0, 'f', n < 10'000 ? 1 : 0) + u'k';
            return l.toString(double(n) / 1e6, 'f', 1) + u'M';
        };
        m_gauge->setText(tr("Context %1%2 of %3 (%4%)")
                             .arg(u.counted ? QString() : QStringLiteral("~"), compact(u.tokens),
                                  compact(u.window))
                             .arg(percent));
        m_gauge->setToolTip(
            tr("About %1 of the %2 tokens %3 can read: the last answer's input as the API "
               "counted it, plus an estimate of what came since and of your draft%4.")
                .arg(l.toString(u.tokens), l.toString(u.window), session()->model(),
                     u.counted ? tr(" (confirmed with count_tokens)") : QString()));
        QPalette p = m_gauge->palette();
        p.setColor(QPalette::WindowText, u.fraction() >= 1.0 ? QColor(0xd3, 0x2f, 0x2f)
                                         : u.fraction() >= 0.8
                                             ? QColor(0xc0, 0x7a, 0x00)
                                             : palette().color(QPalette::WindowText));
        m_gauge->setPalette(p);
    };
    show(use);
    // Close to the limit an estimate is not enough: count_tokens says exactly (once the draft
    // rests).
    if (use.fraction() >= 0.8 && !m_app->isDemo()) {
        const int serial = ++m_gaugeCountSerial;
        session()->countContext(
            m_composer->toPlainText(), this,
            [this, serial, show](const ChatSession::ContextUse &u) {
                if (serial == m_gaugeCountSerial)
                    show(u);
            },
            m_tray->attachments());
    }
}

bool MainWindow::confirmAttachments(const QList<Attachment> &attachments)
{
    if (m_tray->isPreparing()) {
        statusBar()->showMessage(tr("The attached files are still being prepared; send when "
                                    "they are ready."),
                                 5000);
        return false;
    }
    if (const QStringList problems = m_tray->problems(); !problems.isEmpty()) {
        QMessageBox::warning(this, tr("Files that cannot be sent"),
                             tr("Remove these files from the message first:\n\n%1")
                                 .arg(problems.join(QLatin1Char('\n'))));
        return false;
    }
    const AttachmentPreparer::Options can = m_app->attachments()->options();
    for (const Attachment &a : attachments) {
        const bool refused = (a.isImage() && !can.imagesAllowed) ||
                             (a.kind() == Attachment::Kind::Pdf && !can.pdfsAllowed);
        if (refused) {
            QMessageBox::warning(this, tr("Files the model does not read"),
                                 tr("%1 does not read “%2”. Remove it, or choose a model that "
                                    "reads images and PDFs.")
                                     .arg(can.model, a.name));
            return false;
        }
    }
    if (attachments.isEmpty())
        return true;
    // The whole request: the files of earlier messages go with every message.
    const qint64 bytes =
        RequestPreparer::estimate(conversation()->messages(), QString(), attachments).bytes;
    if (bytes <= Attachment::kMaxRequestBytes)
        return true;
    const QLocale l;
    QMessageBox::warning(
        this, tr("Too large to send"),
        tr("With these files the request would be about %1 MB; the API takes at most %2 MB. "
           "Nothing was sent. Remove a file, or start a new conversation (the files of earlier "
           "messages are sent again with every message).")
            .arg(l.toString(double(bytes) / 1e6, 'f', 1),
                 l.toString(double(Attachment::kMaxRequestBytes) / 1e6, 'f', 0)));
    return false;
}

bool MainWindow::confirmFits(const QString &text, const QList<Attachment> &attachments)
{
    const ChatSession::ContextUse use = session()->estimateContext(text, attachments);
    if (use.fits())
        return true;
    const QLocale l;
    QMessageBox ask(QMessageBox::Warning, tr("The conversation will not fit"),
                    tr("This conversation is about %1 tokens; %2 reads at most %3. The request "
                       "would be refused or cut off.")
                        .arg(l.toString(use.tokens), session()->model(), l.toString(use.window)),
                    QMessageBox::Cancel, this);
    ask.setInformativeText(tr("Compress the older turns into a summary first (the transcript "
                              "stays whole), or send as it is."));
    QPushButton *compress = ask.addButton(tr("Compress and send"), QMessageBox::AcceptRole);
    QPushButton *anyway = ask.addButton(tr("Send anyway"), QMessageBox::DestructiveRole);
    ask.setDefaultButton(compress);
    ask.exec();
    if (ask.clickedButton() == anyway)
        return true;
    if (ask.clickedButton() == compress && session()->compressor()) {
        QPointer<MainWindow> self(this);
        session()->compressor()->compressNow(
            conversation(), [self, text, attachments](const ContextCompressor::Outcome &o) {
                if (!self)
                    return;
                if (o.kind == ContextCompressor::Outcome::Kind::Failed) {
                    QMessageBox::warning(self, tr("Not compressed"), o.message);
                    return;
                }
                QString why;
                if (self->session()->send(text, attachments, &why)) {
                    self->m_composer->clear();
                    self->m_tray->clear();
                } else {
                    self->statusBar()->showMessage(why, 4000);
                }
            });
    }
    return false;
}

void MainWindow::updateBusy(bool busy)
{
    m_sendStop->setText(busy ? tr("Stop") : tr("Send"));
    m_sendStop->setIcon(QIcon(busy ? QStringLiteral(":/breakwater/icons/stop.svg")
                                   : QStringLiteral(":/breakwater/icons/send.svg")));
    m_sendStop->setToolTip(busy ? tr("Stop the answer (Esc); what arrived is kept")
                                : tr("Send (Enter)"));
    m_sendStop->setAccessibleName(busy ? tr("Stop") : tr("Send"));
}

void MainWindow::updateTitle()
{
    QString title = conversation()->title().isEmpty()
                        ? tr("Breakwater")
                        : conversation()->title() + QStringLiteral(" — Breakwater");
    if (m_app->isDemo())
        title += tr(" (Demo)");
    setWindowTitle(title);
}

bool MainWindow::send(const QString &text)
{
    const QList<Attachment> files = m_tray->attachments();
    if (m_tray->count() > 0 && !session()->isBusy() && !confirmAttachments(files))
        return false;
    if ((!text.trimmed().isEmpty() || !files.isEmpty()) && !session()->isBusy() &&
        !confirmFits(text, files))
        return false;
    QString why;
    if (!session()->send(text, files, &why)) {
        statusBar()->showMessage(why, 4000);
        return false;
    }
    m_composer->clear();
    m_tray->clear(); // the conversation holds them now
    return true;
}

void MainWindow::chooseAttachments()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Attach files"),
                                                            QDir::homePath(), m_tray->fileFilter());
    if (!files.isEmpty())
        m_tray->addFiles(files);
}

void MainWindow::stop()
{
    session()->stop();
}

void MainWindow::showConversation(Conversation *conversation)
{
    m_transcript->setConversation(conversation);
    m_summary->setConversation(conversation);
    m_stats->setSession(session());
    connect(conversation, &Conversation::titleChanged, this, &MainWindow::updateTitle);
    // The gauge follows what the conversation becomes (not every streamed word: at the end).
    connect(conversation, &Conversation::messageChanged, m_gaugeTimer, qOverload<>(&QTimer::start));
    connect(conversation, &Conversation::summaryChanged, m_gaugeTimer, qOverload<>(&QTimer::start));
    connect(conversation, &Conversation::pathChanged, m_gaugeTimer, qOverload<>(&QTimer::start));
    updateThinkingPicker();
    updateGauge();
    m_list->setCurrent(conversation->id());
    updateTitle();
    m_composer->setFocus();
}

void MainWindow::exportMarkdown(const QString &sourcePath)
{
    const QString title = sourcePath.isEmpty() ? conversation()->title() : QString();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export as Markdown"),
        QDir::homePath() + QLatin1Char('/') + (title.isEmpty() ? tr("conversation") : title) +
            QStringLiteral(".md"),
        tr("Markdown (*.md)"));
    if (!path.isEmpty())
        m_app->exportMarkdown(sourcePath, path);
}

void MainWindow::deleteVersion(int index)
{
    if (session()->isBusy()) {
        statusBar()->showMessage(tr("Wait for the answer before you delete a version."), 4000);
        return;
    }
    QMessageBox ask(QMessageBox::Question, tr("Delete this version"),
                    tr("Delete this version of the message, and everything that followed it? "
                       "The other versions stay. This cannot be undone."),
                    QMessageBox::Cancel, this);
    QPushButton *remove = ask.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    ask.setDefaultButton(QMessageBox::Cancel);
    ask.exec();
    if (ask.clickedButton() == remove)
        conversation()->removeVersion(index);
}

void MainWindow::deleteConversation(const QString &path, const QString &title)
{
    QMessageBox ask(QMessageBox::Question, tr("Delete conversation"),
                    tr("Delete “%1” for good? This cannot be undone.").arg(title),
                    QMessageBox::Cancel, this);
    QPushButton *remove = ask.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    ask.setDefaultButton(QMessageBox::Cancel);
    ask.exec();
    if (ask.clickedButton() == remove)
        m_app->deleteConversation(path);
}

BatchWindow *MainWindow::openBatchWindow()
{
    if (!m_batch)
        m_batch = new BatchWindow(m_app, this);
    m_batch->show();
    m_batch->raise();
    m_batch->activateWindow();
    return m_batch;
}

UsageWindow *MainWindow::openUsageWindow()
{
    if (!m_usage)
        m_usage = new UsageWindow(m_app, this);
    m_usage->show();
    m_usage->raise();
    m_usage->activateWindow();
    return m_usage;
}

void MainWindow::offerOverBudget(int index, const QString &why)
{
    if (session()->isBusy() || index < 0 || index >= conversation()->count())
        return;
    offerOverBudget(why, [this, index] { return session()->retry(index) != nullptr; });
}

bool MainWindow::offerOverBudget(const QString &why, const std::function<bool()> &again)
{
    QMessageBox ask(QMessageBox::Warning, tr("Budget reached"), why, QMessageBox::Cancel, this);
    ask.setTextFormat(Qt::PlainText);
    ask.setInformativeText(tr("Nothing was sent; your message is kept. Budgets are set per "
                              "profile in Settings → Spending."));
    QPushButton *anyway = ask.addButton(tr("Send this one anyway"), QMessageBox::AcceptRole);
    ask.setDefaultButton(QMessageBox::Cancel);
    ask.exec();
    if (ask.clickedButton() != anyway)
        return false;
    session()->allowNextOverBudget();
    if (again())
        return true;
    session()->allowNextOverBudget(false);
    statusBar()->showMessage(tr("The answer can no longer be sent again."), 4000);
    return true; // said
}

void MainWindow::openSettings()
{
    SettingsStore &store = m_app->settingsStore();
    EngineSettings current = m_app->isDemo() ? store.load() : m_app->settings();
    current.model = currentModelId();
    SettingsDialog dialog(current, store.appearance(), store.profiles(), this);
    dialog.setModels(m_app->models()->models());
    dialog.setProfileLoader([&store](const QString &profile) { return store.load(profile); });
    dialog.setKeyStatus(tr("checking…"));
    m_app->findKey(current.profile, &dialog, [&dialog](const ApiKeySource::Lookup &l) {
        dialog.setKeyStatus(l.key.isEmpty()
                                ? tr("none — %1").arg(l.problem)
                                : tr("%1: %2").arg(l.originText(), ApiKeyStore::mask(l.key)));
    });
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!m_app->applySettings(dialog.values(), dialog.newKey(), dialog.removeKeyRequested(),
                              &error)) {
        QMessageBox::warning(this, tr("Settings not saved"),
                             tr("The settings could not be saved: %1").arg(error));
        return;
    }
    store.setAppearance(dialog.appearance());
    applyAppearance(dialog.appearance());
}

void MainWindow::saveLayout()
{
    m_app->settingsStore().setUiValue(QStringLiteral("geometry"), saveGeometry());
    m_app->settingsStore().setUiValue(QStringLiteral("state"), saveState());
}

void MainWindow::restoreLayout()
{
    const QByteArray geometry =
        m_app->settingsStore().uiValue(QStringLiteral("geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1280, 820);
    restoreState(m_app->settingsStore().uiValue(QStringLiteral("state")).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_app->shutdown(); // what arrived stays, and is on disk
    saveLayout();
    event->accept();
}

} // namespace bw::ui
