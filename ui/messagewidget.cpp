#include "messagewidget.h"

#include "attachmentchip.h"
#include "chat/citationmarkers.h"
#include "flowlayout.h"
#include "messagebody.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

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
    , m_previous(new QToolButton(this))
    , m_versions(new QLabel(this))
    , m_next(new QToolButton(this))
    , m_redo(new QToolButton(this))
    , m_more(new QToolButton(this))
    , m_banner(new TintedFrame(this))
    , m_bannerText(new QLabel(m_banner))
    , m_retry(new QPushButton(tr("Retry"), m_banner))
    , m_continue(new QPushButton(tr("Continue"), m_banner))
    , m_higher(new QPushButton(tr("Retry with a higher limit"), m_banner))
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
    m_previous->setIcon(QIcon(QStringLiteral(":/breakwater/icons/previous.svg")));
    m_previous->setAutoRaise(true);
    m_previous->setToolTip(tr("Previous version"));
    m_previous->setAccessibleName(tr("Previous version"));
    m_next->setIcon(QIcon(QStringLiteral(":/breakwater/icons/next.svg")));
    m_next->setAutoRaise(true);
    m_next->setToolTip(tr("Next version"));
    m_next->setAccessibleName(tr("Next version"));
    m_versions->setForegroundRole(QPalette::PlaceholderText);
    header->addWidget(m_previous);
    header->addWidget(m_versions);
    header->addWidget(m_next);
    m_redo->setAutoRaise(true);
    if (m_user) {
        m_redo->setIcon(QIcon(QStringLiteral(":/breakwater/icons/edit.svg")));
        m_redo->setToolTip(tr("Edit and send again; the answer you have now is kept as a "
                              "version"));
        m_redo->setAccessibleName(tr("Edit message"));
    } else {
        m_redo->setIcon(QIcon(QStringLiteral(":/breakwater/icons/retry.svg")));
        m_redo->setToolTip(tr("Regenerate: a new answer to the same prompt; this one is kept as "
                              "a version"));
        m_redo->setAccessibleName(tr("Regenerate answer"));
    }
    header->addWidget(m_redo);
    header->addWidget(m_copy);
    m_more->setIcon(QIcon(QStringLiteral(":/breakwater/icons/more.svg")));
    m_more->setAutoRaise(true);
    m_more->setPopupMode(QToolButton::InstantPopup);
    m_more->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; }"));
    m_more->setToolTip(tr("More"));
    m_more->setAccessibleName(tr("More actions"));
    auto *menu = new QMenu(m_more);
    m_deleteVersion = menu->addAction(tr("&Delete this version…"), this,
                                      [this] { Q_EMIT deleteVersionRequested(m_id); });
    menu->addAction(tr("&Fork into a new conversation"), this,
                    [this] { Q_EMIT forkRequested(m_id); });
    m_more->setMenu(menu);
    header->addWidget(m_more);
    layout->addLayout(header);

    if (!m_user) {
        // Thinking, above the answer: a toggle and the text, collapsed once the answer begins.
        m_thinkingToggle = new QToolButton(this);
        m_thinkingToggle->setCheckable(true);
        m_thinkingToggle->setAutoRaise(true);
        m_thinkingToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        m_thinkingToggle->setAccessibleName(tr("Show or hide the thinking"));
        m_thinkingToggle->setForegroundRole(QPalette::PlaceholderText);
        m_thinking = new MessageBody(this);
        // Quieter than the answer: the placeholder colour, computed from the theme in use.
        QPalette quiet = m_thinking->palette();
        for (QPalette::ColorRole role : {QPalette::Text, QPalette::WindowText})
            quiet.setColor(role, quiet.color(QPalette::PlaceholderText));
        m_thinking->setPalette(quiet);
        m_thinking->setAccessibleName(tr("Thinking"));
        layout->addWidget(m_thinkingToggle, 0, Qt::AlignLeft);
        layout->addWidget(m_thinking);
        m_thinkingToggle->hide();
        m_thinking->hide();
        if (!message.thinking.isEmpty())
            m_thinking->setPlainText(message.thinking);
        connect(m_thinkingToggle, &QToolButton::clicked, this, [this](bool on) {
            m_thinkingUserChoice = true;
            setThinkingExpanded(on);
        });
    }
    if (m_user && !message.attachments.isEmpty()) {
        // The files first, as they were sent.
        auto *row = new QWidget(this);
        auto *flow = new FlowLayout(row);
        for (const Attachment &a : message.attachments) {
            auto *chip = new AttachmentChip(AttachmentChip::Mode::Transcript, row);
            chip->setAttachment(a);
            connect(chip, &AttachmentChip::openRequested, this,
                    &MessageWidget::attachmentOpenRequested);
            flow->addWidget(chip);
            m_chips.append(chip);
        }
        layout->addWidget(row);
    }
    m_body = new MessageBody(this);
    m_source = message.text;
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
    // The server's words (an error, a stop reason, a refusal's explanation): never markup.
    m_bannerText->setTextFormat(Qt::PlainText);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setIcon(QIcon(QStringLiteral(":/breakwater/icons/retry.svg")));
    m_retry->setAccessibleName(tr("Retry this answer"));
    m_continue->setAccessibleName(tr("Ask the model to go on"));
    m_continue->setToolTip(tr("Ask the model, in a new turn, to go on from where it stopped"));
    m_higher->setAccessibleName(tr("Retry this answer with a higher token limit"));
    m_higher->setToolTip(
        tr("A new version of this answer with twice the limit (at most the model's largest)"));
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_continue, 0, Qt::AlignTop);
    bannerLayout->addWidget(m_higher, 0, Qt::AlignTop);
    bannerLayout->addWidget(m_retry, 0, Qt::AlignTop);
    m_banner->hide();
    if (!m_user) {
        // The cited sources, under the answer; a marker in the text names one of them.
        m_sources = new QLabel(this);
        m_sources->setTextFormat(Qt::RichText);
        m_sources->setWordWrap(true);
        m_sources->setForegroundRole(QPalette::PlaceholderText);
        m_sources->setTextInteractionFlags(Qt::TextBrowserInteraction);
        m_sources->setAccessibleName(tr("Sources"));
        m_sources->hide();
        connect(m_sources, &QLabel::linkActivated, this, &MessageWidget::openCitation);
        layout->addWidget(m_sources);
        // The server's words, never markup: a tooltip takes rich text when it looks like it.
        m_body->view()->setLinkToolTip([this](const QString &href) {
            const QString tip = citationToolTip(href);
            return tip.isEmpty() ? tip : Qt::convertFromPlainText(tip);
        });
        connect(m_body->view(), &ChunkedTextView::linkActivated, this,
                &MessageWidget::openCitation);
    }
    layout->addWidget(m_banner);

    QFont small = m_footer->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_footer->setFont(small);
    m_footer->setForegroundRole(QPalette::PlaceholderText);
    m_footer->setWordWrap(true);
    m_footer->setTextFormat(Qt::PlainText); // the model's name is the server's
    m_footer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_footer->setVisible(!m_user);
    layout->addWidget(m_footer);

    connect(m_retry, &QPushButton::clicked, this, [this] { Q_EMIT retryRequested(m_id); });
    connect(m_continue, &QPushButton::clicked, this, [this] { Q_EMIT continueRequested(m_id); });
    connect(m_higher, &QPushButton::clicked, this, [this] { Q_EMIT retryHigherRequested(m_id); });
    connect(m_previous, &QToolButton::clicked, this,
            [this] { Q_EMIT versionRequested(m_id, m_version - 1); });
    connect(m_next, &QToolButton::clicked, this,
            [this] { Q_EMIT versionRequested(m_id, m_version + 1); });
    connect(m_redo, &QToolButton::clicked, this, [this] {
        if (m_user)
            startEditing();
        else
            Q_EMIT regenerateRequested(m_id);
    });
    setVersions(0, 1);
    connect(m_copy, &QToolButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(text()); });
    updateFrom(message);
}

