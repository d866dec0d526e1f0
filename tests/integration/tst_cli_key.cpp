// `breakwater-cli key` and the security rules, as real processes against a real keychain (run by
// tests/keyring-session.sh, which gives private XDG folders and a private D-Bus session).
#include "processrunner.h"
#include "secrets/apikeystore.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QTemporaryDir>

using namespace bw;
using namespace bw::test;

namespace {
// Fake keys in the real keys' shape (the prefix decides how they are masked).
const QByteArray kPrefix = ApiKeyStore::kKeyPrefix;
const QByteArray kWorkKey = kPrefix + "FAKE-WORKSECRETvalue-wk42";
const QByteArray kPersonalKey = kPrefix + "FAKE-PERSONALSECRETvalue-ps17";
const QByteArray kEnvKey = kPrefix + "FAKE-ENVSECRETvalue-ev99";
} // namespace

class TestCliKey : public QObject
{
    Q_OBJECT

    sim::ApiSimulator *m_sim = nullptr;
    QByteArray m_allOutput; // everything every process printed, checked for keys at the end

    QProcessEnvironment env(bool keychain = true) const
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.remove(QStringLiteral("ANTHROPIC_API_KEY"));
        e.remove(QStringLiteral("ANTHROPIC_BASE_URL"));
        if (!keychain) {
            e.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
            e.remove(QStringLiteral("DISPLAY"));
        }
        return e;
    }

    ProcessResult cli(const QStringList &args, const QProcessEnvironment &e,
                      const QByteArray &input = {})
    {
        ProcessResult r = runProcess(QStringLiteral(BW_CLI_PATH), args, e, input);
        m_allOutput += r.out + r.err;
        return r;
    }

    ProcessResult key(const QStringList &args, const QByteArray &input = {})
    {
        return cli(QStringList{QStringLiteral("key")} + args, env(), input);
    }

    static QString sandbox() { return qEnvironmentVariable("BW_TEST_SANDBOX"); }

