#include "jsonfieldreader.h"

#include <QJsonArray>
#include <QLocale>

#include <cmath>

namespace bw {

namespace {

QString numberText(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

} // namespace

JsonFieldReader::JsonFieldReader(QJsonObject object, QString where, QString *problem)
    : m_object(std::move(object))
    , m_where(std::move(where))
    , m_problem(problem)
{}

QString JsonFieldReader::nameOf(QLatin1String key) const
{
    return m_where.isEmpty() ? QString(key) : m_where + QLatin1Char('.') + key;
}

void JsonFieldReader::fail(const QString &problem)
{
    if (ok())
        *m_problem = problem;
}

QJsonValue JsonFieldReader::take(QLatin1String key)
{
    m_known.insert(key);
    if (!ok())
        return QJsonValue(QJsonValue::Undefined);
    return m_object.value(key);
}

void JsonFieldReader::string(QLatin1String key, QString &out)
{
    const QJsonValue v = take(key);
    if (v.isUndefined())
        return;
    if (!v.isString()) {
        fail(tr("the field %1 should be text").arg(nameOf(key)));
        return;
    }
    out = v.toString();
}

void JsonFieldReader::nullableString(QLatin1String key, QString &out)
{
    const QJsonValue v = take(key);
    if (v.isUndefined())
        return;
    if (v.isNull()) {
        out.clear();
        return;
    }
    if (!v.isString()) {
        fail(tr("the field %1 should be text or null").arg(nameOf(key)));
        return;
    }
    out = v.toString();
}

void JsonFieldReader::stringSet(QLatin1String key, QSet<QString> &out)
{
    QStringList list;
    if (readStrings(key, list))
        out = QSet<QString>(list.cbegin(), list.cend());
}

void JsonFieldReader::stringList(QLatin1String key, QStringList &out)
{
    QStringList list;
    if (readStrings(key, list))
        out = std::move(list);
}

bool JsonFieldReader::readStrings(QLatin1String key, QStringList &out)
{
    const QJsonValue v = take(key);
    if (v.isUndefined())
        return false;
    if (!v.isArray()) {
        fail(tr("the field %1 should be a list of text").arg(nameOf(key)));
        return false;
    }
    const QJsonArray items = v.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isString()) {
            fail(tr("the field %1[%2] should be text").arg(nameOf(key)).arg(i));
            return false;
        }
        out << items.at(i).toString();
    }
    return true;
}

void JsonFieldReader::requiredString(QLatin1String key, QString &out)
{
    if (ok() && !has(key)) {
        fail(tr("the field %1 is missing").arg(nameOf(key)));
        return;
    }
    string(key, out);
    if (ok() && out.isEmpty())
        fail(tr("the field %1 is empty").arg(nameOf(key)));
}

void JsonFieldReader::integer(QLatin1String key, qint64 min, qint64 max, qint64 &out)
{
    const QJsonValue v = take(key);
    if (v.isUndefined())
        return;
    if (!v.isDouble()) {
        fail(tr("the field %1 should be a number").arg(nameOf(key)));
        return;
    }
    // Checked as a double before any conversion: a double outside qint64's range converted to
    // qint64 is undefined behaviour (1e300 became INT64_MIN).
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::trunc(d) != d || d < double(min) || d > double(max)) {
        fail(tr("the field %1 is %2; it should be a whole number from %3 to %4")
                 .arg(nameOf(key), numberText(d))
                 .arg(min)
                 .arg(max));
        return;
    }
    out = qint64(d);
}

void JsonFieldReader::integer(QLatin1String key, int min, int max, int &out)
{
    qint64 wide = out;
    integer(key, qint64(min), qint64(max), wide);
    out = int(wide); // within [min, max] when read, else unchanged
}

void JsonFieldReader::nonNegativeNumber(QLatin1String key, double &out)
{
    const QJsonValue v = take(key);
    if (v.isUndefined())
        return;
    if (!v.isDouble()) {
        fail(tr("the field %1 should be a number").arg(nameOf(key)));
        return;
    }
    const double d = v.toDouble();
    if (!std::isfinite(d) || d < 0) {
        fail(tr("the field %1 is %2; it should be a number of 0 or more")
                 .arg(nameOf(key), numberText(d)));
        return;
    }
    out = d;
}

void JsonFieldReader::number(QLatin1String key, double &out)
{
    const QJsonValue v = take(key);
    if (v.isUndefined())
        return;
    if (!v.isDouble() || !std::isfinite(v.toDouble())) {
        fail(tr("the field %1 should be a number").arg(nameOf(key)));
        return;
    }
    out = v.toDouble();
}

void JsonFieldReader::time(QLatin1String key, QDateTime &out)
{
    QString text;
    string(key, text);
    if (!ok() || !has(key))
        return;
    if (text.isEmpty()) {
        out = QDateTime();
        return;
    }
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    // Times are written in UTC: one that has no UTC form between the years 1 and 9999 (found by
    // fuzzing: 9999-12-31T23:59-14:00) would be written as nothing.
    if (!t.isValid() ||
        QDateTime::fromString(t.toUTC().toString(Qt::ISODateWithMs), Qt::ISODateWithMs) != t) {
        fail(tr("the field %1 is \"%2\", which is not a time").arg(nameOf(key), text.left(40)));
        return;
    }
    out = t;
}

std::optional<JsonFieldReader> JsonFieldReader::object(QLatin1String key)
{
    const QJsonValue v = take(key);
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isObject()) {
        fail(tr("the field %1 should be an object").arg(nameOf(key)));
        return std::nullopt;
    }
    return JsonFieldReader(v.toObject(), nameOf(key), m_problem);
}

QJsonObject JsonFieldReader::unknownFields() const
{
    QJsonObject unknown;
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (!m_known.contains(it.key()))
            unknown.insert(it.key(), it.value());
    }
    return unknown;
}

} // namespace bw
