#pragma once

#include "settings/settingsstore.h"

#include <QCommandLineParser>

namespace bw::cli {

// The options every engine-driving command shares (ask, batch): where to send, what to send,
// and the retry / breaker / deadline parameters. Applied on top of saved settings.
class EngineOptions final
{
public:
    void addTo(QCommandLineParser &parser);
    // The saved settings of the chosen profile with the given options on top. False with `errors`
    // filled on bad values; `warnings` gets saved values that could not be used.
    bool resolve(const QCommandLineParser &parser, const SettingsStore &store,
                 EngineSettings &settings, QStringList &warnings, QStringList &errors) const;

    static QString defaultsSummary();

private:
    QList<QCommandLineOption> m_options;
};

} // namespace bw::cli
