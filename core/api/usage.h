#pragma once

#include <QJsonObject>
#include <QMetaType>

namespace bw {

// Token usage as the API reports it. Streams report cumulative numbers: merge() overwrites
// the fields an update carries and keeps the others; it never adds.
struct Usage
{
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    qint64 cacheCreationInputTokens = 0;
    qint64 cacheReadInputTokens = 0;
    // Of outputTokens, how many were thinking, where the API says so
    // (output_tokens_details.thinking_tokens); 0 when it does not.
    qint64 thinkingTokens = 0;
    // Of cacheCreationInputTokens, how many were written for an hour (cache_creation.
    // ephemeral_1h_input_tokens; they cost 2x input, the five-minute ones 1.25x).
    qint64 cacheCreation1hInputTokens = 0;

    // The API's rule: total input = input + cache_creation + cache_read.
    qint64 totalInputTokens() const
    {
        return inputTokens + cacheCreationInputTokens + cacheReadInputTokens;
    }

    void merge(const QJsonObject &usage);
    // Share of the input read from the cache, 0..1 (0 when there was no input).
    double cacheHitRatio() const
    {
        const qint64 total = totalInputTokens();
        return total > 0 ? double(cacheReadInputTokens) / double(total) : 0.0;
    }
    // Sums the counts of two calls (an answer that was resent after pause_turn).
    Usage &operator+=(const Usage &other)
    {
        inputTokens += other.inputTokens;
        outputTokens += other.outputTokens;
        cacheCreationInputTokens += other.cacheCreationInputTokens;
        cacheReadInputTokens += other.cacheReadInputTokens;
        cacheCreation1hInputTokens += other.cacheCreation1hInputTokens;
        thinkingTokens += other.thinkingTokens;
        return *this;
    }
    QJsonObject toJson() const;
    static Usage fromJson(const QJsonObject &usage);

    friend bool operator==(const Usage &, const Usage &) = default;
};

} // namespace bw

Q_DECLARE_METATYPE(bw::Usage)
