#include "streamstats.h"

#include "base/clock.h"

namespace bw {

StreamStats::StreamStats(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_sampleTimer(clock->createTimer())
{
    m_sampleTimer->setCallback([this] {
        sample();
        if (m_running)
            m_sampleTimer->start(kSampleMs);
    });
}

StreamStats::~StreamStats() = default;

void StreamStats::start()
{
    m_startMs = m_clock->nowMs();
    m_firstTokenMs = m_firstThinkingMs = m_firstOutputMs = m_endMs = -1;
    m_deltas = m_deltasAtSample = m_thinkingDeltas = 0;
    m_usage = {};
    m_series.clear();
    m_running = true;
    m_finished = false;
    Q_EMIT changed();
}

void StreamStats::startOutput()
{
    if (m_firstOutputMs >= 0)
        return;
    m_firstOutputMs = m_lastSampleMs = m_clock->nowMs();
    m_sampleTimer->start(kSampleMs);
}

void StreamStats::recordFirstToken()
{
    if (m_firstTokenMs >= 0)
        return;
    startOutput();
    m_firstTokenMs = m_clock->nowMs();
    Q_EMIT changed();
}

void StreamStats::recordText(int deltas)
{
    if (m_firstTokenMs < 0)
        recordFirstToken();
    m_deltas += deltas;
    Q_EMIT changed();
}

void StreamStats::recordThinking(int deltas)
{
    if (m_firstThinkingMs < 0) {
        startOutput();
        m_firstThinkingMs = m_clock->nowMs();
    }
    m_deltas += deltas; // thinking is output: it is billed and it takes the model's time
    m_thinkingDeltas += deltas;
    Q_EMIT changed();
}

qint64 StreamStats::thinkingMs() const
{
    if (m_firstThinkingMs < 0)
        return -1;
    const qint64 end =
        m_firstTokenMs >= 0 ? m_firstTokenMs : (m_endMs >= 0 ? m_endMs : m_clock->nowMs());
    return end - m_firstThinkingMs;
}

void StreamStats::recordUsage(const Usage &usage)
{
    m_usage = usage;
    Q_EMIT changed();
}

void StreamStats::finish()
{
    if (!m_running)
        return;
    m_running = false;
    m_finished = true;
    m_endMs = m_clock->nowMs();
    m_sampleTimer->stop();
    if (m_firstOutputMs >= 0 && m_endMs > m_lastSampleMs)
        sample();
    Q_EMIT changed();
}

qint64 StreamStats::outputTokens() const
{
    return isOutputFinal() ? m_usage.outputTokens : std::max(m_deltas, m_usage.outputTokens);
}

double StreamStats::tokensPerSecond() const
{
    if (m_firstOutputMs < 0)
        return 0;
    const qint64 end = m_endMs >= 0 ? m_endMs : m_clock->nowMs();
    const double seconds = double(end - m_firstOutputMs) / 1000.0;
    // Under 50 ms the rate says more about timer resolution than about the model.
    return seconds < 0.05 ? 0 : double(outputTokens()) / seconds;
}

void StreamStats::sample()
{
    const qint64 now = m_clock->nowMs();
    const qint64 span = now - m_lastSampleMs;
    if (span <= 0 || m_firstOutputMs < 0)
        return;
    const double rate = double(m_deltas - m_deltasAtSample) * 1000.0 / double(span);
    m_deltasAtSample = m_deltas;
    m_lastSampleMs = now;
    const QPointF point(double(now - m_firstOutputMs) / 1000.0, rate);
    m_series.append(point);
    Q_EMIT sampled(point);
}

} // namespace bw
