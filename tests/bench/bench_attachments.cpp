// Benchmark (not a test): a message with a 20 MB PDF and three 12-megapixel photos, sent from the
// window (offscreen) to breakwater-sim in a separate process. The files are made here (nothing
// big is committed). Prints how long the files take to be ready (read, scaled, stored), the time
// from Send to the request on the wire (the POST handed to the network) and to the response
// headers (the whole body received and checked by the simulator, which is slow at a body of
// tens of megabytes: it parses it, decodes the files and re-serialises the request for its reply
// key — seconds that are the simulator's, not the window's), the longest event-loop stall
// throughout (a 5 ms timer measuring its own lateness), the window's peak memory (VmHWM), and
// whether the GUI thread touched a file.
//   bench_attachments [PDF_MB [PHOTOS]]
#include "app/application.h"
#include "attachmenttesting.h"
#include "attachmenttray.h"
#include "chat/answerjob.h"
#include "chat/chatsession.h"
#include "chat/conversation.h"
#include "chat/conversationstore.h"
#include "mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace bw;

namespace {

// Resident memory now and at its peak, in MiB (Linux).
std::pair<double, double> memoryMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    double rss = 0, peak = 0;
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                rss = line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
            else if (line.startsWith("VmHWM:"))
                peak = line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
        }
    }
    return {rss, peak};
}

// A photo as a camera takes it: light, shapes, and sensor noise (so it compresses like a photo,
// about 4–6 MB as JPEG).
QByteArray photo(int seed)
{
    QImage image = test::makeImage(4000, 3000);
    QRandomGenerator rng{quint32(seed)};
    for (int y = 0; y < image.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const int n = int(rng.bounded(48)) - 24;
            const QRgb p = line[x];
            line[x] = qRgb(std::clamp(qRed(p) + n, 0, 255), std::clamp(qGreen(p) + n, 0, 255),
                           std::clamp(qBlue(p) + n, 0, 255));
        }
    }
    return test::encodeImage(image, "jpeg", 92);
}

} // namespace

