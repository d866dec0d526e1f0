#include "eventwriter.h"

#include <QJsonDocument>

#include <cstdio>

namespace bw::cli {

bool EventWriter::open(const QString &target, QString *error)
{
    if (target.isEmpty())
        return true;
    if (target == u"-") {
        m_stderr = true;
        return m_file.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
    }
    m_file.setFileName(target);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QStringLiteral("cannot write events to %1: %2").arg(target, m_file.errorString());
        return false;
    }
    return true;
}

void EventWriter::write(const char *type, QJsonObject fields)
{
    if (!m_file.isOpen())
        return;
    fields.insert(QStringLiteral("type"), QLatin1String(type));
    fields.insert(QStringLiteral("t_ms"), m_clock.elapsed());
    m_file.write(QJsonDocument(fields).toJson(QJsonDocument::Compact) + '\n');
    m_file.flush();
}

} // namespace bw::cli
