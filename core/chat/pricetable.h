#pragma once

#include "api/usage.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace bw {

// USD per million tokens, from a data file the user can override
// ($XDG_CONFIG_HOME/breakwater/prices.json, same shape as resources/prices.json).
class PriceTable final
{
public:
    struct Price
    {
        double inputPerMillion = 0;
        double outputPerMillion = 0;
    };

    // The built-in table merged with the user's file, if any; `problems` gets a sentence for a
    // file that cannot be read.
    static PriceTable load(QStringList *problems = nullptr);
    static QString userFilePath();

    // The most a price (USD per million tokens) and a cache multiplier can be (more is a typo).
    static constexpr double kLargestPerMillion = 10'000;
    static constexpr double kLargestMultiplier = 100;

    // Reads a table in the prices.json shape; false with `error` set when it is not one (nothing
    // is taken from it then).
    bool merge(const QByteArray &json, QString *error = nullptr);

    // The price of a model id, also for dated ids ("claude-sonnet-4-6-20261001").
    std::optional<Price> priceFor(const QString &model) const;
    // Cache writes cost 1.25x input (2x when written for an hour), cache reads 0.1x (each
    // overridable in the file).
    double cost(const QString &model, const Usage &usage) const;
    // What the same request would have cost without caching: every input token at the input
    // price.
    double costWithoutCache(const QString &model, const Usage &usage) const;
    // costWithoutCache() - cost(): what caching saved (negative when a write was not read back).
    double cacheSavings(const QString &model, const Usage &usage) const
    {
        return costWithoutCache(model, usage) - cost(model, usage);
    }
    bool isEmpty() const { return m_prices.isEmpty(); }

private:
    QHash<QString, Price> m_prices;
    double m_cacheWrite = 1.25;
    double m_cacheWrite1h = 2.0;
    double m_cacheRead = 0.1;
};

} // namespace bw
