#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

namespace bw::sim {

// The service's prompt cache, as far as a client can see it: a request's prompt is a sequence of
// blocks (system, then every message's content blocks); a cache breakpoint (the top-level
// `cache_control` marks the last block; a block's own marks that block) stores the prefix up to
// it, keyed by the bytes of everything before it, for its TTL after its last use. A later request
// reads the longest stored prefix that ends at most `lookbackBlocks` blocks before one of its
// breakpoints, and writes from there to its last breakpoint. Prefixes shorter than `minTokens`
// are never stored. Tokens are counted the simulator's way (about four characters a token, a few
// per message), so the three usage numbers always add up to the request's input tokens.
class SimPromptCache final
{
public:
    struct Usage
    {
        qint64 inputTokens = 0; // not read from the cache nor written to it
        qint64 cacheCreationInputTokens = 0;
        qint64 cacheCreation1hInputTokens = 0; // of those, written for an hour
        qint64 cacheReadInputTokens = 0;

        // The API's usage fields for these numbers (input_tokens, cache_creation_input_tokens,
        // cache_read_input_tokens, cache_creation {ephemeral_5m_input_tokens, ..._1h_...}).
        QJsonObject toJson() const;
    };

    qint64 minTokens = 1024;
    int lookbackBlocks = 20;

    // What a 400 would say about the request's cache_control fields; empty when they are fine.
    static QString check(const QJsonObject &body);
    // Accounts one answered request at `nowMs` (monotonic), storing and refreshing entries.
    // `totalInputTokens` is the request's input as the simulator counts it.
    Usage account(const QJsonObject &body, qint64 totalInputTokens, qint64 nowMs);

    int entryCount() const { return int(m_entries.size()); }
    void clear() { m_entries.clear(); }

private:
    struct Entry
    {
        qint64 expiresAtMs = 0;
        qint64 ttlMs = 0;
    };
    QHash<QByteArray, Entry> m_entries;
};

} // namespace bw::sim
