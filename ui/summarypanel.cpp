#include "summarypanel.h"

#include "chat/chatsession.h"
#include "chat/contextcompressor.h"
#include "chat/conversation.h"
#include "chat/pricetable.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace bw::ui {

SummaryPanel::SummaryPanel(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_settings(new QLabel(this))
    , m_cache(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
    , m_compress(new QPushButton(tr("Compress now"), this))
    , m_edit(new QPushButton(tr("Edit"), this))
    , m_clear(new QPushButton(tr("Clear"), this))
{
    setAccessibleName(tr("Conversation summary"));
    auto *layout = new QVBoxLayout(this);
    for (QLabel *l : {m_status, m_settings, m_cache, m_problem}) {
        l->setWordWrap(true);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(l);
    }
    m_settings->setForegroundRole(QPalette::PlaceholderText);
    QPalette warn = m_problem->palette();
    warn.setColor(QPalette::WindowText, QColor(0xd3, 0x2f, 0x2f));
    m_problem->setPalette(warn);
    m_problem->hide();
    m_text->setReadOnly(true);
    m_text->setAccessibleName(tr("Summary text"));
    layout->addWidget(m_text, 1);
    auto *buttons = new QHBoxLayout;
    m_compress->setToolTip(
        tr("Fold the older turns into the summary now, whatever the size of the conversation "
           "(with prompt caching on, the next request writes the cached prompt again)"));
    m_edit->setToolTip(tr("Correct the summary by hand"));
    m_clear->setToolTip(tr("Forget the summary: the whole conversation is sent again"));
    buttons->addWidget(m_compress);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_clear);
    buttons->addStretch();
    layout->addLayout(buttons);

    connect(m_compress, &QPushButton::clicked, this, &SummaryPanel::compressNow);
    connect(m_edit, &QPushButton::clicked, this, [this] {
        if (!m_editing) {
            setEditing(true);
            return;
        }
        ConversationSummary s = m_conversation->summary();
        s.text = m_text->toPlainText().trimmed();
        setEditing(false);
        if (s.text.isEmpty())
            m_conversation->setSummary({});
        else
            m_conversation->setSummary(s);
    });
    connect(m_clear, &QPushButton::clicked, this, [this] {
        if (m_conversation)
            m_conversation->setSummary({});
    });
    refresh();
}

void SummaryPanel::setConversation(Conversation *conversation)
{
    if (m_conversation)
        m_conversation->disconnect(this);
    m_conversation = conversation;
    m_problem->hide();
    setEditing(false);
    if (conversation) {
        connect(conversation, &Conversation::summaryChanged, this, &SummaryPanel::refresh);
        connect(conversation, &Conversation::messageAppended, this, &SummaryPanel::refresh);
        connect(conversation, &Conversation::pathChanged, this, &SummaryPanel::refresh);
    }
    refresh();
}

void SummaryPanel::setSession(ChatSession *session)
{
    if (m_session)
        m_session->disconnect(this);
    if (m_compressor)
        m_compressor->disconnect(this);
    m_session = session;
    m_compressor = session ? session->compressor() : nullptr;
    if (session) {
        connect(session, &ChatSession::busyChanged, this, &SummaryPanel::refresh);
        if (ContextCompressor *c = m_compressor) {
            connect(c, &ContextCompressor::compressing, this, [this] {
                m_working = true;
                m_problem->hide();
                refresh();
            });
            connect(c, &ContextCompressor::compressed, this, [this] {
                m_working = false;
                refresh();
            });
            connect(c, &ContextCompressor::compressionFailed, this, [this](const QString &message) {
                m_working = false;
                showProblem(message);
            });
        }
    }
    refresh();
}

void SummaryPanel::showProblem(const QString &message)
{
    m_problem->setText(message);
    m_problem->setVisible(!message.isEmpty());
    refresh();
}

void SummaryPanel::compressNow()
{
    if (!m_session || !m_session->compressor() || !m_conversation || m_session->isBusy())
        return;
    QPointer<SummaryPanel> self(this); // the compressor outlives the window
    m_session->compressor()->compressNow(m_conversation,
                                         [self](const ContextCompressor::Outcome &) {
                                             if (self)
                                                 self->refresh();
                                         });
}

QString SummaryPanel::statusText() const
{
    return m_status->text();
}

QString SummaryPanel::cacheNoteText() const
{
    return m_cache->isVisibleTo(this) ? m_cache->text() : QString();
}

QString SummaryPanel::summaryText() const
{
    return m_text->toPlainText();
}

void SummaryPanel::setEditing(bool editing)
{
    m_editing = editing;
    m_text->setReadOnly(!editing);
    m_edit->setText(editing ? tr("Save") : tr("Edit"));
    if (editing)
        m_text->setFocus();
    else
        refresh();
}

void SummaryPanel::refreshCacheNote(const ContextCompressor *compressor,
                                    const CompressionSettings &settings)
{
    // Every compression changes the start of the prompt: the cached prefix is written again
    // once, at the write price, instead of read at a tenth of the input price.
    const bool caching = m_session && m_session->promptCache().enabled();
    if (!caching || !compressor || !settings.enabled() || !m_conversation) {
        m_cache->hide();
        return;
    }
    const QLocale l;
    const int end = m_conversation->count();
    const qint64 now = ContextCompressor::estimateTokens(*m_conversation, end);
    const int foldTo = compressor->foldEnd(*m_conversation, end);
    const qint64 rewrite = compressor->estimateAfterFold(*m_conversation, end, foldTo);
    QString price;
    if (const PriceTable *prices = m_session->prices()) {
        Usage write;
        write.cacheCreationInputTokens = rewrite;
        if (m_session->promptCache().ttl == PromptCache::Ttl::OneHour)
            write.cacheCreation1hInputTokens = rewrite;
        if (const double usd = prices->cost(m_session->model(), write); usd > 0)
            price = tr(" (about $%1)").arg(l.toString(usd, 'f', 4));
    }
    // Within a tenth of the threshold, the next message is likely to pass it.
    const bool soon = now >= settings.compressAtTokens * 9 / 10;
    m_cache->setForegroundRole(soon ? QPalette::Text : QPalette::PlaceholderText);
    m_cache->setText(
        soon ? tr("The next message is likely to compress the conversation (now about %1 of %2 "
                  "tokens): the cached prompt is then written again, about %3 tokens at the "
                  "cache write price%4. Later messages read it from the cache again.")
                   .arg(l.toString(now), l.toString(settings.compressAtTokens), l.toString(rewrite),
                        price)
             : tr("The prompt is cached. Compressing (at %1 tokens; now about %2) rewrites it "
                  "once, about %3 tokens at the cache write price%4; until then each request "
                  "reads the conversation from the cache.")
                   .arg(l.toString(settings.compressAtTokens), l.toString(now), l.toString(rewrite),
                        price));
    m_cache->show();
}

void SummaryPanel::refresh()
{
    const QLocale l;
    const ContextCompressor *compressor = m_session ? m_session->compressor() : nullptr;
    const CompressionSettings settings =
        compressor ? compressor->settings() : CompressionSettings{};
    m_settings->setText(
        compressor && settings.enabled()
            ? tr("Compression is on: at %1 tokens of context, all but the %n most recent "
                 "message(s) are "
                 "summarised by %2.",
                 nullptr, settings.keepRecent)
                  .arg(l.toString(settings.compressAtTokens), settings.summaryModel)
            : tr("Compression is off: every turn of the conversation is sent with each request."));
    refreshCacheNote(compressor, settings);
    const bool has = m_conversation && !m_conversation->summary().isEmpty();
    if (m_working)
        m_status->setText(tr("Writing a summary…"));
    else if (!has)
        m_status->setText(tr("No summary yet: every message is sent as it is."));
    else {
        const ConversationSummary &s = m_conversation->summary();
        QString text =
            tr("%n earlier message(s) summarised by %1", nullptr, s.coveredMessages).arg(s.model);
        if (s.createdAt.isValid())
            text += tr(" (%1)").arg(l.toString(s.createdAt.toLocalTime(), QLocale::ShortFormat));
        if (s.tokensBefore > s.tokensAfter && s.tokensAfter > 0)
            text += tr(": about %1 → %2 tokens of context, %3 saved per request.")
                        .arg(l.toString(s.tokensBefore), l.toString(s.tokensAfter),
                             l.toString(s.tokensBefore - s.tokensAfter));
        else
            text += QLatin1Char('.');
        m_status->setText(text);
    }
    if (!m_editing)
        m_text->setPlainText(has ? m_conversation->summary().text : QString());
    m_text->setVisible(has || m_editing);
    const bool idle = m_session && !m_session->isBusy() && !m_working;
    m_compress->setEnabled(idle && compressor && m_conversation &&
                           compressor->foldEnd(*m_conversation, m_conversation->count()) >= 0);
    m_edit->setEnabled(has && idle);
    m_clear->setEnabled(has && idle && !m_editing);
}

} // namespace bw::ui
