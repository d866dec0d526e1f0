#pragma once

#include "api/usage.h"

#include <QList>
#include <QObject>
#include <QPointF>

#include <memory>

namespace bw {

class Clock;
class ClockTimer;

// Live statistics of one streamed answer: time to first token, output tokens per second
// (estimated live from the deltas, corrected from the API's usage at the end), and a series of
// the rate over the stream for a chart. Samples run on the injected clock.
class StreamStats final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamStats)

public:
    static constexpr qint64 kSampleMs = 250;

    explicit StreamStats(Clock *clock, QObject *parent = nullptr);
    ~StreamStats() override;

    void start();
    void recordFirstToken();
    void recordText(int deltas);
    void recordThinking(int deltas);
    void recordUsage(const Usage &usage);
    void finish();

    bool isRunning() const { return m_running; }
    // To the first token of the answer's text.
    qint64 timeToFirstTokenMs() const
    {
        return m_firstTokenMs < 0 ? -1 : m_firstTokenMs - m_startMs;
    }
    // To the first thinking token (-1: the model did not think).
    qint64 timeToFirstThinkingMs() const
    {
        return m_firstThinkingMs < 0 ? -1 : m_firstThinkingMs - m_startMs;
    }
    // How long it thought: first thinking token to the answer's first (or, without one, to now
    // or the end). -1 without thinking.
    qint64 thinkingMs() const;
    qint64 thinkingDeltas() const { return m_thinkingDeltas; }
    // Deltas (text and thinking) while streaming, about a token each; the API's count once it
    // reported one.
    qint64 outputTokens() const;
    bool isOutputFinal() const { return m_finished && m_usage.outputTokens > 0; }
    const Usage &usage() const { return m_usage; }
    double tokensPerSecond() const;
    // (s since the first output token, thinking or text; tok/s)
    const QList<QPointF> &series() const { return m_series; }

Q_SIGNALS:
    void changed();
    void sampled(QPointF point);

private:
    void sample();
    void startOutput();

    Clock *m_clock;
    std::unique_ptr<ClockTimer> m_sampleTimer;
    qint64 m_startMs = 0;
    qint64 m_firstTokenMs = -1;
    qint64 m_firstThinkingMs = -1;
    qint64 m_firstOutputMs = -1;
    qint64 m_thinkingDeltas = 0;
    qint64 m_endMs = -1;
    qint64 m_deltas = 0;
    qint64 m_deltasAtSample = 0;
    qint64 m_lastSampleMs = 0;
    Usage m_usage;
    bool m_running = false;
    bool m_finished = false;
    QList<QPointF> m_series;
};

} // namespace bw
