#pragma once

#include "settings/enginesettings.h"

#include <QCommandLineParser>

namespace bw::cli {

// The options every engine-driving command shares (ask, batch): where to send, what to send,
// and the retry / breaker / deadline parameters. Applied on top of saved settings.
class EngineOptions final
{
public:
    void addTo(QCommandLineParser &parser);
    // Applies the options that were given; false with `errors` filled on bad values.
    bool apply(const QCommandLineParser &parser, EngineSettings &settings,
               QStringList &errors) const;

    static QString defaultsSummary();

private:
    QList<QCommandLineOption> m_options;
};

} // namespace bw::cli
