#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

namespace bw {

class GuardedCall;
class ResilientClient;

// The models a user can pick: the API's list (GET /v1/models, through the guard) once it
// arrived, else the built-in one. The window's picker, the settings dialog and the batch window
// all read it.
class ModelCatalogue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelCatalogue)

public:
    explicit ModelCatalogue(QObject *parent = nullptr);
    ~ModelCatalogue() override;

    // The API's ids when known, else the built-in ones; never empty.
    const QStringList &ids() const { return m_ids; }
    bool isFromApi() const { return m_fromApi; }
    // Asks the API for its list in the background; the list stays as it is if that fails.
    void refresh(ResilientClient *engine);

Q_SIGNALS:
    void changed();

private:
    QStringList m_ids;
    bool m_fromApi = false;
    QPointer<GuardedCall> m_call;
};

} // namespace bw
