#include "application.h"

#include "api/anthropicclient.h"
#include "attachmentlibrary.h"
#include "base/clock.h"
#include "base/logging.h"
#include "chat/attachmentstore.h"
#include "chat/autosaver.h"
#include "chat/chatsession.h"
#include "chat/contextcompressor.h"
#include "chat/conversation.h"
#include "chat/conversationstore.h"
#include "chat/markdownexport.h"
#include "chat/modelcatalogue.h"
#include "chat/spendmeter.h"
#include "chat/storagequeue.h"
#include "chat/usageledger.h"
#include "conversationlibrary.h"
#include "resilience/breakerregistry.h"
#include "resilience/resilientclient.h"
#include "sim/apisimulator.h"

#include <QThreadPool>

namespace bw {

namespace {

// Batch work gets more patience per item than a chat: the limiter keeps the load sane.
GuardConfig batchGuard(GuardConfig guard)
{
    guard.retry.maxAttempts = std::max(guard.retry.maxAttempts, 8);
    return guard;
}

struct Loaded
{
    bool ok = false;
    QString error;
    ConversationData data;
    bool inStore = false;
    QString backup;      // a copy of an older format's original, made now
    QStringList missing; // attachments whose stored copy is gone
};

} // namespace

Application::Application(AppOptions options, QObject *parent)
    : QObject(parent)
    , m_clock(options.clock ? options.clock : Clock::system())
    , m_settingsStore(options.settingsFile.isEmpty() ? SettingsStore()
                                                     : SettingsStore(options.settingsFile))
    , m_keys(std::make_unique<ApiKeyStore>())
    , m_store(std::make_unique<ConversationStore>(options.conversationsFolder.isEmpty()
                                                      ? ConversationStore::defaultDirectory()
                                                      : options.conversationsFolder))
    , m_attachments(
          std::make_unique<AttachmentStore>(AttachmentStore::folderFor(m_store->directory())))
    , m_storage(new StorageQueue(this))
    , m_client(new AnthropicClient(ClientConfig{}, this))
    , m_breakers(new BreakerRegistry(m_clock, this))
    , m_engine(new ResilientClient(m_client, m_breakers, GuardConfig{}, BreakerConfig{}, m_clock,
                                   options.random, this))
    , m_batchEngine(new ResilientClient(m_client, m_breakers, batchGuard(GuardConfig{}),
                                        BreakerConfig{}, m_clock, options.random, this))
    , m_prices(PriceTable::load(&m_priceProblems))
    , m_models(new ModelCatalogue(this))
    , m_ledgerPath(options.usageLedger.isEmpty() ? UsageLedger::pathBeside(m_store->directory())
                                                 : options.usageLedger)
    , m_spend(new SpendMeter(m_clock, &m_prices, this))
    , m_conversation(new Conversation(this))
    , m_compressor(new ContextCompressor(m_engine, this))
    , m_session(new ChatSession(m_engine, m_conversation, &m_prices, this))
    , m_autosaver(new Autosaver(m_store.get(), m_storage, m_clock, this))
    , m_library(new ConversationLibrary(m_store.get(), m_storage, this))
{
    m_client->setClock(m_clock);
    m_session->setCompressor(m_compressor);
    m_session->setAutosaver(m_autosaver);
    m_autosaver->setAttachmentStore(m_attachments.get()); // a conversation saved elsewhere
    m_session->setAttachmentStore(m_attachments.get());
    m_attachmentLibrary = new AttachmentLibrary(m_attachments.get(), m_session, this);
    m_session->setCatalogue(m_models);
    m_session->setSpendMeter(m_spend);
    m_compressor->setSpendMeter(m_spend);
    connect(m_spend, &SpendMeter::problem, this, &Application::notice);
    m_autosaver->setConversation(m_conversation);
    connect(m_autosaver, &Autosaver::saved, m_library, &ConversationLibrary::noteSaved);
    connect(m_autosaver, &Autosaver::saveFailed, this,
            [this](const QString &message) { Q_EMIT notice(tr("Not saved: %1").arg(message)); });
    m_library->refresh();
}

Application::~Application()
{
    // What uses the store goes first, while the store is still there.
    delete m_session;
    delete m_autosaver;
    delete m_library;
    delete m_storage; // waits for queued work
    // Attachments being read, scaled or encoded use the stores: they end first.
    QThreadPool::globalInstance()->waitForDone();
}

QString Application::usageLedgerPath() const
{
    if (!m_demo)
        return m_ledgerPath;
    // The simulator's spend is not real: it never mixes with what Claude cost.
    QString demo = m_ledgerPath;
    demo.insert(demo.endsWith(QLatin1String(".jsonl")) ? demo.size() - 6 : demo.size(),
                QLatin1String("-demo"));
    return demo;
}

void Application::usageReport(QObject *context, std::function<void(const UsageReport &)> done,
                              int chartDays)
{
    const QString path = usageLedgerPath();
    const QDate today = LocalDays().dayOf(m_clock->wallNow());
    m_storage->run<UsageReport>(
        [path, today, chartDays] {
            UsageReport report(today, {}, chartDays);
            report.addLedger(path);
            return report;
        },
        context, std::move(done), StorageQueue::Kind::Read);
}

void Application::exportUsageCsv(const QString &target)
{
    const QString path = usageLedgerPath();
    const QDate today = LocalDays().dayOf(m_clock->wallNow());
    m_storage->run<QString>(
        [path, today, target] {
            UsageReport report(today);
            report.keepDetail(true);
            if (report.addLedger(path); !report.problem.isEmpty())
                return report.problem;
            QString error;
            ConversationStore::writeAtomically(target, report.detailCsv(), &error);
            return error;
        },
        this,
        [this, target](const QString &error) {
            if (error.isEmpty())
                Q_EMIT notice(tr("Usage exported to %1").arg(target));
            else
                Q_EMIT problem(tr("Usage not exported"), error);
        });
}

QString Application::conversationsFolder() const
{
    return m_store->directory();
}

void Application::apply(const EngineSettings &settings, const QByteArray &key)
{
    const ClientConfig before = m_client->config();
    m_settings = settings;
    m_client->setConfig(settings.clientConfig(key));
    const ClientConfig &after = m_client->config();
    // Another service (or another key) may know other models; the same one need not be asked
    // again — each failed ask counts in its breaker.
    const bool sameService = before.baseUrl == after.baseUrl && before.apiKey == after.apiKey &&
                             before.apiVersion == after.apiVersion;
    m_engine->setGuardConfig(settings.guard);
    m_engine->setBreakerConfig(settings.breaker);
    m_engine->rebindBreakers();
    m_batchEngine->setGuardConfig(batchGuard(settings.guard));
    m_batchEngine->setBreakerConfig(settings.breaker);
    m_batchEngine->rebindBreakers();
    m_session->setModel(settings.model);
    m_session->setMaxTokens(settings.maxTokens);
    m_session->setThinking(settings.thinking);
    m_session->setPromptCache(settings.promptCache);
    m_session->setFallback(settings.fallback);
    // The list kept from the last run of this profile serves until the API's own arrives (the
    // demo's simulator serves the built-in list: nothing to keep).
    const QString cache = m_demo ? QString() : ModelCatalogue::cacheFileFor(settings.profile);
    if (cache != m_models->cacheFile()) {
        m_models->setCacheFile(cache, false);
        m_storage->run<ModelCatalogue::Cached>(
            [cache] { return ModelCatalogue::readCache(cache); }, m_models,
            [models = m_models](const ModelCatalogue::Cached &c) { models->adoptCache(c); },
            StorageQueue::Kind::Read);
    }
    CompressionSettings compression = settings.compression;
    compression.cacheAware = settings.promptCache.enabled();
    m_compressor->setSettings(compression);
    m_spend->setProfile(settings.profile);
    m_spend->setBudgets(settings.budgets);
    m_spend->setLedger(usageLedgerPath(), m_storage);
    m_conversation->setSystemPrompt(settings.systemPrompt);
    if (!sameService || !m_models->isFromApi())
        m_models->refresh(m_engine);
    Q_EMIT engineChanged();
}

void Application::useApi(const EngineSettings &settings, const QByteArray &key)
{
    m_demo = false;
    apply(settings, key);
}

EngineSettings Application::demoSettings(EngineSettings s)
{
    s.guard.headersTimeoutMs = 10'000;
    s.guard.idleTimeoutMs = 5'000;
    s.guard.totalTimeoutMs = 180'000;
    s.breaker.failureThreshold = 3;
    s.breaker.recoveryMs = 10'000;
    s.allowInsecure = false;
    return s;
}

void Application::useDemo(const EngineSettings &settings)
{
    if (!m_sim) {
        sim::SimConfig config;
        config.ttftMs = 350;
        config.tokensPerSecond = 40;
        // The demo's chats are short: a lower minimum than the API's (1,024 tokens and up), so
        // the prompt cache shows its hits after a few turns; what is not read from the cache
        // delays the first token.
        config.cacheMinTokens = 256;
        config.prefillMsPer1kTokens = 60;
        m_sim = new sim::ApiSimulator(config, this);
        m_sim->setClock(m_clock); // the cache's minutes pass on the application's clock
        m_sim->listen();
    }
    m_demo = true;
    EngineSettings s = demoSettings(settings);
    s.baseUrl = m_sim->baseUrl();
    apply(s, "demo-key-not-secret");
}

void Application::findKey(const QString &profile, QObject *context,
                          std::function<void(const ApiKeySource::Lookup &)> done)
{
    auto *source = new ApiKeySource(m_keys.get(), this);
    QPointer<QObject> guard(context);
    source->find(profile, [source, guard, done](const ApiKeySource::Lookup &lookup) {
        source->deleteLater();
        if (guard)
            done(lookup);
    });
}

void Application::setModel(const QString &model)
{
    if (model.trimmed().isEmpty())
        return;
    m_settings.model = model.trimmed();
    m_session->setModel(m_settings.model);
}

void Application::connectProfile(const EngineSettings &settings,
                                 std::function<void(const ApiKeySource::Lookup &)> noKey)
{
    findKey(settings.profile, this, [this, settings, noKey](const ApiKeySource::Lookup &l) {
        if (!l.key.isEmpty())
            useApi(settings, l.key);
        else if (noKey)
            noKey(l);
        else
            useDemo(settings);
    });
}

bool Application::applySettings(const EngineSettings &s, const QByteArray &newKey, bool removeKey,
                                QString *error)
{
    if (!m_settingsStore.save(s, error))
        return false;
    m_settingsStore.setCurrentProfile(s.profile);
    auto reconnect = [this, s] {
        connectProfile(s, [this, s](const ApiKeySource::Lookup &l) {
            if (!m_demo)
                Q_EMIT notice(l.problem);
            useDemo(s);
        });
    };
    if (!newKey.isEmpty()) {
        m_keys->write(s.profile, newKey, [this, reconnect](const KeyResult &r) {
            if (!r.ok()) {
                Q_EMIT problem(tr("Key not stored"), r.message);
                return;
            }
            Q_EMIT notice(tr("The API key is stored in the keychain."));
            reconnect(); // ANTHROPIC_API_KEY, when set, still wins
        });
    } else if (removeKey) {
        m_keys->remove(s.profile, [this, reconnect](const KeyResult &r) {
            Q_EMIT notice(r.ok() ? tr("The API key was removed from the keychain.") : r.message);
            reconnect(); // only now: the key must not be found on its way out
        });
    } else {
        reconnect();
    }
    return true;
}

void Application::setConversation(Conversation *conversation, const QString &path)
{
    m_session->stop(); // a running answer keeps what arrived, and is saved
    Conversation *old = m_conversation;
    m_conversation = conversation;
    m_autosaver->setConversation(conversation, path);
    m_session->setConversation(conversation);
    Q_EMIT conversationChanged(conversation);
    old->deleteLater();
}

void Application::newConversation()
{
    auto *conversation = new Conversation(this);
    conversation->setSystemPrompt(m_settings.systemPrompt);
    setConversation(conversation, QString());
}

void Application::openConversation(const QString &path, const QString &showMessageId)
{
    // Already open: reading the file again would rewind an answer that is streaming into it.
    if (isOpen(path)) {
        if (!showMessageId.isEmpty() && !m_session->isBusy())
            m_conversation->showMessage(showMessageId);
        return;
    }
    ConversationStore *store = m_store.get();
    AttachmentStore *attachments = m_attachments.get();
    m_storage->run<Loaded>(
        [store, attachments, path] {
            Loaded l;
            l.ok = store->load(path, l.data, &l.error);
            if (l.ok) {
                store->forgetRemoval(path); // deleted once, then restored: saved again
                l.backup = store->backUpOlderFormat(path, l.data);
                for (const Attachment &a :
                     attachments->missing(AttachmentStore::attachmentsOf(l.data)))
                    l.missing.append(a.name);
            }
            // Files of the store are saved by id; a file opened from elsewhere where it is.
            l.inStore = l.ok && ConversationStore::samePath(path, store->pathFor(l.data.id));
            return l;
        },
        this,
        [this, path, showMessageId](const Loaded &l) {
            if (!l.ok) {
                // Nothing is lost: the file stays as it is and the current conversation stays.
                Q_EMIT problem(tr("Cannot open the conversation"),
                               tr("%1 cannot be opened: %2.\n\nThe file is left as it is.")
                                   .arg(path, l.error));
                return;
            }
            auto *conversation = new Conversation(this);
            l.data.applyTo(*conversation);
            m_attachmentLibrary->forgetThumbnails(); // a stored copy may have gone since
            if (!showMessageId.isEmpty())
                conversation->showMessage(showMessageId);
            setConversation(conversation, l.inStore ? QString() : path);
            if (!l.backup.isEmpty())
                Q_EMIT notice(tr("This conversation was saved by an older Breakwater: it will be "
                                 "saved in today's format, and the original is kept as %1.")
                                  .arg(l.backup));
            if (!l.missing.isEmpty())
                Q_EMIT notice(tr("%n attached file(s) of this conversation are missing from "
                                 "Breakwater's data folder (%1). The conversation is complete "
                                 "otherwise; the files cannot be shown or sent again.",
                                 nullptr, int(l.missing.size()))
                                  .arg(l.missing.join(QStringLiteral(", "))));
        });
}

void Application::importConversation(const QString &path)
{
    ConversationStore *store = m_store.get();
    m_storage->run<Loaded>(
        [store, path] {
            Loaded l;
            l.ok = store->importFile(path, &l.data, &l.error);
            l.inStore = true;
            return l;
        },
        this,
        [this, path](const Loaded &l) {
            if (!l.ok) {
                Q_EMIT problem(tr("Not imported"),
                               tr("%1 could not be imported: %2").arg(path, l.error));
                return;
            }
            m_library->refresh();
            auto *conversation = new Conversation(this);
            l.data.applyTo(*conversation);
            setConversation(conversation, QString());
        });
}

void Application::saveConversationAs(const QString &path)
{
    const QString previous =
        isOpen(m_store->pathFor(m_conversation->id())) ? QString() : m_autosaver->path();
    QPointer<Conversation> conversation = m_conversation;
    m_autosaver->setConversation(m_conversation, path);
    // The file dialog asked before replacing a file: what is there is replaced, not merged with.
    m_autosaver->saveNow(
        this,
        [this, path, previous, conversation](bool ok, const QString &error) {
            if (ok) {
                Q_EMIT notice(tr("Saved to %1; changes are saved there from now on.").arg(path));
                return;
            }
            // It goes on being saved where it was, not to a place that cannot take it.
            if (conversation && conversation == m_conversation)
                m_autosaver->setConversation(conversation, previous);
            Q_EMIT problem(tr("Not saved"),
                           tr("The conversation could not be saved: %1").arg(error));
        },
        ConversationStore::SaveMode::Replace);
}

void Application::exportMarkdown(const QString &sourcePath, const QString &target)
{
    ConversationStore *store = m_store.get();
    const AttachmentStore *attachments = m_attachments.get();
    const ConversationData current = ConversationData::of(*m_conversation, m_clock->wallNow());
    m_storage->run<QStringList>(
        [store, attachments, sourcePath, target, current] {
            ConversationData data = current;
            QString error;
            if (!sourcePath.isEmpty() && !store->load(sourcePath, data, &error))
                return QStringList{error};
            QStringList problems;
            if (!MarkdownExport::write(data, target, attachments, false, &error, &problems))
                return QStringList{error};
            problems.prepend(QString()); // written; what follows could not be copied
            return problems;
        },
        this,
        [this, target](const QStringList &outcome) {
            if (!outcome.first().isEmpty())
                Q_EMIT problem(tr("Not exported"), outcome.first());
            else if (outcome.size() > 1)
                Q_EMIT problem(tr("Exported without some attachments"),
                               tr("Exported to %1, but these attachments could not be copied "
                                  "beside it:\n%2")
                                   .arg(target, outcome.mid(1).join(QLatin1Char('\n'))));
            else
                Q_EMIT notice(tr("Exported to %1").arg(target));
        });
}

bool Application::isOpen(const QString &path) const
{
    return ConversationStore::samePath(path, m_autosaver->path());
}

QString Application::conversationPath(const QString &id) const
{
    return m_store->pathFor(id);
}

void Application::waitForStorage()
{
    m_storage->waitForDone();
}

void Application::renameConversation(const QString &path, const QString &title)
{
    if (isOpen(path)) {
        m_conversation->setTitle(title); // saved by the autosaver
        return;
    }
    ConversationStore *store = m_store.get();
    m_storage->run<QString>(
        [store, path, title] {
            ConversationData file;
            QString error;
            if (store->load(path, file, &error)) {
                file.title = title;
                store->save(file, path, 0, &error);
            }
            return error;
        },
        this,
        [this](const QString &error) {
            if (!error.isEmpty())
                Q_EMIT notice(tr("Not renamed: %1").arg(error));
            m_library->refresh();
        });
}

void Application::forkConversation(int index)
{
    if (index < 0 || index >= m_conversation->count())
        return;
    auto *fork = new Conversation(this);
    fork->setSystemPrompt(m_conversation->systemPrompt());
    fork->setCreated(m_clock->wallNow());
    fork->setTitle(tr("%1 (fork)").arg(m_conversation->title()));
    QList<ChatMessage> path = m_conversation->messages().mid(0, index + 1);
    for (ChatMessage &m : path)
        m.shownChildId.clear();
    fork->reset(path);
    const ConversationSummary &summary = m_conversation->summary();
    if (!summary.isEmpty() && summary.coveredMessages <= fork->count())
        fork->setSummary(summary);
    setConversation(fork, QString());
    m_autosaver->saveNow();
}

void Application::deleteConversation(const QString &path)
{
    if (isOpen(path)) {
        // Its last save is queued before the delete; nothing after it is written.
        m_autosaver->setConversation(nullptr);
        newConversation();
    }
    ConversationStore *store = m_store.get();
    AttachmentStore *attachments = m_attachments.get();
    // The open conversation's files stay, saved or not; the rest is checked against every file.
    QSet<QString> keep;
    for (const ChatMessage &m : m_conversation->allMessages()) {
        for (const Attachment &a : m.attachments)
            keep.insert(a.sha256);
    }
    m_storage->run<QString>(
        [store, attachments, path, keep] {
            QString error;
            ConversationData deleted;
            const bool known = store->load(path, deleted, &error);
            if (store->remove(path, &error) && known)
                attachments->removeUnreferenced(AttachmentStore::referencedBy(deleted),
                                                store->directory(), keep);
            return error;
        },
        this,
        [this, path](const QString &error) {
            if (!error.isEmpty())
                Q_EMIT problem(tr("Not deleted"), error);
            m_library->refresh();
        });
}

void Application::shutdown()
{
    m_session->stop(); // what arrived stays in the conversation...
    if (!m_conversation->isEmpty())
        m_autosaver->saveNow(); // ...and on disk
    m_autosaver->flush();
}

} // namespace bw
