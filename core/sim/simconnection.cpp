#include "simconnection.h"

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace bw::sim {

SimConnection::SimConnection(QTcpSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    socket->setParent(this);
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(socket, &QTcpSocket::readyRead, this, &SimConnection::readRequests);
    connect(socket, &QTcpSocket::bytesWritten, this, &SimConnection::writable);
    connect(socket, &QTcpSocket::disconnected, this, &SimConnection::handleDisconnected);
}

SimConnection::~SimConnection() = default;

bool SimConnection::isOpen() const
{
    return m_socket && !m_closed && m_socket->state() == QAbstractSocket::ConnectedState;
}

void SimConnection::readRequests()
{
    if (!m_socket)
        return;
    m_buffer.append(m_socket->readAll());
    if (m_busy)
        return; // one request at a time; the rest waits in the buffer
    HttpRequest request;
    switch (m_parser.parse(m_buffer, request)) {
    case HttpRequestParser::Result::NeedMore:
        return;
    case HttpRequestParser::Result::Bad:
        m_keepAlive = false;
        m_busy = true;
        Q_EMIT requestRefused(m_parser.problemStatus());
        respond(m_parser.problemStatus(), {{"content-type", "text/plain"}}, m_parser.problem());
        return;
    case HttpRequestParser::Result::Ready:
        m_busy = true;
        m_keepAlive = request.keepAlive;
        Q_EMIT requestReceived(std::move(request));
        return;
    }
}

void SimConnection::respond(int status, QList<HttpHeaders::Pair> headers, const QByteArray &body)
{
    if (!isOpen())
        return;
    headers.emplaceBack("content-length", QByteArray::number(body.size()));
    if (!m_keepAlive)
        headers.emplaceBack("connection", "close");
    m_socket->write(responseHead(status, headers));
    m_socket->write(body);
    finishResponse();
}

void SimConnection::beginStream(int status, QList<HttpHeaders::Pair> headers)
{
    if (!isOpen())
        return;
    headers.emplaceBack("transfer-encoding", "chunked");
    if (!m_keepAlive)
        headers.emplaceBack("connection", "close");
    m_socket->write(responseHead(status, headers));
    m_socket->flush();
}

void SimConnection::writeInformational(int status, const QList<HttpHeaders::Pair> &headers)
{
    if (isOpen())
        m_socket->write(responseHead(status, headers));
}

void SimConnection::writeChunk(QByteArrayView data)
{
    if (isOpen() && !data.isEmpty())
        m_socket->write(chunk(data));
}

void SimConnection::endStream()
{
    if (!isOpen())
        return;
    m_socket->write("0\r\n\r\n");
    finishResponse();
}

qint64 SimConnection::pendingBytes() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

void SimConnection::reset()
{
    if (!m_socket || m_closed)
        return;
#ifdef Q_OS_UNIX
    // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    const struct linger lingerOff = {1, 0};
    ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &lingerOff,
                 sizeof lingerOff);
#endif
    m_socket->abort();
    handleDisconnected();
}

void SimConnection::abandon()
{
    if (m_socket)
        m_socket->abort();
    handleDisconnected();
}

void SimConnection::finishResponse()
{
    m_busy = false;
    if (!m_keepAlive) {
        m_socket->disconnectFromHost();
        return;
    }
    if (!m_buffer.isEmpty())
        QMetaObject::invokeMethod(this, &SimConnection::readRequests, Qt::QueuedConnection);
}

void SimConnection::handleDisconnected()
{
    if (m_closed)
        return;
    m_closed = true;
    Q_EMIT closed();
    deleteLater();
}

} // namespace bw::sim
