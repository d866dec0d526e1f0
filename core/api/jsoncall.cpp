#include "jsoncall.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace bw {

JsonCall::JsonCall(QNetworkReply *reply, qint64 maxBytes, QObject *parent)
    : ApiCall(reply, parent)
    , m_maxBytes(maxBytes)
{}

JsonCall::JsonCall(ApiError immediateFailure, QObject *parent)
    : ApiCall(std::move(immediateFailure), parent)
{}

void JsonCall::onBody(QByteArrayView bytes)
{
    if (m_body.size() + bytes.size() > m_maxBytes) {
        fail(ApiError::make(
            ErrorKind::Protocol,
            tr("the answer is larger than %1 MiB; stopped reading it").arg(m_maxBytes >> 20),
            httpStatus()));
        return;
    }
    m_body.append(bytes);
}

void JsonCall::onComplete()
{
    if (m_raw) {
        succeed();
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(m_body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        ApiError e = ApiError::make(
            ErrorKind::Protocol,
            tr("the answer is not a JSON object (%1)").arg(parseError.errorString()), httpStatus());
        e.requestId = requestId();
        fail(std::move(e));
        return;
    }
    m_json = doc.object();
    m_body.clear();
    succeed();
}

} // namespace bw
