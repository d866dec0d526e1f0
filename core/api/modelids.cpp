#include "modelids.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace bw::ModelIds {

QList<ModelInfo> builtInModels()
{
    static const QList<ModelInfo> models = [] {
        QList<ModelInfo> list;
        QFile file(QStringLiteral(":/breakwater/models.json"));
        if (file.open(QIODevice::ReadOnly)) {
            const QJsonArray data = QJsonDocument::fromJson(file.readAll())
                                        .object()
                                        .value(QLatin1String("data"))
                                        .toArray();
            for (const QJsonValue &v : data)
                list << ModelInfo::fromJson(v.toObject());
        }
        if (list.isEmpty()) // never: the file is built in; but a catalogue is never empty
            list << ModelInfo::unknown(QLatin1String(kDefaultChat));
        return list;
    }();
    return models;
}

QStringList builtIn()
{
    QStringList ids;
    for (const ModelInfo &m : builtInModels())
        ids << m.id;
    return ids;
}

} // namespace bw::ModelIds
