// breakwater-cli ask as a real process against the simulator: text, events and exit codes.
#include "processrunner.h"
#include "testsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>

#include "chat/contextcompressor.h"
#include "chat/conversationstore.h"

#include <csignal>
#include <memory>

#include <sys/stat.h>

using namespace bw;
using namespace bw::test;

class TestCliAsk : public QObject
{
    Q_OBJECT

    sim::ApiSimulator *m_sim = nullptr;
    QTemporaryDir m_home;

    QProcessEnvironment env(bool withKey = true) const
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.remove(QStringLiteral("ANTHROPIC_BASE_URL"));
        e.remove(QStringLiteral("ANTHROPIC_API_KEY"));
        if (withKey)
            e.insert(QStringLiteral("ANTHROPIC_API_KEY"), QString::fromLatin1(kTestKey));
        // A private home: no settings or keychain entries of the machine leak in.
        e.insert(QStringLiteral("HOME"), m_home.path());
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.path() + QStringLiteral("/config"));
        e.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path() + QStringLiteral("/data"));
        e.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        return e;
    }

    // Fast retries, so a test of retry behaviour takes milliseconds of real time.
    QStringList fast() const
    {
        return {QStringLiteral("--base-url"),   m_sim->baseUrl().toString(),
                QStringLiteral("--base-delay"), QStringLiteral("0.01"),
                QStringLiteral("--max-delay"),  QStringLiteral("0.05")};
    }

    ProcessResult ask(QStringList args, const QString &behaviours = {}, bool withKey = true,
                      const QByteArray &input = {})
    {
        if (!behaviours.isEmpty())
            m_sim->setScript(script(behaviours));
        return runProcess(QStringLiteral(BW_CLI_PATH), QStringList{QStringLiteral("ask")} + args,
                          env(withKey), input);
    }

    static QList<QJsonObject> events(const QByteArray &jsonLines)
    {
        QList<QJsonObject> list;
        for (const QByteArray &line : jsonLines.split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            QJsonParseError e;
            const QJsonDocument d = QJsonDocument::fromJson(line, &e);
            if (e.error != QJsonParseError::NoError)
                qFatal("not a JSON line: %s", line.constData());
            list << d.object();
        }
        return list;
    }

    static QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    static QStringList types(const QList<QJsonObject> &evs)
    {
        QStringList t;
        for (const QJsonObject &o : evs)
            t << o.value(QLatin1String("type")).toString();
        return t;
    }

