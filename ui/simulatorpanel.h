#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace bw {
class ChatSession;
}

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
    // The session whose model "Overload this model" overloads.
    void setSession(ChatSession *session);
    // Every request to `model` gets 529 while the other models answer (empty: none is).
    void overloadModel(const QString &model);
    QPushButton *overloadButton() const { return m_overload; }

private:
    void refreshQueue();

    QPointer<sim::ApiSimulator> m_sim;
    QPointer<ChatSession> m_session;
    QPushButton *m_overload = nullptr;
    QLabel *m_queue;
    QListWidget *m_log;
};

} // namespace bw::ui
