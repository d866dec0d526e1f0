#include "spendmeter.h"

#include "base/clock.h"
#include "base/logging.h"
#include "pricetable.h"
#include "storagequeue.h"
#include "usageledger.h"

#include <QMutex>
#include <QRegularExpression>

namespace bw {

void SpendIndex::add(const UsageRecord &record, LocalDays &days)
{
    byProfileDay[record.profile][days.dayOf(record.time)] += record.costUsd;
    if (!record.conversationId.isEmpty())
        byConversation[record.conversationId] += record.costUsd;
}

void SpendIndex::merge(const SpendIndex &other)
{
    for (auto p = other.byProfileDay.cbegin(); p != other.byProfileDay.cend(); ++p) {
        QHash<QDate, double> &days = byProfileDay[p.key()];
        for (auto d = p.value().cbegin(); d != p.value().cend(); ++d)
            days[d.key()] += d.value();
    }
    for (auto c = other.byConversation.cbegin(); c != other.byConversation.cend(); ++c)
        byConversation[c.key()] += c.value();
}

double SpendIndex::day(const QString &profile, QDate day) const
{
    return byProfileDay.value(profile).value(day);
}

double SpendIndex::month(const QString &profile, QDate day) const
{
    const QHash<QDate, double> days = byProfileDay.value(profile);
    double sum = 0;
    for (auto d = days.cbegin(); d != days.cend(); ++d) {
        if (LocalDays::isThisMonth(d.key(), day))
            sum += d.value();
    }
    return sum;
}

double SpendIndex::conversation(const QString &id) const
{
    return id.isEmpty() ? 0 : byConversation.value(id);
}

// The ledger as the storage thread reads it: where the last read ended. Tasks run one after
// another in the order they were queued; the mutex keeps it safe all the same.
struct SpendMeter::Cursor
{
    explicit Cursor(const QString &path)
        : ledger(path)
    {}
    UsageLedger ledger;
    QMutex mutex;
    qint64 offset = 0;
};

// What one task found in the ledger.
struct SpendMeter::Delta
{
    std::shared_ptr<Cursor> cursor;
    SpendIndex index;
    bool whole = false; // `index` is the whole ledger: it replaces what was known
    int damaged = 0;
    quint64 serial = 0;  // the record it appended (0: none)
    QString appendError; // it could not be appended
    bool read = false;   // the ledger was read
    QString readError;
};

namespace {

// Reads what was appended since the cursor's offset (everything after a restart).
template<typename Cursor, typename Delta>
void catchUp(Cursor &cursor, Delta &delta)
{
    LocalDays days;
    SpendIndex index;
    const UsageLedger::Read r = cursor.ledger.read(
        cursor.offset, [&](const UsageRecord &record) { index.add(record, days); },
        UsageLedger::LastLine::Pending);
    delta.read = true;
    if (!r.error.isEmpty()) {
        delta.readError = r.error;
        return;
    }
    delta.whole = r.restarted || (r.missing && cursor.offset > 0) || cursor.offset == 0;
    delta.index = std::move(index);
    delta.damaged = r.damaged;
    cursor.offset = r.end;
}

} // namespace

SpendMeter::SpendMeter(Clock *clock, const PriceTable *prices, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_prices(prices)
{}

SpendMeter::~SpendMeter() = default;

void SpendMeter::setLedger(const QString &path, StorageQueue *queue)
{
    if (path == m_path && queue == m_queue && m_cursor)
        return;
    m_path = path;
    m_queue = queue;
    m_cursor = std::make_shared<Cursor>(path);
    m_index = {};
    m_unrecorded = {}; // spend of another ledger
    m_pending.clear(); // they went to the ledger before
    m_damaged = 0;
    m_loaded = false;
    m_reading = false;
    m_readError.clear();
    if (!m_queue)
        return; // read when a budget needs it
    readInBackground(true);
}

void SpendMeter::readInBackground(bool fromStart)
{
    m_reading = true;
    std::shared_ptr<Cursor> cursor = m_cursor;
    m_queue->run<Delta>(
        [cursor, fromStart] {
            QMutexLocker lock(&cursor->mutex);
            Delta d;
            d.cursor = cursor;
            if (fromStart)
                cursor->offset = 0;
            catchUp(*cursor, d);
            return d;
        },
        this,
        [this](const Delta &d) {
            if (d.cursor == m_cursor)
                m_reading = false;
            apply(d);
        },
        // In order with the appends (a read queued as such could run after them).
        StorageQueue::Kind::Write);
}

void SpendMeter::whenLoaded(QObject *context, std::function<void()> then)
{
    if (canCheck()) {
        then();
        return;
    }
    connect(this, &SpendMeter::loaded, context, std::move(then), Qt::SingleShotConnection);
}

void SpendMeter::apply(const Delta &d)
{
    if (d.cursor != m_cursor)
        return; // for a ledger no longer used
    if (d.serial) {
        // Read back (or failed): from now on it counts from the index.
        for (qsizetype i = 0; i < m_pending.size(); ++i) {
            if (m_pending[i].serial != d.serial)
                continue;
            // Not in the file: still spent. Kept apart, so that a whole-ledger read (which
            // replaces the index) cannot wipe it.
            if (!d.appendError.isEmpty())
                m_unrecorded.add(m_pending[i].record, m_days);
            m_pending.removeAt(i);
            break;
        }
    }
    const bool read = d.read && d.readError.isEmpty();
    if (read) {
        if (d.whole) {
            m_index = d.index;
            m_damaged = d.damaged;
        } else {
            m_index.merge(d.index);
            m_damaged += d.damaged;
        }
        m_readError.clear();
    }
    // Said once, not at every check that reads again.
    const bool newReadError = !d.readError.isEmpty() && d.readError != m_readError;
    if (!d.readError.isEmpty())
        m_readError = d.readError; // budgets cannot be checked until a read succeeds
    const bool first = !m_loaded && d.read;
    if (first)
        m_loaded = true;
    if (!d.appendError.isEmpty())
        Q_EMIT problem(tr("Usage was not recorded in the ledger: %1").arg(d.appendError));
    if (newReadError)
        Q_EMIT problem(tr("The usage ledger cannot be read: %1").arg(d.readError));
    if (first)
        Q_EMIT loaded();
}

bool SpendMeter::needsLedger() const
{
    return !(m_budgets.isEmpty() || m_ignoreProfileBudgets);
}

void SpendMeter::readOn()
{
    if (!m_cursor)
        return;
    if (!m_queue) {
        // At once: the whole ledger the first time, then what others appended since.
        Delta d;
        d.cursor = m_cursor;
        catchUp(*m_cursor, d);
        apply(d);
        return;
    }
    // In the background, for the next check: what another process (breakwater-cli) appended,
    // or the ledger again after it could not be read.
    if (m_reading)
        return; // a read is on its way
    readInBackground(false);
}

QDate SpendMeter::today()
{
    return m_days.dayOf(m_clock->wallNow());
}

QString SpendMeter::billedModel(const QString &served, const QString &requested)
{
    static const QRegularExpression plausible(QStringLiteral("^claude-[a-z0-9.@:_-]{1,80}$"));
    return plausible.match(served).hasMatch() ? served : requested;
}

double SpendMeter::cost(const QString &model, const Usage &usage, double priceFactor) const
{
    return m_prices ? m_prices->cost(model, usage) * priceFactor : 0;
}

double SpendMeter::record(const QString &model, const Usage &usage, const QString &conversationId,
                          UsageRecord::Source source, double priceFactor)
{
    if (usage.inputTokens <= 0 && usage.outputTokens <= 0 && usage.cacheCreationInputTokens <= 0 &&
        usage.cacheReadInputTokens <= 0)
        return 0; // nothing was billed
    UsageRecord r;
    r.time = m_clock->wallNow().toUTC();
    // As the ledger keeps them, so that what is read back counts under the same names.
    r.profile = UsageRecord::fitted(m_profile);
    r.model = UsageRecord::fitted(model);
    r.conversationId = UsageRecord::fitted(conversationId);
    r.source = source;
    r.usage = usage;
    r.usage.thinkingTokens = 0;
    r.costUsd = cost(model, usage, priceFactor);
    m_runSpent += r.costUsd;
    if (m_prices && !m_prices->priceFor(model) && (!m_budgets.isEmpty() || m_runBudget >= 0) &&
        !std::exchange(m_unpricedSaid[model], true))
        Q_EMIT problem(tr("No price is known for %1: its requests count $0 against your budgets "
                          "(prices can be added in %2).")
                           .arg(model, PriceTable::userFilePath()));
    qCDebug(lcChat) << "usage" << model << r.usage.inputTokens << r.usage.outputTokens << r.costUsd;
    if (!m_cursor) {
        Q_EMIT recorded(r);
        return r.costUsd;
    }
    const quint64 serial = ++m_serial;
    m_pending.append({serial, r});
    std::shared_ptr<Cursor> cursor = m_cursor;
    auto work = [cursor, r, serial, read = m_loaded || m_queue] {
        QMutexLocker lock(&cursor->mutex);
        Delta d;
        d.cursor = cursor;
        d.serial = serial;
        cursor->ledger.append(r, &d.appendError);
        if (read)
            catchUp(*cursor, d);
        return d;
    };
    if (m_queue)
        m_queue->run<Delta>(
            work, this, [this](const Delta &d) { apply(d); }, StorageQueue::Kind::Write);
    else
        apply(work());
    Q_EMIT recorded(r);
    return r.costUsd;
}

Spent SpendMeter::spent(const QString &id)
{
    const QString conversationId = UsageRecord::fitted(id);
    if (needsLedger())
        readOn();
    Spent s;
    const QDate day = today();
    s.today = m_index.day(m_profile, day) + m_unrecorded.day(m_profile, day);
    s.month = m_index.month(m_profile, day) + m_unrecorded.month(m_profile, day);
    s.conversation =
        m_index.conversation(conversationId) + m_unrecorded.conversation(conversationId);
    for (const Pending &p : std::as_const(m_pending)) {
        const QDate d = m_days.dayOf(p.record.time);
        if (p.record.profile == m_profile) {
            if (d == day)
                s.today += p.record.costUsd;
            if (LocalDays::isThisMonth(d, day))
                s.month += p.record.costUsd;
        }
        if (!conversationId.isEmpty() && p.record.conversationId == conversationId)
            s.conversation += p.record.costUsd;
    }
    s.run = m_runSpent;
    return s;
}

BudgetVerdict SpendMeter::check(const QString &conversationId, bool ignoreProfileBudgets)
{
    const bool ignore = ignoreProfileBudgets || m_ignoreProfileBudgets;
    if (ignore && m_runBudget < 0)
        return {};
    const Spent s = spent(conversationId);
    if (!ignore && !m_budgets.isEmpty() && !m_readError.isEmpty())
        return BudgetVerdict::unknown(m_readError);
    return BudgetVerdict::judge(s, ignore ? SpendBudgets{} : m_budgets, m_runBudget);
}

} // namespace bw
