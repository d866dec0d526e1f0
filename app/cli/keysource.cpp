#include "keysource.h"

namespace bw::cli {

KeyLookup findApiKey(const QString &profile)
{
    Q_UNUSED(profile)
    KeyLookup k;
    k.key = qgetenv("ANTHROPIC_API_KEY").trimmed();
    if (!k.key.isEmpty()) {
        k.source = QStringLiteral("environment");
        return k;
    }
    k.problem = QStringLiteral(
        "no API key: set ANTHROPIC_API_KEY, or store one with `breakwater-cli key set`");
    return k;
}

} // namespace bw::cli
