#include "processprotection.h"

#include <QtGlobal> // Q_OS_LINUX

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#include <sys/resource.h>
#endif

namespace bw {

void protectProcessMemory()
{
#ifdef Q_OS_LINUX
    const rlimit none{0, 0};
    ::setrlimit(RLIMIT_CORE, &none);
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

} // namespace bw