private Q_SLOTS:
    void init()
    {
        m_sim = new sim::ApiSimulator;
        QVERIFY(m_sim->listen());
    }

    void cleanup() { delete m_sim; }

    void printsExactlyTheStreamedText()
    {
        const ProcessResult r =
            ask(fast() << QStringLiteral("Tell me about breakwaters"), QStringLiteral("ok"));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QString::fromUtf8(r.out),
                 expectedReply(*m_sim,
                               simpleRequest(QStringLiteral("Tell me about breakwaters"), 4096)));
        QVERIFY2(r.err.isEmpty(), r.err.constData());
    }

    void sendsModelSystemAndMaxTokens()
    {
        const ProcessResult r =
            ask(fast() << QStringLiteral("--model") << QStringLiteral("claude-haiku-4-5")
                       << QStringLiteral("--system") << QStringLiteral("Be terse.")
                       << QStringLiteral("--max-tokens") << QStringLiteral("7")
                       << QStringLiteral("--api-version") << QStringLiteral("2023-06-01")
                       << QStringLiteral("hello"),
                QStringLiteral("ok"));
        QCOMPARE(r.exitCode, 0);
        const QJsonObject body = m_sim->messageRequests().constLast();
        QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("claude-haiku-4-5"));
        QCOMPARE(body.value(QLatin1String("system")).toString(), QStringLiteral("Be terse."));
        QCOMPARE(body.value(QLatin1String("max_tokens")).toInt(), 7);
        QCOMPARE(r.out.count(' ') + 1 >= 1, true);
        QCOMPARE(QString::fromUtf8(r.out), m_sim->replyTokens(body).join(QString()));
    }

    void readsThePromptFromStandardInput()
    {
        const QString prompt = QStringLiteral("A prompt from stdin, with ünïcödé");
        const ProcessResult r =
            ask(fast() << QStringLiteral("-"), QStringLiteral("ok"), true, prompt.toUtf8());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(m_sim->messageRequests()
                     .constLast()
                     .value(QLatin1String("messages"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1String("content"))
                     .toString(),
                 prompt);
    }

    void eventsDescribeTheLifecycle()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("events.jsonl"));
        const ProcessResult r =
            ask(fast() << QStringLiteral("--events") << file << QStringLiteral("hi"),
                QStringLiteral("529,ok"));
        QCOMPARE(r.exitCode, 0);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QJsonObject> evs = events(f.readAll());
        const QStringList t = types(evs);
        QCOMPARE(t.mid(0, 4), (QStringList{"attempt", "headers", "retry", "attempt"}));
        QCOMPARE(t.last(), QStringLiteral("done"));
        QVERIFY(t.contains(QStringLiteral("first_token")));
        QVERIFY(t.contains(QStringLiteral("usage")));
        for (const QJsonObject &o : evs)
            QVERIFY(o.contains(QLatin1String("t_ms")));
        QCOMPARE(evs[1].value(QLatin1String("status")).toInt(), 529);
        QVERIFY(evs[1]
                    .value(QLatin1String("request_id"))
                    .toString()
                    .startsWith(QStringLiteral("req_sim_")));
        const QJsonObject retry = evs[2];
        QCOMPARE(retry.value(QLatin1String("n")).toInt(), 2);
        QCOMPARE(retry.value(QLatin1String("reason")).toString(), QStringLiteral("overloaded"));
        QCOMPARE(retry.value(QLatin1String("status")).toInt(), 529);
        QVERIFY(retry.value(QLatin1String("delay_ms")).toInt() >= 5);
        QCOMPARE(evs.last().value(QLatin1String("stop_reason")).toString(),
                 QStringLiteral("end_turn"));
        QJsonObject usage;
        for (const QJsonObject &o : evs)
            if (o.value(QLatin1String("type")) == QLatin1String("usage"))
                usage = o;
        QVERIFY(usage.value(QLatin1String("input_tokens")).toInt() > 0);
        QCOMPARE(usage.value(QLatin1String("output_tokens")).toInt(),
                 m_sim->replyTokens(m_sim->messageRequests().constLast()).size());
        QVERIFY(usage.contains(QLatin1String("cache_read_input_tokens")));
        QVERIFY(!f.readAll().contains(kTestKey));
    }

    void thinkingGoesToStandardErrorAndItsOwnEvent()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("events.jsonl"));
        const ProcessResult r =
            ask(fast() << QStringLiteral("--model") << QStringLiteral("claude-opus-4-8")
                       << QStringLiteral("--thinking") << QStringLiteral("adaptive")
                       << QStringLiteral("--effort") << QStringLiteral("max")
                       << QStringLiteral("--show-thinking") << QStringLiteral("--events") << file
                       << QStringLiteral("Why is the sky blue?"),
                QStringLiteral("ok"));
        QCOMPARE(r.exitCode, 0);
        const QJsonObject body = m_sim->messageRequests().constLast();
        QCOMPARE(body.value(QLatin1String("thinking")).toObject().value(QLatin1String("type")),
                 QStringLiteral("adaptive"));
        QCOMPARE(
            body.value(QLatin1String("output_config")).toObject().value(QLatin1String("effort")),
            QStringLiteral("max"));
        // The answer alone on standard output; the thinking on standard error.
        QCOMPARE(QString::fromUtf8(r.out), m_sim->replyTokens(body).join(QString()));
        QVERIFY2(r.err.contains("Let me think this through."), r.err.constData());
        QVERIFY(!r.out.contains("Let me think"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QJsonObject> evs = events(f.readAll());
        const QStringList t = types(evs);
        const qsizetype thinking = t.indexOf(QStringLiteral("thinking"));
        QVERIFY(thinking >= 0);
        QVERIFY(thinking < t.indexOf(QStringLiteral("first_token")));
        QVERIFY(evs[thinking].value(QLatin1String("first_ms")).toInt() >= 0);
        QVERIFY(evs[thinking].value(QLatin1String("chars")).toInt() > 100);
        // Without --show-thinking, standard error stays quiet.
        const ProcessResult quiet =
            ask(fast() << QStringLiteral("--model") << QStringLiteral("claude-opus-4-8")
                       << QStringLiteral("Why?"),
                QStringLiteral("ok"));
        QCOMPARE(quiet.exitCode, 0);
        QVERIFY2(quiet.err.isEmpty(), quiet.err.constData());
        // A form the model does not take is adjusted, and the CLI says so.
        const ProcessResult adjusted = ask(
            fast() << QStringLiteral("--model") << QStringLiteral("claude-opus-4-8")
                   << QStringLiteral("--thinking") << QStringLiteral("off") << QStringLiteral("Hm"),
            QStringLiteral("ok"));
        QCOMPARE(adjusted.exitCode, 0);
        QVERIFY2(adjusted.err.contains("always thinks"), adjusted.err.constData());
        QVERIFY(!m_sim->messageRequests().constLast().contains(QLatin1String("thinking")));
        // Bad values are usage errors.
        QCOMPARE(ask(fast() << QStringLiteral("--thinking") << QStringLiteral("12")
                            << QStringLiteral("x"))
                     .exitCode,
                 2);
        QCOMPARE(ask(fast() << QStringLiteral("--effort") << QStringLiteral("huge")
                            << QStringLiteral("x"))
                     .exitCode,
                 2);
    }

    void stopReasonsAreSaidAndExitZero_data()
    {
        QTest::addColumn<QString>("behaviour");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("said");
        QTest::newRow("max_tokens") << "stop:reason=max_tokens:after=4"
                                    << "max_tokens"
                                    << "Cut off at 4 tokens";
        QTest::newRow("refusal") << "refusal:after=2"
                                 << "refusal"
                                 << "declined";
        QTest::newRow("context") << "context-full:after=2"
                                 << "model_context_window_exceeded"
                                 << "context window";
        QTest::newRow("unknown") << "stop:reason=tea_break:after=2"
                                 << "tea_break"
                                 << "tea_break";
        // Resent three times, then the answer stands with what happened.
        QTest::newRow("pause_turn") << "pause-turn:after=1*4"
                                    << "pause_turn"
                                    << "paused";
    }

    void stopReasonsAreSaidAndExitZero()
    {
        QFETCH(QString, behaviour);
        QFETCH(QString, reason);
        QFETCH(QString, said);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("events.jsonl"));
        const ProcessResult r =
            ask(fast() << QStringLiteral("--events") << file << QStringLiteral("hello"), behaviour);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(said.toUtf8()), r.err.constData());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QJsonObject> evs = events(f.readAll());
        QCOMPARE(evs.last().value(QLatin1String("type")).toString(), QStringLiteral("done"));
        QCOMPARE(evs.last().value(QLatin1String("stop_reason")).toString(), reason);
        if (reason == u"refusal")
            QCOMPARE(evs.last()
                         .value(QLatin1String("stop_details"))
                         .toObject()
                         .value(QLatin1String("category"))
                         .toString(),
                     QStringLiteral("cyber"));
        QVERIFY(!r.out.isEmpty());
    }

    void eventsOnStandardErrorAreOnlyJson()
    {
        const ProcessResult r =
            ask(fast() << QStringLiteral("--events") << QStringLiteral("-") << QStringLiteral("hi"),
                QStringLiteral("529,ok"));
        QCOMPARE(r.exitCode, 0);
        const QList<QJsonObject> evs = events(r.err); // fails on any non-JSON line
        QCOMPARE(types(evs).last(), QStringLiteral("done"));
    }

    void exitCodes_data()
    {
        QTest::addColumn<QString>("behaviours");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("kind");
        QTest::newRow("auth") << "401" << QStringList{} << 3 << "auth";
        QTest::newRow("invalid request") << "400" << QStringList{} << 3 << "invalid_request";
        QTest::newRow("rate limited")
            << "429:retry-after-ms=5*4" << QStringList{} << 4 << "rate_limited";
        QTest::newRow("retry wait over the ceiling")
            << "429:retry-after=120" << QStringList{} << 4 << "rate_limited";
        QTest::newRow("overloaded") << "529*4" << QStringList{} << 4 << "overloaded";
        QTest::newRow("server") << "500:should-retry=false" << QStringList{} << 5 << "server";
        QTest::newRow("stalled") << "stall-mid:after=3" << QStringList{"--idle-timeout", "0.3"} << 6
                                 << "stalled";
        QTest::newRow("no headers in time")
            << "stall-headers*4" << QStringList{"--connect-timeout", "0.2", "--max-attempts", "2"}
            << 6 << "timeout";
        QTest::newRow("endless stream hits the total limit")
            << "endless" << QStringList{"--timeout", "0.5"} << 6 << "timeout";
        QTest::newRow("circuit open")
            << "529*4" << QStringList{"--breaker-threshold", "2"} << 8 << "circuit_open";
        QTest::newRow("incomplete") << "close-early:after=3" << QStringList{} << 9 << "incomplete";
        QTest::newRow("not an event stream") << "not-sse" << QStringList{} << 9 << "protocol";
        QTest::newRow("invalid utf-8") << "bad-utf8:after=1" << QStringList{} << 9 << "protocol";
        QTest::newRow("endless line") << "huge-line" << QStringList{} << 9 << "protocol";
    }

    void exitCodes()
    {
        QFETCH(QString, behaviours);
        QFETCH(QStringList, extra);
        QFETCH(int, exitCode);
        QFETCH(QString, kind);
        const ProcessResult r = ask(fast() << extra << QStringLiteral("--events")
                                           << QStringLiteral("-") << QStringLiteral("hi"),
                                    behaviours);
        QVERIFY2(!r.timedOut, "the CLI hung");
        QCOMPARE(r.exitCode, exitCode);
        const QList<QJsonObject> evs = events(r.err);
        QCOMPARE(evs.last().value(QLatin1String("type")).toString(), QStringLiteral("error"));
        QCOMPARE(evs.last().value(QLatin1String("kind")).toString(), kind);
        QVERIFY(!evs.last().value(QLatin1String("message")).toString().isEmpty());
    }

    void partialTextStaysPrinted()
    {
        const ProcessResult r =
            ask(fast() << QStringLiteral("hi"), QStringLiteral("error-mid:after=5"));
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(QString::fromUtf8(r.out),
                 expectedPrefix(*m_sim, simpleRequest(QStringLiteral("hi"), 4096), 5));
        QVERIFY2(r.err.contains("overloaded"), r.err.constData());
        QVERIFY2(r.err.contains("incomplete"), r.err.constData());
        QCOMPARE(m_sim->requestCount(), 1); // committed: not retried
    }

    void humanDiagnosticsSayWhatToDo()
    {
        const ProcessResult r = ask(fast() << QStringLiteral("hi"), QStringLiteral("529,401"));
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("retrying in"), r.err.constData());
        QVERIFY2(r.err.contains("auth (HTTP 401)"), r.err.constData());
        QVERIFY2(r.err.contains("key"), r.err.constData());
        QVERIFY2(r.err.contains("req_sim_"), r.err.constData());
        QVERIFY(!r.err.contains(kTestKey));
    }

    void unreachableHostIsExit7()
    {
        const ProcessResult r =
            runProcess(QStringLiteral(BW_CLI_PATH),
                       {QStringLiteral("ask"), QStringLiteral("--base-url"),
                        QStringLiteral("http://127.0.0.1:1"), QStringLiteral("--base-delay"),
                        QStringLiteral("0.01"), QStringLiteral("hi")},
                       env());
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains("refused"), r.err.constData());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no prompt") << QStringList{} << "exactly one PROMPT";
        QTest::newRow("two prompts") << QStringList{"a", "b"} << "exactly one PROMPT";
        QTest::newRow("empty prompt") << QStringList{"   "} << "empty";
        QTest::newRow("bad number")
            << QStringList{"--max-attempts", "many", "hi"} << "whole number";
        QTest::newRow("bad seconds") << QStringList{"--idle-timeout", "-1", "hi"} << "seconds";
        QTest::newRow("malformed base url")
            << QStringList{"--base-url", "ht!tp://", "hi"} << "base URL";
        QTest::newRow("plain http to a remote host")
            << QStringList{"--base-url", "http://api.example.com", "hi"} << "https";
        QTest::newRow("unknown option") << QStringList{"--bogus", "hi"} << "bogus";
        QTest::newRow("bad max tokens") << QStringList{"--max-tokens", "-5", "hi"} << "max tokens";
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const ProcessResult r = runProcess(QStringLiteral(BW_CLI_PATH),
                                           QStringList{QStringLiteral("ask")} + args, env());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromLocal8Bit(r.err).contains(message), r.err.constData());
        QCOMPARE(m_sim->totalRequests(), 0);
    }

    void emptyStandardInputIsAUsageError()
    {
        const ProcessResult r = ask(fast() << QStringLiteral("-"), {}, true, QByteArray(""));
        QCOMPARE(r.exitCode, 2);
    }

    void missingKeyIsAClearError()
    {
        const ProcessResult r = ask(fast() << QStringLiteral("hi"), {}, false);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("ANTHROPIC_API_KEY"), r.err.constData());
        QCOMPARE(m_sim->totalRequests(), 0);
    }

    void baseUrlFromTheEnvironment()
    {
        QProcessEnvironment e = env();
        e.insert(QStringLiteral("ANTHROPIC_BASE_URL"), m_sim->baseUrl().toString());
        m_sim->setScript(script(QStringLiteral("ok")));
        const ProcessResult r = runProcess(QStringLiteral(BW_CLI_PATH),
                                           {QStringLiteral("ask"), QStringLiteral("hi")}, e);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(m_sim->requestCount(), 1);
    }

    void conversationFileCarriesTheHistory()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("chat.json"));
        ProcessResult r = ask(fast() << QStringLiteral("--conversation") << file
                                     << QStringLiteral("first question"),
                              QStringLiteral("ok"));
        QCOMPARE(r.exitCode, 0);
        r = ask(fast() << QStringLiteral("--conversation") << file
                       << QStringLiteral("second question"),
                QStringLiteral("ok"));
        QCOMPARE(r.exitCode, 0);
        const QJsonArray sent =
            m_sim->messageRequests().constLast().value(QLatin1String("messages")).toArray();
        QCOMPARE(sent.size(), 3); // the history went with the new prompt
        QCOMPARE(sent[0].toObject().value(QLatin1String("content")).toString(),
                 QStringLiteral("first question"));
        ConversationStore store;
        ConversationData data;
        QString error;
        QVERIFY2(store.load(file, data, &error), qPrintable(error));
        QCOMPARE(data.messages.size(), 4);
        QCOMPARE(data.messages[3].status, MessageStatus::Complete);
        QCOMPARE(data.messages[3].text, QString::fromUtf8(r.out));
        QCOMPARE(QFileInfo(file).permissions() & ~(QFile::ReadUser | QFile::WriteUser),
                 QFile::ReadOwner | QFile::WriteOwner);
    }

    void failedAnswerIsSavedWithItsPartialText()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("chat.json"));
        const ProcessResult r =
            ask(fast() << QStringLiteral("--conversation") << file << QStringLiteral("hi"),
                QStringLiteral("error-mid:after=4"));
        QCOMPARE(r.exitCode, 4);
        ConversationData data;
        QString error;
        QVERIFY(ConversationStore().load(file, data, &error));
        QCOMPARE(data.messages.size(), 2);
        QCOMPARE(data.messages[1].status, MessageStatus::Interrupted);
        QCOMPARE(data.messages[1].text, QString::fromUtf8(r.out));
        QVERIFY(!r.out.isEmpty());
    }

    void corruptConversationFileIsLeftAlone()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("chat.json"));
        QVERIFY(ConversationStore::writeAtomically(file, "{ broken", nullptr));
        const ProcessResult r =
            ask(fast() << QStringLiteral("--conversation") << file << QStringLiteral("hi"),
                QStringLiteral("ok"));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("not valid JSON"), r.err.constData());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("{ broken"));
        QCOMPARE(m_sim->totalRequests(), 0);
    }

    // The process is killed in the middle of a slow answer: the file holds the prompt and the
    // partial answer, and reopens with it marked interrupted.
    void killDashNineMidStreamLeavesAValidFile()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("chat.json"));
        m_sim->config().tokensPerSecond = 25;
        m_sim->config().replyTokens = 400;
        QProcess p;
        p.setProcessEnvironment(env());
        p.start(QStringLiteral(BW_CLI_PATH),
                QStringList{QStringLiteral("ask")} + fast() +
                    QStringList{QStringLiteral("--conversation"), file,
                                QStringLiteral("tell me a long story")});
        QVERIFY(p.waitForStarted());
        // Wait (event loop running: the simulator is in this process) until a save holds text.
        ConversationData data;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     QString e;
                                     return ConversationStore().load(file, data, &e) &&
                                            data.messages.size() == 2 &&
                                            data.messages[1].text.size() > 20;
                                 }()),
                                 10000);
        ::kill(pid_t(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);
        QString error;
        QVERIFY2(ConversationStore().load(file, data, &error), qPrintable(error));
        QCOMPARE(data.messages.size(), 2);
        QCOMPARE(data.messages[0].text, QStringLiteral("tell me a long story"));
        QCOMPARE(data.messages[1].status, MessageStatus::Interrupted);
        const QString full =
            m_sim->replyTokens(m_sim->messageRequests().constLast()).join(QString());
        QVERIFY(full.startsWith(data.messages[1].text));
        QVERIFY(data.messages[1].text.size() < full.size());
    }

    void compressionIsReportedAsAnEvent()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("long.json"));
        m_sim->config().replyTokens = 300;
        QJsonObject compressed;
        for (const char *q : {"harbours", "lighthouses", "tides", "storms", "piers"}) {
            const ProcessResult r =
                ask(fast() << QStringLiteral("--conversation") << file
                           << QStringLiteral("--compress-at") << QStringLiteral("1000")
                           << QStringLiteral("--keep-recent") << QStringLiteral("2")
                           << QStringLiteral("--summary-model")
                           << QStringLiteral("claude-haiku-4-5") << QStringLiteral("--events")
                           << QStringLiteral("-") << QString::fromLatin1(q));
            QCOMPARE(r.exitCode, 0);
            for (const QJsonObject &e : events(r.err)) {
                if (e.value(QLatin1String("type")).toString() == u"compressed")
                    compressed = e;
            }
        }
        QVERIFY(!compressed.isEmpty());
        QVERIFY(compressed.value(QLatin1String("summarized_messages")).toInt() >= 2);
        QVERIFY(compressed.value(QLatin1String("tokens_before")).toInt() >= 1000);
        QVERIFY(compressed.value(QLatin1String("tokens_after")).toInt() <
                compressed.value(QLatin1String("tokens_before")).toInt());
        ConversationData data;
        QString error;
        QVERIFY(ConversationStore().load(file, data, &error));
        QVERIFY(!data.summary.isEmpty());
        QCOMPARE(data.summary.model, QStringLiteral("claude-haiku-4-5"));
        QCOMPARE(data.messages.size(), 10); // the transcript keeps every turn
    }

    // Regression: a conversation too long for the model whose compression fails ended the
    // answer without any call — and the CLI, which quit only from the call's handlers, hung.
    void failedCompressionOfATooLongConversationExits()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("huge.json"));
        ConversationData d;
        d.id = QStringLiteral("huge");
        const QDateTime t = QDateTime::currentDateTimeUtc();
        d.created = d.updated = t;
        for (int i = 0; i < 10; ++i) {
            ChatMessage u = ChatMessage::user(QStringLiteral("question %1").arg(i), t);
            ChatMessage a = ChatMessage::assistant(QStringLiteral("m"), t);
            a.text = QString(90'000, QLatin1Char('w')); // 900,000 characters in all
            d.messages << u << a;
        }
        QVERIFY(ConversationStore::writeAtomically(file, ConversationFile::serialize(d), nullptr));
        m_sim->setScript(script(QStringLiteral("400"))); // the summary request is refused
        const ProcessResult r = runProcess(
            QStringLiteral(BW_CLI_PATH),
            QStringList{QStringLiteral("ask")} + fast() +
                QStringList{QStringLiteral("--conversation"), file, QStringLiteral("--compress-at"),
                            QStringLiteral("1000"), QStringLiteral("--keep-recent"),
                            QStringLiteral("2"), QStringLiteral("--events"), QStringLiteral("-"),
                            QStringLiteral("one more")},
            env(), {}, 15000);
        QVERIFY2(!r.timedOut, "breakwater-cli did not exit");
        QCOMPARE(r.exitCode, 3); // too_large: a rejected request
        const QList<QJsonObject> evs = events(r.err);
        QCOMPARE(types(evs).constLast(), QStringLiteral("error"));
        QCOMPARE(evs.constLast().value(QLatin1String("kind")).toString(),
                 QStringLiteral("too_large"));
        QCOMPARE(m_sim->requestCount("/v1/messages"), 1); // the summary; the answer never went
        ConversationData back;
        QString error;
        QVERIFY2(ConversationStore().load(file, back, &error), qPrintable(error));
        QCOMPARE(back.messages.size(), 22); // the prompt and the failed answer are kept
        QCOMPARE(back.messages.last().status, MessageStatus::Failed);
    }

    // Ctrl+C ends the answer in whatever stage it is, and the process exits with 130.
    void interruptEndsEveryStage_data()
    {
        QTest::addColumn<QString>("behaviour");
        QTest::addColumn<bool>("compress");
        QTest::addColumn<QString>("reachedEvent"); // the event that shows the stage began
        QTest::newRow("waiting for a retry")
            << QStringLiteral("529") << false << QStringLiteral("retry");
        QTest::newRow("connecting")
            << QStringLiteral("stall-headers") << false << QStringLiteral("attempt");
        QTest::newRow("compressing") << QStringLiteral("stall-headers") << true << QString();
    }

    void interruptEndsEveryStage()
    {
        QFETCH(QString, behaviour);
        QFETCH(bool, compress);
        QFETCH(QString, reachedEvent);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("chat.json"));
        const QString eventsFile = dir.filePath(QStringLiteral("events.jsonl"));
        QStringList args{
            QStringLiteral("ask"), QStringLiteral("--base-url"), m_sim->baseUrl().toString(),
            // A retry would wait at least 15 s: exiting sooner proves the wait ended.
            QStringLiteral("--base-delay"), QStringLiteral("30"), QStringLiteral("--max-delay"),
            QStringLiteral("30"), QStringLiteral("--conversation"), file};
        if (compress) {
            // Answers to fold, then the prompt whose compression stalls.
            m_sim->config().replyTokens = 400;
            for (const char *q : {"a first question", "a second one"})
                QCOMPARE(runProcess(QStringLiteral(BW_CLI_PATH),
                                    args + QStringList{QString::fromLatin1(q)}, env())
                             .exitCode,
                         0);
            args << QStringLiteral("--compress-at") << QStringLiteral("1000")
                 << QStringLiteral("--keep-recent") << QStringLiteral("2");
        }
        m_sim->setScript(script(behaviour));
        bool handled = false;
        connect(m_sim, &sim::ApiSimulator::requestHandled, this, [&] { handled = true; });
        auto reached = [&] {
            if (reachedEvent.isEmpty())
                return handled;
            QFile f(eventsFile);
            if (!f.open(QIODevice::ReadOnly))
                return false;
            for (const QJsonObject &e : events(f.readAll())) {
                if (e.value(QLatin1String("type")).toString() == reachedEvent)
                    return handled;
            }
            return false;
        };
        QProcess p;
        p.setProcessEnvironment(env());
        p.start(QStringLiteral(BW_CLI_PATH),
                args << QStringLiteral("--events") << eventsFile << QStringLiteral("the prompt"));
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(reached(), 10000); // the stage has begun
        ::kill(pid_t(p.processId()), SIGINT);
        QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 10000);
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 130);
        ConversationData back;
        QString error;
        QVERIFY2(ConversationStore().load(file, back, &error), qPrintable(error));
        QCOMPARE(back.messages.last().errorKind, ErrorKind::Cancelled);
        if (compress)
            QCOMPARE(
                m_sim->messageRequests().constLast().value(QLatin1String("system")).toString(),
                QString::fromLatin1(ContextCompressor::kInstruction)); // stopped in the summary
    }

    // --regenerate: a new answer to the last prompt, with the same request; --edit-last: a new
    // branch. Every version stays in the file; export shows the shown path, or every branch.
    void regenerateAndEditLastKeepEveryVersion()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("chat.json"));
        QCOMPARE(ask(fast() << QStringLiteral("--conversation") << file << QStringLiteral("first"))
                     .exitCode,
                 0);
        QCOMPARE(ask(fast() << QStringLiteral("--conversation") << file << QStringLiteral("second"))
                     .exitCode,
                 0);
        const QJsonObject asked = m_sim->messageRequests().constLast();
        const ProcessResult again =
            ask(fast() << QStringLiteral("--conversation") << file << QStringLiteral("--regenerate")
                       << QStringLiteral("--events") << QStringLiteral("-"));
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(m_sim->messageRequests().constLast(), asked); // the same request again
        const QList<QJsonObject> evs = events(again.err);
        QCOMPARE(evs.first().value(QLatin1String("type")).toString(), QStringLiteral("branch"));
        QCOMPARE(evs.first().value(QLatin1String("index")).toInt(), 3);
        QCOMPARE(evs.first().value(QLatin1String("count")).toInt(), 2);
        const ProcessResult edited =
            ask(fast() << QStringLiteral("--conversation") << file << QStringLiteral("--edit-last")
                       << QStringLiteral("second, edited"));
        QCOMPARE(edited.exitCode, 0);
        QCOMPARE(m_sim->messageRequests()
                     .constLast()
                     .value(QLatin1String("messages"))
                     .toArray()
                     .last()
                     .toObject()
                     .value(QLatin1String("content"))
                     .toString(),
                 QStringLiteral("second, edited"));
        ConversationData data;
        QString error;
        QVERIFY(ConversationStore().load(file, data, &error));
        QCOMPARE(data.fileVersion, 2);
        QCOMPARE(data.messages.size(), 7); // q1 a1 q2 a2 a2' q2' a3
        const ProcessResult shown =
            runProcess(QStringLiteral(BW_CLI_PATH),
                       {QStringLiteral("export"), file, QStringLiteral("--markdown")}, env());
        QVERIFY(shown.out.contains("second, edited"));
        QVERIFY(!shown.out.contains("\n\nsecond\n\n"));
        const ProcessResult all =
            runProcess(QStringLiteral(BW_CLI_PATH),
                       {QStringLiteral("export"), file, QStringLiteral("--all-branches")}, env());
        QVERIFY(all.out.contains("\n\nsecond\n\n"));
        QCOMPARE(all.out.count("# Branch at message"), 2); // q2 (the first prompt) and a2'
        QCOMPARE(ask(fast() << QStringLiteral("--regenerate") << QStringLiteral("x")).exitCode, 2);
    }

    // A version-1 file is kept as it was, once, before it is written as version 2.
    void aVersionOneConversationIsBackedUpOnce()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("old.json"));
        QVERIFY(QFile::copy(QStringLiteral(BW_SOURCE_DIR "/tests/data/v1/complete.json"), file));
        QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
        const ProcessResult r =
            ask(fast() << QStringLiteral("--conversation") << file << QStringLiteral("more"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("older Breakwater"), r.err.constData());
        QFile backup(file + QStringLiteral(".v1.bak"));
        QVERIFY(backup.open(QIODevice::ReadOnly));
        QFile original(QStringLiteral(BW_SOURCE_DIR "/tests/data/v1/complete.json"));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QCOMPARE(backup.readAll(), original.readAll());
        const ProcessResult second =
            ask(fast() << QStringLiteral("--conversation") << file << QStringLiteral("again"));
        QVERIFY(!second.err.contains("older Breakwater")); // said once
    }

    // A server that repeats the key: it reaches no output, event, conversation or export.
    void anEchoedKeyIsWrittenNowhere()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("chat.json"));
        const QString eventsFile = dir.filePath(QStringLiteral("events.jsonl"));
        QByteArray everything;
        for (const QString &behaviour :
             {QStringLiteral("echo-key"), QStringLiteral("echo-key:after=2")}) {
            const ProcessResult r =
                ask(fast() << QStringLiteral("--conversation") << file << QStringLiteral("--events")
                           << eventsFile << QStringLiteral("hello"),
                    behaviour);
            QVERIFY(r.exitCode != 0);
            everything += r.out + r.err;
            const ProcessResult human = ask(fast() << QStringLiteral("again"), behaviour);
            everything += human.out + human.err;
        }
        const ProcessResult md =
            runProcess(QStringLiteral(BW_CLI_PATH),
                       {QStringLiteral("export"), file, QStringLiteral("--markdown")}, env());
        QCOMPARE(md.exitCode, 0);
        everything += md.out;
        for (const QString &path : {file, eventsFile}) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            everything += f.readAll();
        }
        QVERIFY(everything.contains("[your API key]")); // the error was reported, the key was not
        QVERIFY2(!everything.contains(kTestKey), everything.constData());
    }

    // The key is in the process's memory: no core file may carry it to disk.
    void theProcessWritesNoCoreFile()
    {
        m_sim->setScript(script(QStringLiteral("stall-headers")));
        QProcess p;
        p.setProcessEnvironment(env());
        p.start(QStringLiteral(BW_CLI_PATH),
                QStringList{QStringLiteral("ask")} + fast() + QStringList{QStringLiteral("hi")});
        QVERIFY(p.waitForStarted());
        QTRY_COMPARE(m_sim->inFlight(), 1); // running, key loaded
        QFile limits(QStringLiteral("/proc/%1/limits").arg(p.processId()));
        QVERIFY(limits.open(QIODevice::ReadOnly));
        QByteArray core;
        for (const QByteArray &line : limits.readAll().split('\n')) {
            if (line.startsWith("Max core file size"))
                core = line.simplified();
        }
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(core, QByteArray("Max core file size 0 0 bytes"));
    }

    // Regression (issue 17, #1): a file whose summary.covered_messages was negative made ask read
    // outside the message list (SIGSEGV at -1000). The file is refused, naming the field.
    void aBadConversationFileIsRefusedNotACrash()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("bad.json"));
        QCOMPARE(ask(fast() << QStringLiteral("--conversation") << file << QStringLiteral("hi"),
                     QStringLiteral("ok"))
                     .exitCode,
                 0);
        QJsonObject o = QJsonDocument::fromJson(readFile(file)).object();
        o.insert(QStringLiteral("summary"),
                 QJsonObject{{QStringLiteral("text"), QStringLiteral("earlier")},
                             {QStringLiteral("covered_messages"), -1000}});
        const QByteArray bad = QJsonDocument(o).toJson();
        QVERIFY(ConversationStore::writeAtomically(file, bad, nullptr));
        const int before = m_sim->totalRequests();
        const ProcessResult r = ask(fast() << QStringLiteral("--conversation") << file
                                           << QStringLiteral("--compress-at")
                                           << QStringLiteral("1000") << QStringLiteral("again"),
                                    QStringLiteral("ok"));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("summary.covered_messages"), r.err.constData());
        QCOMPARE(m_sim->totalRequests(), before);
        QCOMPARE(readFile(file), bad); // left as it is
    }

    // Regression (#6): `ask --conversation SAME` three at a time lost 20 of 30 acknowledged
    // answers (the last save won). Three asks at once on the same conversation keep all turns:
    // every answer a process printed and exited 0 for is in the file, after its prompt, and each
    // prompt after the message it was asked after (asks that saw the same conversation are
    // versions of one turn, each with the history it was sent with).
    void concurrentAsksKeepEveryAcknowledgedTurn()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("shared.json"));
        // Each answer takes a few hundred milliseconds: the three processes overlap.
        m_sim->config().ttftMs = 100;
        m_sim->config().tokensPerSecond = 100;
        m_sim->config().replyTokens = 20;
        m_sim->setScript(script(QStringLiteral("ok*9")));
        struct Run
        {
            QString prompt;
            QByteArray out;
        };
        QList<Run> acknowledged;
        for (int round = 0; round < 3; ++round) {
            std::vector<std::unique_ptr<QProcess>> processes;
            QStringList prompts;
            for (int i = 0; i < 3; ++i) {
                prompts << QStringLiteral("round %1, process %2").arg(round).arg(i);
                auto p = std::make_unique<QProcess>();
                p->setProcessEnvironment(env());
                p->start(QStringLiteral(BW_CLI_PATH),
                         QStringList{QStringLiteral("ask")} + fast() +
                             QStringList{QStringLiteral("--conversation"), file, prompts.last()});
                QVERIFY(p->waitForStarted());
                processes.push_back(std::move(p));
            }
            QTRY_VERIFY_WITH_TIMEOUT(
                std::all_of(processes.begin(), processes.end(),
                            [](const auto &p) { return p->state() == QProcess::NotRunning; }),
                30000);
            for (int i = 0; i < 3; ++i) {
                QProcess &p = *processes[size_t(i)];
                QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                         p.readAllStandardError().constData());
                acknowledged << Run{prompts[i], p.readAllStandardOutput()};
            }
        }
        ConversationData data;
        QString error;
        QVERIFY2(ConversationStore().load(file, data, &error), qPrintable(error));
        QCOMPARE(data.messages.size(), 2 * acknowledged.size());
        auto withText = [&data](const QString &text) {
            return std::find_if(data.messages.cbegin(), data.messages.cend(),
                                [&](const ChatMessage &m) { return m.text == text; });
        };
        auto following = [&data](const QString &id) {
            return std::find_if(data.messages.cbegin(), data.messages.cend(),
                                [&](const ChatMessage &m) { return m.parentId == id; });
        };
        for (const Run &run : std::as_const(acknowledged)) {
            const auto prompt = withText(run.prompt);
            QVERIFY2(prompt != data.messages.cend(), qPrintable(run.prompt + " was lost"));
            QVERIFY(prompt->isUser());
            // A first message, or asked after an answer that is in the file.
            if (!prompt->parentId.isEmpty()) {
                const auto before =
                    std::find_if(data.messages.cbegin(), data.messages.cend(),
                                 [&](const ChatMessage &m) { return m.id == prompt->parentId; });
                QVERIFY(before != data.messages.cend());
                QVERIFY(before->isAssistant());
            }
            const auto answer = following(prompt->id);
            QVERIFY2(answer != data.messages.cend(), qPrintable(run.prompt + " lost its answer"));
            QVERIFY(answer->isAssistant());
            QCOMPARE(answer->status, MessageStatus::Complete);
            QCOMPARE(answer->text, QString::fromUtf8(run.out));
        }
        QVERIFY(!QFile::exists(file + QStringLiteral(".lock")));
    }

    // A --regenerate and an ask at once on one conversation: both are kept. The ask starts once
    // the regenerate's request is out (so it reads the new version, unfinished, as the shown
    // answer and asks after it): the old answer stays as it was, the new version ends complete
    // although the ask's copy of it was unfinished, and the new turn follows the new version.
    void aRegenerateAndAnAskAtOnceKeepBoth()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("chat.json"));
        QCOMPARE(ask(fast() << QStringLiteral("--conversation") << file << QStringLiteral("first"),
                     QStringLiteral("ok"))
                     .exitCode,
                 0);
        ConversationData before;
        QString error;
        QVERIFY2(ConversationStore().load(file, before, &error), qPrintable(error));
        const ChatMessage firstAnswer = before.messages[1];
        m_sim->config().ttftMs = 400; // the ask reads the file while the new version streams
        m_sim->config().tokensPerSecond = 100;
        m_sim->config().replyTokens = 20;
        m_sim->setScript(script(QStringLiteral("ok*2")));
        const int requests = m_sim->totalRequests();
        auto start = [&](const QStringList &command) {
            auto p = std::make_unique<QProcess>();
            p->setProcessEnvironment(env());
            p->start(QStringLiteral(BW_CLI_PATH),
                     QStringList{QStringLiteral("ask")} + fast() + command);
            return p;
        };
        const auto regenerate =
            start({QStringLiteral("--conversation"), file, QStringLiteral("--regenerate")});
        QVERIFY(regenerate->waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(m_sim->totalRequests(), requests + 1, 10000);
        const auto asking =
            start({QStringLiteral("--conversation"), file, QStringLiteral("second")});
        QVERIFY(asking->waitForStarted());
        // The simulator answers on this thread: wait with its event loop running.
        QTRY_VERIFY_WITH_TIMEOUT(regenerate->state() == QProcess::NotRunning &&
                                     asking->state() == QProcess::NotRunning,
                                 30000);
        for (QProcess *p : {regenerate.get(), asking.get()})
            QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0,
                     p->readAllStandardError().constData());
        ConversationData data;
        QVERIFY2(ConversationStore().load(file, data, &error), qPrintable(error));
        QCOMPARE(data.messages.size(), 5);
        QCOMPARE(data.messages[1], firstAnswer); // the old answer stays as it was
        QList<const ChatMessage *> answersToFirst, second;
        for (const ChatMessage &m : data.messages) {
            if (m.parentId == data.messages[0].id)
                answersToFirst << &m;
            if (m.text == u"second")
                second << &m;
        }
        QCOMPARE(answersToFirst.size(), 2);
        QCOMPARE(answersToFirst[1]->status, MessageStatus::Complete);
        QCOMPARE(answersToFirst[1]->text, QString::fromUtf8(regenerate->readAllStandardOutput()));
        QCOMPARE(second.size(), 1);
        QCOMPARE(second[0]->parentId, answersToFirst[1]->id);
        const auto answerToSecond =
            std::find_if(data.messages.cbegin(), data.messages.cend(),
                         [&](const ChatMessage &m) { return m.parentId == second[0]->id; });
        QVERIFY(answerToSecond != data.messages.cend());
        QCOMPARE(answerToSecond->status, MessageStatus::Complete);
        QCOMPARE(answerToSecond->text, QString::fromUtf8(asking->readAllStandardOutput()));
    }

    // Regression (#7): a FIFO given to --conversation hung ask forever; export of a link to
    // /dev/zero aborted with bad_alloc. Only regular files are read, at most 256 MiB.
    void specialFilesAreRefused()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("fifo.json"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        ProcessResult r = runProcess(
            QStringLiteral(BW_CLI_PATH),
            QStringList{QStringLiteral("ask")} + fast() +
                QStringList{QStringLiteral("--conversation"), fifo, QStringLiteral("hi")},
            env(), {}, 10000);
        QVERIFY2(!r.timedOut, "ask waited for the FIFO");
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("a FIFO, not a regular file"), r.err.constData());
        QCOMPARE(m_sim->totalRequests(), 0);

        const QString zero = dir.filePath(QStringLiteral("zero.json"));
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), zero));
        r = runProcess(QStringLiteral(BW_CLI_PATH), {QStringLiteral("export"), zero}, env(), {},
                       10000);
        QVERIFY2(!r.timedOut, "export read /dev/zero");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("a character device"), r.err.constData());

        const QString huge = dir.filePath(QStringLiteral("huge.json"));
        {
            QFile f(huge); // sparse: no room taken on the disk
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.resize(qint64(257) * 1024 * 1024));
        }
        r = runProcess(QStringLiteral(BW_CLI_PATH), {QStringLiteral("export"), huge}, env());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("larger than 256 MiB"), r.err.constData());
    }

    // Regression (#9, #8): with a conversation file that cannot be written the prompt was sent
    // anyway and ask exited 0; a dangling link's target was created. Now nothing is sent, and
    // ask exits 10 saying why.
    void aConversationThatCannotBeSavedSendsNothing_data()
    {
        QTest::addColumn<QString>("where");
        QTest::addColumn<QByteArray>("reason");
        QTest::newRow("under a file") << "in-the-way/chat.json" << QByteArray("lock file");
        QTest::newRow("dangling link") << "link.json" << QByteArray("symbolic link");
    }

    void aConversationThatCannotBeSavedSendsNothing()
    {
        QFETCH(QString, where);
        QFETCH(QByteArray, reason);
        QTemporaryDir dir;
        QVERIFY(ConversationStore::writeAtomically(dir.filePath(QStringLiteral("in-the-way")),
                                                   "a file, not a folder", nullptr));
        const QString target = dir.filePath(QStringLiteral("created-by-accident.json"));
        QVERIFY(QFile::link(target, dir.filePath(QStringLiteral("link.json"))));
        const ProcessResult r = ask(fast() << QStringLiteral("--conversation")
                                           << dir.filePath(where) << QStringLiteral("keep me"),
                                    QStringLiteral("ok"));
        QCOMPARE(m_sim->totalRequests(), 0);
        QCOMPARE(r.exitCode, 10);
        QVERIFY2(r.err.contains("could not be saved, so the prompt was not sent"),
                 r.err.constData());
        QVERIFY2(r.err.contains(reason), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QVERIFY(!QFile::exists(target));
    }

    // A conversation file that becomes unreadable while the answer streams (another program
    // broke it) is not saved over; the answer is printed, and the exit says it was not saved.
    void aFileBrokenMeanwhileIsNotSavedOver()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("chat.json"));
        m_sim->config().ttftMs = 300;
        m_sim->config().replyTokens = 20;
        QProcess p;
        p.setProcessEnvironment(env());
        p.start(QStringLiteral(BW_CLI_PATH),
                QStringList{QStringLiteral("ask")} + fast() +
                    QStringList{QStringLiteral("--conversation"), file, QStringLiteral("hi")});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(file), 10000); // the prompt is saved
        {
            QFile broken(file);
            QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
            broken.write("{ broken");
        }
        QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 10000);
        const QByteArray err = p.readAllStandardError();
        QCOMPARE(p.exitCode(), 10);
        QVERIFY2(err.contains("cannot be read"), err.constData());
        QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()),
                 m_sim->replyTokens(m_sim->messageRequests().constLast()).join(QString()));
        QCOMPARE(readFile(file), QByteArray("{ broken"));
    }

    void exportWritesMarkdown()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("chat.json"));
        QCOMPARE(
            ask(fast() << QStringLiteral("--conversation") << file << QStringLiteral("export me"),
                QStringLiteral("ok"))
                .exitCode,
            0);
        ProcessResult r =
            runProcess(QStringLiteral(BW_CLI_PATH),
                       {QStringLiteral("export"), file, QStringLiteral("--markdown")}, env());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("# export me"));
        QVERIFY(r.out.contains("## Claude"));
        r = runProcess(QStringLiteral(BW_CLI_PATH),
                       {QStringLiteral("export"), dir.filePath(QStringLiteral("missing.json"))},
                       env());
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("cannot export"));
    }

    ProcessResult batch(QStringList args, const QByteArray &prompts, const QString &behaviours = {})
    {
        if (!behaviours.isEmpty())
            m_sim->setScript(script(behaviours));
        QProcessEnvironment e = env();
        e.insert(QStringLiteral("BREAKWATER_BATCH_POLL_MS"), QStringLiteral("50"));
        return runProcess(QStringLiteral(BW_CLI_PATH),
                          QStringList{QStringLiteral("batch")} + fast() + args +
                              QStringList{QStringLiteral("-")},
                          e, prompts);
    }

    void batchWritesOneLinePerPromptInOrder_data()
    {
        QTest::addColumn<QStringList>("mode");
        QTest::newRow("fixed") << QStringList{QStringLiteral("--concurrency"), QStringLiteral("3")};
        QTest::newRow("auto") << QStringList{QStringLiteral("--concurrency"),
                                             QStringLiteral("auto")};
        QTest::newRow("batches api") << QStringList{QStringLiteral("--via-batches-api")};
    }

    void batchWritesOneLinePerPromptInOrder()
    {
        QFETCH(QStringList, mode);
        QByteArray input;
        QStringList prompts;
        for (int i = 0; i < 12; ++i) {
            prompts << QStringLiteral("prompt number %1").arg(i);
            input += prompts.last().toUtf8() + "\n\n"; // empty lines are skipped
        }
        const ProcessResult r = batch(mode, input);
        QCOMPARE(r.exitCode, 0);
        const QList<QJsonObject> lines = events(r.out);
        QCOMPARE(lines.size(), 12);
        for (int i = 0; i < 12; ++i) {
            const QJsonObject &o = lines[i];
            QCOMPARE(o.value(QLatin1String("index")).toInt(), i);
            QCOMPARE(o.value(QLatin1String("prompt")).toString(), prompts[i]);
            QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
            QCOMPARE(o.value(QLatin1String("text")).toString(),
                     expectedReply(*m_sim, simpleRequest(prompts[i], 4096)));
            QVERIFY(o.value(QLatin1String("kind")).isNull());
            QVERIFY(o.contains(QLatin1String("attempts")));
            QVERIFY(o.value(QLatin1String("usage"))
                        .toObject()
                        .value(QLatin1String("output_tokens"))
                        .toInt() > 0);
            QVERIFY(o.contains(QLatin1String("ms")));
        }
    }

    void batchFailsWhenAPromptFailsAndSaysWhich()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out.jsonl"));
        const ProcessResult r =
            batch({QStringLiteral("--concurrency"), QStringLiteral("1"), QStringLiteral("--out"),
                   out, QStringLiteral("--events"), QStringLiteral("-")},
                  "a\nb\nc\n", QStringLiteral("ok,400,ok"));
        QCOMPARE(r.exitCode, 3); // the failed prompt's kind: invalid_request
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QJsonObject> lines = events(f.readAll());
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[1].value(QLatin1String("status")).toString(), QStringLiteral("failed"));
        QCOMPARE(lines[1].value(QLatin1String("kind")).toString(),
                 QStringLiteral("invalid_request"));
        QCOMPARE(lines[2].value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        const QList<QJsonObject> evs = events(r.err);
        QVERIFY(types(evs).contains(QStringLiteral("concurrency")));
        QCOMPARE(evs.first().value(QLatin1String("limit")).toInt(), 1);
        QCOMPARE(evs.last().value(QLatin1String("type")).toString(), QStringLiteral("done"));
        QCOMPARE(evs.last().value(QLatin1String("failed")).toInt(), 1);
    }

    // Regression: after a 401 every remaining prompt was still sent.
    void aRefusedKeyStopsTheBatch()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out.jsonl"));
        const ProcessResult r = batch(
            {QStringLiteral("--concurrency"), QStringLiteral("1"), QStringLiteral("--out"), out},
            "a\nb\nc\nd\n", QStringLiteral("ok,401"));
        QCOMPARE(r.exitCode, 3); // auth
        QCOMPARE(m_sim->requestCount("/v1/messages"), 2);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QJsonObject> lines = events(f.readAll());
        QCOMPARE(lines.size(), 4);
        for (int i = 1; i < 4; ++i)
            QCOMPARE(lines[i].value(QLatin1String("kind")).toString(), QStringLiteral("auth"));
        QVERIFY(lines[3]
                    .value(QLatin1String("error"))
                    .toString()
                    .contains(QStringLiteral("not sent"), Qt::CaseInsensitive));
    }

    void batchUsageErrors()
    {
        ProcessResult r = batch({}, "\n\n");
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("no prompts"));
        r = batch({QStringLiteral("--concurrency"), QStringLiteral("lots")}, "a\n");
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--concurrency"));
    }

    // --fallback-model: the model is overloaded (every attempt 529), the next one answers; the
    // event stream says so, between the last attempt of the first model and the answer.
    void aFallbackModelAnswersWhenTheModelIsOverloaded()
    {
        const QString opus = QStringLiteral("claude-opus-4-8");
        const QString sonnet = QStringLiteral("claude-sonnet-4-6");
        m_sim->config().modelFaults.insert(opus, QStringLiteral("529"));
        const ProcessResult r =
            ask(fast() << QStringLiteral("--model") << opus << QStringLiteral("--fallback-model")
                       << sonnet << QStringLiteral("--fallback-model")
                       << QStringLiteral("claude-haiku-4-5") << QStringLiteral("--events")
                       << QStringLiteral("-") << QStringLiteral("hello"));
        QCOMPARE(r.exitCode, 0);
        QStringList asked;
        for (const QJsonObject &body : m_sim->messageRequests())
            asked << body.value(QLatin1String("model")).toString();
        QCOMPARE(asked, (QStringList{opus, opus, opus, opus, sonnet}));
        QCOMPARE(QString::fromUtf8(r.out),
                 m_sim->replyTokens(m_sim->messageRequests().constLast()).join(QString()));
        const QList<QJsonObject> evs = events(r.err);
        const QStringList t = types(evs);
        QCOMPARE(t.count(QStringLiteral("fallback")), 1);
        const QJsonObject fallback = evs.at(t.indexOf(QStringLiteral("fallback")));
        QCOMPARE(fallback.value(QLatin1String("from")).toString(), opus);
        QCOMPARE(fallback.value(QLatin1String("to")).toString(), sonnet);
        QCOMPARE(fallback.value(QLatin1String("reason")).toString(), QStringLiteral("overloaded"));
        QVERIFY(t.indexOf(QStringLiteral("fallback")) < t.indexOf(QStringLiteral("first_token")));
        QVERIFY(t.lastIndexOf(QStringLiteral("retry")) < t.indexOf(QStringLiteral("fallback")));
        QCOMPARE(evs.at(t.lastIndexOf(QStringLiteral("attempt"))).value(QLatin1String("n")).toInt(),
                 5); // attempts count on across the models
        QCOMPARE(t.last(), QStringLiteral("done"));

        // Both overloaded: the answer fails as overloaded; in words, each model's attempts are
        // counted against the limit per model.
        m_sim->config().modelFaults.insert(sonnet, QStringLiteral("529"));
        const ProcessResult both =
            ask(fast() << QStringLiteral("--model") << opus << QStringLiteral("--fallback-model")
                       << sonnet << QStringLiteral("hello"));
        QCOMPARE(both.exitCode, 4);
        QVERIFY2(both.err.contains("Claude Opus 4.8 is overloaded; Claude Sonnet 4.6 answers "
                                   "instead."),
                 both.err.constData());
        QCOMPARE(both.err.count("(attempt 4 of 4)"), 2);
        QVERIFY2(!both.err.contains("(attempt 5 of 4)"), both.err.constData());
    }

    // The profile's fallback: "automatic" is used; "ask" has nobody to ask here, so it is never.
    void theProfilesFallbackAppliesUnlessItAsks()
    {
        const QString opus = QStringLiteral("claude-opus-4-8");
        m_sim->config().modelFaults.insert(opus, QStringLiteral("529"));
        const QString settingsPath =
            m_home.path() + QStringLiteral("/config/breakwater/settings.ini");
        QDir().mkpath(QFileInfo(settingsPath).path());
        auto profile = [&settingsPath](const QString &mode) {
            QSettings s(settingsPath, QSettings::IniFormat);
            s.setValue(QStringLiteral("profiles/default/fallbackMode"), mode);
            s.setValue(QStringLiteral("profiles/default/fallbackModels"),
                       QStringLiteral("claude-sonnet-4-6"));
        };
        profile(QStringLiteral("ask"));
        ProcessResult r =
            ask(fast() << QStringLiteral("--model") << opus << QStringLiteral("--events")
                       << QStringLiteral("-") << QStringLiteral("hello"));
        QCOMPARE(r.exitCode, 4); // overloaded
        QVERIFY(!types(events(r.err)).contains(QStringLiteral("fallback")));
        QCOMPARE(m_sim->messageRequests().constLast().value(QLatin1String("model")).toString(),
                 opus);

        profile(QStringLiteral("automatic"));
        r = ask(fast() << QStringLiteral("--model") << opus << QStringLiteral("--events")
                       << QStringLiteral("-") << QStringLiteral("hello"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(types(events(r.err)).contains(QStringLiteral("fallback")));
        QCOMPARE(m_sim->messageRequests().constLast().value(QLatin1String("model")).toString(),
                 QStringLiteral("claude-sonnet-4-6"));
        QFile::remove(settingsPath);
    }

    void aFallbackModelMustBeAModelId()
    {
        const ProcessResult r = ask(fast() << QStringLiteral("--fallback-model")
                                           << QStringLiteral("two words") << QStringLiteral("hi"));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--fallback-model"), r.err.constData());
        QCOMPARE(m_sim->totalRequests(), 0);
    }

    // Regression (issue 15, #2): any number of --fallback-model was taken.
    void atMostEightFallbackModels()
    {
        QStringList args = fast();
        for (int i = 0; i < 9; ++i)
            args << QStringLiteral("--fallback-model") << QStringLiteral("claude-model-%1").arg(i);
        const ProcessResult r = ask(args << QStringLiteral("hi"));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("at most 8"), r.err.constData());
        QCOMPARE(m_sim->totalRequests(), 0);
    }

    void versionAndHelp()
    {
        ProcessResult r =
            runProcess(QStringLiteral(BW_CLI_PATH), {QStringLiteral("--version")}, env());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("breakwater-cli "));
        r = runProcess(QStringLiteral(BW_CLI_PATH),
                       {QStringLiteral("ask"), QStringLiteral("--help")}, env());
        QCOMPARE(r.exitCode, 0);
        for (const char *option :
             {"--base-url", "--model", "--max-tokens", "--system", "--api-version", "--events",
              "--max-attempts", "--base-delay", "--max-delay", "--max-retry-wait", "--timeout",
              "--connect-timeout", "--idle-timeout", "--breaker-threshold", "--breaker-recovery",
              "--fallback-model"})
            QVERIFY2(r.out.contains(option), option);
    }
};

QTEST_GUILESS_MAIN(TestCliAsk)
#include "tst_cli_ask.moc"
