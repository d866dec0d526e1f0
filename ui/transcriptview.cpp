#include "transcriptview.h"

#include "attachmentchip.h"
#include "attachmentpreviews.h"
#include "chat/conversation.h"
#include "messagewidget.h"

#include <QLabel>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

namespace bw::ui {

TranscriptView::TranscriptView(QWidget *parent)
    : QScrollArea(parent)
    , m_content(new QWidget)
    , m_layout(new QVBoxLayout(m_content))
    , m_empty(new QLabel(m_content))
{
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setAccessibleName(tr("Transcript"));
    m_content->setBackgroundRole(QPalette::Base);
    m_content->setAutoFillBackground(true);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(1);
    m_empty->setText(
        tr("Ask Claude anything. Answers stream in here, with their speed, cost and retries."));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_layout->addWidget(m_empty, 1);
    m_layout->addStretch(0);
    setWidget(m_content);

    // Follow the bottom while the user is there; stop following as soon as they scroll up.
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        m_follow = value >= verticalScrollBar()->maximum() - 4;
        // The user reached the top: older messages. Not while a rebuild settles (its new
        // widgets start at the top until the view moves to the bottom).
        if (!m_settling && value == verticalScrollBar()->minimum() && m_first > 0 &&
            verticalScrollBar()->maximum() > 0)
            QTimer::singleShot(0, this, &TranscriptView::loadEarlier);
    });
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int max) {
        if (m_follow)
            verticalScrollBar()->setValue(max);
    });
}

void TranscriptView::setConversation(Conversation *conversation)
{
    if (m_conversation)
        m_conversation->disconnect(this);
    m_conversation = conversation;
    if (conversation) {
        connect(conversation, &Conversation::messageAppended, this, &TranscriptView::onAppended);
        connect(conversation, &Conversation::textAppended, this, &TranscriptView::onTextAppended);
        connect(conversation, &Conversation::thinkingAppended, this,
                &TranscriptView::onThinkingAppended);
        connect(conversation, &Conversation::messageChanged, this, &TranscriptView::onChanged);
        connect(conversation, &Conversation::pathChanged, this, &TranscriptView::onPathChanged);
        connect(conversation, &Conversation::reloaded, this, &TranscriptView::rebuild);
        connect(conversation, &Conversation::summaryChanged, this,
                &TranscriptView::updateSummaryMarks);
    }
    rebuild();
}

void TranscriptView::setBusy(bool busy)
{
    m_busy = busy;
    for (MessageWidget *w : std::as_const(m_widgets))
        w->setActionsEnabled(!busy);
}

void TranscriptView::setPreviews(AttachmentPreviews *previews)
{
    m_previews = previews;
    rebuild();
}

Conversation *TranscriptView::conversation() const
{
    return m_conversation;
}

MessageWidget *TranscriptView::widgetAt(int index) const
{
    const int i = index - m_first;
    return i >= 0 && i < m_widgets.size() ? m_widgets[i] : nullptr;
}

MessageWidget *TranscriptView::makeWidget(int index)
{
    auto *w = new MessageWidget(m_conversation->at(index), m_content);
    w->setVersions(m_conversation->versionNumber(index), m_conversation->versionCount(index));
    w->setActionsEnabled(!m_busy);
    // The widget speaks of its message by id; the conversation's index may have moved.
    auto at = [this](const QString &id) {
        return m_conversation ? m_conversation->indexOf(id) : -1;
    };
    connect(w, &MessageWidget::retryRequested, this, [this, at](const QString &id) {
        if (const int i = at(id); i >= 0)
            Q_EMIT retryRequested(i);
    });
    connect(w, &MessageWidget::versionRequested, this, [this, at](const QString &id, int v) {
        if (const int i = at(id); i >= 0)
            Q_EMIT versionRequested(i, v);
    });
    connect(w, &MessageWidget::regenerateRequested, this, [this, at](const QString &id) {
        if (const int i = at(id); i >= 0)
            Q_EMIT regenerateRequested(i);
    });
    connect(w, &MessageWidget::editRequested, this,
            [this, at](const QString &id, const QString &text) {
                if (const int i = at(id); i >= 0)
                    Q_EMIT editRequested(i, text);
            });
    connect(w, &MessageWidget::deleteVersionRequested, this, [this, at](const QString &id) {
        if (const int i = at(id); i >= 0)
            Q_EMIT deleteVersionRequested(i);
    });
    connect(w, &MessageWidget::forkRequested, this, [this, at](const QString &id) {
        if (const int i = at(id); i >= 0)
            Q_EMIT forkRequested(i);
    });
    connect(w, &MessageWidget::continueRequested, this, [this, at](const QString &id) {
        if (const int i = at(id); i >= 0)
            Q_EMIT continueRequested(i);
    });
    connect(w, &MessageWidget::retryHigherRequested, this, [this, at](const QString &id) {
        if (const int i = at(id); i >= 0)
            Q_EMIT retryHigherRequested(i);
    });
    if (m_previews) {
        for (AttachmentChip *chip : w->attachmentChips())
            m_previews->fill(chip);
        connect(w, &MessageWidget::attachmentOpenRequested, m_previews, &AttachmentPreviews::open);
        // A citation names its document by content: the prompt that sent it has its name.
        connect(w, &MessageWidget::documentRequested, this, [this](const QString &sha) {
            if (!m_conversation || !m_previews)
                return;
            for (const ChatMessage &m : m_conversation->allMessages()) {
                for (const Attachment &a : m.attachments) {
                    if (a.sha256 == sha) {
                        m_previews->open(a);
                        return;
                    }
                }
            }
        });
    }
    if (index < m_conversation->summary().coveredMessages)
        w->setCoveredBySummary(true);
    return w;
}