void MessageWidget::appendText(const QString &delta)
{
    if (m_user)
        return;
    if (m_body->plainText().isEmpty() && m_thinking && !m_thinking->isHidden() &&
        !m_thinkingUserChoice)
        setThinkingExpanded(false); // the answer begins: the thinking folds away
    m_body->appendText(delta);
}

void MessageWidget::appendThinking(const QString &delta)
{
    if (m_user || !m_thinking)
        return;
    if (m_thinkingToggle->isHidden()) {
        m_thinkingToggle->show();
        m_thinkingToggle->setText(tr("Thinking…"));
        if (!m_thinkingUserChoice)
            setThinkingExpanded(true);
    }
    m_thinking->appendPlainText(delta);
}

bool MessageWidget::hasThinkingSection() const
{
    return m_thinkingToggle && !m_thinkingToggle->isHidden();
}

bool MessageWidget::isThinkingExpanded() const
{
    return m_thinking && !m_thinking->isHidden();
}

void MessageWidget::setThinkingExpanded(bool expanded)
{
    if (!m_thinking)
        return;
    m_thinking->setVisible(expanded);
    m_thinkingToggle->setChecked(expanded);
    m_thinkingToggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
}

QString MessageWidget::thinkingTitle() const
{
    return hasThinkingSection() ? m_thinkingToggle->text() : QString();
}

