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
class ResilientClient;
struct RateLimitInfo;
} // namespace bw

namespace bw::ui {

class BreakerIndicator;

// The resilience machinery, live: the circuit breaker and its countdown, a timeline of every
// attempt of the current and recent requests (reason, status, wait with a live countdown, outcome),
// the rate-limit headroom the API reports, and a Reset button.
class ResiliencePanel final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kKeptRequests = 12;

    explicit ResiliencePanel(QWidget *parent = nullptr);

    void setSession(ChatSession *session);
    void setEngine(ResilientClient *engine);

    BreakerIndicator *indicator() const { return m_indicator; }
    QTreeWidget *timeline() const { return m_timeline; }
    // One line per attempt of the newest request: "1 | overloaded (HTTP 529) | retry in 0.6 s".
    QStringList latestAttempts() const;

Q_SIGNALS:
    void resetRequested();

private:
    void track(AnswerJob *call);
    void showRateLimits(const RateLimitInfo &info);
    void updateBreakerDetail();

    QPointer<ChatSession> m_session;
    QPointer<ResilientClient> m_engine;
    QPointer<CircuitBreaker> m_breaker;
    BreakerIndicator *m_indicator;
    QLabel *m_detail;
    QPushButton *m_reset;
    QTreeWidget *m_timeline;
    QProgressBar *m_requests;
    QProgressBar *m_tokens;
    QLabel *m_resets;
    int m_serial = 0;
};

} // namespace bw::ui
