#pragma once

#include <QJsonValue>

#include <optional>

namespace bw {

// The largest integer a JSON number (an IEEE double) carries exactly: beyond it a number is no
// longer a count anyone sent on purpose, and four counts still add up without overflow.
inline constexpr qint64 kLargestJsonCount = qint64(1) << 53;

// A count the wire sends as a JSON number (tokens, totals), read safely: a fraction is cut off;
// a negative number, one past kLargestJsonCount or anything that is not a number is refused
// (nullopt), as a missing field would be. Converting an out-of-range double straight to an
// integer is undefined behaviour (x86 gives INT64_MIN for 1e300).
std::optional<qint64> jsonCount(const QJsonValue &value);

} // namespace bw
