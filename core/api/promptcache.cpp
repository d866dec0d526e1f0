#include "promptcache.h"

namespace bw {

void PromptCache::writeTo(QJsonObject &body) const
{
    if (ttl == Ttl::Off)
        return;
    QJsonObject control{{QLatin1String("type"), QLatin1String("ephemeral")}};
    if (ttl == Ttl::OneHour) // five minutes is the API's default: said only when it is not that
        control.insert(QLatin1String("ttl"), QLatin1String("1h"));
    body.insert(QLatin1String("cache_control"), control);
}

QString PromptCache::toString() const
{
    switch (ttl) {
    case Ttl::Off:
        return QStringLiteral("off");
    case Ttl::FiveMinutes:
        return QStringLiteral("5m");
    case Ttl::OneHour:
        return QStringLiteral("1h");
    }
    return {};
}

bool PromptCache::parse(QStringView text, PromptCache &out, QString *error)
{
    const QString t = text.trimmed().toString().toLower();
    if (t == u"off" || t == u"none" || t == u"0") {
        out.ttl = Ttl::Off;
    } else if (t == u"5m" || t == u"5min" || t == u"on") {
        out.ttl = Ttl::FiveMinutes;
    } else if (t == u"1h" || t == u"60m") {
        out.ttl = Ttl::OneHour;
    } else {
        if (error)
            *error = tr("'%1' is not a prompt cache setting: use off, 5m or 1h").arg(t);
        return false;
    }
    return true;
}

QString PromptCache::displayName() const
{
    switch (ttl) {
    case Ttl::Off:
        return tr("Off");
    case Ttl::FiveMinutes:
        return tr("5 minutes");
    case Ttl::OneHour:
        return tr("1 hour");
    }
    return {};
}

} // namespace bw
