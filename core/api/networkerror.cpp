#include "networkerror.h"

#include <QUrl>

namespace bw {

ApiError classifyNetworkError(QNetworkReply::NetworkError code, const QString &detail,
                              const QUrl &url)
{
    const QString where =
        url.host() + (url.port() > 0 ? QStringLiteral(":%1").arg(url.port()) : QString());
    ApiError e;
    e.kind = ErrorKind::Network;
    switch (code) {
    case QNetworkReply::ConnectionRefusedError:
        e.message = ApiError::tr("could not connect to %1: connection refused").arg(where);
        break;
    case QNetworkReply::HostNotFoundError:
        e.message = ApiError::tr("the host %1 was not found").arg(url.host());
        break;
    case QNetworkReply::RemoteHostClosedError:
        e.message = ApiError::tr("%1 closed the connection").arg(where);
        break;
    case QNetworkReply::TimeoutError:
        e.kind = ErrorKind::Timeout;
        e.message = ApiError::tr("the connection to %1 timed out").arg(where);
        break;
    case QNetworkReply::OperationCanceledError:
        e.kind = ErrorKind::Cancelled;
        e.message = ApiError::tr("cancelled");
        break;
    case QNetworkReply::SslHandshakeFailedError:
        e.message = ApiError::tr("the secure connection to %1 failed: %2").arg(where, detail);
        break;
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
        e.kind = ErrorKind::Protocol;
        e.message = ApiError::tr("%1 answered with something that is not valid HTTP: %2")
                        .arg(where, detail);
        break;
    default:
        e.message = ApiError::tr("network error talking to %1: %2").arg(where, detail);
        break;
    }
    return e;
}

} // namespace bw
