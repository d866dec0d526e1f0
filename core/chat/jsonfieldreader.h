#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace bw {

// Reads the known fields of one JSON object from a file, checking each one's type and range,
// and keeps the rest. A field that is absent leaves its value as it was; one that is present with
// the wrong type or out of range is a problem, said in words that name the field
// ("messages[3].usage.output_tokens"). The first problem is kept (readers of nested objects share
// it) and every later read does nothing, so a parser reads on and checks ok() once.
class JsonFieldReader final
{
    Q_DECLARE_TR_FUNCTIONS(bw::JsonFieldReader)

public:
    // The largest whole number a JSON number (a double) holds exactly: 2^53.
    static constexpr qint64 kMaxExactInteger = qint64(1) << 53;

    // `where` names the object ("summary", "messages[2]"); empty for the top level.
    JsonFieldReader(QJsonObject object, QString where, QString *problem);

    bool ok() const { return m_problem->isEmpty(); }
    bool has(QLatin1String key) const { return m_object.contains(key); }
    // The field's full name, as problems say it.
    QString nameOf(QLatin1String key) const;
    // Records a problem with `key` (unless one is recorded already).
    void fail(const QString &problem);

    void string(QLatin1String key, QString &out);
    // Text, or null (read as "": none), as an id that names another element.
    void nullableString(QLatin1String key, QString &out);
    // An array of text (read as a set: order and repeats do not matter).
    void stringSet(QLatin1String key, QSet<QString> &out);
    // An array of text, in its order.
    void stringList(QLatin1String key, QStringList &out);
    // Present, a string, and not empty.
    void requiredString(QLatin1String key, QString &out);
    void integer(QLatin1String key, qint64 min, qint64 max, qint64 &out);
    void integer(QLatin1String key, int min, int max, int &out);
    // A finite number, 0 or more.
    void nonNegativeNumber(QLatin1String key, double &out);
    // A finite number, of any sign.
    void number(QLatin1String key, double &out);
    // An ISO 8601 time; an empty string means "not known" (an invalid QDateTime).
    void time(QLatin1String key, QDateTime &out);
    // A reader of the nested object `key`, sharing this reader's problem; none when the field is
    // absent, or mistyped (then the problem is recorded).
    std::optional<JsonFieldReader> object(QLatin1String key);
    // Marks `key` as known without reading it (the caller reads it its own way).
    void markKnown(QLatin1String key) { m_known.insert(key); }

    // The fields nobody asked for: kept and written back.
    QJsonObject unknownFields() const;

private:
    // The value of a field to read, or undefined (absent, or a problem is already recorded).
    QJsonValue take(QLatin1String key);
    // An array of text into `out`; false when absent or mistyped (then the problem is recorded).
    bool readStrings(QLatin1String key, QStringList &out);

    QJsonObject m_object;
    QString m_where;
    QString *m_problem;
    QSet<QString> m_known;
};

} // namespace bw
