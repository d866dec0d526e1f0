#pragma once

#include "apikeystore.h"

namespace bw {

// Where the key for a profile comes from: ANTHROPIC_API_KEY first (so a shell or CI can
// override), else the profile's keychain entry.
class ApiKeySource final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiKeySource)

public:
    enum class Origin { None, Environment, Keychain };

    struct Lookup
    {
        Origin origin = Origin::None;
        QByteArray key;
        QString problem; // when there is no key: why, and what to do

        QString originText() const; // "from environment", "from the keychain", "none"
    };

    explicit ApiKeySource(ApiKeyStore *store, QObject *parent = nullptr);

    void find(const QString &profile, std::function<void(const Lookup &)> done);
    static QByteArray environmentKey();

private:
    ApiKeyStore *m_store;
};

} // namespace bw
