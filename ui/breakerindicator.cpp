#include "breakerindicator.h"

#include <QPainter>
#include <QPainterPath>

namespace bw::ui {

BreakerIndicator::BreakerIndicator(Size size, QWidget *parent)
    : QWidget(parent)
    , m_size(size)
{
    m_tick.setInterval(250);
    connect(&m_tick, &QTimer::timeout, this, &BreakerIndicator::refresh);
    setAccessibleName(tr("Circuit breaker"));
    setSizePolicy(size == Size::Large ? QSizePolicy::Expanding : QSizePolicy::Fixed,
                  QSizePolicy::Fixed);
}

void BreakerIndicator::setBreaker(CircuitBreaker *breaker)
{
    if (m_breaker)
        m_breaker->disconnect(this);
    m_breaker = breaker;
    if (breaker)
        connect(breaker, &CircuitBreaker::stateChanged, this, &BreakerIndicator::refresh);
    refresh();
}

void BreakerIndicator::setLabel(const QString &label)
{
    m_label = label;
    setAccessibleName(label.isEmpty() ? tr("Circuit breaker")
                                      : tr("Circuit breaker of %1").arg(label));
    refresh();
}

QColor BreakerIndicator::colorFor(BreakerState state)
{
    switch (state) {
    case BreakerState::Closed:
        return QColor(0x2e, 0x9d, 0x4f);
    case BreakerState::Open:
        return QColor(0xd3, 0x2f, 0x2f);
    case BreakerState::HalfOpen:
        return QColor(0xe8, 0x9a, 0x10);
    }
    return Qt::gray;
}

QString BreakerIndicator::stateText() const
{
    if (!m_breaker)
        return tr("Breaker: —");
    switch (m_breaker->state()) {
    case BreakerState::Closed:
        return tr("Breaker closed");
    case BreakerState::Open:
        return tr("Breaker open — next try in %1 s")
            .arg((m_breaker->remainingOpenMs() + 999) / 1000);
    case BreakerState::HalfOpen:
        return tr("Breaker half-open — testing");
    }
    return {};
}

QString BreakerIndicator::detailText() const
{
    if (!m_breaker)
        return {};
    switch (m_breaker->state()) {
    case BreakerState::Closed:
        return tr("Requests flow normally. %n failure(s) in a row so far; it opens at %1.", nullptr,
                  m_breaker->consecutiveFailures())
            .arg(m_breaker->config().failureThreshold);
    case BreakerState::Open:
        return tr("The service failed %n time(s) in a row, so requests are paused instead of "
                  "hammering it. One test request goes out when the countdown ends.",
                  nullptr, m_breaker->config().failureThreshold);
    case BreakerState::HalfOpen:
        return tr("The next request is a test: if it succeeds the breaker closes, if it fails it "
                  "opens again.");
    }
    return {};
}

void BreakerIndicator::refresh()
{
    const bool open = m_breaker && m_breaker->state() == BreakerState::Open;
    if (open && !m_tick.isActive())
        m_tick.start();
    else if (!open)
        m_tick.stop();
    const QString head = m_label.isEmpty() ? QString() : m_label + QStringLiteral("\n");
    setToolTip(head + stateText() + QStringLiteral("\n") + detailText());
    setAccessibleDescription(stateText());
    updateGeometry();
    update();
}

QSize BreakerIndicator::sizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    if (m_size == Size::Compact)
        return {fm.horizontalAdvance(tr("Breaker open — next try in %1 s").arg(88)) + fm.height() +
                    12,
                fm.height() + 4};
    return {240, fm.height() * 2 + 20};
}

void BreakerIndicator::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const BreakerState state = m_breaker ? m_breaker->state() : BreakerState::Closed;
    const QColor color = m_breaker ? colorFor(state) : palette().color(QPalette::PlaceholderText);
    const QFontMetrics fm = fontMetrics();
    if (m_size == Size::Compact) {
        const int d = fm.height() - 4;
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawEllipse(QRectF(2, (height() - d) / 2.0, d, d));
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(d + 8, 0, width() - d - 8, height()), Qt::AlignVCenter | Qt::AlignLeft,
                   stateText());
        return;
    }
    const QRectF r = QRectF(rect()).adjusted(1, 1, -1, -1);
    QPainterPath path;
    path.addRoundedRect(r, 8, 8);
    QColor fill = color;
    fill.setAlphaF(0.16f);
    p.fillPath(path, fill);
    p.setPen(QPen(color, 2));
    p.drawPath(path);
    const int d = fm.height() * 2 - 4;
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawEllipse(QRectF(r.left() + 10, r.center().y() - d / 2.0, d, d));
    QFont bold = font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    p.setFont(bold);
    p.setPen(palette().color(QPalette::WindowText));
    const QRectF text(r.left() + d + 20, r.top(), r.width() - d - 30, r.height());
    if (m_label.isEmpty()) {
        p.drawText(text, Qt::AlignVCenter | Qt::AlignLeft, stateText());
        return;
    }
    // Two lines: what it guards, then its state.
    const QRectF top = text.adjusted(0, 0, 0, -text.height() / 2);
    const QRectF bottom = text.adjusted(0, text.height() / 2, 0, 0);
    p.drawText(top, Qt::AlignBottom | Qt::AlignLeft,
               QFontMetrics(bold).elidedText(m_label, Qt::ElideRight, int(top.width())));
    p.setFont(font());
    p.drawText(bottom.adjusted(0, 2, 0, 0), Qt::AlignTop | Qt::AlignLeft,
               fm.elidedText(stateText(), Qt::ElideRight, int(bottom.width())));
}

} // namespace bw::ui
