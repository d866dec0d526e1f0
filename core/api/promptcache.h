#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace bw {

// Automatic prompt caching: a top-level `cache_control` on a request caches everything up to its
// last cacheable block, and the point moves forward as the conversation grows. A later request
// whose prefix is byte-identical reads it at a tenth of the input price; writing it costs 1.25x
// (five minutes) or 2x (one hour) the input price.
struct PromptCache
{
    Q_DECLARE_TR_FUNCTIONS(bw::PromptCache)

public:
    enum class Ttl { Off, FiveMinutes, OneHour };

    Ttl ttl = Ttl::FiveMinutes;

    bool enabled() const { return ttl != Ttl::Off; }
    // The request's `cache_control` field (nothing when off).
    void writeTo(QJsonObject &body) const;

    // "off", "5m", "1h"; parse() takes the same words.
    QString toString() const;
    static bool parse(QStringView text, PromptCache &out, QString *error = nullptr);
    // For people: "Off", "5 minutes", "1 hour".
    QString displayName() const;

    friend bool operator==(const PromptCache &, const PromptCache &) = default;
};

} // namespace bw
