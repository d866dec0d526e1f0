#pragma once

#include "apierror.h"

#include <QNetworkReply>

namespace bw {

// Classifies a transport failure reported by QNetworkReply (our own aborts are handled by the
// caller, which knows why it aborted). Apart from apierror.h so that knowing an error's kind does
// not pull in Qt Network.
ApiError classifyNetworkError(QNetworkReply::NetworkError code, const QString &detail,
                              const QUrl &url);

} // namespace bw
