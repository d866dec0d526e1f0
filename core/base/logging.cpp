#include "logging.h"

Q_LOGGING_CATEGORY(lcApi, "bw.api", QtWarningMsg)
Q_LOGGING_CATEGORY(lcResilience, "bw.resilience", QtWarningMsg)
Q_LOGGING_CATEGORY(lcChat, "bw.chat", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSecrets, "bw.secrets", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSim, "bw.sim", QtWarningMsg)
Q_LOGGING_CATEGORY(lcUi, "bw.ui", QtWarningMsg)
