#include "modelids.h"

namespace bw::ModelIds {

QStringList builtIn()
{
    return {QLatin1String(kDefaultChat), QStringLiteral("claude-opus-4-8"),
            QStringLiteral("claude-opus-5-5"), QLatin1String(kDefaultSummary)};
}

} // namespace bw::ModelIds
