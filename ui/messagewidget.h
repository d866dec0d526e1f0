#pragma once

#include "chat/chatmessage.h"

#include <QFrame>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace bw::ui {

class AttachmentChip;
class MessageBody;

// A frame filled with the palette's Base colour tinted towards an accent, computed at paint time
// so it follows a change of theme.
class TintedFrame : public QFrame
{
    Q_OBJECT

public:
    explicit TintedFrame(QWidget *parent = nullptr)
        : QFrame(parent)
    {}
    void setTint(const QColor &accent, double amount);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QColor m_accent;
    double m_amount = 0;
};

// One message in the transcript: who and when, the text (Markdown for answers), a banner with
// Retry for interrupted and failed answers, and a footer (model, tokens, speed, cost, attempts).
// Its versions: ‹ 2 / 3 › where it has several; Regenerate (an answer) or Edit (a prompt, in
// place); Delete this version and Fork into a new conversation in its menu.
class MessageWidget final : public TintedFrame
{
    Q_OBJECT

public:
    explicit MessageWidget(const ChatMessage &message, QWidget *parent = nullptr);

    const QString &messageId() const { return m_id; }
    void appendText(const QString &delta);
    void appendThinking(const QString &delta);
    void updateFrom(const ChatMessage &message);
    void setCoveredBySummary(bool covered);
    bool isCoveredBySummary() const;
    // Which version this is (0-based) of how many.
    void setVersions(int number, int count);
    QString versionText() const; // "2 / 3", empty with one version
    // Off while an answer runs: versions and new answers wait for it.
    void setActionsEnabled(bool enabled);
    bool isEditing() const;
    // Opens the editor on a prompt (Edit); Send emits editRequested.
    void startEditing();

    QString text() const;
    QString footerText() const;
    QString bannerText() const;
    bool hasRetry() const;
    // The thinking section: shown when the answer has thinking; expanded while it streams.
    bool hasThinkingSection() const;
    bool isThinkingExpanded() const;
    void setThinkingExpanded(bool expanded);
    QString thinkingTitle() const; // "Thinking…", "Thought for 12 s", "Redacted thinking"
    QString thinkingText() const;
    // Continue / Retry with a higher limit, offered under an answer cut off at max_tokens.
    bool hasContinue() const;
    bool hasRetryHigher() const;
    MessageBody *body() const { return m_body; }
    // A prompt's files, above its text.
    const QList<AttachmentChip *> &attachmentChips() const { return m_chips; }
    // An answer's cited sources, numbered as its markers: "[1] report.pdf, p. 2: “…”".
    QStringList sourceLines() const;
    QLabel *sourcesLabel() const { return m_sources; }
    // What a marker ("cite:2") shows on hover: the source and the cited text.
    QString citationToolTip(const QString &href) const;

    static QString footerFor(const ChatMessage &message);

Q_SIGNALS:
    void retryRequested(const QString &messageId);
    void versionRequested(const QString &messageId, int version);
    void regenerateRequested(const QString &messageId);
    void editRequested(const QString &messageId, const QString &text);
    void deleteVersionRequested(const QString &messageId);
    void forkRequested(const QString &messageId);
    void continueRequested(const QString &messageId);
    void retryHigherRequested(const QString &messageId);
    void attachmentOpenRequested(const bw::Attachment &attachment);
    // A citation's document (by its SHA-256) was clicked.
    void documentRequested(const QString &sha256);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void submitEdit();
    void stopEditing();
    void updateThinking(const ChatMessage &message);
    void updateBanner(const ChatMessage &message);
    void updateCitations(const ChatMessage &message);
    void openCitation(const QString &href);
    // The source a marker's link names (1, 2, …), 0 for a link that is not a marker.
    static int citationNumber(const QString &href);

    QString m_id;
    bool m_user;
    MessageStatus m_status;
    QLabel *m_who;
    QLabel *m_when;
    QLabel *m_covered;
    QToolButton *m_copy;
    QToolButton *m_previous;
    QLabel *m_versions;
    QToolButton *m_next;
    QToolButton *m_redo; // Regenerate or Edit
    QToolButton *m_more;
    QAction *m_deleteVersion;
    QPlainTextEdit *m_editor = nullptr;
    QWidget *m_editorBar = nullptr;
    QString m_source; // the prompt's text, for the editor
    int m_version = 0;
    int m_versionCount = 1;
    MessageBody *m_body = nullptr;
    QToolButton *m_thinkingToggle = nullptr;
    MessageBody *m_thinking = nullptr;
    bool m_thinkingUserChoice = false; // the user opened or closed it: left as they chose
    TintedFrame *m_banner;
    QLabel *m_bannerText;
    QPushButton *m_retry;
    QPushButton *m_continue;
    QPushButton *m_higher;
    QLabel *m_footer;
    QList<AttachmentChip *> m_chips;
    QList<Citation> m_citations;
    QString m_citedText; // the answer with its citations as footnotes: what a copy gives
    QLabel *m_sources = nullptr;
};

} // namespace bw::ui
