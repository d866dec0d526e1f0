#pragma once

namespace bw::ApiVersions {

// The anthropic-version header Breakwater sends unless told otherwise (a setting). This version
// rejects temperature, top_p and top_k; the long-standing 2023-06-01 accepts them.
inline constexpr auto kCurrent = "2026-10-21";

} // namespace bw::ApiVersions
