#pragma once

namespace bw::ApiVersions {

// The anthropic-version header values Breakwater knows. The current one rejects
// temperature, top_p and top_k; the long-standing one accepts them.
inline constexpr auto kCurrent = "2026-10-21";
inline constexpr auto kLongStanding = "2023-06-01";

} // namespace bw::ApiVersions
