#include "fallbackpolicy.h"

namespace bw {

QString FallbackPolicy::modeName(Mode mode)
{
    switch (mode) {
    case Mode::Automatic:
        return QStringLiteral("automatic");
    case Mode::Ask:
        return QStringLiteral("ask");
    case Mode::Never:
        return QStringLiteral("never");
    }
    return {};
}

std::optional<FallbackPolicy::Mode> FallbackPolicy::modeFromName(QStringView name)
{
    for (Mode m : {Mode::Automatic, Mode::Ask, Mode::Never}) {
        if (name == modeName(m))
            return m;
    }
    return std::nullopt;
}

bool FallbackPolicy::isModelId(const QString &id)
{
    if (id.isEmpty() || id.size() > 200)
        return false;
    for (QChar c : id) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

QStringList FallbackPolicy::cleaned(const QStringList &models, QStringList *rejected)
{
    QStringList out;
    for (const QString &raw : models) {
        const QString id = raw.trimmed();
        if (id.isEmpty() || out.contains(id))
            continue;
        if (!isModelId(id)) {
            if (rejected)
                *rejected << id;
            continue;
        }
        out << id;
    }
    return out;
}

QStringList FallbackPolicy::fallbacksFor(const QString &chosen) const
{
    if (mode == Mode::Never)
        return {};
    QStringList out = cleaned(models);
    out.removeAll(chosen.trimmed());
    return out.mid(0, kMaxModels);
}

} // namespace bw
