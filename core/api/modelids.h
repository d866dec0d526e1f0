#pragma once

#include "modelinfo.h"

#include <QStringList>

namespace bw::ModelIds {

// The one place Breakwater names models by itself. Everything else takes its list from the
// ModelCatalogue (which reads the API's GET /v1/models) or from the user's settings.
inline constexpr auto kDefaultChat = "claude-sonnet-4-6";
inline constexpr auto kDefaultSummary = "claude-haiku-4-5"; // cheaper: it writes summaries

// What Breakwater assumes of models until the API's own list arrives (an offline first start),
// and what the simulator serves: resources/models.json.
QList<ModelInfo> builtInModels();
QStringList builtIn(); // their ids

} // namespace bw::ModelIds
