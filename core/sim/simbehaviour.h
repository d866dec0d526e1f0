#pragma once

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace bw::sim {

// What the simulator does with one /v1/messages request. Written as text so the same spelling
// works in tests, on breakwater-sim's command line and in the window's Simulator panel:
//   name[:key=value]...[*count]     e.g.  429:retry-after=2   stall-mid:after=5   529*3
struct SimBehaviour
{
    enum class Kind {
        Ok,
        Status,       // an error status with a JSON body (status, hints, x-should-retry)
        Html502,      // a proxy's HTML error page
        StallHeaders, // accept the request, send nothing (for `ms`, default: until hung up)
        StallMid,     // stop sending after `after` tokens (for `ms`, default: until hung up)
        ResetHeaders, // TCP reset before any answer
        ResetMid,     // TCP reset after `after` tokens
        CloseEarly,   // end the HTTP answer cleanly after `after` tokens, without message_stop
        ErrorMid,     // an `error` event after `after` tokens (type, default overloaded_error)
        Malformed,    // a data line with invalid JSON after `after` tokens
        BadUtf8,      // a text delta with bytes that are not UTF-8 after `after` tokens
        Drip,         // a slow stream: `tps` tokens per second (default 2)
        Pings,        // after `after` tokens, a pause of `count` pings every `interval` ms
        NotSse,       // HTTP 200 with an HTML page instead of an event stream
        HugeLine,     // one endless data line without a line end
        Endless,      // text deltas forever
        Redirect,     // `status` (default 307) to `to` (a URL; default: the same path here);
                      // `no-location`: without a location header
        EchoKey,      // a server that repeats the API key: a 403 HTML page and request-id
                      // with it, or (with `after`) an error event with it after that many tokens
        GzipSse,      // the event stream gzip-compressed (content-encoding: gzip), though the
                      // client asked for identity, as some proxies do
        ManyHeaders,  // a healthy stream after `count` extra response headers (default 150)
        HugeHeader,   // a healthy stream after one response header of `bytes` (default 1 MiB)
        EarlyHints,   // a 103 Early Hints answer, then a healthy stream
        // Answers that end for another reason than end_turn, after `after` tokens (default 5):
        Refusal,          // stop_reason refusal, with stop_details (category, explanation)
        ContextFull,      // stop_reason model_context_window_exceeded
        PauseTurn,        // stop_reason pause_turn (the next request goes on)
        Stop,             // stop_reason `reason` (any name, e.g. one the client does not know)
        RedactedThinking, // a redacted_thinking block before the text (thinking or not)
        // The workspace's spend limit: a 429 without a retry hint whose error carries
        // details.error_code "enforced_spend_limit_reached" (`no-code`: only the message says
        // so), or with `status=400` the API's "reached your specified API usage limits".
        SpendLimit,
    };

    Kind kind = Kind::Ok;
    int status = 200;
    QMap<QString, QString> params;

    int intParam(const QString &key, int fallback) const;
    QString param(const QString &key, const QString &fallback = {}) const;
    QString toString() const;

    // Parses one behaviour; nullopt with `error` set when the text is not one.
    static std::optional<SimBehaviour> parse(QStringView text, QString *error = nullptr);
    // Parses a comma-separated script; `name*N` repeats a behaviour N times.
    static std::optional<QList<SimBehaviour>> parseScript(QStringView text,
                                                          QString *error = nullptr);
    // The behaviour names, for help texts.
    static QStringList names();
};

} // namespace bw::sim