QString MessageWidget::thinkingText() const
{
    return m_thinking ? m_thinking->plainText() : QString();
}

bool MessageWidget::hasContinue() const
{
    return !m_banner->isHidden() && !m_continue->isHidden();
}

bool MessageWidget::hasRetryHigher() const
{
    return !m_banner->isHidden() && !m_higher->isHidden();
}

void MessageWidget::updateThinking(const ChatMessage &m)
{
    if (!m_thinking)
        return;
    if (!m.hasThinking()) {
        if (m.status == MessageStatus::Streaming && !m_thinking->plainText().isEmpty())
            m_thinking->setPlainText(QString()); // a retry starts over
        m_thinkingToggle->hide();
        m_thinking->hide();
        return;
    }
    const QLocale l;
    QString title;
    if (m.status == MessageStatus::Streaming && m.text.isEmpty())
        title = tr("Thinking…");
    else if (m.thinking.isEmpty() && m.hasRedactedThinking())
        title = tr("Redacted thinking");
    else if (m.thinkingMs >= 0)
        title =
            tr("Thought for %1 s")
                .arg(l.toString(double(m.thinkingMs) / 1000.0, 'f', m.thinkingMs < 10'000 ? 1 : 0));
    else
        title = tr("Thinking");
    if (m.hasRedactedThinking() && !m.thinking.isEmpty())
        title += tr(" (part redacted)");
    m_thinkingToggle->setText(title);
    m_thinkingToggle->setToolTip(
        m.hasRedactedThinking()
            ? tr("Part of the thinking was encrypted by the service (redacted). It is kept and "
                 "sent back with later turns, but cannot be shown.")
            : tr("What the model thought before it answered; kept and sent back with later "
                 "turns"));
    const bool wasHidden = m_thinkingToggle->isHidden();
    m_thinkingToggle->show();
    if (m.status != MessageStatus::Streaming && m_thinking->plainText() != m.thinking)
        m_thinking->setPlainText(m.thinking.isEmpty() ? tr("(redacted)") : m.thinking);
    if (wasHidden && !m_thinkingUserChoice)
        setThinkingExpanded(m.status == MessageStatus::Streaming && m.text.isEmpty());
}

QString MessageWidget::text() const
{
    return m_citedText.isEmpty() ? m_body->plainText() : m_citedText;
}

void MessageWidget::updateCitations(const ChatMessage &m)
{
    if (m_user || m.status == MessageStatus::Streaming || m.citations == m_citations)
        return;
    m_citations = m.citations;
    const CitationMarkers markers(m_citations);
    m_citedText =
        m_citations.isEmpty() ? QString() : markers.apply(m.text, CitationMarkers::Style::Footnote);
    m_body->setText(markers.apply(m.text, CitationMarkers::Style::Link));
    QStringList lines;
    for (qsizetype i = 0; i < markers.sources().size(); ++i)
        lines << QStringLiteral("<a href=\"cite:%1\">[%1]</a> %2")
                     .arg(i + 1)
                     .arg(markers.sources().at(i).label().toHtmlEscaped());
    if (markers.unlistedSources() > 0) {
        const int unlisted = int(std::min(markers.unlistedSources(), qsizetype(1'000'000)));
        lines << tr("and %n more", nullptr, unlisted);
    }
    m_sources->setText(tr("Sources: %1").arg(lines.join(QStringLiteral(" &nbsp; "))));
    m_sources->setVisible(!m_citations.isEmpty());
}

QStringList MessageWidget::sourceLines() const
{
    QStringList lines;
    const CitationMarkers markers(m_citations);
    for (qsizetype i = 0; i < markers.sources().size(); ++i)
        lines << QStringLiteral("[%1] ").arg(i + 1) + markers.sources().at(i).label();
    if (markers.unlistedSources() > 0) {
        const int unlisted = int(std::min(markers.unlistedSources(), qsizetype(1'000'000)));
        lines << tr("and %n more", nullptr, unlisted);
    }
    return lines;
}

int MessageWidget::citationNumber(const QString &href)
{
    // "cite:N"; any other link (a file: or an http: one in the answer's text) names no source.
    static const QLatin1String prefix("cite:");
    return href.startsWith(prefix) ? href.mid(prefix.size()).toInt() : 0;
}

QString MessageWidget::citationToolTip(const QString &href) const
{
    const CitationMarkers markers(m_citations);
    const int n = citationNumber(href);
    if (n < 1 || n > markers.sources().size())
        return {};
    const Citation &c = markers.sources().at(n - 1);
    QString cited = c.citedText().simplified();
    if (cited.size() > 300)
        cited = cited.left(300) + QStringLiteral("…");
    return cited.isEmpty() ? c.label()
                           : c.label() + QStringLiteral("\n“") + cited + QStringLiteral("”");
}

void MessageWidget::openCitation(const QString &href)
{
    const CitationMarkers markers(m_citations);
    const int n = citationNumber(href);
    if (n >= 1 && n <= markers.sources().size() &&
        !markers.sources().at(n - 1).documentSha.isEmpty())
        Q_EMIT documentRequested(markers.sources().at(n - 1).documentSha);
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

void MessageWidget::setVersions(int number, int count)
{
    m_version = number;
    m_versionCount = std::max(1, count);
    const bool several = m_versionCount > 1;
    m_previous->setVisible(several);
    m_next->setVisible(several);
    m_versions->setVisible(several);
    m_versions->setText(several ? tr("%1 / %2").arg(number + 1).arg(m_versionCount) : QString());
    m_versions->setAccessibleName(tr("Version %1 of %2").arg(number + 1).arg(m_versionCount));
    m_previous->setEnabled(number > 0);
    m_next->setEnabled(number + 1 < m_versionCount);
    m_deleteVersion->setEnabled(several);
}

QString MessageWidget::versionText() const
{
    return m_versions->isHidden() ? QString() : m_versions->text();
}

void MessageWidget::setActionsEnabled(bool enabled)
{
    for (QWidget *w : {static_cast<QWidget *>(m_previous), static_cast<QWidget *>(m_next),
                       static_cast<QWidget *>(m_redo), static_cast<QWidget *>(m_more)})
        w->setEnabled(enabled);
    if (enabled)
        setVersions(m_version, m_versionCount); // the ends stay disabled
}

bool MessageWidget::isEditing() const
{
    return m_editor != nullptr;
}

void MessageWidget::startEditing()
{
    if (m_editor || !m_user)
        return;
    m_editor = new QPlainTextEdit(this);
    m_editor->setPlainText(m_source);
    m_editor->setAccessibleName(tr("Edit your message"));
    m_editor->setTabChangesFocus(true);
    m_editorBar = new QWidget(this);
    auto *bar = new QHBoxLayout(m_editorBar);
    bar->setContentsMargins(0, 0, 0, 0);
    auto *hint = new QLabel(tr("Sending starts a new branch; the old one is kept."), m_editorBar);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto *cancel = new QPushButton(tr("Cancel"), m_editorBar);
    auto *send = new QPushButton(tr("Send"), m_editorBar);
    send->setDefault(true);
    bar->addWidget(hint, 1);
    bar->addWidget(cancel);
    bar->addWidget(send);
    auto *layout = static_cast<QVBoxLayout *>(this->layout());
    const int at = layout->indexOf(m_body);
    layout->insertWidget(at + 1, m_editor);
    layout->insertWidget(at + 2, m_editorBar);
    m_body->hide();
    connect(send, &QPushButton::clicked, this, &MessageWidget::submitEdit);
    connect(cancel, &QPushButton::clicked, this, &MessageWidget::stopEditing);
    m_editor->installEventFilter(this); // Ctrl+Enter sends, Esc cancels
    m_editor->setFocus();
}

void MessageWidget::submitEdit()
{
    const QString text = m_editor ? m_editor->toPlainText() : QString();
    if (text.trimmed().isEmpty())
        return;
    stopEditing();
    Q_EMIT editRequested(m_id, text);
}

bool MessageWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            key->modifiers().testFlag(Qt::ControlModifier)) {
            submitEdit();
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            stopEditing();
            return true;
        }
    }
    return TintedFrame::eventFilter(watched, event);
}

