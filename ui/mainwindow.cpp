#include "mainwindow.h"

#include "api/anthropicclient.h"
#include "backend.h"
#include "batchwindow.h"
#include "breakerindicator.h"
#include "chat/autosaver.h"
#include "chat/chatsession.h"
#include "chat/contextcompressor.h"
#include "chat/conversation.h"
#include "chat/conversationstore.h"
#include "composer.h"
#include "conversationlist.h"
#include "resilience/resilientclient.h"
#include "resiliencepanel.h"
#include "secrets/apikeysource.h"
#include "settings/settingsstore.h"
#include "settingsdialog.h"
#include "simulatorpanel.h"
#include "statspanel.h"
#include "summarypanel.h"
#include "theme.h"
#include "transcriptview.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace bw::ui {

namespace {
const QStringList kFallbackModels = {
    QStringLiteral("claude-sonnet-4-6"), QStringLiteral("claude-opus-4-8"),
    QStringLiteral("claude-opus-5-5"), QStringLiteral("claude-haiku-4-5")};
}

MainWindow::MainWindow(Backend *backend, SettingsStore *settings, ApiKeyStore *keys,
                       ConversationStore *store, QWidget *parent)
    : QMainWindow(parent)
    , m_backend(backend)
    , m_settings(settings)
    , m_keys(keys)
    , m_store(store)
    , m_autosaver(new Autosaver(store, this))
    , m_conversation(new Conversation(this))
    , m_session(new ChatSession(backend->engine(), m_conversation, &backend->prices(), this))
    , m_compressor(new ContextCompressor(backend->engine(), this))
{
    m_session->setCompressor(m_compressor);
    setWindowIcon(QIcon(QStringLiteral(":/breakwater/icons/breakwater.svg")));
    buildCentre();
    buildDocks();
    buildMenus();
    buildStatusBar();
    connect(m_backend, &Backend::changed, this, &MainWindow::onBackendChanged);
    connect(m_session, &ChatSession::busyChanged, this, &MainWindow::updateBusy);
    connect(m_conversation, &Conversation::titleChanged, this, &MainWindow::updateTitle);
    connect(m_transcript, &TranscriptView::retryRequested, this,
            [this](int index) { m_session->retry(index); });
    m_autosaver->setConversation(m_conversation);
    connect(m_autosaver, &Autosaver::saveFailed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("Not saved: %1").arg(message), 10000);
    });
    // The list follows saves, at most twice a second.
    m_listRefresh.setSingleShot(true);
    m_listRefresh.setInterval(500);
    connect(&m_listRefresh, &QTimer::timeout, this, [this] {
        m_list->refresh();
        m_list->setCurrent(m_conversation->id());
    });
    connect(m_autosaver, &Autosaver::saved, this, [this] {
        if (!m_listRefresh.isActive())
            m_listRefresh.start();
    });
    onBackendChanged();
    restoreLayout();
    m_list->refresh();
    m_composer->setFocus();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildCentre()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 6);
    layout->setSpacing(6);
    m_transcript = new TranscriptView(central);
    m_transcript->setConversation(m_conversation);
    layout->addWidget(m_transcript, 1);

    auto *bottom = new QHBoxLayout;
    bottom->setContentsMargins(8, 0, 8, 0);
    m_composer = new Composer(central);
    m_sendStop = new QPushButton(central);
    m_sendStop->setMinimumWidth(90);
    bottom->addWidget(m_composer, 1);
    bottom->addWidget(m_sendStop, 0, Qt::AlignBottom);
    layout->addLayout(bottom);
    setCentralWidget(central);

    connect(m_composer, &Composer::sendRequested, this, &MainWindow::send);
    connect(m_composer, &Composer::stopRequested, this, &MainWindow::stop);
    connect(m_sendStop, &QPushButton::clicked, this, [this] {
        if (m_session->isBusy())
            stop();
        else
            send(m_composer->toPlainText());
    });
    updateBusy(false);

    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setMovable(false);
    auto *newAction = toolbar->addAction(QIcon(QStringLiteral(":/breakwater/icons/new.svg")),
                                         tr("New"), this, &MainWindow::newConversation);
    newAction->setToolTip(tr("New conversation (Ctrl+N)"));
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr(" Model: "), toolbar));
    m_model = new QComboBox(toolbar);
    m_model->setEditable(true);
    m_model->setMinimumContentsLength(18);
    m_model->setAccessibleName(tr("Model"));
    m_model->setToolTip(tr("The model that answers; the list comes from the API"));
    toolbar->addWidget(m_model);
    connect(m_model, &QComboBox::currentTextChanged, this, [this](const QString &model) {
        if (model.trimmed().isEmpty())
            return;
        m_session->setModel(model.trimmed());
        if (m_modelLabel)
            m_modelLabel->setText(model.trimmed());
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
    m_stats->setSession(m_session);
    m_resilience = new ResiliencePanel(this);
    m_resilience->setSession(m_session);
    m_resilience->setEngine(m_backend->engine());
    m_summary = new SummaryPanel(this);
    m_summary->setSession(m_session);
    m_summary->setConversation(m_conversation);
    m_list = new ConversationList(m_store, this);
    addDock(tr("Conversations"), QStringLiteral("conversationsDock"), m_list,
            Qt::LeftDockWidgetArea);
    connect(m_list, &ConversationList::openRequested, this, &MainWindow::openConversation);
    connect(m_list, &ConversationList::renameRequested, this, &MainWindow::renameConversation);
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
    file->addAction(tr("&New conversation"), QKeySequence::New, this, &MainWindow::newConversation);
    file->addAction(tr("&Open…"), QKeySequence::Open, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open a conversation"), m_store->directory(),
                                         tr("Breakwater conversations (*.json)"));
        if (!path.isEmpty())
            openConversation(path);
    });
    file->addAction(tr("&Import…"), this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Import a conversation"), QDir::homePath(),
                                         tr("Breakwater conversations (*.json)"));
        if (path.isEmpty())
            return;
        ConversationData imported;
        QString error;
        if (!m_store->importFile(path, &imported, &error)) {
            QMessageBox::warning(this, tr("Not imported"),
                                 tr("%1 could not be imported: %2").arg(path, error));
            return;
        }
        openConversation(m_store->pathFor(imported.id));
    });
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save the conversation as"),
            QDir::homePath() + QLatin1Char('/') + m_conversation->title() + QStringLiteral(".json"),
            tr("Breakwater conversations (*.json)"));
        if (!path.isEmpty())
            saveConversationAs(path);
    });
    file->addAction(tr("&Export as Markdown…"), this, [this] { exportMarkdown(QString()); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *chat = menuBar()->addMenu(tr("&Chat"));
    chat->addAction(tr("&Stop answer"), QKeySequence(Qt::CTRL | Qt::Key_Period), this,
                    &MainWindow::stop);
    chat->addAction(tr("Focus the &message box"), QKeySequence(Qt::CTRL | Qt::Key_L), this,
                    [this] { m_composer->setFocus(); });
    chat->addAction(tr("&Reset circuit breaker"), this, [this] {
        if (m_backend->engine()->breaker())
            m_backend->engine()->breaker()->reset();
    });

    m_viewMenu = menuBar()->addMenu(tr("&View"));
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
    statusBar()->addPermanentWidget(m_modelLabel);
    statusBar()->addPermanentWidget(m_statusBreaker);
}

QDockWidget *MainWindow::dock(const QString &objectName) const
{
    return findChild<QDockWidget *>(objectName);
}

void MainWindow::onBackendChanged()
{
    const EngineSettings &s = m_backend->settings();
    m_session->setMaxTokens(s.maxTokens);
    m_compressor->setSettings(s.compression);
    m_summary->setSession(m_session);
    m_conversation->setSystemPrompt(s.systemPrompt);
    m_statusBreaker->setBreaker(m_backend->engine()->breaker());
    m_profileLabel->setText(tr("Profile: %1").arg(s.profile));
    m_demoBadge->setVisible(m_backend->isDemo());
    if (m_backend->isDemo() && !m_simulator) {
        m_simulator = new SimulatorPanel(m_backend->simulator(), this);
        m_simulatorDock = new QDockWidget(tr("Simulator"), this);
        m_simulatorDock->setObjectName(QStringLiteral("simulatorDock"));
        m_simulatorDock->setWidget(m_simulator);
        addDockWidget(Qt::LeftDockWidgetArea, m_simulatorDock);
        if (m_viewMenu)
            m_viewMenu->addAction(m_simulatorDock->toggleViewAction());
    }
    if (m_simulatorDock)
        m_simulatorDock->setVisible(m_backend->isDemo());
    setModels(QStringList{s.model} + kFallbackModels);
    m_model->setCurrentText(s.model);
    refreshModels();
    updateTitle();
}

void MainWindow::setModels(const QStringList &models)
{
    const QString current = m_model->currentText();
    QStringList unique;
    for (const QString &m : models) {
        if (!m.isEmpty() && !unique.contains(m))
            unique << m;
    }
    m_model->blockSignals(true);
    m_model->clear();
    m_model->addItems(unique);
    m_model->setCurrentText(current.isEmpty() ? unique.value(0) : current);
    m_model->blockSignals(false);
    m_session->setModel(m_model->currentText());
    m_modelLabel->setText(m_model->currentText());
}

void MainWindow::refreshModels()
{
    JsonCall *call = m_backend->client()->listModels();
    connect(call, &ApiCall::finished, this, [this, call] {
        QStringList ids;
        for (const QJsonValue &v : call->json().value(QLatin1String("data")).toArray())
            ids << v.toObject().value(QLatin1String("id")).toString();
        if (!ids.isEmpty())
            setModels(QStringList{m_model->currentText()} + ids);
    });
    // On failure the configured list stays: the chat still works with the chosen model.
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
    QString title = m_conversation->title().isEmpty()
                        ? tr("Breakwater")
                        : m_conversation->title() + QStringLiteral(" — Breakwater");
    if (m_backend->isDemo())
        title += tr(" (Demo)");
    setWindowTitle(title);
}

bool MainWindow::send(const QString &text)
{
    QString why;
    if (!m_session->send(text, &why)) {
        statusBar()->showMessage(why, 4000);
        return false;
    }
    m_composer->clear();
    return true;
}

void MainWindow::stop()
{
    m_session->stop();
}

void MainWindow::setConversation(Conversation *conversation, const QString &path)
{
    m_session->stop(); // a running answer keeps what arrived, and is saved
    Conversation *old = m_conversation;
    m_conversation = conversation;
    m_autosaver->setConversation(conversation, path);
    m_session->setConversation(conversation);
    m_transcript->setConversation(conversation);
    m_summary->setConversation(conversation);
    m_stats->setSession(m_session);
    connect(conversation, &Conversation::titleChanged, this, &MainWindow::updateTitle);
    old->deleteLater();
    m_list->setCurrent(conversation->id());
    updateTitle();
    m_composer->setFocus();
}

void MainWindow::newConversation()
{
    auto *conversation = new Conversation(this);
    conversation->setSystemPrompt(m_backend->settings().systemPrompt);
    setConversation(conversation, QString());
}

bool MainWindow::openConversation(const QString &path)
{
    ConversationData file;
    QString error;
    if (!m_store->load(path, file, &error)) {
        // Nothing is lost: the file stays as it is and the current conversation stays open.
        QMessageBox::warning(
            this, tr("Cannot open the conversation"),
            tr("%1 cannot be opened: %2.\n\nThe file is left as it is.").arg(path, error));
        return false;
    }
    auto *conversation = new Conversation(this);
    file.applyTo(*conversation);
    // Files of the store are saved by id; a file opened from elsewhere is saved where it is.
    const bool inStore = QFileInfo(path).absoluteFilePath() ==
                         QFileInfo(m_store->pathFor(file.id)).absoluteFilePath();
    setConversation(conversation, inStore ? QString() : path);
    return true;
}

bool MainWindow::saveConversationAs(const QString &path)
{
    m_autosaver->setConversation(m_conversation, path);
    QString error;
    if (!m_autosaver->saveNow(&error)) {
        QMessageBox::warning(this, tr("Not saved"),
                             tr("The conversation could not be saved: %1").arg(error));
        return false;
    }
    statusBar()->showMessage(tr("Saved to %1; changes are saved there from now on.").arg(path),
                             6000);
    return true;
}

void MainWindow::exportMarkdown(const QString &sourcePath)
{
    ConversationData file = ConversationData::of(*m_conversation);
    QString error;
    if (!sourcePath.isEmpty() && !m_store->load(sourcePath, file, &error)) {
        QMessageBox::warning(this, tr("Not exported"), error);
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export as Markdown"),
                                                      QDir::homePath() + QLatin1Char('/') +
                                                          file.title + QStringLiteral(".md"),
                                                      tr("Markdown (*.md)"));
    if (path.isEmpty())
        return;
    if (!ConversationStore::writeAtomically(path, ConversationFile::toMarkdown(file).toUtf8(),
                                            &error))
        QMessageBox::warning(this, tr("Not exported"), error);
}

void MainWindow::renameConversation(const QString &id, const QString &title)
{
    if (id == m_conversation->id()) {
        m_conversation->setTitle(title); // saved by the autosaver
        return;
    }
    ConversationData file;
    QString error;
    if (!m_store->load(m_store->pathFor(id), file, &error) ||
        (file.title = title, !m_store->save(file, {}, 0, &error)))
        statusBar()->showMessage(tr("Not renamed: %1").arg(error), 8000);
    m_list->refresh();
}

void MainWindow::deleteConversation(const QString &id, const QString &title)
{
    QMessageBox ask(QMessageBox::Question, tr("Delete conversation"),
                    tr("Delete “%1” for good? This cannot be undone.").arg(title),
                    QMessageBox::Cancel, this);
    QPushButton *remove = ask.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    ask.setDefaultButton(QMessageBox::Cancel);
    ask.exec();
    if (ask.clickedButton() != remove)
        return;
    if (id == m_conversation->id()) {
        m_autosaver->setConversation(nullptr);
        newConversation();
    }
    QString error;
    if (!m_store->remove(id, &error))
        QMessageBox::warning(this, tr("Not deleted"), error);
    m_list->refresh();
}

BatchWindow *MainWindow::openBatchWindow()
{
    if (!m_batch)
        m_batch = new BatchWindow(m_backend->client(), this);
    EngineSettings s = m_backend->settings();
    s.model = m_model->currentText();
    m_batch->setSettings(s);
    m_batch->show();
    m_batch->raise();
    m_batch->activateWindow();
    return m_batch;
}

void MainWindow::openSettings()
{
    EngineSettings current = m_backend->isDemo() ? m_settings->load() : m_backend->settings();
    current.model = m_model->currentText();
    SettingsDialog dialog(current, m_settings->appearance(), m_settings->profiles(), this);
    QStringList models;
    for (int i = 0; i < m_model->count(); ++i)
        models << m_model->itemText(i);
    dialog.setModels(models);
    dialog.setProfileLoader([this](const QString &profile) { return m_settings->load(profile); });
    dialog.setKeyStatus(tr("checking…"));
    auto *source = new ApiKeySource(m_keys, &dialog);
    QPointer<SettingsDialog> guard(&dialog);
    source->find(current.profile, [guard](const ApiKeySource::Lookup &l) {
        if (guard)
            guard->setKeyStatus(l.key.isEmpty()
                                    ? tr("none — %1").arg(l.problem)
                                    : tr("%1: %2").arg(l.originText(), ApiKeyStore::mask(l.key)));
    });
    if (dialog.exec() == QDialog::Accepted)
        applySettings(dialog);
}

void MainWindow::applySettings(const SettingsDialog &dialog)
{
    const EngineSettings s = dialog.values();
    QString error;
    if (!m_settings->save(s, &error)) {
        QMessageBox::warning(this, tr("Settings not saved"),
                             tr("The settings could not be saved: %1").arg(error));
        return;
    }
    m_settings->setCurrentProfile(s.profile);
    m_settings->setAppearance(dialog.appearance());
    applyAppearance(dialog.appearance());
    auto connectWithKey = [this, s](const QByteArray &key) {
        if (key.isEmpty())
            m_backend->useDemo(s);
        else
            m_backend->useApi(s, key);
    };
    const QByteArray newKey = dialog.newKey();
    if (!newKey.isEmpty()) {
        m_keys->write(s.profile, newKey, [this, connectWithKey, newKey](const KeyResult &r) {
            if (!r.ok()) {
                QMessageBox::warning(this, tr("Key not stored"), r.message);
                return;
            }
            statusBar()->showMessage(tr("The API key is stored in the keychain."), 5000);
            connectWithKey(
                ApiKeySource::environmentKey().isEmpty() ? newKey : ApiKeySource::environmentKey());
        });
        return;
    }
    if (dialog.removeKeyRequested()) {
        m_keys->remove(s.profile, [this](const KeyResult &r) {
            statusBar()->showMessage(
                r.ok() ? tr("The API key was removed from the keychain.") : r.message, 6000);
        });
    }
    auto *source = new ApiKeySource(m_keys, this);
    source->find(s.profile, [source, connectWithKey, this](const ApiKeySource::Lookup &l) {
        if (l.key.isEmpty() && !m_backend->isDemo())
            statusBar()->showMessage(l.problem, 8000);
        connectWithKey(l.key);
        source->deleteLater();
    });
}

void MainWindow::saveLayout()
{
    m_settings->setUiValue(QStringLiteral("geometry"), saveGeometry());
    m_settings->setUiValue(QStringLiteral("state"), saveState());
}

void MainWindow::restoreLayout()
{
    const QByteArray geometry = m_settings->uiValue(QStringLiteral("geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1280, 820);
    restoreState(m_settings->uiValue(QStringLiteral("state")).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_session->stop(); // what arrived stays in the conversation...
    if (!m_conversation->isEmpty())
        m_autosaver->saveNow(); // ...and on disk
    m_autosaver->flush();
    saveLayout();
    event->accept();
}

} // namespace bw::ui
