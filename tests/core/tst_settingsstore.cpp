#include "settings/settingsstore.h"

#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace bw;

class TestSettingsStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(QStringLiteral("sub/settings.ini")); }

private Q_SLOTS:
    void cleanup() { QFile::remove(path()); }

    void defaultsWhenNothingIsSaved()
    {
        const SettingsStore store(path());
        QStringList problems;
        const EngineSettings e = store.load({}, &problems);
        QVERIFY(problems.isEmpty());
        QCOMPARE(e.profile, QStringLiteral("default"));
        QCOMPARE(e.baseUrl, QUrl(QStringLiteral("https://api.anthropic.com")));
        QCOMPARE(e.apiVersion, QStringLiteral("2026-10-21"));
        QCOMPARE(e.guard.retry.maxAttempts, 4);
        QVERIFY(e.validate().isEmpty());
        QCOMPARE(store.profiles(), QStringList{QStringLiteral("default")});
    }

    void roundTripsEveryValue()
    {
        SettingsStore store(path());
        EngineSettings e;
        e.profile = QStringLiteral("work");
        e.baseUrl = QUrl(QStringLiteral("https://gateway.example.com/anthropic"));
        e.apiVersion = QStringLiteral("2023-06-01");
        e.model = QStringLiteral("claude-opus-4-8");
        e.maxTokens = 2048;
        e.systemPrompt = QStringLiteral("Answer in haiku.\nAlways.");
        e.guard.retry = {6, 250, 4000, 30000, RetryConfig::Jitter::Full};
        e.guard.headersTimeoutMs = 11000;
        e.guard.idleTimeoutMs = 12000;
        e.guard.totalTimeoutMs = 130000;
        e.breaker = {7, 45000, 2, 90000};
        QVERIFY(store.save(e));
        QStringList problems;
        const EngineSettings back = store.load(QStringLiteral("work"), &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QCOMPARE(back.baseUrl, e.baseUrl);
        QCOMPARE(back.apiVersion, e.apiVersion);
        QCOMPARE(back.model, e.model);
        QCOMPARE(back.maxTokens, e.maxTokens);
        QCOMPARE(back.systemPrompt, e.systemPrompt);
        QCOMPARE(back.guard.retry.maxAttempts, 6);
        QCOMPARE(back.guard.retry.baseDelayMs, 250);
        QCOMPARE(back.guard.retry.maxDelayMs, 4000);
        QCOMPARE(back.guard.retry.maxRetryWaitMs, 30000);
        QCOMPARE(back.guard.retry.jitter, RetryConfig::Jitter::Full);
        QCOMPARE(back.guard.headersTimeoutMs, 11000);
        QCOMPARE(back.guard.idleTimeoutMs, 12000);
        QCOMPARE(back.guard.totalTimeoutMs, 130000);
        QCOMPARE(back.breaker.failureThreshold, 7);
        QCOMPARE(back.breaker.recoveryMs, 45000);
        QCOMPARE(back.breaker.successThreshold, 2);
        QCOMPARE(back.breaker.probeTimeoutMs, 90000);
        QVERIFY(store.profiles().contains(QStringLiteral("work")));
    }

    void profilesHaveTheirOwnEndpoint()
    {
        SettingsStore store(path());
        EngineSettings personal;
        personal.profile = QStringLiteral("personal");
        EngineSettings work;
        work.profile = QStringLiteral("work");
        work.baseUrl = QUrl(QStringLiteral("https://gw.corp.example/v"));
        work.apiVersion = QStringLiteral("2023-06-01");
        work.promptCache.ttl = PromptCache::Ttl::OneHour; // the prompt cache is per profile too
        personal.promptCache.ttl = PromptCache::Ttl::Off;
        QVERIFY(store.save(personal));
        QVERIFY(store.save(work));
        QCOMPARE(store.load(QStringLiteral("work")).promptCache.ttl, PromptCache::Ttl::OneHour);
        QCOMPARE(store.load(QStringLiteral("personal")).promptCache.ttl, PromptCache::Ttl::Off);
        QCOMPARE(store.load(QStringLiteral("fresh")).promptCache.ttl,
                 PromptCache::Ttl::FiveMinutes); // on by default
        QCOMPARE(store.load(QStringLiteral("personal")).baseUrl,
                 QUrl(QStringLiteral("https://api.anthropic.com")));
        QCOMPARE(store.load(QStringLiteral("work")).baseUrl, work.baseUrl);
        QCOMPARE(store.load(QStringLiteral("work")).apiVersion, QStringLiteral("2023-06-01"));
        store.setCurrentProfile(QStringLiteral("work"));
        QCOMPARE(store.currentProfile(), QStringLiteral("work"));
        QCOMPARE(store.load().profile, QStringLiteral("work"));
        QVERIFY(store.removeProfile(QStringLiteral("work")));
        QCOMPARE(store.currentProfile(), QStringLiteral("default"));
        QVERIFY(!store.profiles().contains(QStringLiteral("work")));
        QVERIFY(!store.removeProfile(QStringLiteral("default")));
    }

    void badValuesAreReportedAndReplaced_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not a number") << "retry/maxAttempts"
                                      << "many"
                                      << "retry/maxAttempts";
        QTest::newRow("out of range") << "breaker/failureThreshold"
                                      << "0"
                                      << "breaker/failureThreshold";
        QTest::newRow("negative delay") << "retry/baseDelayMs"
                                        << "-5"
                                        << "retry/baseDelayMs";
        QTest::newRow("huge max tokens") << "chat/maxTokens"
                                         << "99999999"
                                         << "chat/maxTokens";
        QTest::newRow("unknown jitter") << "retry/jitter"
                                        << "chaotic"
                                        << "equal, full";
        QTest::newRow("plain http remote") << "profiles/default/baseUrl"
                                           << "http://api.example.com"
                                           << "https";
        QTest::newRow("not a url") << "profiles/default/baseUrl"
                                   << "::nonsense::"
                                   << "base URL";
        QTest::newRow("bad cache") << "profiles/default/promptCache"
                                   << "forever"
                                   << "off, 5m or 1h";
        QTest::newRow("bad bool") << "profiles/default/allowInsecure"
                                  << "perhaps"
                                  << "true or false";
        QTest::newRow("max below base") << "retry/maxDelayMs"
                                        << "10"
                                        << "maxDelayMs";
    }

    void badValuesAreReportedAndReplaced()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, mentions);
        {
            QSettings s(path(), QSettings::IniFormat);
            s.setValue(key, value);
        }
        const SettingsStore store(path());
        QStringList problems;
        const EngineSettings e = store.load({}, &problems);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().contains(mentions), qPrintable(problems.first()));
        QVERIFY2(e.validate().isEmpty(), qPrintable(e.validate().join(u'\n'))); // always usable
    }

    // Regression: a budget written by hand with a decimal comma (unquoted, so QSettings reads a
    // list) turned the budget off without a word.
    void aBudgetWithADecimalCommaIsReported()
    {
        {
            QFile f(path());
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("[profiles]\ndefault\\budgetDayUsd=0,3\ndefault\\budgetMonthUsd=5\n");
        }
        const SettingsStore store(path());
        QStringList problems;
        const EngineSettings e = store.load({}, &problems);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().contains(QStringLiteral("budgetDayUsd")),
                 qPrintable(problems.first()));
        QVERIFY2(problems.first().contains(QStringLiteral("0,3")), qPrintable(problems.first()));
        QCOMPARE(e.budgets.monthUsd, 5.0);
    }

    void appearanceRoundTripAndValidation()
    {
        SettingsStore store(path());
        QVERIFY(store.setAppearance({QStringLiteral("dark"), 13}));
        QStringList problems;
        Appearance a = store.appearance(&problems);
        QCOMPARE(a.theme, QStringLiteral("dark"));
        QCOMPARE(a.fontPointSize, 13);
        {
            QSettings s(path(), QSettings::IniFormat);
            s.setValue(QStringLiteral("appearance/theme"), QStringLiteral("neon"));
        }
        a = store.appearance(&problems);
        QCOMPARE(a.theme, QStringLiteral("system"));
        QCOMPARE(problems.size(), 1);
    }

    void filesAreOwnerOnly()
    {
        SettingsStore store(path());
        QVERIFY(store.save(EngineSettings{}));
        const QFileInfo file(path());
        QCOMPARE(file.permissions() & ~(QFile::ReadUser | QFile::WriteUser),
                 QFile::ReadOwner | QFile::WriteOwner);
        const QFileInfo dir(file.path());
        QCOMPARE(dir.permissions() & ~(QFile::ReadUser | QFile::WriteUser | QFile::ExeUser),
                 QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }

    void profileNames()
    {
        QVERIFY(SettingsStore::isValidProfileName(QStringLiteral("work-2.eu_x")));
        QVERIFY(!SettingsStore::isValidProfileName(QStringLiteral("")));
        QVERIFY(!SettingsStore::isValidProfileName(QStringLiteral("a/b")));
        QVERIFY(!SettingsStore::isValidProfileName(QStringLiteral("has space")));
        SettingsStore store(path());
        EngineSettings e;
        e.profile = QStringLiteral("../evil");
        QString error;
        QVERIFY(!store.save(e, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSettingsStore)
#include "tst_settingsstore.moc"
