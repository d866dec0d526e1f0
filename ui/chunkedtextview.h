#pragma once

#include <QWidget>

#include <memory>
#include <vector>

class QTextDocument;

namespace bw::ui {

// Shows a long text as a column of chunks (Markdown prose, code, or plain text) in ONE widget.
// A chunk becomes a QTextDocument only when it is first painted, so a message of any length
// costs only what is on screen; until then its height is estimated. Text is selectable across
// chunks (mouse, Ctrl+A, Ctrl+C, context menu), links open in the browser, and code chunks carry
// a Copy button.
class ChunkedTextView final : public QWidget
{
    Q_OBJECT

public:
    enum class Kind { Markdown, Code, Plain };

    explicit ChunkedTextView(QWidget *parent = nullptr);
    ~ChunkedTextView() override;

    int chunkCount() const { return int(m_chunks.size()); }
    int appendChunk(Kind kind, const QString &text, const QString &language = {});
    void setChunk(int index, Kind kind, const QString &text, const QString &language = {});
    // Appending to code or plain text extends its laid-out document in place.
    void appendToChunk(int index, const QString &text);
    void removeLastChunk();
    void clear();

    Kind chunkKind(int index) const { return m_chunks[size_t(index)].kind; }
    const QString &chunkText(int index) const { return m_chunks[size_t(index)].text; }
    bool isLaidOut(int index) const { return m_chunks[size_t(index)].doc != nullptr; }
    int laidOutChunks() const;

    QString toPlainText() const;
    QString selectedText() const;
    bool hasSelection() const;
    void selectAll();

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void codeCopied(int chunk);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Chunk
    {
        Kind kind = Kind::Markdown;
        QString text;
        QString language;
        std::unique_ptr<QTextDocument> doc;
        int docWidth = -1; // the width the document is laid out for
        int height = 0;    // at docWidth when laid out; else the last estimate
        int estimateWidth = -1;
    };
    struct Position
    {
        int chunk = -1;
        int pos = 0;
        bool isValid() const { return chunk >= 0; }
    };

    int chunkHeight(int index, int width) const;
    int estimate(const Chunk &chunk, int width) const;
    bool layOut(int index, int width) const;                       // true if the height changed
    QRect contentRect(const Chunk &chunk, const QRect &box) const; // where the document is drawn
    QRect copyButtonRect(const QRect &box) const;
    int headerHeight() const;
    QRect chunkBox(int index) const;
    int chunkAt(int y) const;
    Position positionAt(const QPoint &point) const;
    QString anchorAt(const QPoint &point) const;
    void invalidate();
    void copySelection() const;

    mutable std::vector<Chunk> m_chunks;
    mutable int m_totalWidth = -1;
    mutable int m_totalHeight = 0;
    Position m_anchor;
    Position m_focus;
    bool m_selecting = false;
    int m_copiedChunk = -1;
};

} // namespace bw::ui
