#include "apikeystore.h"

#include "base/logging.h"

#include <qt6keychain/keychain.h>

namespace bw {

namespace {

QString account(const QString &profile)
{
    return QStringLiteral("profile:") + profile;
}

// QtKeychain reports "no session bus" and "no Secret Service on the bus" as OtherError.
bool isMissingService(const QString &detail)
{
    return detail.contains(QLatin1String("D-Bus")) || detail.contains(QLatin1String("DBus")) ||
           detail.contains(QLatin1String("org.freedesktop.secrets")) ||
           detail.contains(QLatin1String("ServiceUnknown"));
}

KeyResult resultOf(QKeychain::Job *job, const QString &profile)
{
    KeyResult r;
    const QString detail = job->errorString();
    switch (job->error()) {
    case QKeychain::NoError:
        return r;
    case QKeychain::EntryNotFound:
        r.status = KeyResult::Status::NotFound;
        r.message =
            ApiKeyStore::tr(
                "No API key is stored for profile '%1'. Store one with `breakwater-cli key set "
                "--profile %1` or in Settings.")
                .arg(profile);
        break;
    case QKeychain::OtherError:
        if (!isMissingService(detail)) {
            r.status = KeyResult::Status::Failed;
            // The Secret Service answers a locked keyring it could not unlock with a generic error.
            r.message =
                ApiKeyStore::tr(
                    "The keychain failed: %1. If your keyring is locked, unlock it and try again.")
                    .arg(detail);
            break;
        }
        [[fallthrough]];
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        r.status = KeyResult::Status::NoKeychain;
        r.message =
            ApiKeyStore::tr(
                "No keychain service is running: install and unlock GNOME Keyring or KWallet (or "
                "use the ANTHROPIC_API_KEY environment variable). Breakwater never stores the "
                "key in a plain file. (%1)")
                .arg(detail);
        break;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        r.status = KeyResult::Status::AccessDenied;
        r.message =
            ApiKeyStore::tr(
                "The keychain refused access: unlock it (your login keyring) and allow Breakwater "
                "to use it, then try again. (%1)")
                .arg(detail);
        break;
    case QKeychain::CouldNotDeleteEntry:
        r.status = KeyResult::Status::Failed;
        r.message = ApiKeyStore::tr("The keychain could not delete the key for profile '%1': %2")
                        .arg(profile, detail);
        break;
    }
    return r;
}

template<typename Job>
Job *makeJob(ApiKeyStore *store, const QString &profile)
{
    auto *job = new Job(QLatin1String(ApiKeyStore::kService), store);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(account(profile));
    return job;
}

} // namespace

ApiKeyStore::ApiKeyStore(QObject *parent)
    : QObject(parent)
{}

void ApiKeyStore::read(const QString &profile, Callback done)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(this, profile);
    connect(
        job, &QKeychain::Job::finished, this, [profile, done = std::move(done)](QKeychain::Job *j) {
            KeyResult r = resultOf(j, profile);
            if (r.ok())
                r.key = static_cast<QKeychain::ReadPasswordJob *>(j)->binaryData();
            if (r.ok() && r.key.isEmpty()) {
                r.status = KeyResult::Status::NotFound;
                r.message = tr("The keychain entry for profile '%1' is empty.").arg(profile);
            }
            qCDebug(lcSecrets) << "read key for profile" << profile << "status" << int(r.status);
            done(r);
        });
    job->start();
}

void ApiKeyStore::write(const QString &profile, const QByteArray &key, Callback done)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(this, profile);
    job->setBinaryData(key);
    connect(
        job, &QKeychain::Job::finished, this, [profile, done = std::move(done)](QKeychain::Job *j) {
            const KeyResult r = resultOf(j, profile);
            qCDebug(lcSecrets) << "wrote key for profile" << profile << "status" << int(r.status);
            done(r);
        });
    job->start();
}

void ApiKeyStore::remove(const QString &profile, Callback done)
{
    auto *job = makeJob<QKeychain::DeletePasswordJob>(this, profile);
    connect(
        job, &QKeychain::Job::finished, this, [profile, done = std::move(done)](QKeychain::Job *j) {
            const KeyResult r = resultOf(j, profile);
            qCDebug(lcSecrets) << "removed key for profile" << profile << "status" << int(r.status);
            done(r);
        });
    job->start();
}

QString ApiKeyStore::mask(const QByteArray &key)
{
    const QString k = QString::fromUtf8(key.trimmed());
    const QString prefix =
        k.startsWith(QLatin1String(kKeyPrefix)) ? QLatin1String(kKeyPrefix) : QString();
    if (k.size() < prefix.size() + 8)
        return prefix + QStringLiteral("…");
    return prefix + QStringLiteral("…") + k.right(4);
}

} // namespace bw
