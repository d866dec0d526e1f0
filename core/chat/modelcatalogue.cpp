#include "modelcatalogue.h"

#include "api/anthropicclient.h"
#include "api/modelids.h"
#include "base/clock.h"
#include "base/logging.h"
#include "resilience/resilientclient.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThreadPool>

namespace bw {

namespace {
constexpr int kMaxPages = 50; // 50,000 models: a server that says "more" forever is cut off
} // namespace

ModelCatalogue::ModelCatalogue(QObject *parent)
    : QObject(parent)
    , m_models(ModelIds::builtInModels())
{}

ModelCatalogue::~ModelCatalogue()
{
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
    }
}

QString ModelCatalogue::cacheFileFor(const QString &profile)
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
           QStringLiteral("/breakwater/models-") + profile + QStringLiteral(".json");
}

QStringList ModelCatalogue::ids() const
{
    QStringList ids;
    for (const ModelInfo &m : m_models)
        ids << m.id;
    return ids;
}

ModelInfo ModelCatalogue::info(const QString &id) const
{
    const ModelInfo *family = nullptr;
    for (const ModelInfo &m : m_models) {
        if (m.id == id)
            return m;
        // A dated snapshot of a listed model.
        if (id.startsWith(m.id + QLatin1Char('-')) && (!family || m.id.size() > family->id.size()))
            family = &m;
    }
    if (family) {
        ModelInfo m = *family;
        m.id = id;
        return m;
    }
    return ModelInfo::unknown(id);
}

void ModelCatalogue::setCacheFile(const QString &path)
{
    m_cacheFile = path;
    const QFileInfo fi(path);
    if (!fi.isFile()) // a FIFO or a device would block or never end
        return;
    QFile file(path);
    if (file.size() > 16 * 1024 * 1024 || !file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    QList<ModelInfo> models;
    for (const QJsonValue &v : o.value(QLatin1String("data")).toArray()) {
        ModelInfo m = ModelInfo::fromJson(v.toObject());
        if (m.isValid())
            models << m;
    }
    if (!models.isEmpty() && m_source != Source::Api)
        adopt(models,
              QDateTime::fromString(o.value(QLatin1String("fetched_at")).toString(), Qt::ISODate),
              Source::Cache);
}

void ModelCatalogue::refresh(ResilientClient *engine)
{
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
    }
    m_incoming.clear();
    fetchPage(engine, QString());
}

void ModelCatalogue::fetchPage(ResilientClient *engine, const QString &afterId)
{
    GuardedCall *call = engine->call(
        [afterId](AnthropicClient &client) { return client.listModels(afterId); }, this);
    call->setMaxAttempts(2); // the list we have serves meanwhile
    m_call = call;
    QPointer<ResilientClient> guard(engine);
    connect(call, &GuardedCall::finished, this, [this, call, guard] {
        const QJsonObject page = call->json();
        QStringList seen;
        for (const ModelInfo &m : std::as_const(m_incoming))
            seen << m.id;
        for (const QJsonValue &v : page.value(QLatin1String("data")).toArray()) {
            ModelInfo m = ModelInfo::fromJson(v.toObject());
            if (m.isValid() && !seen.contains(m.id)) {
                seen << m.id;
                m_incoming << m;
            }
        }
        const QString last = page.value(QLatin1String("last_id")).toString();
        const bool more = page.value(QLatin1String("has_more")).toBool() && !last.isEmpty();
        if (more && guard && m_incoming.size() < kMaxPages * 1000) {
            fetchPage(guard, last);
            return;
        }
        if (m_incoming.isEmpty())
            return;
        adopt(std::exchange(m_incoming, {}), guard ? guard->clock()->wallNow() : QDateTime(),
              Source::Api);
        writeCache();
    });
    connect(call, &GuardedCall::failed, this, [](const ApiError &e) {
        qCDebug(lcChat) << "model list unavailable:" << e.describe();
    });
    call->start();
}

void ModelCatalogue::adopt(QList<ModelInfo> models, const QDateTime &fetchedAt, Source source)
{
    m_models = std::move(models);
    m_fetchedAt = fetchedAt;
    m_source = source;
    Q_EMIT changed();
}

void ModelCatalogue::writeCache() const
{
    if (m_cacheFile.isEmpty())
        return;
    QJsonArray data;
    for (const ModelInfo &m : m_models)
        data.append(m.toJson());
    const QByteArray bytes =
        QJsonDocument(QJsonObject{{QLatin1String("fetched_at"), m_fetchedAt.toString(Qt::ISODate)},
                                  {QLatin1String("data"), data}})
            .toJson(QJsonDocument::Compact);
    // Not on the caller's thread: an answer may be streaming in the window.
    QThreadPool::globalInstance()->start([path = m_cacheFile, bytes] {
        QDir().mkpath(QFileInfo(path).path());
        QSaveFile file(path);
        if (file.open(QIODevice::WriteOnly | QIODevice::Unbuffered) &&
            file.write(bytes) == bytes.size())
            file.commit();
    });
}

} // namespace bw
