#include "jsoncount.h"

#include <cmath>

namespace bw {

std::optional<qint64> jsonCount(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double v = std::trunc(value.toDouble());
    // Written so that NaN (which a QJsonValue built in code may hold) fails the test as well.
    if (!(v >= 0.0 && v <= double(kLargestJsonCount)))
        return std::nullopt;
    return qint64(v);
}

} // namespace bw
