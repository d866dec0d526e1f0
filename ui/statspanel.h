#pragma once

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineSeries;
class QChart;
class QChartView;
class QValueAxis;

namespace bw {
class ChatSession;
class Conversation;
class StreamStats;
} // namespace bw

namespace bw::ui {

// Streaming statistics, live: time to first token, output tokens per second (estimated while
// streaming, the API's count at the end), input / output / cache tokens, cost of the answer and of
// the conversation, and a chart of tokens per second over the stream.
class StatsPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit StatsPanel(QWidget *parent = nullptr);

    void setSession(ChatSession *session);

    // For tests and the accessible description.
    QString valueText(const QString &name) const;
    int chartPoints() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyChartColors();
    void refresh();
    void resetChart();
    void addPoint(QPointF point);

    QPointer<ChatSession> m_session;
    QPointer<StreamStats> m_stats;
    QPointer<Conversation> m_conversation;
    QHash<QString, QLabel *> m_values;
    QLineSeries *m_series;
    QChart *m_chart;
    QChartView *m_chartView;
    QValueAxis *m_axisX;
    QValueAxis *m_axisY;
    QTimer m_throttle;
    double m_maxY = 10;
};

} // namespace bw::ui
