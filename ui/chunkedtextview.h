#pragma once

#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QTextDocument;

namespace bw::ui {

// Shows a long text as a column of chunks (Markdown prose, code, or plain text) in ONE widget.
// A chunk becomes a QTextDocument only when it is first painted, so a message of any length
// costs only what is on screen; until then its height is estimated. Text is selectable across
// chunks (mouse, Ctrl+A, Ctrl+C, context menu), links open in the browser, and code chunks carry
// a Copy button. Screen readers see it through ChunkedTextAccessible.
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

    // The text as shown, which is what a screen reader reads (ChunkedTextAccessible): each chunk's
    // displayed text (Markdown rendered, code and plain text without their last line end), joined
    // by '\n' — what selectedText() returns after selectAll(). toPlainText() is the Markdown
    // source instead, whose offsets match nothing on screen. Offsets into the shown text map one
    // to one onto positions in the chunks' documents. Chunks never painted are parsed for it, not
    // laid out.
    QString shownText() const;
    int shownLength() const;
    // The selection's ends as offsets into shownText(); -1 while nothing was clicked or selected.
    int selectionAnchorOffset() const;
    int selectionFocusOffset() const;
    void setSelectionOffsets(int anchor, int focus);
    // In widget coordinates. Exact where the chunk is laid out; elsewhere estimated from where the
    // offset lies in the chunk, since laying out text nobody looks at is what this view avoids.
    QRect characterRect(int offset) const;
    int offsetAt(const QPoint &point) const; // -1 outside the view
    // [start, end) of the line holding offset, its line end included: the visual line where the
    // chunk is laid out, else the whole line of text.
    std::pair<int, int> lineAt(int offset) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // Links of Breakwater's own (a citation marker, "cite:1") are not opened in the browser:
    // linkActivated() says which was clicked, and `toolTip` gives the text shown on hover.
    void setLinkToolTip(std::function<QString(const QString &href)> toolTip)
    {
        m_linkToolTip = std::move(toolTip);
    }
    static bool isOwnLink(const QString &href);

Q_SIGNALS:
    void codeCopied(int chunk);
    void linkActivated(const QString &href);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;

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
        QString shown; // its part of shownText(), once a reader asked; until the text changes
        bool shownValid = false;
    };
    struct Position
    {
        int chunk = -1;
        int pos = 0;
        bool isValid() const { return chunk >= 0; }
        bool operator==(const Position &) const = default;
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
    QString shownTextOf(const Chunk &chunk) const;
    void updateShown() const;
    void textAboutToChange(int index);
    void reportTextChange();
    void select(Position anchor, Position focus);
    void reportSelection();
    int offsetOf(Position position) const;
    Position positionOf(int offset) const;

    mutable std::vector<Chunk> m_chunks;
    mutable int m_totalWidth = -1;
    mutable int m_totalHeight = 0;
    Position m_anchor;
    Position m_focus;
    bool m_selecting = false;
    int m_copiedChunk = -1;
    // Accessibility, all idle unless a reader is active (QAccessible::isActive()).
    mutable QString m_shown;
    mutable std::vector<int> m_shownStarts; // where each chunk starts in m_shown
    mutable bool m_shownValid = false;
    std::optional<QString> m_reported; // the shown text as the reader last heard of it
    Position m_reportedAnchor;
    Position m_reportedFocus;
    QTimer m_reportTimer;
    std::function<QString(const QString &)> m_linkToolTip;
};

} // namespace bw::ui
