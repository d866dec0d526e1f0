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
constexpr int kMaxPages = 50; // up to 50,000 models at the API's page size
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

void ModelCatalogue::setCacheFile(const QString &path, bool readNow)
{
    m_cacheFile = path;
    if (readNow)
        adoptCache(readCache(path));
}

ModelCatalogue::Cached ModelCatalogue::readCache(const QString &path)
{
    Cached cached;
    const QFileInfo fi(path);
    if (path.isEmpty() || !fi.isFile()) // a FIFO or a device would block or never end
        return cached;
    QFile file(path);
    if (file.size() > 16 * 1024 * 1024 || !file.open(QIODevice::ReadOnly))
        return cached;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    for (const QJsonValue &v : o.value(QLatin1String("data")).toArray()) {
        ModelInfo m = ModelInfo::fromJson(v.toObject());
        if (m.isValid())
            cached.models << m;
    }
    cached.fetchedAt =
        QDateTime::fromString(o.value(QLatin1String("fetched_at")).toString(), Qt::ISODate);
    return cached;
}

void ModelCatalogue::adoptCache(const Cached &cached)
{
    if (!cached.models.isEmpty() && m_source != Source::Api)
        adopt(cached.models, cached.fetchedAt, Source::Cache);
}

void ModelCatalogue::refresh(ResilientClient *engine)
{
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
    }
    m_incoming.clear();
    fetchPage(engine, QString(), 0);
}

void ModelCatalogue::fetchPage(ResilientClient *engine, const QString &afterId, int page)
{
    GuardedCall *call = engine->call(
        [afterId](AnthropicClient &client) { return client.listModels(afterId); }, this);
    call->setMaxAttempts(2); // the list we have serves meanwhile
    m_call = call;
    QPointer<ResilientClient> guard(engine);
    connect(call, &GuardedCall::finished, this, [this, call, guard, afterId, page] {
        const QJsonObject reply = call->json();
        QStringList seen;
        for (const ModelInfo &m : std::as_const(m_incoming))
            seen << m.id;
        const qsizetype before = m_incoming.size();
        for (const QJsonValue &v : reply.value(QLatin1String("data")).toArray()) {
            ModelInfo m = ModelInfo::fromJson(v.toObject());
            if (m.isValid() && !seen.contains(m.id)) {
                seen << m.id;
                m_incoming << m;
            }
        }
        const QString last = reply.value(QLatin1String("last_id")).toString();
        // A server that says "more" forever, or repeats a page, is cut off: by the page count,
        // and by a page that adds no model or does not move on.
        const bool more = reply.value(QLatin1String("has_more")).toBool() && !last.isEmpty() &&
                          last != afterId && m_incoming.size() > before;
        if (more && guard && page + 1 < kMaxPages) {
            fetchPage(guard, last, page + 1);
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
