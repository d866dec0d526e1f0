#pragma once

#include "api/modelinfo.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

namespace bw {

class GuardedCall;
class ResilientClient;

// The models a user can pick and what each can do: the API's list (GET /v1/models, every page,
// through the guard), kept on disk per profile with the time it was fetched, refreshed in the
// background; until it is known, the last one kept, else the built-in list. The window's picker,
// the settings dialog, the CLI, the compressor and the request builder all read it.
class ModelCatalogue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelCatalogue)

public:
    enum class Source { BuiltIn, Cache, Api };

    explicit ModelCatalogue(QObject *parent = nullptr);
    ~ModelCatalogue() override;

    const QList<ModelInfo> &models() const { return m_models; } // never empty
    QStringList ids() const;
    // What is known of `id` (a dated id matches its family: claude-x-20261001 -> claude-x);
    // an unknown id gets default limits and no assumed capabilities.
    ModelInfo info(const QString &id) const;
    Source source() const { return m_source; }
    bool isFromApi() const { return m_source == Source::Api; }
    const QDateTime &fetchedAt() const { return m_fetchedAt; }

    // What a cache file held.
    struct Cached
    {
        QList<ModelInfo> models; // empty: nothing usable
        QDateTime fetchedAt;
    };
    // Where the list is kept between runs (one file per profile); reads it now if it is there
    // (`readNow`), else leaves reading to the caller (readCache on a storage thread, then
    // adoptCache: the window never reads a file on its own thread).
    void setCacheFile(const QString &path, bool readNow = true);
    static Cached readCache(const QString &path);
    // Takes a cache's list unless the API's own arrived meanwhile.
    void adoptCache(const Cached &cached);
    const QString &cacheFile() const { return m_cacheFile; }
    // Asks the API for its list in the background; the list stays as it is if that fails.
    void refresh(ResilientClient *engine);

    static QString cacheFileFor(const QString &profile);

Q_SIGNALS:
    void changed();

private:
    void fetchPage(ResilientClient *engine, const QString &afterId, int page);
    void adopt(QList<ModelInfo> models, const QDateTime &fetchedAt, Source source);
    void writeCache() const;

    QList<ModelInfo> m_models;
    QList<ModelInfo> m_incoming; // pages of the refresh under way
    Source m_source = Source::BuiltIn;
    QDateTime m_fetchedAt;
    QString m_cacheFile;
    QPointer<GuardedCall> m_call;
};

} // namespace bw
