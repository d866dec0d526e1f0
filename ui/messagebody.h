#pragma once

#include "markdownsegmenter.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QVBoxLayout;

namespace bw::ui {

// The text of one message as Markdown segments (see MarkdownSegmenter). While streaming, new
// text is collected and shown once per frame; the open prose tail is re-laid out at most a few
// times a second; closed segments are laid out once, when first seen. So the cost of a delta
// does not grow with the length of the message.
class MessageBody final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kFrameMs = 50;          // how often new text appears
    static constexpr int kProseRelayoutMs = 250; // how often the open prose block is re-laid out

    explicit MessageBody(QWidget *parent = nullptr);

    // A whole text at once (a loaded or finished message).
    void setText(const QString &text);
    // Streaming.
    void appendText(const QString &delta);
    void finish();
    bool isStreaming() const { return m_streaming; }
    int segmentCount() const;
    QString plainText() const { return m_text; }

Q_SIGNALS:
    void contentChanged();

private:
    void sync(bool force);
    QWidget *createView(const MarkdownSegmenter::Segment &segment);
    bool updateView(int index, bool force); // false: a prose re-layout was put off

    QVBoxLayout *m_layout;
    MarkdownSegmenter m_segmenter;
    QList<QWidget *> m_views;
    QList<qsizetype> m_shownLength; // per code view: characters already appended
    QString m_text;
    QTimer m_frame;
    QElapsedTimer m_sinceProseLayout;
    bool m_streaming = false;
    bool m_dirty = false;
};

} // namespace bw::ui
