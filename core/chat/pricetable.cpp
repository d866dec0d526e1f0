#include "pricetable.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>

namespace bw {

QString PriceTable::userFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/breakwater/prices.json");
}

PriceTable PriceTable::load(QStringList *problems)
{
    PriceTable table;
    QFile builtIn(QStringLiteral(":/breakwater/prices.json"));
    if (builtIn.open(QIODevice::ReadOnly))
        table.merge(builtIn.readAll());
    QFile user(userFilePath());
    if (user.exists()) {
        QString error;
        if (!user.open(QIODevice::ReadOnly) || !table.merge(user.readAll(), &error)) {
            if (problems)
                *problems << QCoreApplication::translate("bw::PriceTable",
                                                         "The price file %1 was not used: %2")
                                 .arg(user.fileName(),
                                      error.isEmpty() ? user.errorString() : error);
        }
    }
    return table;
}

bool PriceTable::merge(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    const QJsonObject models = doc.object().value(QLatin1String("models")).toObject();
    if (parseError.error != QJsonParseError::NoError || models.isEmpty()) {
        if (error)
            *error =
                parseError.error != QJsonParseError::NoError
                    ? parseError.errorString()
                    : QCoreApplication::translate("bw::PriceTable", "it has no \"models\" object");
        return false;
    }
    // Checked whole before anything is taken: a file with one bad number changes nothing.
    QHash<QString, Price> prices;
    for (auto it = models.begin(); it != models.end(); ++it) {
        const QJsonObject p = it.value().toObject();
        const double in = p.value(QLatin1String("input")).toDouble(-1);
        const double out = p.value(QLatin1String("output")).toDouble(-1);
        if (!(in >= 0 && in <= kLargestPerMillion && out >= 0 && out <= kLargestPerMillion)) {
            if (error)
                *error = QCoreApplication::translate(
                             "bw::PriceTable",
                             "model %1 needs numeric \"input\" and \"output\" (USD per million "
                             "tokens, 0 to %2)")
                             .arg(it.key())
                             .arg(kLargestPerMillion);
            return false;
        }
        prices.insert(it.key(), {in, out});
    }
    const QJsonObject root = doc.object();
    double multipliers[] = {m_cacheWrite, m_cacheWrite1h, m_cacheRead};
    const char *names[] = {"cache_write_multiplier", "cache_write_1h_multiplier",
                           "cache_read_multiplier"};
    for (int i = 0; i < 3; ++i) {
        const QJsonValue v = root.value(QLatin1String(names[i]));
        if (v.isUndefined())
            continue;
        const double m = v.toDouble(-1);
        // A negative one would make costs negative, a huge one infinite.
        if (!v.isDouble() || !(m >= 0 && m <= kLargestMultiplier)) {
            if (error)
                *error = QCoreApplication::translate("bw::PriceTable",
                                                     "\"%1\" must be a number from 0 to %2")
                             .arg(QLatin1String(names[i]))
                             .arg(kLargestMultiplier);
            return false;
        }
        multipliers[i] = m;
    }
    m_prices.insert(prices);
    m_cacheWrite = multipliers[0];
    m_cacheWrite1h = multipliers[1];
    m_cacheRead = multipliers[2];
    return true;
}

std::optional<PriceTable::Price> PriceTable::priceFor(const QString &model) const
{
    if (auto it = m_prices.constFind(model); it != m_prices.cend())
        return *it;
    // The longest known id that the model id starts with (dated snapshots, "-latest").
    const Price *best = nullptr;
    qsizetype bestLength = 0;
    for (auto it = m_prices.cbegin(); it != m_prices.cend(); ++it) {
        if (model.startsWith(it.key() + QLatin1Char('-')) && it.key().size() > bestLength) {
            best = &it.value();
            bestLength = it.key().size();
        }
    }
    return best ? std::optional<Price>(*best) : std::nullopt;
}

double PriceTable::cost(const QString &model, const Usage &u) const
{
    const auto p = priceFor(model);
    if (!p)
        return 0;
    const qint64 hour =
        std::clamp<qint64>(u.cacheCreation1hInputTokens, 0, u.cacheCreationInputTokens);
    const double input =
        double(u.inputTokens) + double(u.cacheCreationInputTokens - hour) * m_cacheWrite +
        double(hour) * m_cacheWrite1h + double(u.cacheReadInputTokens) * m_cacheRead;
    return (input * p->inputPerMillion + double(u.outputTokens) * p->outputPerMillion) / 1e6;
}

double PriceTable::costWithoutCache(const QString &model, const Usage &u) const
{
    const auto p = priceFor(model);
    if (!p)
        return 0;
    return (double(u.totalInputTokens()) * p->inputPerMillion +
            double(u.outputTokens) * p->outputPerMillion) /
           1e6;
}

} // namespace bw
