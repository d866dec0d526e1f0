#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace bw {
class Conversation;
}

namespace bw::ui {

// The compressed summary of the conversation's oldest turns. Until compression is configured it
// says so.
class SummaryPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit SummaryPanel(QWidget *parent = nullptr);

    void setConversation(Conversation *conversation);
    QString statusText() const;

private:
    void refresh();

    QPointer<Conversation> m_conversation;
    QLabel *m_status;
    QPlainTextEdit *m_text;
};

} // namespace bw::ui
