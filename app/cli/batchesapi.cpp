#include "commands.h"
#include "eventwriter.h"

#include "settings/enginesettings.h"

#include <QFile>

namespace bw::cli {

int runBatchesApi(const QStringList &prompts, const EngineSettings &settings, const QByteArray &key,
                  QFile &out, EventWriter &events, bool notices)
{
    Q_UNUSED(prompts)
    Q_UNUSED(settings)
    Q_UNUSED(key)
    Q_UNUSED(out)
    Q_UNUSED(events)
    Q_UNUSED(notices)
    printDiagnostic(QStringLiteral("--via-batches-api is not available yet"));
    return kExitUsage;
}

} // namespace bw::cli
