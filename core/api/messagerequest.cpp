#include "messagerequest.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace bw {

MessageRequest &MessageRequest::setModel(QString model)
{
    m_model = std::move(model);
    m_prepared.clear();
    return *this;
}

MessageRequest &MessageRequest::setMaxTokens(int maxTokens)
{
    m_maxTokens = maxTokens;
    m_prepared.clear();
    return *this;
}

MessageRequest &MessageRequest::setSystem(QString system)
{
    m_system = std::move(system);
    m_prepared.clear();
    return *this;
}

MessageRequest &MessageRequest::setMessages(QList<ChatTurn> messages)
{
    m_messages = std::move(messages);
    m_prepared.clear();
    return *this;
}

MessageRequest &MessageRequest::addMessage(QString role, QString text)
{
    m_messages.append({std::move(role), std::move(text), {}});
    m_prepared.clear();
    return *this;
}

MessageRequest &MessageRequest::setStopSequences(QStringList sequences)
{
    m_stopSequences = std::move(sequences);
    m_prepared.clear();
    return *this;
}

MessageRequest &MessageRequest::setMetadataUserId(QString userId)
{
    m_userId = std::move(userId);
    m_prepared.clear();
    return *this;
}

MessageRequest &MessageRequest::setThinking(ThinkingConfig thinking)
{
    m_thinking = std::move(thinking);
    m_prepared.clear();
    return *this;
}

MessageRequest &MessageRequest::setPlaceholderNonce(QByteArray nonce)
{
    m_placeholderNonce = std::move(nonce);
    m_prepared.clear();
    return *this;
}

MessageRequest &MessageRequest::setPromptCache(PromptCache cache)
{
    m_cache = cache;
    m_prepared.clear();
    return *this;
}

QString MessageRequest::validate() const
{
    if (m_model.trimmed().isEmpty())
        return tr("no model is set");
    if (m_maxTokens < 1)
        return tr("max tokens must be at least 1");
    if (m_messages.isEmpty())
        return tr("there is no message to send");
    if (m_messages.first().role != u"user")
        return tr("the conversation must start with a user message");
    for (const ChatTurn &t : m_messages) {
        if (t.role != u"user" && t.role != u"assistant")
            return tr("unknown role '%1'").arg(t.role);
        // Thinking alone: a paused turn; attachments alone: files sent without a word.
        if (t.text.trimmed().isEmpty() && t.thinking.isEmpty() && t.attachments.isEmpty())
            return tr("a %1 message is empty").arg(t.role);
        for (const Attachment &a : t.attachments) {
            if (t.role != u"user")
                return tr("only your own messages can carry files");
            // Base64 data may come from a file; a text document's goes into the JSON itself.
            const bool fromFile =
                !a.path.isEmpty() && (a.isImage() || a.kind() == Attachment::Kind::Pdf);
            if (a.data.isEmpty() && !fromFile && !isPrepared())
                return tr("the attached file “%1” has no content").arg(a.name);
            if (!Attachment::isSupportedMediaType(a.mediaType))
                return tr("the attached file “%1” is of a type the API does not take (%2)")
                    .arg(a.name, a.mediaType);
        }
    }
    if (m_thinking.mode == ThinkingConfig::Mode::Budget &&
        (m_thinking.budgetTokens < ThinkingConfig::kMinBudget ||
         m_thinking.budgetTokens >= m_maxTokens))
        return tr("the thinking budget (%1 tokens) must be at least %2 and below max tokens (%3)")
            .arg(m_thinking.budgetTokens)
            .arg(ThinkingConfig::kMinBudget)
            .arg(m_maxTokens);
    return {};
}

namespace {

// Base64 data of megabytes would go through QJsonDocument as UTF-16 strings, twice the size and
// copied twice. Instead each block's data is a placeholder the user's text cannot contain (a
// control character and a random nonce), replaced by the base64 in the finished bytes.
struct Splice
{
    QByteArray nonce = QByteArray::number(QRandomGenerator::global()->generate64(), 36);
    QList<Attachment> files; // each with its bytes in data, or a path to read them from

