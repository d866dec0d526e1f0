#include "textdeltaparser.h"

#include <QUtf8StringView>

#include <cstring>

namespace bw {

namespace {

void appendUtf8(QByteArray &out, uint cp)
{
    if (cp < 0x80) {
        out.append(char(cp));
    } else if (cp < 0x800) {
        out.append(char(0xC0 | (cp >> 6)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.append(char(0xE0 | (cp >> 12)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else {
        out.append(char(0xF0 | (cp >> 18)));
        out.append(char(0x80 | ((cp >> 12) & 0x3F)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    }
}

bool readHex4(const char *p, const char *end, uint &value)
{
    if (end - p < 4)
        return false;
    value = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = p[i];
        value <<= 4;
        if (c >= '0' && c <= '9')
            value |= uint(c - '0');
        else if (c >= 'a' && c <= 'f')
            value |= uint(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            value |= uint(c - 'A' + 10);
        else
            return false;
    }
    return true;
}

// Decodes the JSON string starting after its opening quote into UTF-8; leaves p after the
// closing quote. Returns false on anything unusual so the caller can use the full parser.
bool decodeJsonString(const char *&p, const char *end, QByteArray &out)
{
    out.clear();
    const char *run = p;
    bool nonAscii = false;
    while (p < end) {
        const auto c = static_cast<unsigned char>(*p);
        if (c == '"') {
            out.append(run, p - run);
            ++p;
            return !nonAscii || QUtf8StringView(out).isValidUtf8();
        }
        if (c < 0x20)
            return false; // JSON forbids raw control characters
        nonAscii |= c >= 0x80;
        if (c != '\\') {
            ++p;
            continue;
        }
        out.append(run, p - run);
        if (end - p < 2)
            return false;
        const char esc = p[1];
        p += 2;
        switch (esc) {
        case '"':
            out.append('"');
            break;
        case '\\':
            out.append('\\');
            break;
        case '/':
            out.append('/');
            break;
        case 'b':
            out.append('\b');
            break;
        case 'f':
            out.append('\f');
            break;
        case 'n':
            out.append('\n');
            break;
        case 'r':
            out.append('\r');
            break;
        case 't':
            out.append('\t');
            break;
        case 'u': {
            uint cp = 0;
            if (!readHex4(p, end, cp))
                return false;
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                uint low = 0;
                if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !readHex4(p + 2, end, low) ||
                    low < 0xDC00 || low > 0xDFFF)
                    return false;
                p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return false;
            }
            appendUtf8(out, cp);
            break;
        }
        default:
            return false;
        }
        run = p;
    }
    return false;
}

// RFC 8259: the four characters of insignificant whitespace (QJsonDocument skips exactly these).
bool isJsonSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

void skipSpace(const char *&p, const char *end)
{
    while (p < end && isJsonSpace(*p))
        ++p;
}

// Matches `compact`, a run of JSON tokens written without whitespace (no escapes in its strings),
// allowing whitespace between tokens as JSON does, never inside a string. The form the API
// writes is tried first with one memcmp; the token walk is the general case.
template<qsizetype N>
bool tokens(const char *&p, const char *end, const char (&compact)[N])
{
    constexpr qsizetype size = N - 1;
    if (end - p >= size && std::memcmp(p, compact, size_t(size)) == 0) {
        p += size;
        return true;
    }
    bool inString = false;
    for (qsizetype i = 0; i < size; ++i) {
        if (!inString)
            skipSpace(p, end);
        if (p == end || *p != compact[i])
            return false;
        if (compact[i] == '"')
            inString = !inString;
        ++p;
    }
    return true;
}

// JSON's int without sign, fraction or exponent: "0", or a digit 1-9 and more digits (a leading
// zero is not JSON). At most 6 digits, so that the value fits an int like the full parser's.
bool readIndex(const char *&p, const char *end, int &value)
{
    skipSpace(p, end);
    if (p == end || *p < '0' || *p > '9')
        return false;
    value = *p++ - '0';
    if (value == 0)
        return true; // a digit after it fails the next match: QJsonDocument rejects "00" too
    for (int digits = 1; digits < 6 && p < end && *p >= '0' && *p <= '9'; ++digits)
        value = value * 10 + (*p++ - '0');
    return true;
}

} // namespace

bool TextDeltaParser::parse(QByteArrayView json)
{
    const char *p = json.data();
    const char *const end = p + json.size();
    // The text's opening quote ends the second match: the string is decoded from there.
    if (!tokens(p, end, R"({"type":"content_block_delta","index":)") ||
        !readIndex(p, end, m_index) ||
        !tokens(p, end, R"(,"delta":{"type":"text_delta","text":")") ||
        !decodeJsonString(p, end, m_text) || !tokens(p, end, "}}"))
        return false;
    skipSpace(p, end);
    return p == end;
}

} // namespace bw
