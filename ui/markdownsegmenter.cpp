#include "markdownsegmenter.h"

namespace bw::ui {

namespace {

// CommonMark: a fence is 3+ backticks or tildes, indented at most 3 spaces.
bool parseFence(QStringView line, QChar &ch, qsizetype &length, QString &info)
{
    qsizetype i = 0;
    while (i < line.size() && i < 3 && line[i] == u' ')
        ++i;
    if (i >= line.size() || (line[i] != u'`' && line[i] != u'~'))
        return false;
    const QChar c = line[i];
    qsizetype n = 0;
    while (i + n < line.size() && line[i + n] == c)
        ++n;
    if (n < 3)
        return false;
    const QStringView rest = line.mid(i + n).trimmed();
    if (c == u'`' && rest.contains(u'`'))
        return false;
    ch = c;
    length = n;
    info = rest.split(u' ').value(0).toString();
    return true;
}

bool isBlank(QStringView line)
{
    return line.trimmed().isEmpty();
}

} // namespace

MarkdownSegmenter::MarkdownSegmenter(qsizetype softLimit, qsizetype hardLimit)
    : m_softLimit(softLimit)
    , m_hardLimit(hardLimit)
{}

void MarkdownSegmenter::clear()
{
    m_segments.clear();
    m_pending.clear();
    m_fenceLength = 0;
    m_finished = false;
}

MarkdownSegmenter::Segment &MarkdownSegmenter::tail()
{
    if (m_segments.isEmpty() || m_segments.last().closed)
        m_segments.append(Segment{});
    return m_segments.last();
}

void MarkdownSegmenter::closeTail()
{
    if (!m_segments.isEmpty())
        m_segments.last().closed = true;
}

void MarkdownSegmenter::append(QStringView text)
{
    if (m_finished)
        return;
    qsizetype start = 0;
    for (;;) {
        const qsizetype nl = text.indexOf(u'\n', start);
        if (nl < 0)
            break;
        if (m_pending.isEmpty()) {
            addLine(text.mid(start, nl - start), true);
        } else {
            m_pending += text.mid(start, nl - start);
            const QString line = std::exchange(m_pending, {});
            addLine(line, true);
        }
        start = nl + 1;
    }
    m_pending += text.mid(start);
}

void MarkdownSegmenter::addLine(QStringView line, bool hasNewline)
{
    QChar fenceChar;
    qsizetype fenceLength = 0;
    QString info;
    if (m_fenceLength > 0) {
        // Inside code: only a matching fence without info closes it.
        if (parseFence(line, fenceChar, fenceLength, info) && fenceChar == m_fenceChar &&
            fenceLength >= m_fenceLength && info.isEmpty()) {
            m_fenceLength = 0;
            closeTail();
            return;
        }
        Segment &code = tail();
        code.text += line;
        if (hasNewline)
            code.text += u'\n';
        return;
    }
    if (parseFence(line, fenceChar, fenceLength, info)) {
        closeTail();
        Segment code;
        code.kind = Segment::Kind::Code;
        code.language = info;
        m_segments.append(code);
        m_fenceChar = fenceChar;
        m_fenceLength = fenceLength;
        return;
    }
    Segment &prose = tail();
    prose.text += line;
    if (hasNewline)
        prose.text += u'\n';
    if ((isBlank(line) && prose.text.size() >= m_softLimit) || prose.text.size() >= m_hardLimit)
        closeTail();
}

void MarkdownSegmenter::finish()
{
    if (m_finished)
        return;
    if (!m_pending.isEmpty()) {
        const QString line = std::exchange(m_pending, {});
        addLine(line, false);
    }
    closeTail();
    m_fenceLength = 0;
    m_finished = true;
}

} // namespace bw::ui
