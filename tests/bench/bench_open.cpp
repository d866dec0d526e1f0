// Benchmark (not a test): open a 2,000-message (~4 MB) conversation in the window — time to
// first paint and memory; and start with 1,000 saved conversations — time until the list shows.
#include "app/application.h"
#include "chat/conversation.h"
#include "chat/conversationstore.h"
#include "conversationlist.h"
#include "mainwindow.h"
#include "transcriptview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

using namespace bw;

static double rssMiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

static const QDateTime kT = QDateTime::currentDateTimeUtc();

static ConversationData makeConversation(const QString &id, int messages, int answerChars)
{
    ConversationData d;
    d.id = id;
    d.title = QStringLiteral("Conversation %1").arg(id);
    d.created = d.updated = QDateTime::currentDateTimeUtc();
    const QString paragraph = QStringLiteral(
        "The **breakwater** absorbs the energy of the waves before they reach the harbour, "
        "so boats inside stay calm even in a storm. ");
    for (int i = 0; i < messages; ++i) {
        ChatMessage m = i % 2 ? ChatMessage::assistant(QStringLiteral("claude-sonnet-4-6"), kT)
                              : ChatMessage::user(QString(), kT);
        if (i % 2) {
            QString text;
            while (text.size() < answerChars)
                text += paragraph + (text.size() % 1000 < 150
                                         ? QStringLiteral("\n\n```cpp\nint wave = 3;\n```\n\n")
                                         : QString());
            m.text = text;
            m.status = MessageStatus::Complete;
            m.usage = {500, 900, 0, 0};
            m.costUsd = 0.01;
        } else {
            m.text =
                QStringLiteral("Question %1: how does the breakwater hold up against the swell?")
                    .arg(i);
        }
        d.messages.append(m);
    }
    return d;
}

