#pragma once

#include <QPointer>
#include <QScrollArea>

class QVBoxLayout;
class QLabel;

namespace bw {
class Conversation;
}

namespace bw::ui {

class AttachmentPreviews;
class MessageWidget;

// The conversation as a column of MessageWidgets. Only the most recent messages get widgets at
// first; older ones are added when the user scrolls to the top, so opening a long conversation
// costs the same as a short one. While the view is at the bottom it follows a streaming answer.
class TranscriptView final : public QScrollArea
{
    Q_OBJECT

public:
    static constexpr int kPage = 30;

    explicit TranscriptView(QWidget *parent = nullptr);

    void setConversation(Conversation *conversation);
    Conversation *conversation() const;
    // The widget of a message; nullptr while it has none (above the loaded range).
    MessageWidget *widgetAt(int index) const;
    int firstLoaded() const { return m_first; }
    // Adds widgets for up to kPage older messages; false if there were none.
    bool loadEarlier();
    void scrollToBottom();
    bool isAtBottom() const;

    // While an answer runs, versions and new answers wait for it.
    void setBusy(bool busy);
    // Thumbnails of the prompts' files, and what opens them (none: names only).
    void setPreviews(AttachmentPreviews *previews);

Q_SIGNALS:
    void retryRequested(int index);
    void versionRequested(int index, int version);
    void regenerateRequested(int index);
    void editRequested(int index, const QString &text);
    void deleteVersionRequested(int index);
    void forkRequested(int index);
    void continueRequested(int index);
    void retryHigherRequested(int index);

private:
    void rebuild();
    MessageWidget *makeWidget(int index);
    void onAppended(int index);
    void onTextAppended(int index, const QString &delta);
    void onThinkingAppended(int index, const QString &delta);
    void onChanged(int index);
    void onPathChanged(int fromIndex);
    void updateSummaryMarks();

    QPointer<Conversation> m_conversation;
    QWidget *m_content;
    QVBoxLayout *m_layout;
    QLabel *m_empty;
    QList<MessageWidget *> m_widgets; // for messages [m_first, count)
    int m_first = 0;
    bool m_follow = true;
    bool m_busy = false;
    bool m_settling = false; // a rebuild has not reached the bottom yet
    QPointer<AttachmentPreviews> m_previews;
};

} // namespace bw::ui
