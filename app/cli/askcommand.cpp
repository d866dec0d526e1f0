#include "budgetoptions.h"
#include "commands.h"
#include "engineoptions.h"
#include "eventwriter.h"

#include "exitcodes.h"

#include "api/anthropicclient.h"
#include "base/clock.h"
#include "base/interruptwatcher.h"
#include "chat/attachmentpreparer.h"
#include "chat/attachmentstore.h"
#include "chat/autosaver.h"
#include "chat/chatsession.h"
#include "chat/citationmarkers.h"
#include "chat/contextcompressor.h"
#include "chat/conversationstore.h"
#include "chat/modelcatalogue.h"
#include "chat/pricetable.h"
#include "chat/requestpreparer.h"
#include "chat/spendmeter.h"
#include "chat/storagequeue.h"
#include "resilience/resilientclient.h"
#include "secrets/apikeysource.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>

namespace bw::cli {

namespace {

QString secondsText(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 1);
}

QString megabytesText(qint64 bytes)
{
    return QString::number(double(bytes) / 1e6, 'f', 1);
}

} // namespace

int runAsk(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Sends PROMPT to Claude and streams the answer to standard output, exactly as it arrives.\n"
        "Retries with backoff and jitter, honours the server's retry hints, guards the service "
        "with a\n"
        "circuit breaker and ends stalled streams; diagnostics go to standard error.\n"
        "Exit status: 0 success, 2 usage, 3 rejected request, 4 rate limited or overloaded, 5 "
        "server,\n"
        "6 timeout or stalled, 7 network, 8 circuit open, 9 incomplete or protocol, 10 the "
        "conversation\n"
        "could not be saved (nothing was sent), 11 a budget is reached (nothing was sent) or the "
        "workspace's\n"
        "spend limit at the API, 130 interrupted."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("ask"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("PROMPT"),
                                 QStringLiteral("The prompt; \"-\" reads standard input."));
    EngineOptions engineOptions;
    engineOptions.addTo(parser);
    BudgetOptions budgetOptions;
    budgetOptions.addTo(parser);
    const QCommandLineOption eventsOption(
        QStringLiteral("events"),
        QStringLiteral("Write JSON Lines lifecycle events to FILE (\"-\": standard error)."),
        QStringLiteral("FILE"));
    const QCommandLineOption quietOption(
        {QStringLiteral("q"), QStringLiteral("quiet")},
        QStringLiteral("No retry notices on standard error (errors are still printed)."));
    const QCommandLineOption conversationOption(
        QStringLiteral("conversation"),
        QStringLiteral(
            "Continue the conversation in FILE (created if missing): its history is sent with "
            "PROMPT, and both "
            "turns are saved to it — the prompt before sending, the answer while it streams."),
        QStringLiteral("FILE"));
    const QCommandLineOption regenerateOption(
        QStringLiteral("regenerate"),
        QStringLiteral("With --conversation and no PROMPT: a new answer to the last prompt, sent "
                       "with the same history; the old answer stays in the file as a version."));
    const QCommandLineOption editLastOption(
        QStringLiteral("edit-last"),
        QStringLiteral("With --conversation and no PROMPT: TEXT replaces the last prompt in a new "
                       "branch, and is answered; the old branch stays in the file."),
        QStringLiteral("TEXT"));
    const QCommandLineOption showThinkingOption(
        QStringLiteral("show-thinking"),
        QStringLiteral("Write the model's thinking to standard error as it streams (the answer "
                       "alone goes to standard output)."));
    const QCommandLineOption fallbackOption(
        QStringLiteral("fallback-model"),
        QStringLiteral("When the model is overloaded before its answer begins (529 after the "
                       "retries, or its circuit breaker open), ask ID instead. Repeatable (up to "
                       "8), in order. Without it, the profile's fallback models are used when its "
                       "setting is automatic (never when it is ask)."),
        QStringLiteral("ID"));
    const QCommandLineOption attachOption(
        QStringLiteral("attach"),
        QStringLiteral("Send FILE with PROMPT (repeat for several): PNG, JPEG, GIF, WebP, PDF or "
                       "plain text. Images larger than the API recommends are scaled down; the "
                       "file is kept with the conversation. A file of another type, or too "
                       "large, is refused (exit 2) and nothing is sent."),
        QStringLiteral("FILE"));
    const QCommandLineOption keepOriginalOption(
        QStringLiteral("keep-original"),
        QStringLiteral("Send attached images as they are, not scaled down."));
    parser.addOptions({eventsOption, quietOption, conversationOption, regenerateOption,
                       editLastOption, showThinkingOption, attachOption, keepOriginalOption,
                       fallbackOption});
    QStringList positional;
    if (const auto exit = parseCommand(parser, arguments, &positional))
        return *exit;
    const bool regenerate = parser.isSet(regenerateOption);
    const bool editLast = parser.isSet(editLastOption);
    const bool newVersion = regenerate || editLast;
    if (newVersion) {
        if (regenerate && editLast) {
            printDiagnostic(QStringLiteral("--regenerate and --edit-last cannot go together"));
            return kExitUsage;
        }
        if (!positional.isEmpty() || !parser.isSet(conversationOption) ||
            !QFile::exists(parser.value(conversationOption))) {
            printDiagnostic(QStringLiteral(
                "--regenerate and --edit-last work on an existing --conversation FILE, "
                "without a PROMPT"));
            return kExitUsage;
        }
    } else if (positional.size() != 1) {
        printDiagnostic(QStringLiteral(
            "ask takes exactly one PROMPT (use quotes, or \"-\" for standard input)"));
        return kExitUsage;
    }
    const QStringList attachPaths = parser.values(attachOption);
    if (newVersion && !attachPaths.isEmpty()) {
        printDiagnostic(QStringLiteral("--attach goes with a new PROMPT, not with --regenerate or "
                                       "--edit-last"));
        return kExitUsage;
    }
    QString prompt = newVersion ? parser.value(editLastOption) : positional.first();
    if (prompt == u"-" && !newVersion) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            printDiagnostic(QStringLiteral("cannot read standard input"));
            return kExitUsage;
        }
        prompt = QString::fromUtf8(in.readAll());
    }
    if (prompt.trimmed().isEmpty() && !regenerate) {
        printDiagnostic(QStringLiteral("the prompt is empty: there is nothing to send"));
        return kExitUsage;
    }

    EngineSettings settings;
    QStringList warnings, errors;
    const SettingsStore store;
    if (!engineOptions.resolve(parser, store, settings, warnings, errors)) {
        for (const QString &e : std::as_const(errors))
            printDiagnostic(e);
        return kExitUsage;
    }
    for (const QString &w : std::as_const(warnings))
        printDiagnostic(QStringLiteral("warning: ") + w);
    // Nobody is there to ask: the profile's "ask" is never, unless the command line names the
    // fallbacks (then they are used as given).
    FallbackPolicy fallback = settings.fallback;
    if (parser.isSet(fallbackOption)) {
        QStringList rejected;
        fallback = {FallbackPolicy::Mode::Automatic,
                    FallbackPolicy::cleaned(parser.values(fallbackOption), &rejected)};
        if (!rejected.isEmpty() || fallback.models.isEmpty()) {
            printDiagnostic(QStringLiteral("--fallback-model takes a model id, e.g. %1 (got '%2')")
                                .arg(QLatin1String(ModelIds::kDefaultChat),
                                     rejected.isEmpty() ? QString() : rejected.first()));
            return kExitUsage;
        }
        if (fallback.models.size() > FallbackPolicy::kMaxModels) {
            printDiagnostic(QStringLiteral("--fallback-model may be given at most %1 times (got %2 "
                                           "models)")
                                .arg(FallbackPolicy::kMaxModels)
                                .arg(fallback.models.size()));
            return kExitUsage;
        }
    } else if (fallback.mode == FallbackPolicy::Mode::Ask) {
        fallback.mode = FallbackPolicy::Mode::Never;
    }
    const PriceTable prices = PriceTable::load();
    SpendMeter meter(Clock::system(), &prices);
    if (!budgetOptions.apply(parser, settings, meter, errors)) {
        for (const QString &e : std::as_const(errors))
            printDiagnostic(e);
        return kExitUsage;
    }

    EventWriter events;
    QString eventsError;
    if (!events.open(parser.value(eventsOption), &eventsError)) {
        printDiagnostic(eventsError);
        return kExitUsage;
    }
    // Human lines and JSON lines never share a stream.
    const bool human = !events.isStderr();
    const bool notices = human && !parser.isSet(quietOption);

    // The key: the environment's, else the profile's keychain entry (read asynchronously).
    ApiKeyStore keyStore;
    ApiKeySource keySource(&keyStore);
    ApiKeySource::Lookup key;
    keySource.find(settings.profile, [&key](const ApiKeySource::Lookup &l) {
        key = l;
        QCoreApplication::exit(0);
    });
    QCoreApplication::exec();
    if (key.key.isEmpty()) {
        const QString problem =
            QStringLiteral(
                "no API key: set ANTHROPIC_API_KEY, or store one with `breakwater-cli key "
                "set`. ") +
            key.problem;
        events.write("error", {{QStringLiteral("kind"), errorKindName(ErrorKind::Auth)},
                               {QStringLiteral("status"), 0},
                               {QStringLiteral("message"), problem},
                               {QStringLiteral("request_id"), QString()},
                               {QStringLiteral("partial"), false}});
        if (human)
            printDiagnostic(QStringLiteral("error: ") + problem);
        return exitCodeFor(ErrorKind::Auth);
    }

    // The conversation: a file to continue, or one that lives only as long as this command.
    ConversationStore conversations;
    Conversation conversation;
    const QString conversationPath = parser.value(conversationOption);
    if (!conversationPath.isEmpty() && QFile::exists(conversationPath)) {
        ConversationData data;
        QString problem;
        if (!conversations.load(conversationPath, data, &problem)) {
            printDiagnostic(QStringLiteral("cannot continue %1: %2. The file is left as it is.")
                                .arg(conversationPath, problem));
            return kExitUsage;
        }
        if (const QString backup = conversations.backUpOlderFormat(conversationPath, data);
            !backup.isEmpty() && human)
            printDiagnostic(QStringLiteral("%1 was written by an older Breakwater; it is saved in "
                                           "today's format from now on, and the original is kept "
                                           "as %2")
                                .arg(conversationPath, backup));
        data.applyTo(conversation);
    }
    if (parser.isSet(QStringLiteral("system")) || conversation.systemPrompt().isEmpty())
        conversation.setSystemPrompt(settings.systemPrompt);

    AnthropicClient client(settings.clientConfig(key.key));
    ResilientClient engine(&client, nullptr, settings.guard, settings.breaker);
    ChatSession session(&engine, &conversation, &prices);
    // A one-shot's conversation ends with the process: its requests count for no conversation.
    session.setSpendMeter(&meter, !conversationPath.isEmpty());
    ModelCatalogue models; // the list the window last fetched for this profile, else built in
    models.setCacheFile(ModelCatalogue::cacheFileFor(settings.profile));
    session.setCatalogue(&models);
    session.setModel(settings.model);
    session.setMaxTokens(settings.maxTokens);
    session.setThinking(settings.thinking);
    session.setPromptCache(settings.promptCache);
    session.setFallback(fallback);
    if (parser.isSet(QStringLiteral("thinking")) || parser.isSet(QStringLiteral("effort")))
        conversation.setThinking(settings.thinking); // this conversation's from now on
    const bool showThinking = parser.isSet(showThinkingOption);
    ContextCompressor compressor(&engine);
    CompressionSettings compression = settings.compression;
    compression.cacheAware = settings.promptCache.enabled();
    compressor.setSettings(compression);
    compressor.setSpendMeter(&meter);
    session.setCompressor(&compressor);
    StorageQueue storage;
    Autosaver autosaver(&conversations, &storage, engine.clock());
    if (!conversationPath.isEmpty()) {
        autosaver.setConversation(&conversation, conversationPath);
        // A failed save is reported once, by its outcome: the prompt's ends the answer (exit
        // 10), the final one is reported below; a save that failed in between and was followed
        // by one that worked lost nothing.
        session.setAutosaver(&autosaver);
    }
    // The files go with the prompt: each read, checked for what the model takes and scaled
    // before anything is sent; any problem ends here with nothing sent. They are kept with a
    // conversation file in Breakwater's data folder, else only as long as this command.
    // The scratch folder is made once the files are read and checked: a Ctrl+C while they are
    // (before the interrupt handler below is in place) leaves no empty folder behind.
    std::optional<QTemporaryDir> scratch;
    std::optional<AttachmentStore> attachmentStore;
    const auto openStore = [&] {
        if (attachmentStore)
            return;
        if (conversationPath.isEmpty())
            scratch.emplace();
        attachmentStore.emplace(conversationPath.isEmpty()
                                    ? scratch->path()
                                    : AttachmentStore::folderFor(conversations.directory()));
        session.setAttachmentStore(&*attachmentStore);
        // A conversation file outside Breakwater's folder: its files are kept for good.
        if (!conversationPath.isEmpty())
            autosaver.setAttachmentStore(&*attachmentStore);
    };
    // Whatever way this ends, the saves queued (which use the store) are written before it goes.
    const auto writeSaves = qScopeGuard([&autosaver] { autosaver.flush(); });
    QList<Attachment> attachments;
    if (!attachPaths.isEmpty()) {
        const AttachmentPreparer::Options options =
            AttachmentPreparer::optionsFor(session.modelInfo(), parser.isSet(keepOriginalOption));
        for (const QString &path : attachPaths) {
            AttachmentPreparer::Result r = AttachmentPreparer::fromFile(path, options);
            if (!r.ok) {
                printDiagnostic(QStringLiteral("error: ") + r.error +
                                QStringLiteral(" Nothing was sent."));
                return kExitUsage;
            }
            Attachment &a = r.attachment;
            if (r.scaled && notices)
                printDiagnostic(QStringLiteral("%1: scaled from %2×%3 to %4×%5 px (--keep-original "
                                               "sends it as it is)")
                                    .arg(a.name)
                                    .arg(r.originalSize.width())
                                    .arg(r.originalSize.height())
                                    .arg(a.width)
                                    .arg(a.height));
            attachments.append(a);
        }
        // What the request carries besides: the history, with the files sent before.
        const auto [total, pages] =
            RequestPreparer::estimate(conversation.messages(), prompt, attachments);
        if (total > Attachment::kMaxRequestBytes) {
            printDiagnostic(
                QStringLiteral("error: with its attachments the request would be %1 MB; "
                               "the API takes at most %2 MB. Nothing was sent.")
                    .arg(megabytesText(total), megabytesText(Attachment::kMaxRequestBytes)));
            return kExitUsage;
        }
        if (pages > Attachment::kMaxPdfPages) {
            printDiagnostic(
                QStringLiteral("error: the PDFs have %1 pages together; the API reads at "
                               "most %2 in one request. Nothing was sent.")
                    .arg(pages)
                    .arg(Attachment::kMaxPdfPages));
            return kExitUsage;
        }
        openStore();
        for (Attachment &a : attachments) {
            QString problem;
            if (!attachmentStore->store(a, &problem)) {
                printDiagnostic(QStringLiteral("error: %1 could not be kept: %2. Nothing was sent.")
                                    .arg(a.name, problem));
                return exitCodeFor(ErrorKind::Storage);
            }
            a.data.clear();
            QJsonObject event{{QStringLiteral("name"), a.name},
                              {QStringLiteral("media_type"), a.mediaType},
                              {QStringLiteral("bytes"), a.bytes},
                              {QStringLiteral("sha256"), a.sha256}};
            if (a.isImage()) {
                event.insert(QStringLiteral("width"), a.width);
                event.insert(QStringLiteral("height"), a.height);
            }
            if (a.pages > 0)
                event.insert(QStringLiteral("pages"), a.pages);
            events.write("attachment", event);
        }
    }
    openStore();
    const int maxAttempts = settings.guard.retry.maxAttempts;
    int exitCode = 1;
    // Events and output follow the answer's job, from before it starts to its one end.
    auto wire = [&](AnswerJob *job) {
        // The job counts attempts on across the models of a fallback; "attempt N of M" is the
        // current model's.
        auto lastAttempt = std::make_shared<int>(0);
        auto modelsFirstAttempt = std::make_shared<int>(1);
        QObject::connect(job, &AnswerJob::breakerStateChanged, [&, job](BreakerState state) {
            events.write("breaker", {{QStringLiteral("state"), breakerStateName(state)},
                                     {QStringLiteral("model"), job->model()}});
            if (notices && state == BreakerState::Open)
                printDiagnostic(
                    QStringLiteral("circuit breaker open: pausing requests for %1 to %2 for %3 s")
                        .arg(job->model(), settings.baseUrl.host(),
                             secondsText(engine.breakerFor(job->model())->remainingOpenMs())));
        });
        QObject::connect(job, &AnswerJob::modelSwitched,
                         [&, lastAttempt, modelsFirstAttempt](
                             const QString &from, const QString &to, const QString &reason) {
                             *modelsFirstAttempt = *lastAttempt + 1;
                             events.write("fallback", {{QStringLiteral("from"), from},
                                                       {QStringLiteral("to"), to},
                                                       {QStringLiteral("reason"), reason}});
                         });
        QObject::connect(
            job, &AnswerJob::compressed, [&](int summarized, qint64 before, qint64 after) {
                events.write("compressed", {{QStringLiteral("summarized_messages"), summarized},
                                            {QStringLiteral("tokens_before"), before},
                                            {QStringLiteral("tokens_after"), after}});
                if (notices)
                    printDiagnostic(
                        QStringLiteral("compressed %1 earlier messages: about %2 -> %3 tokens")
                            .arg(summarized)
                            .arg(before)
                            .arg(after));
            });
        QObject::connect(job, &AnswerJob::compressionFailed, [&](const QString &message) {
            if (human)
                printDiagnostic(QStringLiteral("warning: ") + message);
        });
        QObject::connect(job, &AnswerJob::attemptStarted, [&, lastAttempt](int n) {
            *lastAttempt = n;
            events.write("attempt", {{QStringLiteral("n"), n}});
        });
        QObject::connect(job, &AnswerJob::headersReceived,
                         [&](int status, const QString &requestId, const RateLimitInfo &) {
                             events.write("headers", {{QStringLiteral("status"), status},
                                                      {QStringLiteral("request_id"), requestId}});
                         });
        QObject::connect(job, &AnswerJob::notice, [&](const QString &text) {
            events.write("notice", {{QStringLiteral("message"), text}});
            if (notices)
                printDiagnostic(text);
        });
        // Thinking: its own event once it is over (at the answer's first word, or the end).
        auto thinkingStart = std::make_shared<qint64>(-1);
        auto thinkingChars = std::make_shared<qint64>(0);
        auto thinkingDone = [&events, thinkingStart, thinkingChars, showThinking] {
            if (*thinkingStart < 0)
                return;
            events.write("thinking", {{QStringLiteral("first_ms"), *thinkingStart},
                                      {QStringLiteral("chars"), *thinkingChars}});
            if (showThinking)
                std::fputs("\n\n", stderr);
            *thinkingStart = -1;
        };
        QObject::connect(job, &AnswerJob::firstThinking,
                         [thinkingStart](qint64 ms) { *thinkingStart = ms; });
        QObject::connect(job, &AnswerJob::thinkingReceived,
                         [thinkingChars, showThinking](const QByteArray &utf8, int) {
                             *thinkingChars += QString::fromUtf8(utf8).size();
                             if (showThinking) {
                                 std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stderr);
                                 std::fflush(stderr);
                             }
                         });
        QObject::connect(job, &AnswerJob::firstText, [&, thinkingDone](qint64 ms) {
            thinkingDone();
            events.write("first_token", {{QStringLiteral("ms"), ms}});
        });
        QObject::connect(job, &AnswerJob::ended, thinkingDone);
        QObject::connect(job, &AnswerJob::textReceived, [](const QByteArray &utf8, int) {
            std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stdout);
            std::fflush(stdout);
        });
        QObject::connect(job, &AnswerJob::usageUpdated,
                         [&](const Usage &u) { events.write("usage", u.toJson()); });
        QObject::connect(
            job, &AnswerJob::retryScheduled,
            [&, modelsFirstAttempt](int attempt, qint64 delayMs, const ApiError &reason) {
                events.write("retry", {{QStringLiteral("n"), attempt + 1},
                                       {QStringLiteral("delay_ms"), delayMs},
                                       {QStringLiteral("reason"), reason.kindName()},
                                       {QStringLiteral("status"), reason.httpStatus}});
                if (notices)
                    printDiagnostic(QStringLiteral("%1 — retrying in %2 s (attempt %3 of %4)")
                                        .arg(reason.describe(), secondsText(delayMs))
                                        .arg(attempt + 1 - *modelsFirstAttempt + 1)
                                        .arg(maxAttempts));
            });
        QObject::connect(job, &AnswerJob::finished, [&, job] {
            // The sources the answer cites, numbered as a copy of it numbers them.
            const int answer = job->index();
            if (answer >= 0 && !conversation.at(answer).citations.isEmpty()) {
                const CitationMarkers markers(conversation.at(answer).citations);
                QJsonArray sources;
                for (const Citation &c : markers.sources())
                    sources.append(QJsonObject{{QStringLiteral("label"), c.label()},
                                               {QStringLiteral("citation"), c.source}});
                events.write("citations", {{QStringLiteral("sources"), sources}});
                if (human) {
                    std::fputs("\n", stderr);
                    printDiagnostic(markers.footnotes(CitationMarkers::Format::PlainText));
                }
            }
            QJsonObject done{{QStringLiteral("stop_reason"), job->message().stopReason}};
            if (!job->message().stopDetails.isEmpty())
                done.insert(QStringLiteral("stop_details"), job->message().stopDetails);
            events.write("done", done);
            // An answer that ended short of complete says so; it is still the answer: exit 0.
            const int i = job->index();
            const QString notice = i >= 0 ? conversation.at(i).stopNotice() : QString();
            if (!notice.isEmpty() && human) {
                std::fputs("\n", stderr);
                printDiagnostic(notice);
                if (job->message().stopReason == u"max_tokens")
                    printDiagnostic(
                        QStringLiteral("ask again with a higher --max-tokens (this model takes "
                                       "up to %1), or go on with --conversation FILE \"%2\"")
                            .arg(session.modelInfo().maxOutputTokens)
                            .arg(ChatSession::continuePrompt()));
            }
            exitCode = kExitOk;
        });
        QObject::connect(job, &AnswerJob::failed, [&](const ApiError &e) {
            events.write("error", {{QStringLiteral("kind"), e.kindName()},
                                   {QStringLiteral("status"), e.httpStatus},
                                   {QStringLiteral("message"), e.message},
                                   {QStringLiteral("request_id"), e.requestId},
                                   {QStringLiteral("partial"), e.partial}});
            if (human) {
                if (e.partial)
                    std::fputs("\n", stderr);
                printDiagnostic(QStringLiteral("error: ") + e.describe());
                printDiagnostic(e.advice());
                if (e.partial)
                    printDiagnostic(QStringLiteral("the answer above is incomplete"));
            }
            exitCode = exitCodeFor(e.kind);
        });
        // Every path ends here: success, failure before any call, cancel in any stage.
        QObject::connect(job, &AnswerJob::ended, [] { QCoreApplication::quit(); });
    };
    QObject::connect(&session, &ChatSession::answerStarted, wire);
    QString whyNot;
    AnswerJob *job = nullptr;
    if (newVersion) {
        // The last prompt of the shown path (and its answer, when there is one).
        int lastPrompt = conversation.count() - 1;
        while (lastPrompt >= 0 && !conversation.at(lastPrompt).isUser())
            --lastPrompt;
        if (lastPrompt < 0) {
            printDiagnostic(
                QStringLiteral("%1 has no prompt to answer again").arg(conversationPath));
            return kExitUsage;
        }
        const int changed = regenerate ? lastPrompt + 1 : lastPrompt;
        if (regenerate && changed >= conversation.count()) {
            printDiagnostic(QStringLiteral("the last prompt of %1 has no answer to regenerate")
                                .arg(conversationPath));
            return kExitUsage;
        }
        job = regenerate ? session.regenerate(changed, &whyNot)
                         : session.edit(changed, prompt, &whyNot);
        if (job)
            events.write("branch", {{QStringLiteral("parent"), conversation.at(changed).parentId},
                                    {QStringLiteral("index"), changed},
                                    {QStringLiteral("count"), conversation.versionCount(changed)}});
    } else {
        job = session.send(prompt, attachments, &whyNot);
    }
    if (!job && session.refusal().kind == ErrorKind::Budget) {
        // Refused before a version was made: the file is left as it was.
        const ApiError &e = session.refusal();
        events.write("error", {{QStringLiteral("kind"), e.kindName()},
                               {QStringLiteral("status"), 0},
                               {QStringLiteral("message"), e.message},
                               {QStringLiteral("request_id"), QString()},
                               {QStringLiteral("partial"), false}});
        if (human) {
            printDiagnostic(QStringLiteral("error: ") + e.describe());
            printDiagnostic(e.advice());
        }
        return exitCodeFor(e.kind);
    }
    if (!job) {
        printDiagnostic(whyNot);
        return kExitUsage;
    }

    // Ctrl+C stops the answer in whatever stage it is: what arrived stays printed.
    InterruptWatcher interrupts;
    QObject::connect(&interrupts, &InterruptWatcher::interrupted, &session, &ChatSession::stop);

    QCoreApplication::exec();
    QThreadPool::globalInstance()->waitForDone(); // a request being prepared uses the store
    if (!conversationPath.isEmpty()) {
        // The final state, written before the process ends. Exit 0 promises the answer is in
        // the file: when it could not be written, the exit says so.
        bool saved = true;
        QString problem;
        autosaver.saveNow(&session, [&saved, &problem](bool ok, const QString &error) {
            saved = ok;
            problem = error;
        });
        autosaver.flush();
        QCoreApplication::sendPostedEvents(); // the save's outcome
        const int notSaved = exitCodeFor(ErrorKind::Storage);
        if (!saved && exitCode != notSaved) { // else the answer's error said it already
            printDiagnostic(QStringLiteral("error: the conversation was not saved: ") + problem);
            if (exitCode == kExitOk)
                exitCode = notSaved;
        }
    }
    return exitCode;
}

} // namespace bw::cli
