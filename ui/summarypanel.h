#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace bw {
class ChatSession;
class ContextCompressor;
class Conversation;
struct CompressionSettings;
} // namespace bw

namespace bw::ui {

// Compression, visible: the summary the oldest turns are folded into, which messages it covers
// (they are marked in the transcript), the tokens it saves, when and by which model; and
// Compress now, Edit, Clear.
class SummaryPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit SummaryPanel(QWidget *parent = nullptr);

    void setConversation(Conversation *conversation);
    void setSession(ChatSession *session);
    QString statusText() const;
    // What compression means for the prompt cache; empty when the note is hidden.
    QString cacheNoteText() const;
    QString summaryText() const;
    QPushButton *compressButton() const { return m_compress; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *clearButton() const { return m_clear; }

public Q_SLOTS:
    void compressNow();
    void showProblem(const QString &message);

private:
    void refresh();
    void refreshCacheNote(const ContextCompressor *compressor, const CompressionSettings &settings);
    void setEditing(bool editing);

    QPointer<Conversation> m_conversation;
    QPointer<ChatSession> m_session;
    QPointer<ContextCompressor> m_compressor;
    QLabel *m_status;
    QLabel *m_settings;
    QLabel *m_cache; // what compression means for the prompt cache
    QLabel *m_problem;
    QPlainTextEdit *m_text;
    QPushButton *m_compress;
    QPushButton *m_edit;
    QPushButton *m_clear;
    bool m_editing = false;
    bool m_working = false;
};

} // namespace bw::ui
