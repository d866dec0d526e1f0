#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QListWidget;

namespace bw::sim {
class ApiSimulator;
}

namespace bw::ui {

// Demo mode: decide what the built-in simulator does with the next requests, and watch it.
class SimulatorPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit SimulatorPanel(sim::ApiSimulator *simulator, QWidget *parent = nullptr);

    // Queues a behaviour script (e.g. "429:retry-after=3") for the next requests.
    void inject(const QString &script);
    QString queueText() const;

private:
    void refreshQueue();

    QPointer<sim::ApiSimulator> m_sim;
    QLabel *m_queue;
    QListWidget *m_log;
};

} // namespace bw::ui
