#pragma once

#include <QJsonObject>

#include <QList>
#include <QString>
#include <QStringList>
#include <algorithm>

namespace bw {

// What the API says of one model (GET /v1/models): its limits and what it can do. Capabilities
// are kept as received — every key present, each {supported: bool, ...} — and asked by name.
struct ModelInfo
{
    QString id;
    QString displayName;
    qint64 contextWindow = 200'000; // max_input_tokens
    int maxOutputTokens = 32'000;   // the largest max_tokens the model takes
    QJsonObject capabilities;
    // False for a model the catalogue does not know: its limits are guesses, not to cap the
    // user's own choice with.
    bool limitsKnown = true;

    bool isValid() const { return !id.isEmpty(); }
    // capabilities.NAME.supported (false when the API does not say).
    bool supports(QStringView capability) const;
    // capabilities.thinking.types.TYPE.supported ("adaptive", "enabled").
    bool supportsThinking(QStringView type) const;
    // The effort levels the model takes, in order ("low", "medium", "high", "max").
    QStringList effortLevels() const;
    QString label() const { return displayName.isEmpty() ? id : displayName; }
    // max_tokens to send for a user's limit (0: the model's largest): never above the model's
    // largest, unless nothing is known of the model.
    int maxTokensFor(int userLimit) const
    {
        if (!limitsKnown)
            return userLimit > 0 ? userLimit : maxOutputTokens;
        return userLimit > 0 ? std::min(userLimit, maxOutputTokens) : maxOutputTokens;
    }

    // Numbers from outside are checked: a model object with absurd limits gets the defaults.
    static ModelInfo fromJson(const QJsonObject &model);
    QJsonObject toJson() const;
    // A model the catalogue does not know (a gateway's alias, a new id): default limits, and
    // nothing assumed of its capabilities.
    static ModelInfo unknown(const QString &id);
};

} // namespace bw
