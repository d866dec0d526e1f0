#pragma once

#include "api/modelids.h"

#include <QString>

namespace bw {

// When and how a long conversation is compressed.
struct CompressionSettings
{
    qint64 compressAtTokens = 150'000; // 0: off
    int keepRecent = 6;                // messages kept word for word
    QString summaryModel = QLatin1String(ModelIds::kDefaultSummary);
    qint64 contextWindowTokens = 200'000; // what fits when compression fails
    int summaryMaxTokens = 1500;
    // The prompt is cached (PromptCache on): every compression rewrites the cached prefix, so
    // each one folds deeper — until what stays word for word is at most half the threshold —
    // and the next comes many turns later.
    bool cacheAware = false;

    bool enabled() const { return compressAtTokens > 0; }
};

} // namespace bw
