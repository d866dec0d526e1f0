#include "statspanel.h"

#include "chartaxis.h"

#include "chat/chatsession.h"
#include "chat/conversation.h"
#include "chat/pricetable.h"
#include "chat/streamstats.h"

#include <QChart>
#include <QChartView>
#include <QFormLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace bw::ui {

namespace {
const char *const kNames[] = {"thinking", "ttft",       "speed", "input", "output",
                              "cache",    "cacheTotal", "saved", "cost",  "total"};
// The chart is short: three labelled steps up the side stay readable.
constexpr int kYSteps = 3;
} // namespace

StatsPanel::StatsPanel(QWidget *parent)
    : QWidget(parent)
    , m_series(new QLineSeries)
    , m_chart(new QChart)
    , m_chartView(new QChartView(m_chart, this))
    , m_axisX(new QValueAxis)
    , m_axisY(new QValueAxis)
{
    setAccessibleName(tr("Token statistics"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    const QStringList labels{tr("First thinking token"), tr("First answer token"),
                             tr("Output speed"),         tr("Input tokens"),
                             tr("Output tokens"),        tr("Cache write / read"),
                             tr("Cache, conversation"),  tr("Saved by caching"),
                             tr("Cost of this answer"),  tr("Cost of the conversation")};
    for (int i = 0; i < labels.size(); ++i) {
        auto *value = new QLabel(QStringLiteral("—"), this);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        value->setAccessibleName(labels[i]);
        m_values.insert(QLatin1String(kNames[i]), value);
        form->addRow(labels[i] + QLatin1Char(':'), value);
    }
    layout->addLayout(form);

    m_chart->addSeries(m_series);
    m_chart->legend()->hide();
    m_chart->setTitle(tr("Tokens per second"));
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->setBackgroundVisible(false);
    m_axisX->setTitleText(tr("seconds"));
    m_axisX->setLabelFormat(QStringLiteral("%.0f"));
    m_axisY->setLabelFormat(QStringLiteral("%.0f"));
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
    m_series->attachAxis(m_axisX);
    m_series->attachAxis(m_axisY);
    applyChartColors();
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(160);
    m_chartView->setAccessibleName(tr("Tokens per second over the answer"));
    layout->addWidget(m_chartView, 1);
    resetChart();

    // Labels update at most ten times a second, however fast the tokens come.
    m_throttle.setInterval(100);
    m_throttle.setSingleShot(true);
    connect(&m_throttle, &QTimer::timeout, this, &StatsPanel::refresh);
}

void StatsPanel::applyChartColors()
{
    const QColor text = palette().color(QPalette::WindowText);
    m_chart->setTitleBrush(text);
    for (QValueAxis *axis : {m_axisX, m_axisY}) {
        axis->setLabelsBrush(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(palette().color(QPalette::Mid));
    }
}

void StatsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyChartColors();
    QWidget::changeEvent(event);
}

void StatsPanel::setSession(ChatSession *session)
{
    if (m_session)
        m_session->disconnect(this);
    if (m_stats)
        m_stats->disconnect(this);
    if (m_conversation)
        m_conversation->disconnect(this);
    m_session = session;
    m_stats = session ? session->stats() : nullptr;
    m_conversation = session ? session->conversation() : nullptr;
    if (m_conversation) // the figures follow the shown path
        connect(m_conversation, &Conversation::pathChanged, this, &StatsPanel::refresh);
    if (m_stats) {
        connect(m_stats, &StreamStats::changed, this, [this] {
            if (!m_throttle.isActive())
                m_throttle.start();
        });
        connect(m_stats, &StreamStats::sampled, this, &StatsPanel::addPoint);
        connect(session, &ChatSession::answerStarted, this, [this](AnswerJob *job) {
            resetChart();
            refresh();
            connect(job, &AnswerJob::ended, this, &StatsPanel::refresh);
        });
    }
    refresh();
}

void StatsPanel::resetChart()
{
    m_series->clear();
    m_maxY = 10;
    setNiceRange(m_axisX, 5);
    setNiceRange(m_axisY, m_maxY, kYSteps);
}

void StatsPanel::addPoint(QPointF point)
{
    m_series->append(point);
    if (point.x() > m_axisX->max())
        setNiceRange(m_axisX, point.x() * 1.25);
    if (point.y() > m_maxY) {
        setNiceRange(m_axisY, point.y() * 1.2, kYSteps);
        m_maxY = m_axisY->max();
    }
}

void StatsPanel::refresh()
{
    const QLocale l;
    auto set = [this](const char *name, const QString &text) {
        m_values.value(QLatin1String(name))->setText(text);
    };
    if (!m_stats || !m_session || !m_session->conversation()) {
        for (const char *n : kNames)
            set(n, QStringLiteral("—"));
        return;
    }
    Conversation *c = m_session->conversation();
    // While an answer streams: its live numbers. Otherwise: the conversation's last answer, as
    // saved (so reopening a conversation shows them again).
    const bool live = m_session->isBusy();
    const ChatMessage *last = nullptr;
    for (int i = c->count() - 1; i >= 0 && !live; --i) {
        if (c->at(i).isAssistant()) {
            last = &c->at(i);
            break;
        }
    }
    const qint64 ttft =
        live ? m_stats->timeToFirstTokenMs() : (last ? last->timeToFirstTokenMs : -1);
    set("ttft", ttft < 0 ? (live ? tr("waiting…") : QStringLiteral("—"))
                         : tr("%1 s").arg(l.toString(ttft / 1000.0, 'f', 2)));
    const qint64 thinking =
        live ? m_stats->timeToFirstThinkingMs() : (last ? last->timeToFirstThinkingMs : -1);
    const qint64 thought = live ? m_stats->thinkingMs() : (last ? last->thinkingMs : -1);
    set("thinking", thinking < 0
                        ? tr("— (no thinking)")
                        : tr("%1 s, thought for %2 s")
                              .arg(l.toString(thinking / 1000.0, 'f', 2),
                                   l.toString(std::max<qint64>(0, thought) / 1000.0, 'f', 1)));
    const double tps = live ? m_stats->tokensPerSecond() : (last ? last->outputTokensPerSecond : 0);
    const bool final = !live || m_stats->isOutputFinal();
    set("speed", tps <= 0 ? QStringLiteral("—")
                          : tr("%1 tok/s (%2)")
                                .arg(l.toString(tps, 'f', 1),
                                     final ? tr("API count") : tr("live estimate")));
    const Usage u = live ? m_stats->usage() : (last ? last->usage : Usage{});
    const qint64 output = live ? m_stats->outputTokens() : u.outputTokens;
    set("input", u.totalInputTokens() ? l.toString(u.totalInputTokens()) : QStringLiteral("—"));
    set("output", !output ? QStringLiteral("—")
                  : u.thinkingTokens > 0
                      ? tr("%1 (%2 thinking)").arg(l.toString(output), l.toString(u.thinkingTokens))
                      : l.toString(output));
    // Written / read, and the share of the input that came from the cache.
    auto cacheText = [&l](const Usage &usage) -> QString {
        if (usage.totalInputTokens() == 0)
            return QStringLiteral("—");
        return tr("%1 / %2 · %3% hit")
            .arg(l.toString(usage.cacheCreationInputTokens), l.toString(usage.cacheReadInputTokens),
                 l.toString(qRound(usage.cacheHitRatio() * 100)));
    };
    auto money = [&l](double usd) -> QString {
        return (usd < 0 ? QStringLiteral("−$") : QStringLiteral("$")) +
               l.toString(std::abs(usd), 'f', 4);
    };
    const bool caching = m_session->promptCache().enabled();
    set("cache", !caching && u.cacheCreationInputTokens == 0 && u.cacheReadInputTokens == 0
                     ? tr("off (Settings → Prompt caching)")
                     : cacheText(u));
    // The conversation's, with the answer under way (its usage is written when it ends), as the
    // savings "in all" below count it.
    Usage total = c->totalUsage();
    if (live)
        total += u;
    set("cacheTotal", cacheText(total));
    // Against the same requests without caching, the write premium included. While an answer
    // streams, its share is known from the usage at the start, at the prices of the model that
    // answers (a fallback's, once one took over).
    const PriceTable *prices = m_session->prices();
    const AnswerJob *job = m_session->activeJob();
    const QString answering = job ? job->model() : m_session->model();
    const double answerSaved = live ? (prices ? prices->cacheSavings(answering, u) : 0.0)
                                    : (last ? last->cacheSavingsUsd : 0.0);
    const double conversationSaved = c->totalCacheSavingsUsd() + (live ? answerSaved : 0.0);
    set("saved", answerSaved == 0 && conversationSaved == 0
                     ? QStringLiteral("—")
                     : tr("%1 · %2 in all").arg(money(answerSaved), money(conversationSaved)));
    const double cost = last ? last->costUsd : 0;
    set("cost", cost > 0 ? QStringLiteral("$") + l.toString(cost, 'f', 4) : QStringLiteral("—"));
    set("total", QStringLiteral("$") + l.toString(c->totalCostUsd(), 'f', 4));
}

QString StatsPanel::valueText(const QString &name) const
{
    const QLabel *label = m_values.value(name);
    return label ? label->text() : QString();
}

int StatsPanel::chartPoints() const
{
    return int(m_series->count());
}

} // namespace bw::ui