private Q_SLOTS:
    void initTestCase()
    {
        if (sandbox().isEmpty())
            QFAIL("run through tests/keyring-session.sh");
        m_sim = new sim::ApiSimulator;
        QVERIFY(m_sim->listen());
    }

    void cleanupTestCase() { delete m_sim; }

    void setStatusClear()
    {
        ProcessResult r =
            key({QStringLiteral("set"), QStringLiteral("--profile"), QStringLiteral("work")},
                kWorkKey + '\n');
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(kPrefix + "…wk42"), r.out.constData());
        r = key({QStringLiteral("status"), QStringLiteral("--profile"), QStringLiteral("work")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("from the keychain"), r.out.constData());
        QVERIFY2(r.out.contains(kPrefix + "…wk42"), r.out.constData());
        r = key({QStringLiteral("clear"), QStringLiteral("--profile"), QStringLiteral("work")});
        QCOMPARE(r.exitCode, 0);
        r = key({QStringLiteral("status"), QStringLiteral("--profile"), QStringLiteral("work")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("no API key"), r.out.constData());
        QVERIFY2(r.err.contains("key set --profile work"), r.err.constData());
        QCOMPARE(key({QStringLiteral("clear"), QStringLiteral("--profile"), QStringLiteral("work")})
                     .exitCode,
                 0);
    }

    void profilesAreSeparate()
    {
        QCOMPARE(key({QStringLiteral("set"), QStringLiteral("--profile"), QStringLiteral("work")},
                     kWorkKey)
                     .exitCode,
                 0);
        QCOMPARE(
            key({QStringLiteral("set"), QStringLiteral("--profile"), QStringLiteral("personal")},
                kPersonalKey)
                .exitCode,
            0);
        QVERIFY(key({QStringLiteral("status"), QStringLiteral("--profile"), QStringLiteral("work")})
                    .out.contains("wk42"));
        QVERIFY(
            key({QStringLiteral("status"), QStringLiteral("--profile"), QStringLiteral("personal")})
                .out.contains("ps17"));
        QCOMPARE(key({QStringLiteral("status")}).exitCode, 1); // "default" has none
    }

    void askUsesTheProfilesKey()
    {
        m_sim->config().requiredKey = kWorkKey;
        const QStringList base{QStringLiteral("ask"), QStringLiteral("--base-url"),
                               m_sim->baseUrl().toString()};
        ProcessResult r = cli(base + QStringList{QStringLiteral("--profile"),
                                                 QStringLiteral("work"), QStringLiteral("hi")},
                              env());
        QCOMPARE(r.exitCode, 0);
        r = cli(base + QStringList{QStringLiteral("--profile"), QStringLiteral("personal"),
                                   QStringLiteral("hi")},
                env());
        QCOMPARE(r.exitCode, 3); // the simulator wants the work key
        QVERIFY2(r.err.contains("auth (HTTP 401)"), r.err.constData());
    }

    void environmentOverridesTheKeychain()
    {
        QProcessEnvironment e = env();
        e.insert(QStringLiteral("ANTHROPIC_API_KEY"), QString::fromLatin1(kEnvKey));
        ProcessResult r = cli({QStringLiteral("key"), QStringLiteral("status"),
                               QStringLiteral("--profile"), QStringLiteral("work")},
                              e);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("from environment"), r.out.constData());
        QVERIFY2(r.out.contains("ev99"), r.out.constData());
        m_sim->config().requiredKey = kEnvKey;
        r = cli({QStringLiteral("ask"), QStringLiteral("--base-url"), m_sim->baseUrl().toString(),
                 QStringLiteral("--profile"), QStringLiteral("work"), QStringLiteral("hi")},
                e);
        QCOMPARE(r.exitCode, 0);
    }

    void keyOnTheCommandLineIsRefused()
    {
        const ProcessResult r = key({QStringLiteral("set"), QString::fromLatin1(kWorkKey)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("standard input"), r.err.constData());
        QCOMPARE(key({QStringLiteral("set")}, "").exitCode, 2); // nothing piped in
    }

    void keyNeverAppearsInLogsEventsOrErrors()
    {
        QTemporaryDir dir;
        const QString events = dir.filePath(QStringLiteral("events.jsonl"));
        QProcessEnvironment e = env();
        e.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
        m_sim->config().requiredKey = "something-else";
        m_sim->setScript(script(QStringLiteral("529,ok")));
        const ProcessResult r = cli(
            {QStringLiteral("ask"), QStringLiteral("--base-url"), m_sim->baseUrl().toString(),
             QStringLiteral("--profile"), QStringLiteral("work"), QStringLiteral("--base-delay"),
             QStringLiteral("0.01"), QStringLiteral("--events"), events, QStringLiteral("hi")},
            e);
        QCOMPARE(r.exitCode, 3);     // 401 after a retried 529
        QVERIFY(r.err.size() > 200); // debug logging was really on
        QFile f(events);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray ev = f.readAll();
        QVERIFY(ev.contains("\"kind\":\"auth\""));
        for (const QByteArray &k : {kWorkKey, kPersonalKey, kEnvKey}) {
            QVERIFY2(!r.err.contains(k.mid(14, 16)), "key in the log");
            QVERIFY2(!ev.contains(k.mid(14, 16)), "key in the events");
        }
    }

    void noKeychainIsAClearErrorAndNoPlaintextCopy()
    {
        const QByteArray key = kPrefix + "FAKE-NOKEYCHAINSECRET-nk11";
        ProcessResult r = cli({QStringLiteral("key"), QStringLiteral("set"),
                               QStringLiteral("--profile"), QStringLiteral("lost")},
                              env(false), key);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("No keychain service is running"), r.err.constData());
        QVERIFY2(r.err.contains("never stores the key in a plain file"), r.err.constData());
        r = cli({QStringLiteral("ask"), QStringLiteral("--base-url"), m_sim->baseUrl().toString(),
                 QStringLiteral("--profile"), QStringLiteral("lost"), QStringLiteral("hi")},
                env(false));
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("ANTHROPIC_API_KEY"), r.err.constData());
        QVERIFY2(r.err.contains("keychain"), r.err.constData());
        QDirIterator it(sandbox(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly))
                QVERIFY2(!f.readAll().contains("NOKEYCHAINSECRET"), qPrintable(f.fileName()));
        }
    }

    void plainHttpToARemoteHostNeedsAllowInsecure()
    {
        QProcessEnvironment e = env();
        e.insert(QStringLiteral("ANTHROPIC_API_KEY"), QString::fromLatin1(kEnvKey));
        ProcessResult r = cli({QStringLiteral("ask"), QStringLiteral("--base-url"),
                               QStringLiteral("http://api.example.invalid"), QStringLiteral("hi")},
                              e);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("https"), r.err.constData());
        // Allowed explicitly, it goes ahead (and fails to find the host, which does not exist).
        r = cli({QStringLiteral("ask"), QStringLiteral("--allow-insecure"),
                 QStringLiteral("--max-attempts"), QStringLiteral("1"),
                 QStringLiteral("--connect-timeout"), QStringLiteral("2"),
                 QStringLiteral("--base-url"), QStringLiteral("http://api.example.invalid"),
                 QStringLiteral("hi")},
                e);
        QVERIFY2(r.exitCode == 7 || r.exitCode == 6, qPrintable(QString::number(r.exitCode)));
    }

    // Last: everything above ran; no file in the private config, data and cache folders and no
    // output of any process holds a key in plain text.
    void zzKeyNeverWrittenAnywhere()
    {
        QDirIterator it(sandbox(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            if (!f.open(QIODevice::ReadOnly))
                continue;
            ++files;
            const QByteArray content = f.readAll();
            for (const QByteArray &k : {kWorkKey, kPersonalKey, kEnvKey})
                QVERIFY2(!content.contains(k.mid(14, 16)), qPrintable(f.fileName()));
        }
        QVERIFY(files > 0);
        for (const QByteArray &k : {kWorkKey, kPersonalKey, kEnvKey})
            QVERIFY2(!m_allOutput.contains(k.mid(14, 16)), "a key was printed");
        QVERIFY(m_allOutput.contains(
            "wk42")); // masked forms were printed, so the check above saw output
        key({QStringLiteral("clear"), QStringLiteral("--profile"), QStringLiteral("work")});
        key({QStringLiteral("clear"), QStringLiteral("--profile"), QStringLiteral("personal")});
    }
};

QTEST_GUILESS_MAIN(TestCliKey)
#include "tst_cli_key.moc"
