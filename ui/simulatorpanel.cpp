#include "simulatorpanel.h"

#include "chat/chatsession.h"
#include "sim/apisimulator.h"

#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTime>
#include <QVBoxLayout>

namespace bw::ui {

SimulatorPanel::SimulatorPanel(sim::ApiSimulator *simulator, QWidget *parent)
    : QWidget(parent)
    , m_sim(simulator)
    , m_queue(new QLabel(this))
    , m_log(new QListWidget(this))
{
    setAccessibleName(tr("Simulator"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Breakwater is talking to its built-in simulator. Choose what happens to the next "
           "request, send a message, and watch the panels react."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    struct Fault
    {
        QString label;
        QString script;
        QString help;
    };
    const QList<Fault> faults = {
        {tr("429 rate limit"), QStringLiteral("429:retry-after=3"),
         tr("The server says: too many requests, retry after 3 s.")},
        {tr("529 overloaded"), QStringLiteral("529"),
         tr("The API is overloaded; retried with backoff and jitter.")},
        {tr("500 server error"), QStringLiteral("500"), tr("An internal server error; retried.")},
        {tr("Stall mid-stream"), QStringLiteral("stall-mid:after=12"),
         tr("The answer stops arriving; the idle deadline ends it and keeps the text.")},
        {tr("Drop mid-stream"), QStringLiteral("reset-mid:after=12"),
         tr("The connection breaks in the middle of the answer.")},
        {tr("Slow stream"), QStringLiteral("drip:tps=6"), tr("Six tokens a second.")},
        {tr("Burst of 529s"), QStringLiteral("529*8"),
         tr("Eight failures in a row: enough to open the circuit breaker.")},
        {tr("Cut off (max tokens)"), QStringLiteral("stop:reason=max_tokens:after=30"),
         tr("The answer stops at its token limit: Continue and Retry with a higher limit.")},
        {tr("Refusal"), QStringLiteral("refusal"),
         tr("The model declines, with a category and an explanation.")},
        {tr("Context full"), QStringLiteral("context-full:after=8"),
         tr("The context window fills up: compressed and asked again when compression is on.")},
        {tr("Pause turn"), QStringLiteral("pause-turn:after=8"),
         tr("The model pauses its turn; Breakwater asks it to go on.")},
        {tr("Unknown stop"), QStringLiteral("stop:reason=tea_break:after=8"),
         tr("A stop reason Breakwater does not know: shown by name.")},
        {tr("Redacted thinking"), QStringLiteral("redacted-thinking"),
         tr("A thinking block the service encrypted; kept and sent back, not shown.")},
        {tr("Healthy"), QString(), tr("Forget queued faults: the next requests succeed.")},
    };
    auto *grid = new QGridLayout;
    for (int i = 0; i < faults.size(); ++i) {
        auto *button = new QPushButton(faults[i].label, this);
        button->setToolTip(faults[i].help);
        button->setAccessibleName(faults[i].label);
        button->setAccessibleDescription(faults[i].help);
        const QString script = faults[i].script;
        connect(button, &QPushButton::clicked, this, [this, script] { inject(script); });
        grid->addWidget(button, i / 2, i % 2);
    }
    // Overload is per model: one model 529s while the others answer (a fallback model in
    // Settings → Chat takes over).
    m_overload = new QPushButton(tr("Overload this model"), this);
    m_overload->setCheckable(true);
    m_overload->setToolTip(tr("Every request to the chosen model gets 529 while the other models "
                              "answer. With a fallback model in Settings → Chat, the answer goes "
                              "to it."));
    m_overload->setAccessibleName(tr("Overload this model"));
    connect(m_overload, &QPushButton::clicked, this,
            [this](bool on) { overloadModel(on && m_session ? m_session->model() : QString()); });
    grid->addWidget(m_overload, int(faults.size()) / 2, int(faults.size()) % 2);
    layout->addLayout(grid);
    m_queue->setWordWrap(true);
    layout->addWidget(m_queue);
    auto *logTitle = new QLabel(tr("Requests the simulator answered:"), this);
    layout->addWidget(logTitle);
    m_log->setAccessibleName(tr("Simulator log"));
    layout->addWidget(m_log, 1);

    if (m_sim) {
        connect(m_sim, &sim::ApiSimulator::requestHandled, this,
                [this](const QString &path, const QString &behaviour, int status) {
                    if (path != u"/v1/messages")
                        return;
                    const QString line =
                        QStringLiteral("%1  %2  %3")
                            .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")),
                                 status ? QString::number(status) : tr("no answer"), behaviour);
                    m_log->insertItem(0, line);
                    while (m_log->count() > 200)
                        delete m_log->takeItem(m_log->count() - 1);
                    refreshQueue();
                });
    }
    refreshQueue();
}

void SimulatorPanel::inject(const QString &script)
{
    if (!m_sim)
        return;
    if (script.isEmpty()) {
        m_sim->setScript({});
        overloadModel(QString());
    } else if (const auto list = sim::SimBehaviour::parseScript(script)) {
        m_sim->appendScript(*list);
    }
    refreshQueue();
}

void SimulatorPanel::setSession(ChatSession *session)
{
    m_session = session;
}

void SimulatorPanel::overloadModel(const QString &model)
{
    if (!m_sim)
        return;
    m_sim->config().modelFaults.clear();
    if (!model.isEmpty())
        m_sim->config().modelFaults.insert(model, QStringLiteral("529"));
    m_overload->setChecked(!model.isEmpty());
    m_overload->setText(model.isEmpty() ? tr("Overload this model")
                                        : tr("Overloaded: %1").arg(model));
    refreshQueue();
}

QString SimulatorPanel::queueText() const
{
    return m_queue->text();
}

void SimulatorPanel::refreshQueue()
{
    if (!m_sim || m_sim->scriptRemaining() == 0) {
        m_queue->setText(m_sim && !m_sim->config().modelFaults.isEmpty()
                             ? tr("Next requests: healthy, except to %1 (overloaded).")
                                   .arg(m_sim->config().modelFaults.firstKey())
                             : tr("Next requests: healthy."));
        return;
    }
    m_queue->setText(tr("Next requests: %n scripted fault(s), then healthy.", nullptr,
                        int(m_sim->scriptRemaining())));
}

} // namespace bw::ui
