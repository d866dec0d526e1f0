#pragma once

#include <QByteArray>
#include <QString>

namespace bw::cli {

struct KeyLookup
{
    QByteArray key;  // empty when none was found
    QString source;  // "environment" / "keychain"
    QString problem; // why there is none, in words
};

// ANTHROPIC_API_KEY first (reported as "from environment"), else the profile's keychain entry.
KeyLookup findApiKey(const QString &profile);

} // namespace bw::cli
