#include "modelinfo.h"

#include <cmath>

namespace bw {

namespace {
QJsonObject object(const QJsonObject &o, QLatin1String key)
{
    return o.value(key).toObject();
}

// A limit from the API, if it is a sane whole number; else `fallback`.
qint64 limit(const QJsonValue &v, qint64 fallback, qint64 max)
{
    const double d = v.toDouble(-1);
    return std::isfinite(d) && d >= 1 && d <= double(max) ? qint64(d) : fallback;
}
} // namespace

bool ModelInfo::supports(QStringView capability) const
{
    return capabilities.value(capability).toObject().value(QLatin1String("supported")).toBool();
}

bool ModelInfo::supportsThinking(QStringView type) const
{
    const QJsonObject thinking = object(capabilities, QLatin1String("thinking"));
    return thinking.value(QLatin1String("supported")).toBool() &&
           object(thinking, QLatin1String("types"))
               .value(type)
               .toObject()
               .value(QLatin1String("supported"))
               .toBool();
}

QStringList ModelInfo::effortLevels() const
{
    const QJsonObject effort = object(capabilities, QLatin1String("effort"));
    QStringList levels;
    if (!effort.value(QLatin1String("supported")).toBool())
        return levels;
    for (const char *level : {"low", "medium", "high", "max"}) {
        if (effort.value(QLatin1String(level))
                .toObject()
                .value(QLatin1String("supported"))
                .toBool(true))
            levels << QLatin1String(level);
    }
    return levels;
}

ModelInfo ModelInfo::fromJson(const QJsonObject &m)
{
    ModelInfo info;
    info.id = m.value(QLatin1String("id")).toString();
    info.displayName = m.value(QLatin1String("display_name")).toString();
    info.contextWindow =
        limit(m.value(QLatin1String("max_input_tokens")), info.contextWindow, 100'000'000);
    info.maxOutputTokens =
        int(limit(m.value(QLatin1String("max_tokens")), info.maxOutputTokens, 10'000'000));
    info.capabilities = object(m, QLatin1String("capabilities"));
    return info;
}

QJsonObject ModelInfo::toJson() const
{
    return {{QLatin1String("type"), QLatin1String("model")},
            {QLatin1String("id"), id},
            {QLatin1String("display_name"), displayName},
            {QLatin1String("max_input_tokens"), contextWindow},
            {QLatin1String("max_tokens"), maxOutputTokens},
            {QLatin1String("capabilities"), capabilities}};
}

ModelInfo ModelInfo::unknown(const QString &id)
{
    ModelInfo info;
    info.id = id;
    info.limitsKnown = false;
    return info;
}

} // namespace bw
