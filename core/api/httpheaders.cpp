#include "httpheaders.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace bw {

QByteArray HttpHeaders::value(QByteArrayView name) const
{
    for (const auto &[key, val] : m_pairs) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return val.trimmed();
    }
    return {};
}

bool HttpHeaders::contains(QByteArrayView name) const
{
    for (const auto &pair : m_pairs) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

std::optional<QDateTime> parseHttpDate(QByteArrayView text)
{
    QString s = QString::fromLatin1(text).simplified();
    // The weekday is redundant, and Qt would check it against a two-digit year read as 19xx:
    // drop it ("Sun, " / "Sunday, " / asctime's "Sun ").
    const qsizetype comma = s.indexOf(QLatin1Char(','));
    if (comma > 0)
        s = s.mid(comma + 1).trimmed();
    else if (const qsizetype space = s.indexOf(QLatin1Char(' ')); space > 0)
        s = s.mid(space + 1);
    const QLocale c = QLocale::c();
    // RFC 9110 5.6.7: IMF-fixdate, then the obsolete RFC 850 and asctime forms.
    static const char *const formats[] = {
        "dd MMM yyyy HH:mm:ss 'GMT'",
        "dd-MMM-yy HH:mm:ss 'GMT'",
        "MMM d HH:mm:ss yyyy",
    };
    for (const char *format : formats) {
        QDateTime t = c.toDateTime(s, QLatin1String(format));
        if (!t.isValid())
            continue;
        t.setTimeZone(QTimeZone::utc());
        if (t.date().year() < 1970)
            t = t.addYears(100); // RFC 850's two-digit years: Qt reads them as 19xx
        return t;
    }
    return std::nullopt;
}

QByteArray formatHttpDate(const QDateTime &time)
{
    return QLocale::c()
        .toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
        .toLatin1();
}

static std::optional<double> parseNumber(const QByteArray &text)
{
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

// Converting a double outside qint64's range is undefined behaviour (x86 yields INT64_MIN, which
// became "retry now"): the range is checked while the number is still a double.
static qint64 boundedHintMs(double ms)
{
    return qint64(std::ceil(std::clamp(ms, 0.0, double(kLongestRetryHintMs))));
}

std::optional<qint64> parseRetryHint(const HttpHeaders &headers, const QDateTime &now)
{
    if (const auto ms = parseNumber(headers.value("retry-after-ms")))
        return boundedHintMs(*ms);

    const QByteArray retryAfter = headers.value("retry-after");
    if (retryAfter.isEmpty())
        return std::nullopt;
    if (const auto seconds = parseNumber(retryAfter))
        return boundedHintMs(*seconds * 1000.0);
    if (const auto date = parseHttpDate(retryAfter))
        return std::clamp<qint64>(now.msecsTo(*date), 0, kLongestRetryHintMs);
    return std::nullopt;
}

std::optional<bool> parseShouldRetry(const HttpHeaders &headers)
{
    const QByteArray v = headers.value("x-should-retry").toLower();
    if (v == "true")
        return true;
    if (v == "false")
        return false;
    return std::nullopt;
}

} // namespace bw
