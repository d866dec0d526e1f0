#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace bw {
class ChatSession;
class AnswerJob;
class CircuitBreaker;
class ModelCatalogue;
class ResilientClient;
struct RateLimitInfo;
} // namespace bw

namespace bw::ui {

class BreakerIndicator;

// The resilience machinery, live: one circuit breaker light per model in use (overload is per
// model) with its countdown, a timeline of every attempt of the current and recent requests
// (reason, status, wait with a live countdown, a fallback to another model, outcome), the
// rate-limit headroom the API reports, and a Reset button.
class ResiliencePanel final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kKeptRequests = 12;

    explicit ResiliencePanel(QWidget *parent = nullptr);

    void setSession(ChatSession *session);
    void setEngine(ResilientClient *engine);
    // Display names for the lights; none: model ids.
    void setCatalogue(const ModelCatalogue *catalogue);
    // After the session's model changed: its light comes first.
    void refreshLights();

    // The lights shown, the session's model first; the one of `model` ("" the service's own,
    // for calls without a model) or null.
    QList<BreakerIndicator *> indicators() const;
    BreakerIndicator *indicatorFor(const QString &model) const;
    QTreeWidget *timeline() const { return m_timeline; }
    // One line per attempt of the newest request: "1 | overloaded (HTTP 529) | retry in 0.6 s".
    QStringList latestAttempts() const;

Q_SIGNALS:
    void resetRequested();

private:
    void track(AnswerJob *call);
    void showRateLimits(const RateLimitInfo &info);
    void rebuildLights();
    void updateBreakerDetail();
    QString labelFor(const QString &model) const;

    QPointer<ChatSession> m_session;
    QPointer<ResilientClient> m_engine;
    QPointer<const ModelCatalogue> m_catalogue;
    QWidget *m_lights;
    QHash<QString, BreakerIndicator *> m_indicators; // by model
    QLabel *m_detail;
    QPushButton *m_reset;
    QTreeWidget *m_timeline;
    QProgressBar *m_requests;
    QProgressBar *m_tokens;
    QLabel *m_resets;
    int m_serial = 0;
};

} // namespace bw::ui
