#pragma once

#include <QObject>

#include <functional>

namespace bw {

// What became of one keychain operation.
struct KeyResult
{
    enum class Status { Ok, NotFound, NoKeychain, AccessDenied, Failed };

    Status status = Status::Ok;
    QByteArray key;  // for reads; never logged
    QString message; // for a person: what happened and what to do

    bool ok() const { return status == Status::Ok; }
};

// The API key of each profile in the OS keychain (Secret Service / KWallet on Linux, Keychain on
// macOS, Credential Manager on Windows) through QtKeychain. Asynchronous jobs only; the insecure
// plaintext fallback stays off, so a missing keychain is an error, never a file.
class ApiKeyStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiKeyStore)

public:
    static constexpr auto kService = "Breakwater";
    using Callback = std::function<void(const KeyResult &)>;

    explicit ApiKeyStore(QObject *parent = nullptr);

    // Each callback runs exactly once, later, on this object's thread.
    void read(const QString &profile, Callback done);
    void write(const QString &profile, const QByteArray &key, Callback done);
    void remove(const QString &profile, Callback done);

    // The prefix Anthropic's keys start with; mask() keeps it.
    static constexpr char kKeyPrefix[] = "sk-ant-";
    // "sk-ant-…wxyz": enough to recognise a key, useless to anyone who sees it.
    static QString mask(const QByteArray &key);
};

} // namespace bw
