#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace bw {

// What happens when the chosen model is overloaded before its answer begins: the models to ask
// instead, in order (e.g. an Opus model, then a Sonnet model), and whether to switch on its own,
// ask the user each time, or never switch. Per profile.
struct FallbackPolicy
{
    enum class Mode { Automatic, Ask, Never };
    // The most models a list may name: each is a full set of attempts before the answer fails,
    // so a longer list only makes an overloaded answer wait longer.
    static constexpr int kMaxModels = 8;

    Mode mode = Mode::Ask;
    QStringList models;

    // "automatic", "ask", "never".
    static QString modeName(Mode mode);
    static std::optional<Mode> modeFromName(QStringView name);
    // A model id a request can carry: not empty, no white space or control characters, at most
    // 200 characters.
    static bool isModelId(const QString &id);
    // `models` as typed: trimmed, empty entries and repeats dropped. Ids that are not ids go to
    // `rejected`.
    static QStringList cleaned(const QStringList &models, QStringList *rejected = nullptr);
    // The models to ask in order when `chosen` is overloaded (`chosen` itself left out), at most
    // kMaxModels.
    QStringList fallbacksFor(const QString &chosen) const;

    friend bool operator==(const FallbackPolicy &, const FallbackPolicy &) = default;
};

} // namespace bw
