#!/usr/bin/env bash
# The architecture, checked: dependencies point one way (app -> ui -> core/app -> core, and inside
# core chat -> resilience -> api -> base), the engine never sees a widget, the window never sees
# the network or the conversation files, nothing outside the engine drives a call directly, and
# time in core/chat comes from the injected clock. Prints every violation; exits 1 if any.
set -u
cd "$(dirname "$0")/.."
bad=0

# forbid DIR PATTERN WHY: no line in DIR's C++ files may match PATTERN (extended regex).
forbid() {
    local dir=$1 pattern=$2 why=$3 hits
    hits=$(grep -rnE --include='*.cpp' --include='*.h' "$pattern" "$dir" 2>/dev/null)
    if [ -n "$hits" ]; then
        echo "layering: $why"
        echo "$hits" | sed 's/^/  /'
        bad=1
    fi
}

inc='#include "'
forbid core/base "$inc(api|resilience|chat|secrets|settings|sim|app)/" "core/base depends on nothing above it"
forbid core/api "$inc(resilience|chat|secrets|settings|sim|app)/" "core/api is the wire: it includes only base"
forbid core/resilience "$inc(chat|secrets|settings|sim|app)/" "core/resilience builds on api only"
forbid core/chat "$inc(secrets|settings|sim|app)/" "core/chat builds on resilience and api only"
forbid core/secrets "$inc(api|resilience|chat|settings|sim|app)/" "core/secrets stands alone"
forbid core/settings "$inc(sim|app|secrets)/" "core/settings holds values, not the engine's parts"
forbid core/sim "$inc(resilience|chat|secrets|settings|app)/" "the simulator speaks the wire only"
forbid core '#include <Q(Widget|Application|MainWindow|Dialog|Label|PushButton)|QtWidgets' "core never includes a Widgets header"
forbid ui 'QNetworkAccessManager|QNetworkReply|#include <QNetwork' "ui never talks to the network"
forbid ui 'ConversationStore|conversationstore\.h|storagequeue\.h' "ui never touches the conversation files (the application layer does, off the GUI thread)"
forbid ui 'GuardedCall|guardedcall\.h' "ui listens to answers (AnswerJob), never to the calls inside them"
forbid app 'GuardedCall|guardedcall\.h' "entry points drive answers and jobs, not calls"
forbid core/app 'GuardedCall|guardedcall\.h' "the application layer hands out answers and jobs, not calls"
forbid core/chat 'currentDateTime|QTimer\b|QTimer::' "core/chat takes its time from the injected Clock"

if [ "$bad" -eq 0 ]; then
    echo "layering: ok"
fi
exit "$bad"