    QString add(const Attachment &a)
    {
        files.append(a);
        return QChar(1) + QString::fromLatin1(nonce) + QString::number(files.size() - 1) + QChar(1);
    }
};

constexpr qsizetype kSlice = 3 * 64 * 1024; // base64 encodes 3 bytes at a time

// Appends the file's bytes as base64: from memory, or read from its path a slice at a time.
// False when the file cannot be read whole.
bool appendBase64(QByteArray &out, const Attachment &a)
{
    if (a.path.isEmpty() || !a.data.isEmpty()) {
        for (qsizetype i = 0; i < a.data.size(); i += kSlice)
            out +=
                QByteArray::fromRawData(a.data.constData() + i, std::min(kSlice, a.data.size() - i))
                    .toBase64();
        return true;
    }
    QFile file(a.path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QByteArray slice(kSlice, Qt::Uninitialized);
    qint64 total = 0;
    for (qint64 n; (n = file.read(slice.data(), kSlice)) > 0; total += n)
        out += QByteArray::fromRawData(slice.constData(), n).toBase64();
    return total == a.bytes;
}

QJsonObject attachmentBlock(const Attachment &a, Splice &splice)
{
    const auto key = [](const char *k) { return QLatin1String(k); };
    if (a.isImage())
        return {{key("type"), key("image")},
                {key("source"), QJsonObject{{key("type"), key("base64")},
                                            {key("media_type"), a.mediaType},
                                            {key("data"), splice.add(a)}}}};
    const bool pdf = a.kind() == Attachment::Kind::Pdf;
    const QJsonObject source = pdf ? QJsonObject{{key("type"), key("base64")},
                                                 {key("media_type"), a.mediaType},
                                                 {key("data"), splice.add(a)}}
                                   : QJsonObject{{key("type"), key("text")},
                                                 {key("media_type"), key("text/plain")},
                                                 {key("data"), QString::fromUtf8(a.data)}};
    return {{key("type"), key("document")},
            {key("source"), source},
            {key("title"), a.name},
            {key("citations"), QJsonObject{{key("enabled"), true}}}};
}

QJsonObject baseBody(const MessageRequest &r, Splice &splice)
{
    QJsonArray messages;
    for (const ChatTurn &t : r.messages()) {
        if (t.thinking.isEmpty() && t.attachments.isEmpty()) {
            messages.append(
                QJsonObject{{QLatin1String("role"), t.role}, {QLatin1String("content"), t.text}});
            continue;
        }
        QJsonArray content = t.thinking;          // first, as received
        for (const Attachment &a : t.attachments) // before the text, as the API advises
            content.append(attachmentBlock(a, splice));
        if (!t.text.trimmed().isEmpty()) // the service refuses an empty text block
            content.append(QJsonObject{{QLatin1String("type"), QLatin1String("text")},
                                       {QLatin1String("text"), t.text}});
        messages.append(
            QJsonObject{{QLatin1String("role"), t.role}, {QLatin1String("content"), content}});
    }
    QJsonObject body{{QLatin1String("model"), r.model()}, {QLatin1String("messages"), messages}};
    if (!r.system().isEmpty())
        body.insert(QLatin1String("system"), r.system());
    r.thinking().writeTo(body); // count_tokens counts with the same thinking
    return body;
}

// The JSON with each placeholder replaced by its data in base64 (JSON-safe as it is), encoded
// straight into the result a slice at a time. Empty when a file could not be read.
QByteArray spliced(const QByteArray &json, const Splice &splice)
{
    if (splice.files.isEmpty())
        return json;
    qsizetype total = json.size();
    for (const Attachment &a : splice.files)
        total += Attachment::base64Size(std::max<qint64>(a.bytes, a.data.size()));
    QByteArray out;
    out.reserve(total);
    const QByteArray open = "\\u0001" + splice.nonce;
    const QByteArrayView close = "\\u0001";
    qsizetype from = 0;
    for (qsizetype at = json.indexOf(open); at >= 0; at = json.indexOf(open, from)) {
        out.append(json.constData() + from, at - from);
        const qsizetype number = at + open.size();
        const qsizetype end = json.indexOf(close, number);
        // Ours: always a valid index.
        if (!appendBase64(out, splice.files.at(json.mid(number, end - number).toLongLong())))
            return {};
        from = end + close.size();
    }
    out.append(json.constData() + from, json.size() - from);
    return out;
}

} // namespace

QByteArray MessageRequest::toJson(bool stream) const
{
    if (isPrepared() && m_preparedKind == (stream ? Body::Stream : Body::Message))
        return m_prepared;
    return serialised(stream ? Body::Stream : Body::Message);
}

QByteArray MessageRequest::toCountTokensJson() const
{
    if (isPrepared() && m_preparedKind == Body::CountTokens)
        return m_prepared;
    return serialised(Body::CountTokens);
}

QByteArray MessageRequest::serialised(Body kind) const
{
    for (int attempt = 0;; ++attempt) {
        Splice splice;
        if (attempt == 0 && !m_placeholderNonce.isEmpty())
            splice.nonce = m_placeholderNonce;
        QJsonObject body = baseBody(*this, splice);
        if (kind == Body::CountTokens) {
            body.remove(QLatin1String("output_config")); // an answer's setting: nothing to count
        } else {
            body.insert(QLatin1String("max_tokens"), m_maxTokens);
            if (kind == Body::Stream)
                body.insert(QLatin1String("stream"), true);
            if (!m_stopSequences.isEmpty())
                body.insert(QLatin1String("stop_sequences"),
                            QJsonArray::fromStringList(m_stopSequences));
            if (!m_userId.isEmpty())
                body.insert(QLatin1String("metadata"),
                            QJsonObject{{QLatin1String("user_id"), m_userId}});
            m_cache.writeTo(body); // not in count_tokens: nothing is cached by counting
        }
        const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
        // A text that holds a placeholder (its nonce guessed, or set): another nonce, so only
        // ours are replaced. Two 64-bit nonces in a row cannot both be in it by chance.
        if (!splice.files.isEmpty() &&
            json.count(QByteArray("\\u0001" + splice.nonce)) != splice.files.size() && attempt < 4)
            continue;
        return spliced(json, splice);
    }
}

MessageRequest &MessageRequest::prepare(Body body)
{
    QByteArray bytes =
        body == Body::CountTokens ? toCountTokensJson() : toJson(body == Body::Stream);
    for (ChatTurn &t : m_messages) {
        for (Attachment &a : t.attachments) {
            a.data.clear(); // in the body now: one copy, not two
            a.path.clear();
        }
    }
    m_preparedKind = body;
    m_prepared = std::move(bytes); // empty: a file could not be read (see isPrepared)
    return *this;
}

QList<Attachment> MessageRequest::attachments() const
{
    QList<Attachment> all;
    for (const ChatTurn &t : m_messages)
        all += t.attachments;
    return all;
}

} // namespace bw
