#include "proseview.h"

#include <QStringView>

namespace bw::ui {

ProseView::ProseView(Format format, QWidget *parent)
    : QLabel(parent)
    , m_format(format)
{
    setTextFormat(format == Format::Markdown ? Qt::MarkdownText : Qt::PlainText);
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard |
                            Qt::LinksAccessibleByMouse);
    setOpenExternalLinks(true);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    setFocusPolicy(Qt::NoFocus);
}

void ProseView::setSource(const QString &source)
{
    if (source == m_source && m_rendered)
        return;
    m_source = source;
    if (m_format == Format::Plain || isVisible() || !parentWidget()) {
        // Visible already (the streaming tail): render now.
        m_rendered = true;
        setText(source);
        return;
    }
    m_rendered = false;
    updateGeometry();
}

void ProseView::ensureRendered()
{
    if (m_rendered)
        return;
    m_rendered = true;
    setText(m_source);
}

void ProseView::paintEvent(QPaintEvent *event)
{
    ensureRendered(); // being painted means being seen
    QLabel::paintEvent(event);
}

int ProseView::estimatedHeight(int width) const
{
    const QFontMetrics fm = fontMetrics();
    const int perLine = std::max(1, width / std::max(1, fm.averageCharWidth()));
    int lines = 0;
    int paragraphs = 0;
    for (QStringView line : QStringView(m_source).split(u'\n')) {
        if (line.trimmed().isEmpty()) {
            ++paragraphs;
            continue;
        }
        lines += int((line.size() + perLine - 1) / perLine);
    }
    return lines * fm.lineSpacing() + paragraphs * fm.lineSpacing() / 2;
}

int ProseView::heightForWidth(int width) const
{
    return m_rendered ? QLabel::heightForWidth(width) : estimatedHeight(width);
}

QSize ProseView::sizeHint() const
{
    if (m_rendered)
        return QLabel::sizeHint();
    const int w = std::max(200, width());
    return {w, estimatedHeight(w)};
}

QSize ProseView::minimumSizeHint() const
{
    return m_rendered ? QLabel::minimumSizeHint() : QSize(50, fontMetrics().lineSpacing());
}

} // namespace bw::ui
