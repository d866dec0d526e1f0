#include "simbehaviour.h"

namespace bw::sim {

namespace {
struct Name
{
    SimBehaviour::Kind kind;
    const char *name;
};

constexpr Name kNames[] = {
    {SimBehaviour::Kind::Ok, "ok"},
    {SimBehaviour::Kind::Html502, "html502"},
    {SimBehaviour::Kind::StallHeaders, "stall-headers"},
    {SimBehaviour::Kind::StallMid, "stall-mid"},
    {SimBehaviour::Kind::ResetHeaders, "reset-headers"},
    {SimBehaviour::Kind::ResetMid, "reset-mid"},
    {SimBehaviour::Kind::CloseEarly, "close-early"},
    {SimBehaviour::Kind::ErrorMid, "error-mid"},
    {SimBehaviour::Kind::Malformed, "malformed"},
    {SimBehaviour::Kind::BadUtf8, "bad-utf8"},
    {SimBehaviour::Kind::Drip, "drip"},
    {SimBehaviour::Kind::Pings, "pings"},
    {SimBehaviour::Kind::NotSse, "not-sse"},
    {SimBehaviour::Kind::HugeLine, "huge-line"},
    {SimBehaviour::Kind::Endless, "endless"},
    {SimBehaviour::Kind::Redirect, "redirect"},
    {SimBehaviour::Kind::EchoKey, "echo-key"},
    {SimBehaviour::Kind::GzipSse, "gzip-sse"},
    {SimBehaviour::Kind::ManyHeaders, "many-headers"},
    {SimBehaviour::Kind::HugeHeader, "huge-header"},
    {SimBehaviour::Kind::EarlyHints, "early-hints"},
    {SimBehaviour::Kind::Refusal, "refusal"},
    {SimBehaviour::Kind::ContextFull, "context-full"},
    {SimBehaviour::Kind::PauseTurn, "pause-turn"},
    {SimBehaviour::Kind::Stop, "stop"},
    {SimBehaviour::Kind::RedactedThinking, "redacted-thinking"},
    {SimBehaviour::Kind::SpendLimit, "spend-limit"},
};
} // namespace

int SimBehaviour::intParam(const QString &key, int fallback) const
{
    bool ok = false;
    const int v = params.value(key).toInt(&ok);
    return ok ? v : fallback;
}

QString SimBehaviour::param(const QString &key, const QString &fallback) const
{
    return params.value(key, fallback);
}

QString SimBehaviour::toString() const
{
    QString s;
    if (kind == Kind::Status) {
        s = QString::number(status);
    } else {
        for (const auto &n : kNames) {
            if (n.kind == kind)
                s = QLatin1String(n.name);
        }
    }
    for (auto it = params.cbegin(); it != params.cend(); ++it)
        s += QLatin1Char(':') + it.key() +
             (it.value().isEmpty() ? QString() : QLatin1Char('=') + it.value());
    return s;
}

QStringList SimBehaviour::names()
{
    QStringList list{
        QStringLiteral("<status> (400 401 403 404 408 409 413 429 500 502 503 504 529)")};
    for (const auto &n : kNames)
        list << QLatin1String(n.name);
    return list;
}

std::optional<SimBehaviour> SimBehaviour::parse(QStringView text, QString *error)
{
    const QList<QStringView> parts = text.trimmed().split(QLatin1Char(':'));
    const QStringView name = parts.value(0);
    SimBehaviour b;
    bool found = false;
    bool isNumber = false;
    const int status = name.toInt(&isNumber);
    if (isNumber && status >= 400 && status <= 599) {
        b.kind = Kind::Status;
        b.status = status;
        found = true;
    }
    for (const auto &n : kNames) {
        if (name == QLatin1String(n.name)) {
            b.kind = n.kind;
            found = true;
        }
    }
    if (!found) {
        if (error)
            *error = QStringLiteral("unknown simulator behaviour '%1' (known: %2)")
                         .arg(name, names().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QStringView p = parts[i];
        const qsizetype eq = p.indexOf(QLatin1Char('='));
        const QString key = (eq < 0 ? p : p.left(eq)).toString();
        QString value = eq < 0 ? QString() : p.mid(eq + 1).toString();
        if (key == u"to") {
            // A URL contains colons: `to` takes the rest of the text, so it must come last.
            for (++i; i < parts.size(); ++i)
                value += QLatin1Char(':') + parts[i].toString();
        }
        b.params.insert(key, value);
    }
    return b;
}

std::optional<QList<SimBehaviour>> SimBehaviour::parseScript(QStringView text, QString *error)
{
    QList<SimBehaviour> script;
    for (QStringView item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        item = item.trimmed();
        int count = 1;
        if (const qsizetype star = item.lastIndexOf(QLatin1Char('*')); star > 0) {
            bool ok = false;
            count = item.mid(star + 1).toInt(&ok);
            if (!ok || count < 1 || count > 100000) {
                if (error)
                    *error = QStringLiteral("bad repeat count in '%1'").arg(item);
                return std::nullopt;
            }
            item = item.left(star);
        }
        const auto b = parse(item, error);
        if (!b)
            return std::nullopt;
        for (int i = 0; i < count; ++i)
            script.append(*b);
    }
    return script;
}

} // namespace bw::sim
