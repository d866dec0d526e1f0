#include "apikeysource.h"

namespace bw {

QString ApiKeySource::Lookup::originText() const
{
    switch (origin) {
    case Origin::Environment:
        return tr("from environment (ANTHROPIC_API_KEY)");
    case Origin::Keychain:
        return tr("from the keychain");
    case Origin::None:
        break;
    }
    return tr("none");
}

ApiKeySource::ApiKeySource(ApiKeyStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{}

QByteArray ApiKeySource::environmentKey()
{
    return qgetenv("ANTHROPIC_API_KEY").trimmed();
}

void ApiKeySource::find(const QString &profile, std::function<void(const Lookup &)> done)
{
    if (const QByteArray env = environmentKey(); !env.isEmpty()) {
        Lookup l;
        l.origin = Origin::Environment;
        l.key = env;
        QMetaObject::invokeMethod(
            this, [l, done] { done(l); }, Qt::QueuedConnection); // always later
        return;
    }
    m_store->read(profile, [done](const KeyResult &r) {
        Lookup l;
        if (r.ok()) {
            l.origin = Origin::Keychain;
            l.key = r.key;
        } else {
            l.problem = r.message;
        }
        done(l);
    });
}

} // namespace bw
