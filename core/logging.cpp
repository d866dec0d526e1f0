#include "logging.h"

Q_LOGGING_CATEGORY(lcApi, "bw.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcResilience, "bw.resilience", QtInfoMsg)
Q_LOGGING_CATEGORY(lcChat, "bw.chat", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecrets, "bw.secrets", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSim, "bw.sim", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "bw.ui", QtInfoMsg)