// Writes the files into `dir` (a process of its own, so that making them is not in the window's
// memory figures).
int makeFiles(const QString &dir, int pdfMegabytes, int photos)
{
    auto write = [&](const QString &name, const QByteArray &bytes) {
        QFile f(dir + QLatin1Char('/') + name);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(f.fileName()));
    };
    write(QStringLiteral("survey.pdf"),
          test::makePdf(30, qint64(pdfMegabytes) * 1'000'000,
                        QStringLiteral("The breakwater is 420 m long.")));
    for (int i = 0; i < photos; ++i)
        write(QStringLiteral("photo-%1.jpg").arg(i + 1), photo(i + 1));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 4 && qstrcmp(argv[1], "--make") == 0) {
        QCoreApplication maker(argc, argv);
        return makeFiles(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]).toInt(),
                         QString::fromLocal8Bit(argv[4]).toInt());
    }
    const int pdfMegabytes = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 20;
    const int photos = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 3;
    QTemporaryDir home;
    QStringList files{home.filePath(QStringLiteral("survey.pdf"))};
    for (int i = 0; i < photos; ++i)
        files << home.filePath(QStringLiteral("photo-%1.jpg").arg(i + 1));
    if (QProcess::execute(QString::fromLocal8Bit(argv[0]),
                          {QStringLiteral("--make"), home.path(), QString::number(pdfMegabytes),
                           QString::number(photos)}) != 0)
        qFatal("the files could not be made");
    qint64 fileBytes = 0;
    for (const QString &f : files)
        fileBytes += QFileInfo(f).size();
    QApplication app(argc, argv);
    const auto [rssStart, peakStart] = memoryMiB();
    const QString dir = QCoreApplication::applicationDirPath() + QStringLiteral("/../../app");
    QProcess simProcess;
    simProcess.start(dir + QStringLiteral("/sim/breakwater-sim"),
                     {QStringLiteral("--port"), QStringLiteral("0"),
                      QStringLiteral("--reply-tokens"), QStringLiteral("50")});
    if (!simProcess.waitForReadyRead(5000))
        qFatal("breakwater-sim did not start");
    const QString base =
        QString::fromUtf8(simProcess.readLine()).trimmed().section(QLatin1Char(' '), -1);

    AppOptions options;
    options.settingsFile = home.filePath(QStringLiteral("settings.ini"));
    options.conversationsFolder = home.filePath(QStringLiteral("conversations"));
    Application application(options);
    EngineSettings s = application.settingsStore().load();
    s.baseUrl = QUrl(base);
    s.model = QStringLiteral("claude-sonnet-4-6");
    s.guard.headersTimeoutMs = 120'000;
    application.useApi(s, "bench");
    ui::MainWindow window(&application);
    window.resize(1400, 900);
    window.show();
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 500)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    const auto [rssWindow, peakWindow] = memoryMiB();

    // Lateness probe, from the files' attaching to the answer's end.
    QElapsedTimer clock;
    qint64 last = 0, worst = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        worst = std::max(worst, now - last - 5);
        last = now;
    });
    clock.start();
    probe.start(5);
    ConversationStore::resetGuiThreadUse();

    QElapsedTimer t;
    t.start();
    window.attachmentTray()->addFiles(files);
    while (window.attachmentTray()->isPreparing() ||
           window.attachmentTray()->count() < files.size())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    const double ready = double(t.nsecsElapsed()) / 1e6;
    // The composer's count_tokens of the files (the simulator answers one request at a time:
    // the message waits for it otherwise).
    while (!window.attachmentTray()->isCounted() && t.elapsed() < 120'000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    const double counted = double(t.nsecsElapsed()) / 1e6;
    const QString estimate = window.attachmentTray()->estimateText();
    const qint64 stallAttaching = worst;
    worst = 0;
    const QStringList problems = window.attachmentTray()->problems();
    const QList<Attachment> attached = window.attachmentTray()->attachments();
    const auto [rssReady, peakReady] = memoryMiB();

    double onWire = -1, headers = -1;
    QObject::connect(window.session(), &ChatSession::answerStarted, [&](AnswerJob *job) {
        QObject::connect(job, &AnswerJob::attemptStarted,
                         [&] { onWire = double(t.nsecsElapsed()) / 1e6; });
        QObject::connect(job, &AnswerJob::headersReceived,
                         [&] { headers = double(t.nsecsElapsed()) / 1e6; });
    });
    t.restart();
    const bool sent =
        window.send(QStringLiteral("Is the breakwater in the photos the surveyed one?"));
    const double sendReturned = double(t.nsecsElapsed()) / 1e6;
    while (window.session()->isBusy())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    const double answered = double(t.nsecsElapsed()) / 1e6;
    probe.stop();
    const auto [rssEnd, peakEnd] = memoryMiB();
    const ConversationStore::GuiThreadUse gui = ConversationStore::guiThreadUse();

    qint64 sentBytes = 0;
    for (const Attachment &a : attached)
        sentBytes += a.bytes;
    std::printf("files: a %d MB PDF and %d photos of 4000x3000 (%.1f MB on disk)\n", pdfMegabytes,
                photos, double(fileBytes) / 1e6);
    if (!problems.isEmpty())
        std::printf("PROBLEMS: %s\n", qPrintable(problems.join(QStringLiteral("; "))));
    for (const Attachment &a : attached)
        std::printf("  %-12s %-16s %5d x %-5d %8.2f MB\n", qPrintable(a.name),
                    qPrintable(a.mediaType), a.width, a.height, double(a.bytes) / 1e6);
    std::printf(
        "attach -> all files ready (read, scaled, stored): %7.0f ms, longest stall %lld ms\n",
        ready, qlonglong(stallAttaching));
    std::printf("attach -> count_tokens of the files shown:        %7.0f ms\n  (%s)\n", counted,
                qPrintable(estimate));
    std::printf("send() returned:                                  %7.1f ms\n", sendReturned);
    std::printf("Send -> request on the wire (POST handed over):   %7.0f ms\n", onWire);
    std::printf("Send -> response headers (body received, checked): %6.0f ms\n", headers);
    std::printf("Send -> answer complete:                          %7.0f ms (%s)\n", answered,
                sent && window.conversation()->at(1).status == MessageStatus::Complete
                    ? "complete"
                    : "NOT complete");
    std::printf("request body: %.1f MB of files as base64 (%.1f MB sent)\n",
                double(attachmentsRequestBytes(attached)) / 1e6, double(sentBytes) / 1e6);
    std::printf("longest event-loop stall from Send to the answer: %lld ms\n", qlonglong(worst));
    std::printf("memory (RSS / peak): start %.0f / %.0f MiB, window %.0f / %.0f, files ready "
                "%.0f / %.0f, after the answer %.0f / %.0f MiB\n",
                rssStart, peakStart, rssWindow, peakWindow, rssReady, peakReady, rssEnd, peakEnd);
    std::printf("GUI thread in file storage: %d calls, %.1f ms\n", gui.calls,
                double(gui.nanoseconds) / 1e6);
    simProcess.kill();
    simProcess.waitForFinished();
    return 0;
}
