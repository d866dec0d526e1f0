#pragma once

#include <QLoggingCategory>

// One header declares every category; enable with QT_LOGGING_RULES="bw.*.debug=true".
// Nothing logged through these may contain an API key or a full request body.
Q_DECLARE_LOGGING_CATEGORY(lcApi)
Q_DECLARE_LOGGING_CATEGORY(lcResilience)
Q_DECLARE_LOGGING_CATEGORY(lcChat)
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)
Q_DECLARE_LOGGING_CATEGORY(lcSim)
Q_DECLARE_LOGGING_CATEGORY(lcUi)
