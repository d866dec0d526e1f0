#pragma once

#include "api/apierror.h"

namespace bw::cli {

// The process exit status for an error kind (see the README's table).
int exitCodeFor(ErrorKind kind);

} // namespace bw::cli
