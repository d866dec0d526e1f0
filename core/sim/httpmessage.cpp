#include "httpmessage.h"

namespace bw::sim {

HttpRequestParser::Result HttpRequestParser::parse(QByteArray &buffer, HttpRequest &out)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (buffer.size() > kMaxHeaderBytes) {
            m_problem = "request header too large";
            m_problemStatus = 431;
            return Result::Bad;
        }
        return Result::NeedMore;
    }
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        m_problem = "malformed request line";
        m_problemStatus = 400;
        return Result::Bad;
    }
    QList<HttpHeaders::Pair> pairs;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            m_problem = "malformed header line";
            m_problemStatus = 400;
            return Result::Bad;
        }
        pairs.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    HttpHeaders headers(std::move(pairs));
    qint64 length = 0;
    if (const QByteArray cl = headers.value("content-length"); !cl.isEmpty()) {
        bool ok = false;
        length = cl.toLongLong(&ok);
        if (!ok || length < 0) {
            m_problem = "invalid content-length";
            m_problemStatus = 400;
            return Result::Bad;
        }
    }
    if (length > m_maxBodyBytes) {
        m_problem = "request body too large";
        m_problemStatus = 413;
        return Result::Bad;
    }
    if (buffer.size() < headerEnd + 4 + length)
        return Result::NeedMore;

    out = HttpRequest{};
    out.method = requestLine[0];
    const QByteArray target = requestLine[1];
    const qsizetype q = target.indexOf('?');
    out.path = q < 0 ? target : target.left(q);
    out.query = q < 0 ? QByteArray() : target.mid(q + 1);
    out.keepAlive =
        headers.value("connection").toLower() != "close" && requestLine[2] == "HTTP/1.1";
    out.headers = std::move(headers);
    out.body = buffer.mid(headerEnd + 4, length);
    buffer.remove(0, headerEnd + 4 + length);
    return Result::Ready;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 103:
        return "Early Hints";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 529:
        return "Site Overloaded";
    default:
        return "Status";
    }
}

QByteArray responseHead(int status, const QList<HttpHeaders::Pair> &headers)
{
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &[name, value] : headers)
        head += name + ": " + value + "\r\n";
    head += "\r\n";
    return head;
}

QByteArray chunk(QByteArrayView data)
{
    QByteArray out = QByteArray::number(data.size(), 16);
    out.reserve(out.size() + data.size() + 4);
    out += "\r\n";
    out += data;
    out += "\r\n";
    return out;
}

} // namespace bw::sim
