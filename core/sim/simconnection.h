#pragma once

#include "httpmessage.h"

#include <QObject>
#include <QPointer>
#include <QTcpSocket>

namespace bw::sim {

// One client connection to the simulator: parses requests one at a time (keep-alive) and offers
// the primitives the faults need — a plain answer, a chunked stream, a reset, silence.
class SimConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimConnection)

public:
    explicit SimConnection(QTcpSocket *socket, QObject *parent = nullptr);
    ~SimConnection() override;

    QTcpSocket *socket() const { return m_socket; }
    bool isOpen() const;
    // A request body larger than this is refused with 413 as soon as its headers arrive, and the
    // connection closes without reading it (as a proxy with a body limit does).
    void setMaxBodyBytes(qint64 bytes) { m_parser.setMaxBodyBytes(bytes); }

    // A complete answer with content-length.
    void respond(int status, QList<HttpHeaders::Pair> headers, const QByteArray &body);
    // A chunked answer: head now, then writeChunk()s, then endStream().
    void beginStream(int status, QList<HttpHeaders::Pair> headers);
    // An informational (1xx) answer ahead of the real one, e.g. 103 Early Hints.
    void writeInformational(int status, const QList<HttpHeaders::Pair> &headers);
    void writeChunk(QByteArrayView data);
    void endStream();
    // Bytes written by the application but not yet taken by the kernel.
    qint64 pendingBytes() const;
    // TCP reset: the peer sees "connection reset", not a clean close.
    void reset();
    // The current answer ends without a reply (used after a stall when the client hung up).
    void abandon();

Q_SIGNALS:
    void requestReceived(bw::sim::HttpRequest request);
    void requestRefused(int status); // refused before it was read whole (too large, malformed)
    void writable();                 // some written bytes were taken: a paced stream may write more
    void closed();

private:
    void readRequests();
    void finishResponse();
    void handleDisconnected();

    QPointer<QTcpSocket> m_socket;
    QByteArray m_buffer;
    HttpRequestParser m_parser;
    bool m_busy = false;
    bool m_keepAlive = true;
    bool m_closed = false;
};

} // namespace bw::sim
