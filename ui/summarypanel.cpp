#include "summarypanel.h"

#include "chat/conversation.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace bw::ui {

SummaryPanel::SummaryPanel(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
{
    setAccessibleName(tr("Conversation summary"));
    auto *layout = new QVBoxLayout(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_text->setReadOnly(true);
    m_text->setAccessibleName(tr("Summary text"));
    layout->addWidget(m_text, 1);
    refresh();
}

void SummaryPanel::setConversation(Conversation *conversation)
{
    if (m_conversation)
        m_conversation->disconnect(this);
    m_conversation = conversation;
    if (conversation)
        connect(conversation, &Conversation::summaryChanged, this, &SummaryPanel::refresh);
    refresh();
}

QString SummaryPanel::statusText() const
{
    return m_status->text();
}

void SummaryPanel::refresh()
{
    const bool has = m_conversation && !m_conversation->summary().isEmpty();
    m_text->setVisible(has);
    if (!has) {
        m_status->setText(
            tr("Compression is off: every turn of the conversation is sent with each request."));
        m_text->clear();
        return;
    }
    const ConversationSummary &s = m_conversation->summary();
    m_status->setText(
        tr("%1 earlier messages are summarised by %2.").arg(s.coveredMessages).arg(s.model));
    m_text->setPlainText(s.text);
}

} // namespace bw::ui
