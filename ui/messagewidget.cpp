#include "messagewidget.h"

#include "messagebody.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace bw::ui {

void TintedFrame::setTint(const QColor &accent, double amount)
{
    m_accent = accent;
    m_amount = amount;
    update();
}

void TintedFrame::paintEvent(QPaintEvent *event)
{
    QPainter p(this);
    const QColor base = palette().color(QPalette::Base);
    const QColor accent = m_accent.isValid() ? m_accent : base;
    const double a = m_amount;
    p.fillRect(rect(), QColor::fromRgbF(float(base.redF() * (1 - a) + accent.redF() * a),
                                        float(base.greenF() * (1 - a) + accent.greenF() * a),
                                        float(base.blueF() * (1 - a) + accent.blueF() * a)));
    QFrame::paintEvent(event);
}

MessageWidget::MessageWidget(const ChatMessage &message, QWidget *parent)
    : TintedFrame(parent)
    , m_id(message.id)
    , m_user(message.isUser())
    , m_status(message.status)
    , m_who(new QLabel(this))
    , m_when(new QLabel(this))
    , m_covered(new QLabel(this))
    , m_copy(new QToolButton(this))
    , m_banner(new TintedFrame(this))
    , m_bannerText(new QLabel(m_banner))
    , m_retry(new QPushButton(tr("Retry"), m_banner))
    , m_footer(new QLabel(this))
{
    setFrameShape(QFrame::NoFrame);
    if (m_user)
        setTint(palette().color(QPalette::Highlight), 0.12);
    setAccessibleName(m_user ? tr("Your message") : tr("Claude's answer"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 8, 14, 8);
    layout->setSpacing(4);

    auto *header = new QHBoxLayout;
    m_who->setText(m_user ? tr("You") : tr("Claude"));
    QFont bold = m_who->font();
    bold.setBold(true);
    m_who->setFont(bold);
    m_when->setText(QLocale().toString(message.created.toLocalTime().time(), QLocale::ShortFormat));
    m_when->setForegroundRole(QPalette::PlaceholderText);
    m_covered->setText(tr("in summary"));
    m_covered->setToolTip(
        tr("This message is folded into the conversation summary that is sent instead of it."));
    m_covered->setForegroundRole(QPalette::Link);
    m_covered->hide();
    m_copy->setIcon(QIcon(QStringLiteral(":/breakwater/icons/copy.svg")));
    m_copy->setAutoRaise(true);
    m_copy->setToolTip(tr("Copy the whole message"));
    m_copy->setAccessibleName(tr("Copy message"));
    header->addWidget(m_who);
    header->addWidget(m_when);
    header->addWidget(m_covered);
    header->addStretch();
    header->addWidget(m_copy);
    layout->addLayout(header);

    m_body = new MessageBody(this);
    if (m_user)
        m_body->setPlainText(message.text);
    else if (message.status == MessageStatus::Streaming)
        m_body->appendText(message.text);
    else
        m_body->setText(message.text);
    layout->addWidget(m_body);

    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(8, 6, 8, 6);
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setIcon(QIcon(QStringLiteral(":/breakwater/icons/retry.svg")));
    m_retry->setAccessibleName(tr("Retry this answer"));
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_retry, 0, Qt::AlignTop);
    m_banner->hide();
    layout->addWidget(m_banner);

    QFont small = m_footer->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_footer->setFont(small);
    m_footer->setForegroundRole(QPalette::PlaceholderText);
    m_footer->setWordWrap(true);
    m_footer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_footer->setVisible(!m_user);
    layout->addWidget(m_footer);

    connect(m_retry, &QPushButton::clicked, this, [this] { Q_EMIT retryRequested(m_id); });
    connect(m_copy, &QToolButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(text()); });
    updateFrom(message);
}

void MessageWidget::appendText(const QString &delta)
{
    if (!m_user)
        m_body->appendText(delta);
}

QString MessageWidget::text() const
{
    return m_body->plainText();
}

QString MessageWidget::footerText() const
{
    return m_footer->text();
}

QString MessageWidget::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_bannerText->text();
}

bool MessageWidget::hasRetry() const
{
    return !m_banner->isHidden() && m_retry->isVisible();
}

void MessageWidget::setCoveredBySummary(bool covered)
{
    m_covered->setVisible(covered);
}

bool MessageWidget::isCoveredBySummary() const
{
    return !m_covered->isHidden();
}

QString MessageWidget::footerFor(const ChatMessage &m)
{
    const QLocale l;
    if (m.status == MessageStatus::Streaming) {
        return m.attempts > 1 ? tr("Streaming… (attempt %1)").arg(m.attempts) : tr("Streaming…");
    }
    QStringList parts;
    if (!m.model.isEmpty())
        parts << m.model;
    if (m.usage.inputTokens || m.usage.outputTokens)
        parts << tr("%1 in → %2 out tokens")
                     .arg(l.toString(m.usage.totalInputTokens()), l.toString(m.usage.outputTokens));
    if (m.outputTokensPerSecond > 0)
        parts << tr("%1 tok/s").arg(l.toString(m.outputTokensPerSecond, 'f', 1));
    if (m.timeToFirstTokenMs >= 0)
        parts << tr("first token %1 s")
                     .arg(l.toString(double(m.timeToFirstTokenMs) / 1000.0, 'f', 2));
    if (m.costUsd > 0)
        parts << QStringLiteral("$") + l.toString(m.costUsd, 'f', m.costUsd < 0.01 ? 4 : 3);
    if (m.attempts > 1)
        parts << tr("%n attempts", nullptr, m.attempts);
    return parts.join(QStringLiteral(" · "));
}

void MessageWidget::updateFrom(const ChatMessage &m)
{
    if (!m_user && m_status == MessageStatus::Streaming && m.status != MessageStatus::Streaming)
        m_body->finish();
    if (!m_user && m_status != MessageStatus::Streaming && m.status == MessageStatus::Streaming)
        m_body->setText(m.text); // a retry starts over
    m_status = m.status;
    if (!m_user)
        m_footer->setText(footerFor(m));
    const bool problem =
        m.status == MessageStatus::Interrupted || m.status == MessageStatus::Failed;
    m_banner->setVisible(problem);
    if (problem) {
        QString lead;
        if (m.errorKind == ErrorKind::Cancelled)
            lead = QString();
        else if (m.status == MessageStatus::Interrupted)
            lead = tr("Interrupted — the text above is what arrived. ");
        else
            lead = tr("No answer. ");
        m_bannerText->setText(lead + m.errorText);
        m_banner->setTint(m.status == MessageStatus::Failed ? QColor(0xd3, 0x2f, 0x2f)
                                                            : QColor(0xf0, 0xa0, 0x20),
                          0.22);
        m_banner->setAccessibleDescription(m_bannerText->text());
    }
}

} // namespace bw::ui
