#pragma once

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QComboBox;
class QDockWidget;
class QLabel;
class QPushButton;

namespace bw {
class ApiKeyStore;
class Autosaver;
class ChatSession;
class ContextCompressor;
class Conversation;
class ConversationStore;
class SettingsStore;
} // namespace bw

namespace bw::ui {

class Backend;
class BatchWindow;
class BreakerIndicator;
class Composer;
class ConversationList;
class ResiliencePanel;
class SimulatorPanel;
class StatsPanel;
class SummaryPanel;
class TranscriptView;

// The chat window: transcript in the centre, composer below, and dockable panels that show the
// machinery live — token statistics, the resilience engine, the conversation summary, and in
// demo mode the simulator.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(Backend *backend, SettingsStore *settings, ApiKeyStore *keys,
               ConversationStore *store, QWidget *parent = nullptr);
    ~MainWindow() override;

    ChatSession *session() const { return m_session; }
    Conversation *conversation() const { return m_conversation; }
    TranscriptView *transcript() const { return m_transcript; }
    Composer *composer() const { return m_composer; }
    StatsPanel *statsPanel() const { return m_stats; }
    ResiliencePanel *resiliencePanel() const { return m_resilience; }
    SummaryPanel *summaryPanel() const { return m_summary; }
    SimulatorPanel *simulatorPanel() const { return m_simulator; }
    BreakerIndicator *statusBreaker() const { return m_statusBreaker; }
    QComboBox *modelPicker() const { return m_model; }
    QDockWidget *dock(const QString &objectName) const;

    bool send(const QString &text);
    void stop();
    void newConversation();
    // Opens a conversation file (from the store or anywhere); false, with a message shown and
    // nothing changed, when it cannot be read.
    bool openConversation(const QString &path);
    bool saveConversationAs(const QString &path);
    void exportMarkdown(const QString &sourcePath);
    void renameConversation(const QString &id, const QString &title);
    void deleteConversation(const QString &id, const QString &title);
    ConversationList *conversationList() const { return m_list; }
    Autosaver *autosaver() const { return m_autosaver; }
    void openSettings();
    BatchWindow *openBatchWindow();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildCentre();
    void buildDocks();
    void buildMenus();
    void buildStatusBar();
    void setConversation(Conversation *conversation, const QString &path);
    void onBackendChanged();
    void refreshModels();
    void setModels(const QStringList &models);
    void updateBusy(bool busy);
    void updateTitle();
    void saveLayout();
    void restoreLayout();
    void applySettings(const class SettingsDialog &dialog);

    Backend *m_backend;
    SettingsStore *m_settings;
    ApiKeyStore *m_keys;
    ConversationStore *m_store;
    Autosaver *m_autosaver;
    ConversationList *m_list = nullptr;
    QPointer<BatchWindow> m_batch;
    QTimer m_listRefresh;
    Conversation *m_conversation;
    ChatSession *m_session;
    ContextCompressor *m_compressor;
    TranscriptView *m_transcript = nullptr;
    Composer *m_composer = nullptr;
    QPushButton *m_sendStop = nullptr;
    QComboBox *m_model = nullptr;
    StatsPanel *m_stats = nullptr;
    ResiliencePanel *m_resilience = nullptr;
    SummaryPanel *m_summary = nullptr;
    SimulatorPanel *m_simulator = nullptr;
    QDockWidget *m_simulatorDock = nullptr;
    QMenu *m_viewMenu = nullptr;
    QLabel *m_profileLabel = nullptr;
    QLabel *m_modelLabel = nullptr;
    QLabel *m_demoBadge = nullptr;
    BreakerIndicator *m_statusBreaker = nullptr;
};

} // namespace bw::ui