// Time until the widget has been painted once after `action`.
template<typename Action>
static double untilPainted(QWidget *widget, Action action)
{
    struct Watcher : QObject
    {
        bool painted = false;
        bool eventFilter(QObject *, QEvent *e) override
        {
            if (e->type() == QEvent::Paint)
                painted = true;
            return false;
        }
    } watcher;
    QElapsedTimer t;
    t.start();
    action();
    widget->installEventFilter(&watcher);
    widget->update();
    while (!watcher.painted && t.elapsed() < 30000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    widget->removeEventFilter(&watcher);
    return double(t.nsecsElapsed()) / 1e6;
}

int main(int argc, char **argv)
{
    // The files are made before the window's application exists: the store is for the storage
    // thread once there is a GUI.
    QTemporaryDir home;
    ConversationStore store(home.filePath(QStringLiteral("one")));
    const ConversationData big = makeConversation(QStringLiteral("big"), 2000, 3800);
    store.save(big);
    const qint64 bytes = QFile(store.pathFor(QStringLiteral("big"))).size();
    // The same conversation with 20 forks: an answer regenerated every 100 messages.
    ConversationData forked = makeConversation(QStringLiteral("forked"), 2000, 3800);
    forked.tree = true;
    for (int i = 1; i < forked.messages.size(); ++i)
        forked.messages[i].parentId = forked.messages[i - 1].id;
    QList<int> forkAt;
    for (int f = 0; f < 20; ++f) {
        const int at = 99 + f * 100; // an answer
        ChatMessage version = forked.messages[at];
        version.id = QStringLiteral("version-%1").arg(f);
        version.text = QStringLiteral("Another version of answer %1. ").arg(at).repeated(40);
        forked.messages.append(version); // a sibling, made later: shown by default
        forked.messages[at - 1].shownChildId = forked.messages[at].id; // the original is shown
        forkAt << at;
    }
    store.save(forked);
    ConversationStore many(home.filePath(QStringLiteral("many")));
    for (int i = 0; i < 1000; ++i)
        many.save(makeConversation(QStringLiteral("c%1").arg(i, 4, 10, QLatin1Char('0')), 6, 700));
    many.list(); // writes the index
    QFile::remove(home.filePath(QStringLiteral("many/index.json")));
    QElapsedTimer t;
    t.start();
    ConversationStore cold(many.directory()); // a first start: no index in memory or on disk
    const int listed = int(cold.list().size());
    const double coldMs = double(t.nsecsElapsed()) / 1e6;
    t.restart();
    ConversationStore warm(many.directory()); // a later start: the index on disk
    warm.list();
    const double warmMs = double(t.nsecsElapsed()) / 1e6;

    QApplication app(argc, argv);
    AppOptions options;
    options.settingsFile = home.filePath(QStringLiteral("settings.ini"));

    // 1) One long conversation.
    const double rssBefore = rssMiB();
    {
        options.conversationsFolder = store.directory();
        Application application(options);
        application.useDemo(application.settingsStore().load());
        ui::MainWindow window(&application);
        window.resize(1400, 900);
        window.show();
        for (int i = 0; i < 10; ++i)
            QCoreApplication::processEvents();
        const double rssWindow = rssMiB();
        const double ms = untilPainted(window.transcript()->widget(), [&] {
            application.openConversation(store.pathFor(QStringLiteral("big")));
            while (window.conversation()->count() < 2000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        });
        const double rssOpen = rssMiB();
        std::printf("open a %d-message conversation (%.1f MB): first paint after %.0f ms; RSS %.0f "
                    "MiB before the window, "
                    "%.0f MiB with it, %.0f MiB with the conversation open (+%.0f MiB)\n",
                    int(big.messages.size()), double(bytes) / 1e6, ms, rssBefore, rssWindow,
                    rssOpen, rssOpen - rssWindow);
        int loaded = 0;
        while (window.transcript()->loadEarlier())
            ++loaded;
        t.restart();
        window.grab();
        std::printf("  (scrolling back through all of it: %d more pages of %d messages, then a "
                    "full repaint in %.0f ms)\n",
                    loaded, ui::TranscriptView::kPage, double(t.nsecsElapsed()) / 1e6);
    }

    // 1b) With forks: first paint, and switching a version near the end and far up.
    {
        options.conversationsFolder = store.directory();
        Application application(options);
        application.useDemo(application.settingsStore().load());
        ui::MainWindow window(&application);
        window.resize(1400, 900);
        window.show();
        for (int i = 0; i < 10; ++i)
            QCoreApplication::processEvents();
        const double open = untilPainted(window.transcript()->widget(), [&] {
            application.openConversation(store.pathFor(QStringLiteral("forked")));
            while (window.conversation()->count() < 2000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        });
        Conversation *c = window.conversation();
        const double nearEnd =
            untilPainted(window.transcript()->widget(), [&] { c->showVersion(forkAt.last(), 1); });
        const double farUp =
            untilPainted(window.transcript()->widget(), [&] { c->showVersion(forkAt.first(), 1); });
        const double back =
            untilPainted(window.transcript()->widget(), [&] { c->showVersion(forkAt.first(), 0); });
        std::printf("the same with 20 forks (%d messages in all): first paint after %.0f ms; "
                    "switching a version re-renders in %.0f ms (near the end), %.0f ms (at the "
                    "top: the path below changes), %.0f ms (back)\n",
                    int(c->allMessages().size()), open, nearEnd, farUp, back);
    }

    // 2) Many conversations.
    std::printf(
        "list %d saved conversations: %.0f ms without the index (first start), %.0f ms with it\n",
        listed, coldMs, warmMs);
    double shown = 0;
    QFile::remove(
        home.filePath(QStringLiteral("many/index.json"))); // the worst case: a first start
    {
        options.conversationsFolder = many.directory();
        t.restart();
        Application application(options);
        application.useDemo(application.settingsStore().load());
        ui::MainWindow window(&application);
        window.resize(1400, 900);
        window.show();
        while (window.conversationList()->rowCount() < 1000 && t.elapsed() < 30000)
            QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        shown = double(t.nsecsElapsed()) / 1e6;
    }
    std::printf(
        "window start with 1,000 conversations until the list shows: %.0f ms (no index yet)\n",
        shown);
    std::printf("conversation files touched on the GUI thread: %d calls\n",
                ConversationStore::guiThreadUse().calls);
    return 0;
}
