#pragma once

#include <QElapsedTimer>
#include <QtGlobal>

namespace bw {

// Counts (and in debug builds refuses) file work on a GUI application's main thread: the
// conversation files and the attachment store are only touched on worker threads. Nested checks
// (save -> writeAtomically) count once.
class FileThreadCheck final
{
    Q_DISABLE_COPY_MOVE(FileThreadCheck)

public:
    explicit FileThreadCheck(const char *what);
    ~FileThreadCheck();

    struct Use
    {
        int calls = 0;
        qint64 nanoseconds = 0;
    };
    static Use guiThreadUse();
    static void reset();

private:
    bool m_gui;
    QElapsedTimer m_timer;
};

} // namespace bw
