#include "thinkingconfig.h"

#include <QLocale>

#include <algorithm>

namespace bw {

namespace {

const QStringList &allEfforts()
{
    static const QStringList levels{QStringLiteral("low"), QStringLiteral("medium"),
                                    QStringLiteral("high"), QStringLiteral("max")};
    return levels;
}

// A budget for an effort, for models that take only budgets.
int budgetFor(const QString &effort)
{
    const int level = int(allEfforts().indexOf(effort));
    static constexpr int budgets[] = {2048, 8192, 16384, 32000};
    return budgets[std::clamp(level < 0 ? 2 : level, 0, 3)];
}

QString effortFor(int budget)
{
    return budget <= 4096    ? QStringLiteral("low")
           : budget <= 12000 ? QStringLiteral("medium")
                             : QStringLiteral("high");
}

} // namespace

bool ThinkingConfig::isEffort(QStringView effort)
{
    return allEfforts().contains(effort);
}

QString ThinkingConfig::modeName(Mode mode)
{
    switch (mode) {
    case Mode::ModelDefault:
        return QStringLiteral("default");
    case Mode::Off:
        return QStringLiteral("off");
    case Mode::Adaptive:
        return QStringLiteral("adaptive");
    case Mode::Budget:
        return QStringLiteral("budget");
    }
    return {};
}

ThinkingConfig ThinkingConfig::resolvedFor(const ModelInfo &model, int maxTokens,
                                           QString *note) const
{
    ThinkingConfig r = *this;
    QString why;
    const bool known = model.capabilities.contains(QLatin1String("thinking"));
    if (!known || mode == Mode::ModelDefault) {
        // Nothing known of the model (a gateway's alias, a new id): sent as asked.
    } else if (!model.supports(u"thinking")) {
        if (mode != Mode::Off)
            why = tr("%1 does not think before answering; thinking is off").arg(model.label());
        r.mode = Mode::ModelDefault;
    } else {
        const bool adaptive = model.supportsThinking(u"adaptive");
        const bool enabled = model.supportsThinking(u"enabled");
        if (mode == Mode::Off && !enabled) {
            r.mode = Mode::ModelDefault;
            why = tr("%1 always thinks; thinking cannot be turned off for it").arg(model.label());
        } else if (mode == Mode::Adaptive && !adaptive && enabled) {
            r.mode = Mode::Budget;
            r.budgetTokens = budgetFor(effort);
            why = tr("%1 takes a thinking budget, not an effort: %2 tokens for '%3'")
                      .arg(model.label(), QLocale().toString(r.budgetTokens), effort);
        } else if (mode == Mode::Budget && !enabled && adaptive) {
            r.mode = Mode::Adaptive;
            r.effort = effortFor(budgetTokens);
            why = tr("%1 takes an effort, not a thinking budget: '%2' for %3 tokens")
                      .arg(model.label(), r.effort, QLocale().toString(budgetTokens));
        }
        if (r.mode == Mode::Adaptive) {
            const QStringList levels = model.effortLevels();
            if (levels.isEmpty()) {
                r.effort.clear(); // the model takes no effort: adaptive alone
            } else if (!levels.contains(r.effort)) {
                // The nearest lower level the model has, else its lowest.
                QString pick = levels.first();
                for (const QString &l : allEfforts()) {
                    if (l == r.effort)
                        break;
                    if (levels.contains(l))
                        pick = l;
                }
                if (why.isEmpty())
                    why =
                        tr("%1 has no effort '%2'; using '%3'").arg(model.label(), r.effort, pick);
                r.effort = pick;
            }
        }
    }
    if (r.mode == Mode::Budget) {
        const int budget =
            std::clamp(r.budgetTokens, kMinBudget, std::max(kMinBudget, maxTokens - 1));
        if (maxTokens <= kMinBudget) {
            r.mode = Mode::ModelDefault;
            why = tr("a thinking budget needs max tokens above %1; thinking is left to the model")
                      .arg(QLocale().toString(kMinBudget));
        } else if (budget != r.budgetTokens) {
            if (why.isEmpty())
                why = tr("the thinking budget must be from %1 to below max tokens (%2): using %3")
                          .arg(QLocale().toString(kMinBudget), QLocale().toString(maxTokens),
                               QLocale().toString(budget));
            r.budgetTokens = budget;
        }
    }
    if (note)
        *note = why;
    return r;
}

void ThinkingConfig::writeTo(QJsonObject &body) const
{
    switch (mode) {
    case Mode::ModelDefault:
        return;
    case Mode::Off:
        body.insert(QLatin1String("thinking"),
                    QJsonObject{{QLatin1String("type"), QLatin1String("disabled")}});
        return;
    case Mode::Adaptive:
        body.insert(QLatin1String("thinking"),
                    QJsonObject{{QLatin1String("type"), QLatin1String("adaptive")}});
        if (!effort.isEmpty())
            body.insert(QLatin1String("output_config"),
                        QJsonObject{{QLatin1String("effort"), effort}});
        return;
    case Mode::Budget:
        body.insert(QLatin1String("thinking"),
                    QJsonObject{{QLatin1String("type"), QLatin1String("enabled")},
                                {QLatin1String("budget_tokens"), budgetTokens}});
        return;
    }
}

QString ThinkingConfig::toString() const
{
    return mode == Mode::Budget ? QString::number(budgetTokens) : modeName(mode);
}

bool ThinkingConfig::parse(QStringView text, ThinkingConfig &out, QString *error)
{
    const QString t = text.trimmed().toString().toLower();
    if (t == u"off" || t == u"disabled") {
        out.mode = Mode::Off;
    } else if (t == u"adaptive" || t == u"on") {
        out.mode = Mode::Adaptive;
    } else if (t == u"default" || t.isEmpty()) {
        out.mode = Mode::ModelDefault;
    } else {
        bool ok = false;
        const int n = t.toInt(&ok);
        if (!ok || n < kMinBudget) {
            if (error)
                *error = tr("'%1' is not a thinking setting: use off, adaptive, default or a "
                            "budget of at least %2 tokens")
                             .arg(text.toString())
                             .arg(kMinBudget);
            return false;
        }
        out.mode = Mode::Budget;
        out.budgetTokens = n;
    }
    return true;
}

QJsonObject ThinkingConfig::toJson() const
{
    QJsonObject o{{QLatin1String("mode"), modeName(mode)}};
    if (mode == Mode::Adaptive)
        o.insert(QLatin1String("effort"), effort);
    if (mode == Mode::Budget)
        o.insert(QLatin1String("budget_tokens"), budgetTokens);
    return o;
}

ThinkingConfig ThinkingConfig::fromJson(const QJsonObject &o)
{
    ThinkingConfig c;
    const QString mode = o.value(QLatin1String("mode")).toString();
    if (mode == u"off")
        c.mode = Mode::Off;
    else if (mode == u"adaptive")
        c.mode = Mode::Adaptive;
    else if (mode == u"budget")
        c.mode = Mode::Budget;
    const QString effort = o.value(QLatin1String("effort")).toString();
    if (isEffort(effort))
        c.effort = effort;
    const double budget = o.value(QLatin1String("budget_tokens")).toDouble(c.budgetTokens);
    if (budget >= kMinBudget && budget <= 10'000'000)
        c.budgetTokens = int(budget);
    return c;
}

} // namespace bw
