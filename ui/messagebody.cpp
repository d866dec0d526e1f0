#include "messagebody.h"

#include "codeblockview.h"
#include "proseview.h"

#include <QVBoxLayout>

namespace bw::ui {

MessageBody::MessageBody(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(6);
    m_frame.setInterval(kFrameMs);
    m_frame.setSingleShot(true);
    connect(&m_frame, &QTimer::timeout, this, [this] { sync(false); });
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
}

int MessageBody::segmentCount() const
{
    return int(m_views.size());
}

void MessageBody::setText(const QString &text)
{
    qDeleteAll(m_views);
    m_views.clear();
    m_shownLength.clear();
    m_segmenter.clear();
    m_text = text;
    m_streaming = false;
    m_segmenter.append(text);
    m_segmenter.finish();
    sync(true);
}

void MessageBody::appendText(const QString &delta)
{
    if (!m_streaming) {
        m_streaming = true;
        m_sinceProseLayout.start();
    }
    m_text += delta;
    m_segmenter.append(delta);
    m_dirty = true;
    if (!m_frame.isActive())
        m_frame.start();
}

void MessageBody::finish()
{
    m_streaming = false;
    m_segmenter.finish();
    m_frame.stop();
    sync(true);
}

QWidget *MessageBody::createView(const MarkdownSegmenter::Segment &segment)
{
    if (segment.kind == MarkdownSegmenter::Segment::Kind::Code)
        return new CodeBlockView(segment.language, this);
    return new ProseView(ProseView::Format::Markdown, this);
}

bool MessageBody::updateView(int index, bool force)
{
    const MarkdownSegmenter::Segment &segment = m_segmenter.segments().at(index);
    const bool isTail = index == m_segmenter.segments().size() - 1 && !segment.closed;
    QString text = segment.text;
    // An unfinished line of code might turn out to be the closing fence: code shows whole lines.
    if (isTail && segment.kind == MarkdownSegmenter::Segment::Kind::Prose)
        text += m_segmenter.pendingLine();
    if (auto *code = qobject_cast<CodeBlockView *>(m_views[index])) {
        // Code is plain text: append what is new, every frame.
        if (text.size() > m_shownLength[index]) {
            code->appendText(text.mid(m_shownLength[index]));
            m_shownLength[index] = text.size();
        }
        return true;
    }
    auto *prose = static_cast<ProseView *>(m_views[index]);
    if (!isTail || force) {
        prose->setSource(text); // closed: final; laid out when first seen
        m_shownLength[index] = text.size();
        return true;
    }
    if (text.size() == m_shownLength[index])
        return true;
    if (m_sinceProseLayout.elapsed() < kProseRelayoutMs)
        return false;
    prose->setSource(text);
    m_shownLength[index] = text.size();
    m_sinceProseLayout.restart();
    return true;
}

void MessageBody::sync(bool force)
{
    const QList<MarkdownSegmenter::Segment> &segments = m_segmenter.segments();
    // Segments that were the tail at the last sync may have closed since: bring them up to date.
    int from = std::max(0, int(m_views.size()) - 1);
    while (m_views.size() < segments.size()) {
        QWidget *view = createView(segments.at(m_views.size()));
        m_views.append(view);
        m_shownLength.append(0);
        m_layout->addWidget(view);
    }
    bool deferred = false;
    for (int i = from; i < segments.size(); ++i)
        deferred |= !updateView(i, force || segments.at(i).closed);
    m_dirty = false;
    Q_EMIT contentChanged();
    if (m_streaming && deferred && !m_frame.isActive())
        m_frame.start(); // come back for the open prose block
}

} // namespace bw::ui