void MessageWidget::stopEditing()
{
    if (!m_editor)
        return;
    m_editor->deleteLater();
    m_editorBar->deleteLater();
    m_editor = nullptr;
    m_editorBar = nullptr;
    m_body->show();
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
    // Another model than the one asked answers: said first, while it streams and after.
    QString fallback;
    if (m.isFallback()) {
        const QString passed = m.fallbackFrom.join(QStringLiteral(", "));
        if (m.status == MessageStatus::Failed)
            fallback = tr("%1 was asked instead of %2").arg(m.model, passed); // and failed too
        else if (m.fallbackReason == u"circuit_open")
            fallback = tr("answered by %1 — %2 kept failing").arg(m.model, passed);
        else if (m.fallbackFrom.size() > 1)
            fallback = tr("answered by %1 — %2 were overloaded").arg(m.model, passed);
        else
            fallback = tr("answered by %1 — %2 was overloaded").arg(m.model, passed);
    }
    if (m.status == MessageStatus::Streaming) {
        const QString streaming =
            m.attempts > 1 ? tr("Streaming… (attempt %1)").arg(m.attempts) : tr("Streaming…");
        return fallback.isEmpty() ? streaming : streaming + QStringLiteral(" · ") + fallback;
    }
    QStringList parts;
    if (!fallback.isEmpty())
        parts << fallback;
    else if (!m.model.isEmpty())
        parts << m.model;
    if (m.usage.totalInputTokens() || m.usage.outputTokens)
        parts << tr("%1 in → %2 out tokens")
                     .arg(l.toString(m.usage.totalInputTokens()), l.toString(m.usage.outputTokens));
    if (m.usage.cacheReadInputTokens > 0) {
        const int percent = qRound(m.usage.cacheHitRatio() * 100);
        parts << tr("%1% from cache").arg(percent);
    }
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
    if (!m_user && m_status == MessageStatus::Streaming && m.status != MessageStatus::Streaming) {
        m_body->finish();
        m_thinking->finish();
    }
    if (!m_user && m.status == MessageStatus::Streaming &&
        (m_status != MessageStatus::Streaming ||
         (m.text.isEmpty() && !m_body->plainText().isEmpty())))
        m_body->setText(m.text); // a retry starts over
    m_status = m.status;
    if (!m_user)
        m_footer->setText(footerFor(m));
    updateThinking(m);
    updateBanner(m);
    updateCitations(m);
}

void MessageWidget::updateBanner(const ChatMessage &m)
{
    const bool problem =
        m.status == MessageStatus::Interrupted || m.status == MessageStatus::Failed;
    const QString notice = m.status == MessageStatus::Complete ? m.stopNotice() : QString();
    m_banner->setVisible(problem || !notice.isEmpty());
    m_retry->setVisible(problem);
    m_continue->setVisible(!notice.isEmpty() && m.stopReason == u"max_tokens");
    m_higher->setVisible(m.stopReason == u"max_tokens" && !notice.isEmpty());
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
    } else if (!notice.isEmpty()) {
        m_bannerText->setText(notice);
        // A refusal is the model's answer, not a fault: a neutral tint.
        m_banner->setTint(
            m.stopReason == u"refusal" ? QColor(0x60, 0x7d, 0x8b) : QColor(0xf0, 0xa0, 0x20), 0.18);
    }
    m_banner->setAccessibleDescription(m_bannerText->text());
}

} // namespace bw::ui
