#pragma once

#include "modelinfo.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace bw {

// How much the model thinks before it answers: what the user asked for (per conversation, with a
// default in the settings) and, through resolvedFor(), the form the chosen model accepts.
struct ThinkingConfig
{
    Q_DECLARE_TR_FUNCTIONS(bw::ThinkingConfig)

public:
    enum class Mode {
        ModelDefault, // no `thinking` field: the model's own default
        Off,          // {type: disabled}
        Adaptive,     // {type: adaptive} with output_config.effort
        Budget,       // {type: enabled, budget_tokens}
    };

    static constexpr int kMinBudget = 1024;

    Mode mode = Mode::ModelDefault;
    QString effort = QStringLiteral("high"); // low, medium, high, max (adaptive)
    int budgetTokens = 8192;                 // enabled

    // The request's form for `model` with `maxTokens`: a mode the model does not take becomes the
    // nearest one it does (adaptive <-> budget by effort, off on a model that always thinks ->
    // its default), an effort it lacks the nearest lower one, a budget within [1024, maxTokens).
    // `note` (optional) says what was changed and why, empty when nothing was.
    ThinkingConfig resolvedFor(const ModelInfo &model, int maxTokens,
                               QString *note = nullptr) const;

    // The request fields: "thinking" (absent for ModelDefault) and "output_config".
    void writeTo(QJsonObject &body) const;

    // "off", "adaptive", "default" or the budget's number; parse() takes the same words.
    QString toString() const;
    static bool parse(QStringView text, ThinkingConfig &out, QString *error = nullptr);
    static QString modeName(Mode mode);
    static bool isEffort(QStringView effort);

    QJsonObject toJson() const;
    static ThinkingConfig fromJson(const QJsonObject &o);

    friend bool operator==(const ThinkingConfig &, const ThinkingConfig &) = default;
};

} // namespace bw
