#include "simreply.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRandomGenerator64>

namespace bw::sim::SimReply {

namespace {

const char *const kWords[] = {
    "resilient", "stream",   "token",   "retry",   "backoff", "circuit", "breaker", "latency",
    "window",    "context",  "summary", "request", "answer",  "signal",  "socket",  "buffer",
    "deadline",  "jitter",   "service", "client",  "queue",   "batch",   "limit",   "model",
    "prompt",    "message",  "network", "server",  "state",   "event",   "cache",   "budget",
    "error",     "recovery", "probe",   "timeout", "careful", "steady",  "quick",   "simple",
    "robust",    "calm",     "honest",  "clear",   "small",   "the",     "a",       "of",
    "and",       "to",       "in",      "for",     "with",    "when",    "that",    "is",
    "it",        "we",       "each",
};
constexpr int kWordCount = int(sizeof(kWords) / sizeof(kWords[0]));

const char *const kCode[] = {
    "```python\n", "def",  " backoff", "(attempt", "):\n", "    return", " min", "(8",
    ",",           " 0.5", " *",       " 2",       " **",  " attempt",   ")\n",  "```",
};

QString textOf(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    QString text;
    for (const QJsonValue &block : content.toArray()) {
        const QJsonObject b = block.toObject();
        if (b.value(QLatin1String("type")).toString() == u"text")
            text += b.value(QLatin1String("text")).toString();
    }
    return text;
}

class Generator
{
public:
    Generator(quint64 seed, int count, bool wantsCode)
        : m_rng(seed)
        , m_count(count)
        , m_wantsCode(wantsCode)
    {}

    QStringList run()
    {
        if (m_wantsCode) {
            sentence({});
            code();
        }
        while (!full()) {
            const quint64 r = m_rng.bounded(10);
            if (r < 7 || m_out.size() < 8)
                sentence(m_out.isEmpty() ? QString() : QStringLiteral(" "));
            else if (r < 9)
                list();
            else
                code();
            if (!full() && m_rng.bounded(3) == 0)
                push(QStringLiteral("\n\n"));
        }
        return m_out;
    }

private:
    bool full() const { return m_out.size() >= m_count; }
    void push(QString token)
    {
        if (!full())
            m_out.append(std::move(token));
    }
    QString word() { return QLatin1String(kWords[m_rng.bounded(kWordCount)]); }

    void sentence(const QString &lead)
    {
        const int n = 5 + int(m_rng.bounded(9));
        QString first = word();
        first[0] = first[0].toUpper();
        push(lead + first);
        for (int i = 1; i < n && !full(); ++i) {
            QString w = word();
            if (m_rng.bounded(17) == 0)
                w = QStringLiteral("**") + w + QStringLiteral("**");
            push(QLatin1Char(' ') + w);
        }
        push(QStringLiteral("."));
    }

    void list()
    {
        push(QStringLiteral("\n\n"));
        const int items = 2 + int(m_rng.bounded(3));
        for (int i = 0; i < items && !full(); ++i) {
            push(QLatin1String(i ? "\n- " : "- ") + word());
            const int n = 2 + int(m_rng.bounded(5));
            for (int j = 0; j < n; ++j)
                push(QLatin1Char(' ') + word());
        }
        push(QStringLiteral("\n\n"));
    }

    void code()
    {
        push(QStringLiteral("\n\n"));
        for (const char *piece : kCode)
            push(QLatin1String(piece));
        push(QStringLiteral("\n\n"));
    }

    QRandomGenerator64 m_rng;
    int m_count;
    bool m_wantsCode;
    QStringList m_out;
};

} // namespace

QString lastUserText(const QJsonObject &request)
{
    const QJsonArray messages = request.value(QLatin1String("messages")).toArray();
    for (qsizetype i = messages.size() - 1; i >= 0; --i) {
        const QJsonObject m = messages.at(i).toObject();
        if (m.value(QLatin1String("role")).toString() == u"user")
            return textOf(m.value(QLatin1String("content")));
    }
    return {};
}

// Breakwater's summariser asks with a fixed instruction; its answer names what it folded, so
// tests can see which turns (and which earlier summary) went into it.
static QStringList summaryTokens(const QJsonObject &request)
{
    const QString input = lastUserText(request);
    QStringList topics;
    int turns = 0;
    for (QStringView line : QStringView(input).split(u'\n')) {
        if (line.startsWith(u"User: ")) {
            ++turns;
            topics << line.mid(6)
                          .toString()
                          .split(QLatin1Char(' '), Qt::SkipEmptyParts)
                          .mid(0, 4)
                          .join(QLatin1Char(' '));
        } else if (line.startsWith(u"Assistant: ")) {
            ++turns;
        }
    }
    const bool incremental = input.startsWith(QLatin1String("Earlier summary:"));
    QString text = QStringLiteral("Summary of %1 turns%2: %3.")
                       .arg(turns)
                       .arg(incremental ? QStringLiteral(" and an earlier summary") : QString())
                       .arg(topics.join(QStringLiteral("; ")));
    QStringList out;
    for (QStringView word : QStringView(text).split(u' '))
        out << (out.isEmpty() ? QString() : QStringLiteral(" ")) + word.toString();
    return out;
}

QStringList tokens(const QJsonObject &request, int count, quint64 seed)
{
    if (request.value(QLatin1String("system"))
            .toString()
            .startsWith(QLatin1String("Summarize the conversation so far")))
        return summaryTokens(request);
    const QByteArray digest =
        QCryptographicHash::hash(lastUserText(request).toUtf8(), QCryptographicHash::Sha1);
    quint64 h = 0;
    for (int i = 0; i < 8; ++i)
        h = (h << 8) | quint8(digest[i]);
    h ^= seed * 0x9E3779B97F4A7C15ULL;
    if (count <= 0)
        count = 24 + int(h % 72);
    // A prompt that asks for code gets a code block early (the demo shows code rendering).
    const bool wantsCode =
        lastUserText(request).contains(QLatin1String("code"), Qt::CaseInsensitive);
    return Generator(h, count, wantsCode).run();
}

qint64 inputTokens(const QJsonObject &request)
{
    qint64 chars = textOf(request.value(QLatin1String("system"))).size();
    const QJsonArray messages = request.value(QLatin1String("messages")).toArray();
    for (const QJsonValue &m : messages)
        chars += textOf(m.toObject().value(QLatin1String("content"))).size();
    return 3 + 4 * messages.size() + (chars + 3) / 4;
}

} // namespace bw::sim::SimReply
