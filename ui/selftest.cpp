#include "selftest.h"

#include "chat/chatsession.h"
#include "chat/conversation.h"
#include "mainwindow.h"
#include "simulatorpanel.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

namespace bw::ui {

void runSelfTest(MainWindow *window)
{
    auto finish = [](bool ok, const QString &line) {
        std::fprintf(ok ? stdout : stderr, "self-test: %s %s\n", ok ? "ok" : "FAILED",
                     qPrintable(line));
        QCoreApplication::exit(ok ? 0 : 1);
    };
    QObject::connect(window->session(), &ChatSession::answerStarted, window, [=](AnswerJob *job) {
        QObject::connect(job, &AnswerJob::finished, window, [=] {
            const ChatMessage &m = window->conversation()->at(job->index());
            if (m.text.isEmpty() || m.attempts != 2)
                return finish(false, QStringLiteral("the answer has %1 characters after %2 "
                                                    "attempts (expected text after 2 attempts)")
                                         .arg(m.text.size())
                                         .arg(m.attempts));
            finish(true, QStringLiteral("— %1 characters, %2 output tokens, %3 attempts "
                                        "(one 529 retried), first token after %4 ms")
                             .arg(m.text.size())
                             .arg(m.usage.outputTokens)
                             .arg(m.attempts)
                             .arg(m.timeToFirstTokenMs));
        });
        QObject::connect(job, &AnswerJob::failed, window,
                         [=](const ApiError &error) { finish(false, error.describe()); });
    });
    QTimer::singleShot(60000, window, [=] { finish(false, QStringLiteral("no answer in 60 s")); });
    QTimer::singleShot(0, window, [=] {
        window->simulatorPanel()->inject(QStringLiteral("529"));
        if (!window->send(QStringLiteral("Self-test: how does a breakwater protect a harbour?")))
            finish(false, QStringLiteral("the message could not be sent"));
    });
}

} // namespace bw::ui
