#pragma once

#include "api/attachment.h"
#include "api/modelinfo.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>

class QComboBox;
class QDockWidget;
class QLabel;
class QPushButton;
class QTimer;
class QToolButton;

namespace bw {
class Application;
class Autosaver;
class ChatSession;
class Conversation;
} // namespace bw

namespace bw::ui {

class AttachmentPreviews;
class AttachmentTray;
class BatchWindow;
class BreakerIndicator;
class Composer;
class ConversationList;
class ResiliencePanel;
class SimulatorPanel;
class StatsPanel;
class SummaryPanel;
class ThinkingPicker;
class TranscriptView;
class UsageWindow;

// The chat window: transcript in the centre, composer below, and dockable panels that show the
// machinery live — token statistics, the resilience engine, the conversation summary, and in
// demo mode the simulator. A view over the Application: it composes nothing of the engine and
// touches no file itself.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Application *app, QWidget *parent = nullptr);
    ~MainWindow() override;

    Application *application() const { return m_app; }
    ChatSession *session() const;
    Conversation *conversation() const;
    Autosaver *autosaver() const;
    TranscriptView *transcript() const { return m_transcript; }
    Composer *composer() const { return m_composer; }
    AttachmentTray *attachmentTray() const { return m_tray; }
    QToolButton *attachButton() const { return m_attach; }
    AttachmentPreviews *attachmentPreviews() const { return m_previews; }
    StatsPanel *statsPanel() const { return m_stats; }
    ResiliencePanel *resiliencePanel() const { return m_resilience; }
    SummaryPanel *summaryPanel() const { return m_summary; }
    SimulatorPanel *simulatorPanel() const { return m_simulator; }
    BreakerIndicator *statusBreaker() const { return m_statusBreaker; }
    QComboBox *modelPicker() const { return m_model; }
    ThinkingPicker *thinkingPicker() const { return m_thinking; }
    QLabel *contextGauge() const { return m_gauge; }
    ConversationList *conversationList() const { return m_list; }
    QDockWidget *dock(const QString &objectName) const;

    bool send(const QString &text);
    // The paperclip: a file dialog, then the files go to the tray.
    void chooseAttachments();
    void stop();
    // Asks before deleting; the file goes in the background.
    void deleteConversation(const QString &path, const QString &title);
    void exportMarkdown(const QString &sourcePath);
    // Asks before deleting the version shown at `index` (and what followed it).
    void deleteVersion(int index);
    void openSettings();
    BatchWindow *openBatchWindow();
    UsageWindow *openUsageWindow();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildCentre();
    void buildDocks();
    void buildMenus();
    void buildStatusBar();
    void showConversation(Conversation *conversation);
    void onEngineChanged();
    void setModels(const QList<ModelInfo> &models);
    QString currentModelId() const; // the picked item's id, or the id typed in
    void onModelChosen();
    void updateThinkingPicker();
    void updateGauge();
    // Before a prompt goes out: true to send now; false when the user chose otherwise (cancel,
    // or compress first and send after).
    bool confirmFits(const QString &text, const QList<Attachment> &attachments);
    // The attachments can go: ready, of types the model reads, and the request within the API's
    // size; else says why, and false.
    bool confirmAttachments(const QList<Attachment> &attachments);
    void updateBusy(bool busy);
    // An answer was not sent because a budget is reached: says which, and offers to send it
    // anyway.
    void offerOverBudget(int index, const QString &why);
    // A new version a budget refused before it was made: asks, and `again` makes it anyway
    // (true when it went out).
    bool offerOverBudget(const QString &why, const std::function<bool()> &again);
    void updateTitle();
    void saveLayout();
    void restoreLayout();

    Application *m_app;
    ConversationList *m_list = nullptr;
    QPointer<BatchWindow> m_batch;
    QPointer<UsageWindow> m_usage;
    TranscriptView *m_transcript = nullptr;
    Composer *m_composer = nullptr;
    AttachmentTray *m_tray = nullptr;
    AttachmentPreviews *m_previews = nullptr;
    QToolButton *m_attach = nullptr;
    QPushButton *m_sendStop = nullptr;
    QComboBox *m_model = nullptr;
    ThinkingPicker *m_thinking = nullptr;
    QLabel *m_gauge = nullptr;
    QTimer *m_gaugeTimer = nullptr;
    int m_gaugeCountSerial = 0;
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
