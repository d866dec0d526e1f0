#include "modelcatalogue.h"

#include "api/anthropicclient.h"
#include "api/modelids.h"
#include "base/logging.h"
#include "resilience/resilientclient.h"

#include <QJsonArray>

namespace bw {

ModelCatalogue::ModelCatalogue(QObject *parent)
    : QObject(parent)
    , m_ids(ModelIds::builtIn())
{}

ModelCatalogue::~ModelCatalogue()
{
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
    }
}

void ModelCatalogue::refresh(ResilientClient *engine)
{
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
    }
    GuardedCall *call =
        engine->call([](AnthropicClient &client) { return client.listModels(); }, this);
    call->setMaxAttempts(2); // the built-in list serves meanwhile
    m_call = call;
    connect(call, &GuardedCall::finished, this, [this, call] {
        QStringList ids;
        for (const QJsonValue &v : call->json().value(QLatin1String("data")).toArray()) {
            const QString id = v.toObject().value(QLatin1String("id")).toString();
            if (!id.isEmpty() && !ids.contains(id))
                ids << id;
        }
        if (ids.isEmpty())
            return;
        m_ids = ids;
        m_fromApi = true;
        Q_EMIT changed();
    });
    connect(call, &GuardedCall::failed, this, [](const ApiError &e) {
        qCDebug(lcChat) << "model list unavailable:" << e.describe();
    });
    call->start();
}

} // namespace bw
