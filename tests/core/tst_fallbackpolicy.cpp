// The profile's fallback models and mode: kept per profile, read back as written, and a
// hand-edited value that cannot be used is said in words and left out.
#include "settings/settingsstore.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace bw;

class TestFallbackPolicy : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(QStringLiteral("settings.ini")); }

    const QString m_opus = QStringLiteral("claude-opus-4-8");
    const QString m_sonnet = QStringLiteral("claude-sonnet-4-6");
    const QString m_haiku = QStringLiteral("claude-haiku-4-5");

private Q_SLOTS:
    void cleanup() { QFile::remove(path()); }

    void modesHaveNames()
    {
        using Mode = FallbackPolicy::Mode;
        for (Mode m : {Mode::Automatic, Mode::Ask, Mode::Never})
            QCOMPARE(FallbackPolicy::modeFromName(FallbackPolicy::modeName(m)), m);
        QCOMPARE(FallbackPolicy::modeFromName(u"sometimes"), std::nullopt);
    }

    void theChosenModelIsNoFallbackOfItself()
    {
        const FallbackPolicy p{FallbackPolicy::Mode::Automatic,
                               {m_opus, QStringLiteral(" ") + m_sonnet, m_sonnet, QString()}};
        QCOMPARE(p.fallbacksFor(m_opus), QStringList{m_sonnet});
        QCOMPARE(p.fallbacksFor(m_haiku), (QStringList{m_opus, m_sonnet}));
        const FallbackPolicy never{FallbackPolicy::Mode::Never, {m_sonnet}};
        QVERIFY(never.fallbacksFor(m_opus).isEmpty());
    }

    void modelIdsAreChecked()
    {
        QVERIFY(FallbackPolicy::isModelId(m_opus));
        QVERIFY(!FallbackPolicy::isModelId(QString()));
        QVERIFY(!FallbackPolicy::isModelId(QStringLiteral("two words")));
        QVERIFY(!FallbackPolicy::isModelId(QStringLiteral("tab\there")));
        QVERIFY(!FallbackPolicy::isModelId(QString(201, u'a')));
        QStringList rejected;
        QCOMPARE(FallbackPolicy::cleaned({m_opus, QStringLiteral("no good"), m_opus}, &rejected),
                 QStringList{m_opus});
        QCOMPARE(rejected, QStringList{QStringLiteral("no good")});
    }

    void keptPerProfile()
    {
        SettingsStore store(path());
        EngineSettings work;
        work.profile = QStringLiteral("work");
        work.fallback = {FallbackPolicy::Mode::Automatic, {m_sonnet, m_haiku}};
        QString error;
        QVERIFY2(store.save(work, &error), qPrintable(error));
        EngineSettings home;
        home.profile = QStringLiteral("home");
        home.fallback = {FallbackPolicy::Mode::Never, {}};
        QVERIFY2(store.save(home, &error), qPrintable(error));
        QStringList problems;
        QCOMPARE(store.load(QStringLiteral("work"), &problems).fallback, work.fallback);
        QCOMPARE(store.load(QStringLiteral("home"), &problems).fallback, home.fallback);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        // A profile that never chose: ask, with no models (nothing happens until some are set).
        const FallbackPolicy fresh = store.load(QStringLiteral("other")).fallback;
        QCOMPARE(fresh.mode, FallbackPolicy::Mode::Ask);
        QVERIFY(fresh.models.isEmpty());
    }

    void aHandEditedListIsRead()
    {
        {
            QFile f(path());
            QVERIFY(f.open(QIODevice::WriteOnly));
            // Unquoted: QSettings reads it as a list; a stray space and an empty entry.
            f.write("[profiles]\ndefault\\fallbackModels=claude-sonnet-4-6, claude-haiku-4-5,\n"
                    "default\\fallbackMode=automatic\n");
        }
        QStringList problems;
        const FallbackPolicy p = SettingsStore(path()).load({}, &problems).fallback;
        QCOMPARE(p.models, (QStringList{m_sonnet, m_haiku}));
        QCOMPARE(p.mode, FallbackPolicy::Mode::Automatic);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void badValuesAreSaidAndLeftOut()
    {
        {
            QSettings s(path(), QSettings::IniFormat);
            s.setValue(QStringLiteral("profiles/default/fallbackModels"),
                       QStringLiteral("claude-sonnet-4-6,two words"));
            s.setValue(QStringLiteral("profiles/default/fallbackMode"), QStringLiteral("often"));
        }
        QStringList problems;
        const EngineSettings e = SettingsStore(path()).load({}, &problems);
        QCOMPARE(e.fallback.models, QStringList{m_sonnet});
        QCOMPARE(e.fallback.mode, FallbackPolicy::Mode::Ask); // the default
        QCOMPARE(problems.size(), 2);
        QVERIFY2(problems.join(u'\n').contains(QStringLiteral("two words")),
                 qPrintable(problems.join(u'\n')));
        QVERIFY2(problems.join(u'\n').contains(QStringLiteral("often")),
                 qPrintable(problems.join(u'\n')));
        QVERIFY(e.validate().isEmpty());
        EngineSettings typed = e;
        typed.fallback.models << QStringLiteral("not an id");
        QVERIFY(typed.validate().join(u'\n').contains(QStringLiteral("not an id")));
    }

    // Regression (issue 15, #2): 2,000 fallback models were taken, each a full set of attempts.
    void aLongListIsCutAndSaid()
    {
        QStringList many;
        for (int i = 0; i < 2000; ++i)
            many << QStringLiteral("claude-model-%1").arg(i);
        {
            QSettings s(path(), QSettings::IniFormat);
            s.setValue(QStringLiteral("profiles/default/fallbackModels"), many.join(u','));
            s.setValue(QStringLiteral("profiles/default/fallbackMode"),
                       QStringLiteral("automatic"));
        }
        QStringList problems;
        const EngineSettings e = SettingsStore(path()).load({}, &problems);
        QCOMPARE(e.fallback.models, many.mid(0, FallbackPolicy::kMaxModels));
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().contains(QStringLiteral("2000 models")) &&
                     problems.first().contains(QStringLiteral("first 8")),
                 qPrintable(problems.first()));
        QVERIFY(e.validate().isEmpty());
        EngineSettings typed = e;
        typed.fallback.models << QStringLiteral("claude-one-more");
        QVERIFY2(typed.validate().join(u'\n').contains(QStringLiteral("at most 8 fallback")),
                 qPrintable(typed.validate().join(u'\n')));
        // However a list gets in, no more than 8 are asked.
        const FallbackPolicy p{FallbackPolicy::Mode::Automatic, many};
        QCOMPARE(p.fallbacksFor(many.first()), many.mid(1, FallbackPolicy::kMaxModels));
    }
};

QTEST_GUILESS_MAIN(TestFallbackPolicy)
#include "tst_fallbackpolicy.moc"
