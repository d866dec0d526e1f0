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

protected:
    void onBody(QByteArrayView bytes) override;
    void onComplete() override;

private:
    qint64 m_maxBytes = 0;
    QByteArray m_body;
    QJsonObject m_json;
};

} // namespace bw
