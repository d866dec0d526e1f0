#include "autosaver.h"

#include "conversation.h"
#include "conversationstore.h"
#include "logging.h"

#include <QCoreApplication>

namespace bw {

Autosaver::Autosaver(ConversationStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_pool.setMaxThreadCount(1); // one writer: saves happen in the order they were asked for
    m_pool.setExpiryTimeout(-1);
    m_streamingTimer.setSingleShot(true);
    m_streamingTimer.setInterval(kStreamingSaveMs);
    m_soonTimer.setSingleShot(true);
    m_soonTimer.setInterval(kSoonMs);
    connect(&m_streamingTimer, &QTimer::timeout, this, &Autosaver::saveLater);
    connect(&m_soonTimer, &QTimer::timeout, this, &Autosaver::saveLater);
}

Autosaver::~Autosaver()
{
    if (m_conversation && (m_streamingTimer.isActive() || m_soonTimer.isActive()))
        saveLater();
    flush();
}

Conversation *Autosaver::conversation() const
{
    return m_conversation;
}

QString Autosaver::path() const
{
    if (!m_path.isEmpty() || !m_conversation)
        return m_path;
    return m_store->pathFor(m_conversation->id());
}

void Autosaver::setConversation(Conversation *conversation, const QString &path)
{
    if (m_conversation) {
        if (m_streamingTimer.isActive() || m_soonTimer.isActive())
            saveLater();
        m_conversation->disconnect(this);
    }
    m_streamingTimer.stop();
    m_soonTimer.stop();
    m_conversation = conversation;
    m_path = path;
    if (!conversation)
        return;
    connect(conversation, &Conversation::messageAppended, this, [this](int index) {
        // The prompt is on disk before the request carrying it goes out.
        if (m_conversation->at(index).isUser())
            saveNow();
        else if (!m_soonTimer.isActive())
            m_soonTimer.start();
    });
    connect(conversation, &Conversation::textAppended, this, [this] {
        if (!m_streamingTimer.isActive())
            m_streamingTimer.start();
    });
    for (auto signal : {&Conversation::messageChanged, &Conversation::messageRemoved}) {
        connect(conversation, signal, this, [this] {
            if (!m_soonTimer.isActive())
                m_soonTimer.start();
        });
    }
    connect(conversation, &Conversation::titleChanged, this, [this] {
        if (!m_soonTimer.isActive() && !m_conversation->isEmpty())
            m_soonTimer.start();
    });
    connect(conversation, &Conversation::summaryChanged, this, [this] {
        if (!m_soonTimer.isActive())
            m_soonTimer.start();
    });
}

bool Autosaver::saveNow(QString *error)
{
    if (!m_conversation)
        return false;
    m_streamingTimer.stop();
    m_soonTimer.stop();
    QString problem;
    const bool ok =
        m_store->save(ConversationData::of(*m_conversation), m_path, ++m_sequence, &problem);
    if (ok) {
        ++m_written;
        Q_EMIT saved(path());
    } else {
        qCWarning(lcChat) << "save failed:" << problem;
        Q_EMIT saveFailed(problem);
        if (error)
            *error = problem;
    }
    return ok;
}

void Autosaver::saveLater()
{
    if (!m_conversation)
        return;
    m_streamingTimer.stop();
    m_soonTimer.stop();
    const ConversationData snapshot = ConversationData::of(*m_conversation); // cheap: shared data
    const QString target = m_path;
    const QString shown = path();
    const quint64 sequence = ++m_sequence;
    QPointer<Autosaver> self(this);
    m_pool.start([this, self, snapshot, target, shown, sequence] {
        QString problem;
        const bool ok = m_store->save(snapshot, target, sequence, &problem);
        if (ok)
            ++m_written;
        QMetaObject::invokeMethod(
            qApp,
            [self, ok, problem, shown] {
                if (!self)
                    return;
                if (ok)
                    Q_EMIT self->saved(shown);
                else
                    Q_EMIT self->saveFailed(problem);
            },
            Qt::QueuedConnection);
    });
}

void Autosaver::flush()
{
    m_pool.waitForDone();
}

} // namespace bw
