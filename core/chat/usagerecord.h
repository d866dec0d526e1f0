#pragma once

#include "api/usage.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <optional>

namespace bw {

// One request that reached the API, as the usage ledger keeps it: when, for which profile and
// model, in which conversation (empty for a one-shot or a batch), its tokens and what it cost.
// Never the prompt, never the key.
struct UsageRecord
{
    // What made the request.
    enum class Source { Chat, Summary, Batch, BatchesApi };

    QDateTime time; // UTC
    QString profile;
    QString model;
    QString conversationId;
    Source source = Source::Chat;
    Usage usage;
    double costUsd = 0;

    // One JSON Lines record, ending in '\n' (the cost capped to 0..kLargestCostUsd, as read):
    // {"time","profile","model","conversation","source","input_tokens","output_tokens",
    //  "cache_creation_input_tokens","cache_read_input_tokens","cost_usd"}.
    QByteArray toJsonLine() const;
    // Reads one line (without its '\n'); nullopt when it is not a record: not a JSON object, a
    // field of the wrong type, a count or cost out of range, a time that is not one. Fields it
    // does not know are ignored (a newer Breakwater may add some).
    static std::optional<UsageRecord> fromJsonLine(QByteArrayView line);
    // The same from a JSON object (what fromJsonLine falls back to for a line it did not write).
    static std::optional<UsageRecord> fromJson(const QJsonObject &object);

    static QString sourceName(Source source);
    static std::optional<Source> sourceFromName(QStringView name);

    // The largest cost one request is believed to have (a line claiming more is damaged).
    static constexpr double kLargestCostUsd = 1e6;
    // The longest profile, model or conversation id a line holds (a longer one is damaged).
    static constexpr qsizetype kLongestName = 256;
    // `text` as the ledger keeps it: as it is up to kLongestName, a longer one cut and ended by a
    // hash of the whole (so two long ids stay apart, and the same one always fits the same way).
    static QString fitted(const QString &text);
};

} // namespace bw

Q_DECLARE_METATYPE(bw::UsageRecord)
