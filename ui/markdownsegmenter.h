#pragma once

#include <QList>
#include <QString>

namespace bw::ui {

// Splits Markdown that arrives in pieces into segments a view can render independently: prose
// (rendered as Markdown) and fenced code (shown as plain monospace text). A prose segment closes
// at a blank line once it is longer than `softLimit`, or at any line end past `hardLimit`, so
// the open tail — the only part re-laid out while streaming — stays small however long the
// message grows. Closed segments never change again.
class MarkdownSegmenter final
{
public:
    struct Segment
    {
        enum class Kind { Prose, Code };
        Kind kind = Kind::Prose;
        QString text;     // complete lines only; the tail's unfinished line is pendingLine()
        QString language; // for code
        bool closed = false;
    };

    explicit MarkdownSegmenter(qsizetype softLimit = 1000, qsizetype hardLimit = 3000);

    void append(QStringView text);
    // Closes everything (the unfinished line becomes a line).
    void finish();
    void clear();

    const QList<Segment> &segments() const { return m_segments; }
    // The text after the last line end, shown at the end of the open segment.
    const QString &pendingLine() const { return m_pending; }
    bool isFinished() const { return m_finished; }

private:
    void addLine(QStringView line, bool hasNewline);
    Segment &tail();
    void closeTail();

    qsizetype m_softLimit;
    qsizetype m_hardLimit;
    QList<Segment> m_segments;
    QString m_pending;
    QChar m_fenceChar;
    qsizetype m_fenceLength = 0;
    bool m_finished = false;
};

} // namespace bw::ui
