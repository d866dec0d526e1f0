#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>

#include <optional>

namespace bw {

// Response headers as received, looked up case-insensitively (HTTP field names are).
class HttpHeaders final
{
public:
    using Pair = QPair<QByteArray, QByteArray>;

    HttpHeaders() = default;
    explicit HttpHeaders(QList<Pair> pairs)
        : m_pairs(std::move(pairs))
    {}

    QByteArray value(QByteArrayView name) const;
    bool contains(QByteArrayView name) const;
    const QList<Pair> &pairs() const { return m_pairs; }

private:
    QList<Pair> m_pairs;
};

// RFC 9110 HTTP-date in any of its three historic forms; nullopt if it is none of them.
std::optional<QDateTime> parseHttpDate(QByteArrayView text);
QByteArray formatHttpDate(const QDateTime &time);

// The longest retry hint kept as a number (about 31 years): anything longer says "not in any
// useful time" and is held here, so that no hint overflows an integer or a deadline sum.
inline constexpr qint64 kLongestRetryHintMs = 1'000'000'000'000;

// The server's retry hint in milliseconds: retry-after-ms first (the SDKs prefer it), then
// retry-after as seconds or as an HTTP-date relative to `now`. The result lies in
// [0, kLongestRetryHintMs]: negative waits and dates in the past become 0.
std::optional<qint64> parseRetryHint(const HttpHeaders &headers, const QDateTime &now);

// x-should-retry: "true" / "false"; anything else is no opinion.
std::optional<bool> parseShouldRetry(const HttpHeaders &headers);

} // namespace bw
