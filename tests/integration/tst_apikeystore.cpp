// ApiKeyStore against a real Secret Service (GNOME Keyring in a private D-Bus session; run by
// tests/keyring-session.sh).
#include "secrets/apikeysource.h"
#include "secrets/apikeystore.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QTest>

using namespace bw;

class TestApiKeyStore : public QObject
{
    Q_OBJECT

    ApiKeyStore m_store;

    KeyResult wait(const std::function<void(ApiKeyStore::Callback)> &op)
    {
        KeyResult result;
        bool done = false;
        op([&](const KeyResult &r) {
            result = r;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 10000))
            qFatal("keychain operation did not finish");
        return result;
    }

    KeyResult read(const QString &p)
    {
        return wait([&](auto cb) { m_store.read(p, cb); });
    }
    KeyResult write(const QString &p, const QByteArray &k)
    {
        return wait([&](auto cb) { m_store.write(p, k, cb); });
    }
    KeyResult remove(const QString &p)
    {
        return wait([&](auto cb) { m_store.remove(p, cb); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QFAIL("run through tests/keyring-session.sh: this test needs a real keychain");
    }

    void writeReadRemove()
    {
        const QByteArray key = "fake-key-roundtrip-0123456789";
        QVERIFY(write(QStringLiteral("default"), key).ok());
        const KeyResult r = read(QStringLiteral("default"));
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.key, key);
        QVERIFY(remove(QStringLiteral("default")).ok());
        const KeyResult gone = read(QStringLiteral("default"));
        QCOMPARE(gone.status, KeyResult::Status::NotFound);
        QVERIFY2(gone.message.contains(QStringLiteral("key set")), qPrintable(gone.message));
    }

    void profilesAreSeparateAndOverwritable()
    {
        QVERIFY(write(QStringLiteral("work"), "fake-work-key-1111").ok());
        QVERIFY(write(QStringLiteral("personal"), "fake-personal-key-2222").ok());
        QCOMPARE(read(QStringLiteral("work")).key, QByteArray("fake-work-key-1111"));
        QCOMPARE(read(QStringLiteral("personal")).key, QByteArray("fake-personal-key-2222"));
        QVERIFY(write(QStringLiteral("work"), "fake-work-key-3333").ok());
        QCOMPARE(read(QStringLiteral("work")).key, QByteArray("fake-work-key-3333"));
        QVERIFY(remove(QStringLiteral("work")).ok());
        QCOMPARE(read(QStringLiteral("personal")).key, QByteArray("fake-personal-key-2222"));
        // Removing what is not there is not an error (the Secret Service reports success).
        const KeyResult again = remove(QStringLiteral("work"));
        QVERIFY(again.ok() || again.status == KeyResult::Status::NotFound);
        QCOMPARE(read(QStringLiteral("work")).status, KeyResult::Status::NotFound);
        remove(QStringLiteral("personal"));
    }

    void secretIsEncryptedOnDisk()
    {
        const QByteArray key = "fake-key-on-disk-check-5555";
        QVERIFY(write(QStringLiteral("disk"), key).ok());
        const QString data = qEnvironmentVariable("XDG_DATA_HOME");
        QDirIterator it(data, QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains("on-disk-check"), qPrintable(f.fileName()));
            ++files;
        }
        QVERIFY(files > 0); // the keyring file exists: the secret went somewhere, encrypted
        remove(QStringLiteral("disk"));
    }

    void environmentTakesPrecedence()
    {
        QVERIFY(write(QStringLiteral("env"), "fake-key-from-keychain-9999").ok());
        ApiKeySource source(&m_store);
        auto find = [&] {
            ApiKeySource::Lookup l;
            bool done = false;
            source.find(QStringLiteral("env"), [&](const ApiKeySource::Lookup &x) {
                l = x;
                done = true;
            });
            if (!QTest::qWaitFor([&] { return done; }, 10000))
                qFatal("lookup did not finish");
            return l;
        };
        qputenv("ANTHROPIC_API_KEY", "fake-key-from-environment-7777");
        ApiKeySource::Lookup l = find();
        QCOMPARE(l.origin, ApiKeySource::Origin::Environment);
        QCOMPARE(l.key, QByteArray("fake-key-from-environment-7777"));
        QVERIFY(l.originText().contains(QStringLiteral("environment")));
        qunsetenv("ANTHROPIC_API_KEY");
        l = find();
        QCOMPARE(l.origin, ApiKeySource::Origin::Keychain);
        QCOMPARE(l.key, QByteArray("fake-key-from-keychain-9999"));
        remove(QStringLiteral("env"));
        l = find();
        QCOMPARE(l.origin, ApiKeySource::Origin::None);
        QVERIFY(!l.problem.isEmpty());
    }

    void masking()
    {
        const QByteArray prefix = ApiKeyStore::kKeyPrefix;
        QCOMPARE(ApiKeyStore::mask(prefix + "FAKE-abcdefghijklmnop-wxyz"),
                 QString::fromUtf8(prefix + "…wxyz"));
        QCOMPARE(ApiKeyStore::mask("plainkey123456789"), QStringLiteral("…6789"));
        QCOMPARE(ApiKeyStore::mask(prefix + "x"), QString::fromUtf8(prefix + "…"));
        QVERIFY(
            !ApiKeyStore::mask(prefix + "FAKE-SECRETPART-wxyz").contains(QStringLiteral("SECRET")));
    }
};

QTEST_GUILESS_MAIN(TestApiKeyStore)
#include "tst_apikeystore.moc"
