#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace bw::sim {

// The simulator's reading of image and document blocks, as the service reads them: media types
// checked against the bytes, base64 checked, tokens counted, and the citations an answer about a
// document gives.
namespace SimAttachments {

// What the service would refuse with 400 in the request's image and document blocks; empty when
// they are fine (or there are none).
QString check(const QJsonObject &request);

// Input tokens of the request's images (width × height / 750 after the service's downscaling),
// PDFs (1,800 a page) and text documents (4 characters a token).
qint64 tokens(const QJsonObject &request);
// The same for one content block (0 for a block that is neither an image nor a document).
qint64 blockTokens(const QJsonObject &block);

// The citations an answer to the request gives: one for each document of the last user turn that
// has citations enabled (page_location for a PDF, char_location for text), numbered by the
// document's place among all documents of the request.
QJsonArray citations(const QJsonObject &request);

} // namespace SimAttachments
} // namespace bw::sim
