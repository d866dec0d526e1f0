#pragma once

#include "usagerecord.h"

#include <QCoreApplication>
#include <QString>

#include <functional>

namespace bw {

// The usage ledger: one JSON line per request that reached the API
// ($XDG_DATA_HOME/breakwater/usage.jsonl, owner-only). Only ever appended to, so totals survive
// deleting conversations. Several processes append at once (the window, breakwater-cli): each
// line goes out in one write() on a descriptor opened with O_APPEND, so lines never interleave.
// A line that cannot be read (half written when a process died, garbage, a field of the wrong
// type) is skipped and counted, never the whole ledger lost; the next append starts on a line of
// its own. Stateless and thread-safe; every call touches the disk, so none belongs on a GUI
// thread (the application layer runs them on its storage thread).
class UsageLedger final
{
    Q_DECLARE_TR_FUNCTIONS(bw::UsageLedger)

public:
    explicit UsageLedger(QString path = defaultPath());

    static QString defaultPath();
    // The ledger beside a conversations folder (its parent folder), for a data folder of one's
    // own (tests, demos).
    static QString pathBeside(const QString &conversationsFolder);
    const QString &path() const { return m_path; }

    // Appends one record. False with `error` in words when the file cannot be written (a link, a
    // folder, no space); nothing else is changed then.
    bool append(const UsageRecord &record, QString *error = nullptr) const;

    // A line that does not end in '\n' at the end of the file: still being written by another
    // process (Pending: left for the next read), or what a crash left (Damaged: counted).
    enum class LastLine { Pending, Damaged };
    struct Read
    {
        qint64 end = 0;         // where the next read starts: after the last whole line read
        qint64 lines = 0;       // records read
        int damaged = 0;        // lines skipped
        bool missing = false;   // there is no ledger (yet): nothing was recorded
        bool restarted = false; // shorter than `from`: a new ledger, read from its start
        QString error;          // it exists but cannot be read
    };
    // Reads the records from byte `from` on, handing each to `visit`, in chunks (the file is never
    // held in memory whole).
    Read read(qint64 from, const std::function<void(const UsageRecord &)> &visit,
              LastLine last = LastLine::Damaged) const;

    // How often the ledger was read or written on a GUI application's main thread (the window
    // queues that work on its storage thread; tests check it stays 0).
    static int guiThreadCalls();
    static void resetGuiThreadCalls();

    // A line longer than this is damaged (a record is about 300 bytes).
    static constexpr qsizetype kLongestLine = 64 * 1024;

private:
    QString m_path;
};

} // namespace bw
