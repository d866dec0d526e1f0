#pragma once

#include "breakerconfig.h"
#include "circuitbreaker.h" // moc: the breakerAdded signal carries one

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace bw {

class Clock;

// One circuit breaker per base URL and model, shared by every call that uses this registry. The
// application layer makes one per process and hands it to each ResilientClient, so the window,
// its batch runs and its compressor all see the same health of a service.
//
// Per model, because overload is: the API answers 529 for one model while another answers well,
// and a breaker opened by one model must not hold back the others (nor hide that a fallback
// model is healthy). Calls that name no model (GET /v1/models, the Message Batches API, whose
// batches may mix models) use the base URL's own breaker, `model` empty.
class BreakerRegistry final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BreakerRegistry)

public:
    struct Entry
    {
        QString model; // empty: the base URL's own breaker (calls without a model)
        CircuitBreaker *breaker = nullptr;
    };

    explicit BreakerRegistry(Clock *clock, QObject *parent = nullptr);
    ~BreakerRegistry() override;

    Clock *clock() const { return m_clock; }
    // The breaker for `model` at a base URL; created with `config` on first use, then updated
    // to it.
    CircuitBreaker *breakerFor(const QUrl &baseUrl, const QString &model,
                               const BreakerConfig &config);
    // The breaker of `model` at a base URL if one was made; else null.
    CircuitBreaker *find(const QUrl &baseUrl, const QString &model) const;
    // The breakers made so far for a base URL, in the order they were made.
    QList<Entry> breakersAt(const QUrl &baseUrl) const;
    static QString keyOf(const QUrl &baseUrl);

Q_SIGNALS:
    // A breaker was made for a model that had none (the first call to it).
    void breakerAdded(const QUrl &baseUrl, const QString &model, bw::CircuitBreaker *breaker);

private:
    Clock *m_clock;
    QHash<QString, QList<Entry>> m_breakers; // by keyOf(base URL)
};

} // namespace bw
