#pragma once

#include <QJsonObject>
#include <QStringList>

namespace bw::sim {

// The simulator's deterministic answers: the same request and seed always give the same tokens,
// so tests can predict a reply by calling these functions themselves.
namespace SimReply {

// The text of the last user message (string content or text blocks).
QString lastUserText(const QJsonObject &request);

// The reply's tokens. `count` 0 derives a length (24..95 tokens) from the prompt. The text is
// light Markdown: sentences, now and then a list or a code block.
QStringList tokens(const QJsonObject &request, int count, quint64 seed);

// Input tokens for a request: grows with everything the request carries (about 4 characters a
// token, plus a few per message), as the service's count does.
qint64 inputTokens(const QJsonObject &request);

} // namespace SimReply
} // namespace bw::sim
