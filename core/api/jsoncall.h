#pragma once

#include "apicall.h"

#include <QJsonObject>

namespace bw {

// A call whose 2xx answer is one JSON object (non-streaming messages, count_tokens, models).
class JsonCall final : public ApiCall
{
    Q_OBJECT

public:
    JsonCall(QNetworkReply *reply, qint64 maxBytes, QObject *parent);
    JsonCall(ApiError immediateFailure, QObject *parent);

    const QJsonObject &json() const { return m_json; }
    // Keep the answer as bytes instead of parsing it (JSON Lines results).
    void setRawBody(bool raw) { m_raw = raw; }
    const QByteArray &body() const { return m_body; }

protected:
    void onBody(QByteArrayView bytes) override;
    void onComplete() override;

private:
    qint64 m_maxBytes = 0;
    QByteArray m_body;
    QJsonObject m_json;
    bool m_raw = false;
};

} // namespace bw
