#pragma once

#include "api/httpheaders.h"

#include <QByteArray>

namespace bw::sim {

struct HttpRequest
{
    QByteArray method;
    QByteArray path; // without the query
    QByteArray query;
    HttpHeaders headers;
    QByteArray body;
    bool keepAlive = true;
};

// Incremental HTTP/1.1 request parser for the simulator: request line, headers, and a body sized
// by content-length (what every client of this API sends).
class HttpRequestParser final
{
public:
    enum class Result { NeedMore, Ready, Bad };

    static constexpr qsizetype kMaxHeaderBytes = 64 * 1024;
    static constexpr qsizetype kMaxBodyBytes = 32 * 1024 * 1024;

    // A larger body is refused (413) as soon as the headers announce it, before it is read.
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }
    // Consumes one request from the front of `buffer` when it is complete.
    Result parse(QByteArray &buffer, HttpRequest &out);
    const QByteArray &problem() const { return m_problem; }
    int problemStatus() const { return m_problemStatus; }

private:
    QByteArray m_problem;
    int m_problemStatus = 400;
    qint64 m_maxBodyBytes = kMaxBodyBytes;
};

QByteArray reasonPhrase(int status);
// "HTTP/1.1 <status> <reason>\r\n<headers>\r\n\r\n"
QByteArray responseHead(int status, const QList<HttpHeaders::Pair> &headers);
// One chunk of a chunked transfer encoding.
QByteArray chunk(QByteArrayView data);

} // namespace bw::sim