void TranscriptView::rebuild()
{
    qDeleteAll(m_widgets);
    m_widgets.clear();
    const int count = m_conversation ? m_conversation->count() : 0;
    m_first = std::max(0, count - kPage);
    m_content->setUpdatesEnabled(false);
    for (int i = m_first; i < count; ++i) {
        MessageWidget *w = makeWidget(i);
        m_widgets.append(w);
        m_layout->insertWidget(m_layout->count() - 1, w);
    }
    m_empty->setVisible(count == 0);
    m_content->setUpdatesEnabled(true);
    m_settling = true;
    scrollToBottom();
}

bool TranscriptView::loadEarlier()
{
    if (!m_conversation || m_first == 0)
        return false;
    const int newFirst = std::max(0, m_first - kPage);
    const int oldHeight = m_content->sizeHint().height();
    const int oldValue = verticalScrollBar()->value();
    for (int i = m_first - 1; i >= newFirst; --i) {
        MessageWidget *w = makeWidget(i);
        m_widgets.prepend(w);
        m_layout->insertWidget(1, w); // after the (hidden) empty-state label
    }
    m_first = newFirst;
    // Keep what the user was looking at in place.
    m_content->adjustSize();
    const int added = m_content->sizeHint().height() - oldHeight;
    verticalScrollBar()->setValue(oldValue + std::max(0, added));
    return true;
}

bool TranscriptView::isAtBottom() const
{
    return verticalScrollBar()->value() >= verticalScrollBar()->maximum() - 4;
}

void TranscriptView::scrollToBottom()
{
    m_follow = true;
    QTimer::singleShot(0, this, [this] {
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
        m_settling = false;
    });
}

void TranscriptView::onAppended(int index)
{
    m_empty->hide();
    MessageWidget *w = makeWidget(index);
    m_widgets.insert(index - m_first, w);
    m_layout->insertWidget(1 + index - m_first, w);
    if (m_conversation->at(index).isUser())
        scrollToBottom(); // sending a message brings the view down to it
}

void TranscriptView::onTextAppended(int index, const QString &delta)
{
    if (MessageWidget *w = widgetAt(index))
        w->appendText(delta);
}

void TranscriptView::onThinkingAppended(int index, const QString &delta)
{
    if (MessageWidget *w = widgetAt(index))
        w->appendThinking(delta);
}

void TranscriptView::onChanged(int index)
{
    if (MessageWidget *w = widgetAt(index))
        w->updateFrom(m_conversation->at(index));
}

void TranscriptView::onPathChanged(int fromIndex)
{
    // Only what lies below the fork changes: the widgets above it stay as they are — unless
    // the fork is above the loaded range, or the new branch below it is long (then, as on
    // opening, only its newest page gets widgets).
    if (fromIndex < m_first || m_conversation->count() - fromIndex > kPage) {
        rebuild();
        return;
    }
    const int keep = fromIndex - m_first;
    m_content->setUpdatesEnabled(false);
    while (m_widgets.size() > keep)
        delete m_widgets.takeLast();
    for (int i = fromIndex; i < m_conversation->count(); ++i) {
        MessageWidget *w = makeWidget(i);
        m_widgets.append(w);
        m_layout->insertWidget(m_layout->count() - 1, w);
    }
    m_empty->setVisible(m_conversation->isEmpty());
    m_content->setUpdatesEnabled(true);
    updateSummaryMarks(); // the summary belongs to one path
}

void TranscriptView::updateSummaryMarks()
{
    const int covered = m_conversation ? m_conversation->summary().coveredMessages : 0;
    for (int i = 0; i < m_widgets.size(); ++i)
        m_widgets[i]->setCoveredBySummary(m_first + i < covered);
}

} // namespace bw::ui
