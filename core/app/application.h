#pragma once

#include "chat/pricetable.h"
#include "chat/usagereport.h"
#include "secrets/apikeysource.h"
#include "settings/enginesettings.h"
#include "settings/settingsstore.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace bw {

class AnthropicClient;
class AttachmentLibrary;
class AttachmentStore;
class Autosaver;
class BreakerRegistry;
class ChatSession;
class Clock;
class ContextCompressor;
class Conversation;
class ConversationLibrary;
class ConversationStore;
class ModelCatalogue;
class RandomSource;
class ResilientClient;
class SpendMeter;
class StorageQueue;
namespace sim {
class ApiSimulator;
}

// Where the application keeps its files, and its sources of time and chance.
struct AppOptions
{
    QString settingsFile;        // empty: the platform's settings.ini
    QString conversationsFolder; // empty: the platform's data folder
    QString usageLedger;         // empty: usage.jsonl beside the conversations folder
    Clock *clock = nullptr;      // null: the system's
    RandomSource *random = nullptr;
};

// The application layer: composes the engine for one process — settings, the key, the client,
// the breaker registry, the chat session and its compressor, the conversation store with its
// storage thread, autosaver and list, the model catalogue, the batch engine, and in demo mode the
// simulator — and owns what a user does with files (open, import, save as, export, rename,
// delete) and with settings. No widgets: the window is a view over it, and so could a test be.
//
// File work runs on the storage thread; its outcome comes back as a signal (conversationChanged,
// notice, problem), never as a file read on the caller's thread.
class Application final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Application)

public:
    explicit Application(AppOptions options = {}, QObject *parent = nullptr);
    ~Application() override;

    Clock *clock() const { return m_clock; }
    SettingsStore &settingsStore() { return m_settingsStore; }
    ApiKeyStore *keys() const { return m_keys.get(); }
    AnthropicClient *client() const { return m_client; }
    BreakerRegistry *breakers() const { return m_breakers; }
    ResilientClient *engine() const { return m_engine; }
    // The batch runs' engine: the same client and breakers, more patience per item.
    ResilientClient *batchEngine() const { return m_batchEngine; }
    const PriceTable &prices() const { return m_prices; }
    // Why the prices file could not be used, if it could not (shown at start).
    const QStringList &priceProblems() const { return m_priceProblems; }
    ChatSession *session() const { return m_session; }
    ContextCompressor *compressor() const { return m_compressor; }
    Autosaver *autosaver() const { return m_autosaver; }
    ConversationLibrary *library() const { return m_library; }
    ModelCatalogue *models() const { return m_models; }
    // Records every request's usage in the ledger and checks the profile's budgets.
    SpendMeter *spendMeter() const { return m_spend; }
    // The ledger in use: the demo's simulator spends into a ledger of its own.
    QString usageLedgerPath() const;
    QString conversationsFolder() const;
    // Where the store keeps the conversation `id` (no file is read).
    QString conversationPath(const QString &id) const;
    // Blocks until every queued file operation is done (tests, quitting).
    void waitForStorage();
    sim::ApiSimulator *simulator() const { return m_sim; }
    AttachmentStore *attachmentStore() const { return m_attachments.get(); }
    // The prompts' files: prepared, held, shown (thumbnails), opened.
    AttachmentLibrary *attachments() const { return m_attachmentLibrary; }
    bool isDemo() const { return m_demo; }
    const EngineSettings &settings() const { return m_settings; }
    Conversation *conversation() const { return m_conversation; }

    // --- The engine
    void useApi(const EngineSettings &settings, const QByteArray &key);
    // Starts (once) the simulator on 127.0.0.1 and points the engine at it, with settings that
    // make the machinery quick to see: a short idle deadline, a breaker that opens after 3.
    void useDemo(const EngineSettings &settings);
    static EngineSettings demoSettings(EngineSettings base);
    // Where the profile's key comes from (environment or keychain), asynchronously.
    void findKey(const QString &profile, QObject *context,
                 std::function<void(const ApiKeySource::Lookup &)> done);
    // Connects with the profile's key (ANTHROPIC_API_KEY first, else the keychain); without one,
    // `noKey` decides (default: the demo).
    void connectProfile(const EngineSettings &settings,
                        std::function<void(const ApiKeySource::Lookup &)> noKey = {});
    // The model answers from now on.
    void setModel(const QString &model);
    // Saves the settings dialog's values (false with `error` when the file cannot be written),
    // stores or removes the key, and reconnects; notice()/problem() tell how it went.
    bool applySettings(const EngineSettings &settings, const QByteArray &newKey, bool removeKey,
                       QString *error);

    // --- Conversations
    void newConversation();
    // `showMessageId`: a message to show (on whichever branch it is), e.g. a search's match.
    void openConversation(const QString &path, const QString &showMessageId = {});
    void importConversation(const QString &path);
    void saveConversationAs(const QString &path);
    // `sourcePath` empty: the open conversation.
    void exportMarkdown(const QString &sourcePath, const QString &target);
    // By path: the list's entries are files, and two of them may carry the same id.
    void renameConversation(const QString &path, const QString &title);
    // A new conversation holding the shown path down to `index`, opened and saved.
    void forkConversation(int index);
    void deleteConversation(const QString &path);

    // --- Usage
    // The ledger summed up (its last `chartDays` days for the chart), read on the storage thread;
    // `done` runs on `context`'s thread.
    void usageReport(QObject *context, std::function<void(const UsageReport &)> done,
                     int chartDays = 30);
    // Writes the ledger's totals per day, profile, model and conversation as CSV to `path`
    // (atomically); notice() or problem() tells how it went.
    void exportUsageCsv(const QString &path);
    // Stops an answer (what arrived stays) and waits until everything is on disk.
    void shutdown();

Q_SIGNALS:
    void engineChanged();
    void conversationChanged(bw::Conversation *conversation);
    // Something worth a status line ("Saved to …").
    void notice(const QString &message);
    // A file or settings operation failed; nothing was changed or lost.
    void problem(const QString &title, const QString &message);

private:
    void apply(const EngineSettings &settings, const QByteArray &key);
    void setConversation(Conversation *conversation, const QString &path);
    bool isOpen(const QString &path) const; // the open conversation is saved to `path`

    Clock *m_clock;
    SettingsStore m_settingsStore;
    std::unique_ptr<ApiKeyStore> m_keys;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<AttachmentStore> m_attachments;
    StorageQueue *m_storage;
    AnthropicClient *m_client;
    BreakerRegistry *m_breakers;
    ResilientClient *m_engine;
    ResilientClient *m_batchEngine;
    PriceTable m_prices;
    QStringList m_priceProblems;
    ModelCatalogue *m_models;
    QString m_ledgerPath;
    SpendMeter *m_spend;
    Conversation *m_conversation;
    ContextCompressor *m_compressor;
    ChatSession *m_session;
    Autosaver *m_autosaver;
    ConversationLibrary *m_library;
    AttachmentLibrary *m_attachmentLibrary = nullptr;
    sim::ApiSimulator *m_sim = nullptr;
    EngineSettings m_settings;
    bool m_demo = false;
};

} // namespace bw
