#include "messagebody.h"

#include <QVBoxLayout>

namespace bw::ui {

using Segment = MarkdownSegmenter::Segment;
using Kind = ChunkedTextView::Kind;

MessageBody::MessageBody(QWidget *parent)
    : QWidget(parent)
    , m_view(new ChunkedTextView(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    m_frame.setInterval(kFrameMs);
    m_frame.setSingleShot(true);
    connect(&m_frame, &QTimer::timeout, this, [this] {
        if (m_plain)
            flushPlain();
        else
            sync(false);
    });
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
}

void MessageBody::reset()
{
    m_frame.stop();
    m_view->clear();
    m_segmenter.clear();
    m_closedUpTo = 0;
    m_tail = -1;
    m_tailShown = 0;
    m_streaming = false;
    m_plain = false;
    m_plainPending.clear();
}

void MessageBody::setText(const QString &text)
{
    reset();
    m_text = text;
    m_segmenter.append(text);
    m_segmenter.finish();
    sync(true);
}

void MessageBody::setPlainText(const QString &text)
{
    reset();
    m_text = text;
    // Chunks end at line ends, so a huge paste is laid out a piece at a time too.
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = std::min(text.size(), start + kChunkBudget);
        if (end < text.size()) {
            const qsizetype nl = text.lastIndexOf(u'\n', end);
            if (nl > start)
                end = nl + 1;
        }
        m_view->appendChunk(Kind::Plain, text.mid(start, end - start));
        start = end;
    }
}

void MessageBody::appendText(const QString &delta)
{
    if (!m_streaming) {
        m_streaming = true;
        m_sinceProseLayout.start();
    }
    m_text += delta;
    m_segmenter.append(delta);
    if (!m_frame.isActive())
        m_frame.start();
}

void MessageBody::appendPlainText(const QString &delta)
{
    if (!m_plain) {
        reset();
        m_text.clear();
        m_plain = m_streaming = true;
    }
    m_text += delta;
    m_plainPending += delta;
    if (!m_frame.isActive())
        m_frame.start();
}

void MessageBody::flushPlain()
{
    while (!m_plainPending.isEmpty()) {
        if (m_tail < 0)
            m_tail = m_view->appendChunk(Kind::Plain, QString());
        const QString shown = m_view->chunkText(m_tail);
        const qsizetype room = kChunkBudget - shown.size();
        if (m_plainPending.size() <= room) {
            m_view->setChunk(m_tail, Kind::Plain, shown + m_plainPending);
            m_plainPending.clear();
            break;
        }
        // Full: cut at the last line end or space that fits (else mid-word), start the next.
        qsizetype cut = room;
        if (cut > 0 && m_plainPending.at(cut - 1).isHighSurrogate())
            --cut; // never between the halves of a surrogate pair
        for (qsizetype i = room - 1; i > 0; --i) {
            const QChar c = m_plainPending.at(i);
            if (c == u'\n' || c == u' ') {
                cut = i + 1;
                break;
            }
        }
        m_view->setChunk(m_tail, Kind::Plain, shown + m_plainPending.left(cut));
        m_plainPending.remove(0, cut);
        m_tail = -1;
    }
}

void MessageBody::finish()
{
    if (m_plain) {
        flushPlain();
        m_streaming = false;
        return;
    }
    m_streaming = false;
    m_segmenter.finish();
    sync(true);
}

bool MessageBody::canAbsorb(int chunk, qsizetype more) const
{
    // Closed prose joins the chunk before it while that chunk is still unseen (so joining costs
    // nothing) and small (so laying it out later stays quick).
    const int last = m_tail >= 0 ? m_tail - 1 : m_view->chunkCount() - 1;
    return chunk >= 0 && chunk == last && m_view->chunkKind(chunk) == Kind::Markdown &&
           !m_view->isLaidOut(chunk) && m_view->chunkText(chunk).size() + more <= kChunkBudget;
}

void MessageBody::closeSegment(const Segment &segment)
{
    const bool code = segment.kind == Segment::Kind::Code;
    if (m_tail >= 0) {
        // The open tail was showing this segment.
        if (code) {
            if (m_view->chunkKind(m_tail) == Kind::Code)
                m_view->appendToChunk(m_tail, segment.text.mid(m_tailShown));
            else
                m_view->setChunk(m_tail, Kind::Code, segment.text, segment.language);
            m_tail = -1;
        } else if (canAbsorb(m_tail - 1, segment.text.size())) {
            m_view->appendToChunk(m_tail - 1, segment.text);
            m_view->setChunk(m_tail, Kind::Markdown, QString());
            m_tailShown = 0;
        } else {
            m_view->setChunk(m_tail, Kind::Markdown, segment.text);
            m_tail = -1;
        }
        return;
    }
    if (!code && canAbsorb(m_view->chunkCount() - 1, segment.text.size()))
        m_view->appendToChunk(m_view->chunkCount() - 1, segment.text);
    else
        m_view->appendChunk(code ? Kind::Code : Kind::Markdown, segment.text, segment.language);
}

void MessageBody::updateTail(bool force)
{
    const QList<Segment> &segments = m_segmenter.segments();
    const Segment *open =
        !segments.isEmpty() && !segments.constLast().closed ? &segments.constLast() : nullptr;
    const QString &pending = m_segmenter.pendingLine();
    if (!open && pending.isEmpty()) {
        if (m_tail >= 0 && m_view->chunkText(m_tail).isEmpty())
            m_view->removeLastChunk();
        m_tail = -1;
        return;
    }
    const bool code = open && open->kind == Segment::Kind::Code;
    if (m_tail < 0) {
        m_tail = m_view->appendChunk(code ? Kind::Code : Kind::Markdown, QString(),
                                     code ? open->language : QString());
        m_tailShown = -1;
    }
    if (code) {
        if (m_view->chunkKind(m_tail) != Kind::Code) {
            m_view->setChunk(m_tail, Kind::Code, QString(), open->language);
            m_tailShown = 0;
        }
        m_tailShown = std::max<qsizetype>(0, m_tailShown);
        // Whole lines only: an unfinished line might turn out to be the closing fence.
        if (open->text.size() > m_tailShown) {
            m_view->appendToChunk(m_tail, open->text.mid(m_tailShown));
            m_tailShown = open->text.size();
        }
        return;
    }
    const QString text = (open ? open->text : QString()) + pending;
    if (text.size() == m_tailShown)
        return;
    if (!force && m_tailShown >= 0 && m_sinceProseLayout.elapsed() < kProseRelayoutMs) {
        if (!m_frame.isActive())
            m_frame.start(); // come back for the open prose tail
        return;
    }
    m_view->setChunk(m_tail, Kind::Markdown, text);
    m_tailShown = text.size();
    m_sinceProseLayout.restart();
}

void MessageBody::sync(bool force)
{
    const QList<Segment> &segments = m_segmenter.segments();
    while (m_closedUpTo < segments.size() && segments[m_closedUpTo].closed)
        closeSegment(segments[m_closedUpTo++]);
    updateTail(force);
}

} // namespace bw::ui
