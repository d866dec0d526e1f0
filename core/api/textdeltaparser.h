#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace bw {

// The fast path for the event that makes up nearly all of a stream: a content_block_delta that
// carries a text_delta, with its keys in the order the API writes them and any insignificant
// JSON whitespace between the tokens (Python's json.dumps and some gateways put spaces after ':'
// and ','). It accepts only what QJsonDocument accepts too, with the same meaning; anything else
// (another key order, an index like 00 or 1.0, an escape it does not decode, invalid JSON) makes
// parse() return false, and the full parser decides.
class TextDeltaParser final
{
public:
    bool parse(QByteArrayView json);

    // The last parsed delta's block index and text (UTF-8), valid until the next parse().
    int index() const { return m_index; }
    const QByteArray &text() const { return m_text; }

private:
    int m_index = 0;
    QByteArray m_text;
};

} // namespace bw
