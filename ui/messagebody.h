#pragma once

#include "chunkedtextview.h"
#include "markdownsegmenter.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

namespace bw::ui {

// The text of one message. Answers are Markdown, split by MarkdownSegmenter: new text is shown
// once per frame, the open prose tail is re-laid out at most a few times a second, closed prose
// is gathered into chunks laid out once, when first seen (ChunkedTextView). So the cost of a
// delta does not grow with the length of the message or of the conversation.
class MessageBody final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kFrameMs = 50;          // how often new text appears
    static constexpr int kProseRelayoutMs = 250; // how often the open prose tail is re-laid out
    static constexpr qsizetype kChunkBudget = 8 * 1024; // closed prose gathered per chunk

    explicit MessageBody(QWidget *parent = nullptr);

    // A whole Markdown text at once (a loaded or finished answer).
    void setText(const QString &text);
    // Plain text (the user's own words), chunked the same way.
    void setPlainText(const QString &text);
    // Streaming.
    void appendText(const QString &delta);
    // Streaming plain text (thinking, which may be one paragraph of hundreds of thousands of
    // characters): shown once per frame in chunks of at most kChunkBudget, each cut at a line end
    // or a space, so no layout ever covers more than one chunk.
    void appendPlainText(const QString &delta);
    void finish();

    bool isStreaming() const { return m_streaming; }
    int segmentCount() const { return m_view->chunkCount(); }
    QString plainText() const { return m_text; }
    ChunkedTextView *view() const { return m_view; }

private:
    void reset();
    void sync(bool force);
    void closeSegment(const MarkdownSegmenter::Segment &segment);
    bool canAbsorb(int chunk, qsizetype more) const;
    void updateTail(bool force);
    void flushPlain();

    ChunkedTextView *m_view;
    MarkdownSegmenter m_segmenter;
    int m_closedUpTo = 0;
    int m_tail = -1; // the chunk showing the open segment, always the last one
    qsizetype m_tailShown = 0;
    QString m_text;
    QTimer m_frame;
    QElapsedTimer m_sinceProseLayout;
    bool m_streaming = false;
    bool m_plain = false;   // streaming plain text (appendPlainText)
    QString m_plainPending; // arrived, not shown yet
};

} // namespace bw::ui
