#include "settingsstore.h"

#include "api/anthropicclient.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace bw {

namespace {

// Reads one value: unset keeps the default; a bad value keeps it too, with a sentence.
class Reader
{
    Q_DECLARE_TR_FUNCTIONS(bw::SettingsStore)

public:
    Reader(const QSettings &s, QStringList *problems)
        : m_s(s)
        , m_problems(problems)
    {}

    template<typename T>
    void integer(const QString &key, T &field, qint64 min, qint64 max) const
    {
        if (!m_s.contains(key))
            return;
        const QString raw = m_s.value(key).toString();
        bool ok = false;
        const qint64 v = raw.trimmed().toLongLong(&ok);
        if (!ok || v < min || v > max) {
            report(key, raw, tr("a whole number from %1 to %2").arg(min).arg(max),
                   QString::number(field));
            return;
        }
        field = T(v);
    }

    void text(const QString &key, QString &field) const
    {
        if (m_s.contains(key))
            field = m_s.value(key).toString();
    }

    void boolean(const QString &key, bool &field) const
    {
        if (!m_s.contains(key))
            return;
        const QString raw = m_s.value(key).toString().toLower();
        if (raw == u"true" || raw == u"1")
            field = true;
        else if (raw == u"false" || raw == u"0")
            field = false;
        else
            report(key, raw, tr("true or false"),
                   field ? QStringLiteral("true") : QStringLiteral("false"));
    }

    // An amount of USD; empty or 0 is none.
    void money(const QString &key, double &field, double max) const
    {
        if (!m_s.contains(key))
            return;
        // "0,3" unquoted (a decimal comma) reads as a list, whose toString() is empty: that
        // turned the budget off silently. Taken as the text it was, it is reported.
        const QVariant value = m_s.value(key);
        const QString raw =
            (value.typeId() == QMetaType::QStringList ? value.toStringList().join(QLatin1Char(','))
                                                      : value.toString())
                .trimmed();
        if (raw.isEmpty()) {
            field = 0;
            return;
        }
        bool ok = false;
        const double v = raw.toDouble(&ok);
        if (!ok || !(v >= 0 && v <= max)) { // NaN too
            report(key, raw, tr("an amount of USD from 0 (none) to %1").arg(max, 0, 'f', 0),
                   QString::number(field));
            return;
        }
        field = v;
    }

    void choice(const QString &key, QString &field, const QStringList &allowed) const
    {
        if (!m_s.contains(key))
            return;
        const QString raw = m_s.value(key).toString();
        if (!allowed.contains(raw)) {
            report(key, raw, tr("one of %1").arg(allowed.join(QStringLiteral(", "))), field);
            return;
        }
        field = raw;
    }

    void url(const QString &key, QUrl &field, bool allowInsecure) const
    {
        if (!m_s.contains(key))
            return;
        const QString raw = m_s.value(key).toString();
        const QUrl u(raw, QUrl::StrictMode);
        if (const QString problem = AnthropicClient::checkBaseUrl(u, allowInsecure);
            !problem.isEmpty()) {
            if (m_problems)
                *m_problems << tr("Setting %1: %2; using %3.").arg(key, problem, field.toString());
            return;
        }
        field = u;
    }

private:
    void report(const QString &key, const QString &raw, const QString &expected,
                const QString &fallback) const
    {
        if (m_problems)
            *m_problems << tr("Setting %1 is '%2', but it must be %3; using %4.")
                               .arg(key, raw, expected, fallback);
    }

    const QSettings &m_s;
    QStringList *m_problems;
};

QString profileKey(const QString &profile, const char *name)
{
    return QStringLiteral("profiles/") + profile + QLatin1Char('/') + QLatin1String(name);
}

constexpr qint64 kHour = 3'600'000;

// The profile's fallback models and mode. The list is one comma-separated string; a hand-edited
// file may hold it unquoted, which QSettings reads as a list.
void readFallback(const QSettings &s, const QString &profile, FallbackPolicy &fallback,
                  QStringList *problems)
{
    const Reader r(s, problems);
    QString mode = FallbackPolicy::modeName(fallback.mode);
    r.choice(profileKey(profile, "fallbackMode"), mode,
             {FallbackPolicy::modeName(FallbackPolicy::Mode::Automatic),
              FallbackPolicy::modeName(FallbackPolicy::Mode::Ask),
              FallbackPolicy::modeName(FallbackPolicy::Mode::Never)});
    fallback.mode = FallbackPolicy::modeFromName(mode).value_or(fallback.mode);
    const QString key = profileKey(profile, "fallbackModels");
    if (!s.contains(key))
        return;
    const QVariant v = s.value(key);
    const QStringList raw = v.typeId() == QMetaType::QStringList
                                ? v.toStringList()
                                : v.toString().split(QLatin1Char(','));
    QStringList rejected;
    fallback.models = FallbackPolicy::cleaned(raw, &rejected);
    if (!rejected.isEmpty() && problems)
        *problems << QCoreApplication::translate("bw::SettingsStore",
                                                 "Setting %1 names '%2', which is not a model id; "
                                                 "it is left out.")
                         .arg(key, rejected.join(QStringLiteral("', '")).left(200));
    if (fallback.models.size() > FallbackPolicy::kMaxModels) {
        if (problems)
            *problems << QCoreApplication::translate("bw::SettingsStore",
                                                     "Setting %1 names %2 models, but at most %3 "
                                                     "are tried; the first %3 are used.")
                             .arg(key)
                             .arg(fallback.models.size())
                             .arg(FallbackPolicy::kMaxModels);
        fallback.models = fallback.models.mid(0, FallbackPolicy::kMaxModels);
    }
}

} // namespace

void restrictNewFilesToOwner()
{
#ifdef Q_OS_UNIX
    ::umask(S_IRWXG | S_IRWXO);
#endif
}

SettingsStore::SettingsStore(QString filePath)
    : m_path(std::move(filePath))
{}

QString SettingsStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/breakwater/settings.ini");
}

bool SettingsStore::isValidProfileName(const QString &name)
{
    if (name.isEmpty() || name.size() > 40)
        return false;
    for (QChar c : name) {
        if (!(c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.'))
            return false;
    }
    return true;
}

bool SettingsStore::prepareFile(QString *error) const
{
    // Owner-only from the start: QSettings replaces the file through QSaveFile, which keeps an
    // existing file's permissions.
    const QFileInfo info(m_path);
    QDir dir = info.dir();
    if (!dir.exists() && !dir.mkpath(QStringLiteral("."))) {
        if (error)
            *error = tr("cannot create the folder %1").arg(dir.path());
        return false;
    }
    QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    if (!info.exists()) {
        QFile f(m_path);
        if (!f.open(QIODevice::WriteOnly)) {
            if (error)
                *error = tr("cannot create %1: %2").arg(m_path, f.errorString());
            return false;
        }
    }
    QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
    return true;
}

QStringList SettingsStore::profiles() const
{
    QSettings s(m_path, QSettings::IniFormat);
    s.beginGroup(QStringLiteral("profiles"));
    QStringList list = s.childGroups();
    s.endGroup();
    if (!list.contains(QLatin1String(EngineSettings::kDefaultProfile)))
        list.prepend(QLatin1String(EngineSettings::kDefaultProfile));
    list.removeIf([](const QString &p) { return !isValidProfileName(p); });
    return list;
}

QString SettingsStore::currentProfile() const
{
    const QSettings s(m_path, QSettings::IniFormat);
    const QString p = s.value(QStringLiteral("general/currentProfile")).toString();
    return isValidProfileName(p) ? p : QLatin1String(EngineSettings::kDefaultProfile);
}

void SettingsStore::setCurrentProfile(const QString &profile)
{
    if (!isValidProfileName(profile) || !prepareFile(nullptr))
        return;
    QSettings s(m_path, QSettings::IniFormat);
    s.setValue(QStringLiteral("general/currentProfile"), profile);
}

bool SettingsStore::removeProfile(const QString &profile)
{
    if (!isValidProfileName(profile) || profile == QLatin1String(EngineSettings::kDefaultProfile))
        return false;
    QSettings s(m_path, QSettings::IniFormat);
    s.remove(QStringLiteral("profiles/") + profile);
    if (currentProfile() == profile)
        s.setValue(QStringLiteral("general/currentProfile"),
                   QLatin1String(EngineSettings::kDefaultProfile));
    return true;
}

EngineSettings SettingsStore::load(const QString &requested, QStringList *problems) const
{
    EngineSettings e;
    const QSettings s(m_path, QSettings::IniFormat);
    if (s.status() == QSettings::FormatError && problems)
        *problems << tr("The settings file %1 could not be read; using defaults.").arg(m_path);
    e.profile = requested.isEmpty() ? currentProfile() : requested;
    const Reader r(s, problems);

    r.boolean(profileKey(e.profile, "allowInsecure"), e.allowInsecure);
    r.url(profileKey(e.profile, "baseUrl"), e.baseUrl, e.allowInsecure);
    r.text(profileKey(e.profile, "apiVersion"), e.apiVersion);
    if (e.apiVersion.trimmed().isEmpty())
        e.apiVersion = QLatin1String(ApiVersions::kCurrent);
    QString cache = e.promptCache.toString();
    r.text(profileKey(e.profile, "promptCache"), cache);
    if (!PromptCache::parse(cache, e.promptCache) && problems)
        *problems << tr("Setting %1 is '%2', which is not off, 5m or 1h; using 5m.")
                         .arg(profileKey(e.profile, "promptCache"), cache);
    SpendBudgets &b = e.budgets;
    r.money(profileKey(e.profile, "budgetDayUsd"), b.dayUsd, SpendBudgets::kLargestUsd);
    r.money(profileKey(e.profile, "budgetMonthUsd"), b.monthUsd, SpendBudgets::kLargestUsd);
    r.money(profileKey(e.profile, "budgetConversationUsd"), b.conversationUsd,
            SpendBudgets::kLargestUsd);

    r.text(QStringLiteral("chat/model"), e.model);
    if (e.model.trimmed().isEmpty())
        e.model = QLatin1String(ModelIds::kDefaultChat);
    r.integer(QStringLiteral("chat/maxTokens"), e.maxTokens, 0, 1'000'000);
    // 4,096 was the default before the limit came from the model: a file that never chose
    // another gets the model's largest now.
    if (e.maxTokens == 4096 && !s.contains(QStringLiteral("chat/maxTokensChosen")))
        e.maxTokens = 0;
    QString thinking = e.thinking.toString();
    r.text(QStringLiteral("chat/thinking"), thinking);
    if (!ThinkingConfig::parse(thinking, e.thinking) && problems)
        *problems << tr("Setting chat/thinking is '%1', which is not off, adaptive, default or a "
                        "budget of at least 1024 tokens; using the model's default.")
                         .arg(thinking);
    r.choice(QStringLiteral("chat/effort"), e.thinking.effort,
             {QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high"),
              QStringLiteral("max")});
    r.text(QStringLiteral("chat/systemPrompt"), e.systemPrompt);

    RetryConfig &retry = e.guard.retry;
    r.integer(QStringLiteral("retry/maxAttempts"), retry.maxAttempts, 1, 100);
    r.integer(QStringLiteral("retry/baseDelayMs"), retry.baseDelayMs, 0, kHour);
    r.integer(QStringLiteral("retry/maxDelayMs"), retry.maxDelayMs, 0, kHour);
    r.integer(QStringLiteral("retry/maxRetryWaitMs"), retry.maxRetryWaitMs, 0, kHour);
    QString jitter = retry.jitter == RetryConfig::Jitter::Full ? QStringLiteral("full")
                                                               : QStringLiteral("equal");
    r.choice(QStringLiteral("retry/jitter"), jitter,
             {QStringLiteral("equal"), QStringLiteral("full")});
    retry.jitter = jitter == u"full" ? RetryConfig::Jitter::Full : RetryConfig::Jitter::Equal;
    if (retry.maxDelayMs < retry.baseDelayMs) {
        if (problems)
            *problems << tr("Setting retry/maxDelayMs is below retry/baseDelayMs; using the base "
                            "delay for both.");
        retry.maxDelayMs = retry.baseDelayMs;
    }

    r.integer(QStringLiteral("deadlines/headersMs"), e.guard.headersTimeoutMs, 0, kHour);
    r.integer(QStringLiteral("deadlines/idleMs"), e.guard.idleTimeoutMs, 0, kHour);
    r.integer(QStringLiteral("deadlines/totalMs"), e.guard.totalTimeoutMs, 0, 24 * kHour);

    r.integer(QStringLiteral("breaker/failureThreshold"), e.breaker.failureThreshold, 1, 1000);
    r.integer(QStringLiteral("breaker/recoveryMs"), e.breaker.recoveryMs, 0, kHour);
    r.integer(QStringLiteral("breaker/successThreshold"), e.breaker.successThreshold, 1, 100);
    r.integer(QStringLiteral("breaker/probeTimeoutMs"), e.breaker.probeTimeoutMs, 1000, kHour);

    CompressionSettings &c = e.compression;
    r.integer(QStringLiteral("compression/compressAtTokens"), c.compressAtTokens, 0, 10'000'000);
    if (c.compressAtTokens > 0 && c.compressAtTokens < 1000) {
        if (problems)
            *problems << tr(
                "Setting compression/compressAtTokens is below 1000; compression is off.");
        c.compressAtTokens = 0;
    }
    r.integer(QStringLiteral("compression/keepRecent"), c.keepRecent, 2, 1000);
    r.text(QStringLiteral("compression/summaryModel"), c.summaryModel);
    if (c.summaryModel.trimmed().isEmpty())
        c.summaryModel = QLatin1String(ModelIds::kDefaultSummary);
    r.integer(QStringLiteral("compression/contextWindowTokens"), c.contextWindowTokens, 1000,
              100'000'000);
    readFallback(s, e.profile, e.fallback, problems);
    return e;
}

bool SettingsStore::save(const EngineSettings &e, QString *error)
{
    if (!isValidProfileName(e.profile)) {
        if (error)
            *error = tr("'%1' is not a valid profile name (letters, digits, '-', '_' and '.')")
                         .arg(e.profile);
        return false;
    }
    if (!prepareFile(error))
        return false;
    QSettings s(m_path, QSettings::IniFormat);
    s.setValue(profileKey(e.profile, "baseUrl"), e.baseUrl.toString());
    s.setValue(profileKey(e.profile, "apiVersion"), e.apiVersion);
    s.setValue(profileKey(e.profile, "allowInsecure"), e.allowInsecure);
    s.setValue(profileKey(e.profile, "promptCache"), e.promptCache.toString());
    s.setValue(profileKey(e.profile, "budgetDayUsd"), e.budgets.dayUsd);
    s.setValue(profileKey(e.profile, "budgetMonthUsd"), e.budgets.monthUsd);
    s.setValue(profileKey(e.profile, "budgetConversationUsd"), e.budgets.conversationUsd);
    s.setValue(QStringLiteral("chat/model"), e.model);
    s.setValue(QStringLiteral("chat/maxTokens"), e.maxTokens);
    s.setValue(QStringLiteral("chat/maxTokensChosen"), true);
    s.setValue(QStringLiteral("chat/thinking"), e.thinking.toString());
    s.setValue(QStringLiteral("chat/effort"), e.thinking.effort);
    s.setValue(QStringLiteral("chat/systemPrompt"), e.systemPrompt);
    const RetryConfig &retry = e.guard.retry;
    s.setValue(QStringLiteral("retry/maxAttempts"), retry.maxAttempts);
    s.setValue(QStringLiteral("retry/baseDelayMs"), retry.baseDelayMs);
    s.setValue(QStringLiteral("retry/maxDelayMs"), retry.maxDelayMs);
    s.setValue(QStringLiteral("retry/maxRetryWaitMs"), retry.maxRetryWaitMs);
    s.setValue(QStringLiteral("retry/jitter"), retry.jitter == RetryConfig::Jitter::Full
                                                   ? QStringLiteral("full")
                                                   : QStringLiteral("equal"));
    s.setValue(QStringLiteral("deadlines/headersMs"), e.guard.headersTimeoutMs);
    s.setValue(QStringLiteral("deadlines/idleMs"), e.guard.idleTimeoutMs);
    s.setValue(QStringLiteral("deadlines/totalMs"), e.guard.totalTimeoutMs);
    s.setValue(QStringLiteral("breaker/failureThreshold"), e.breaker.failureThreshold);
    s.setValue(QStringLiteral("breaker/recoveryMs"), e.breaker.recoveryMs);
    s.setValue(QStringLiteral("breaker/successThreshold"), e.breaker.successThreshold);
    s.setValue(QStringLiteral("breaker/probeTimeoutMs"), e.breaker.probeTimeoutMs);
    s.setValue(QStringLiteral("compression/compressAtTokens"), e.compression.compressAtTokens);
    s.setValue(QStringLiteral("compression/keepRecent"), e.compression.keepRecent);
    s.setValue(QStringLiteral("compression/summaryModel"), e.compression.summaryModel);
    s.setValue(QStringLiteral("compression/contextWindowTokens"),
               e.compression.contextWindowTokens);
    s.setValue(profileKey(e.profile, "fallbackMode"), FallbackPolicy::modeName(e.fallback.mode));
    // One comma-separated string (ids have no commas): an INI list would read back as text.
    s.setValue(profileKey(e.profile, "fallbackModels"),
               FallbackPolicy::cleaned(e.fallback.models).join(QLatin1Char(',')));
    s.sync();
    if (s.status() != QSettings::NoError) {
        if (error)
            *error = tr("could not write %1").arg(m_path);
        return false;
    }
    return true;
}

Appearance SettingsStore::appearance(QStringList *problems) const
{
    Appearance a;
    const QSettings s(m_path, QSettings::IniFormat);
    const Reader r(s, problems);
    r.choice(QStringLiteral("appearance/theme"), a.theme,
             {QStringLiteral("system"), QStringLiteral("light"), QStringLiteral("dark")});
    r.integer(QStringLiteral("appearance/fontPointSize"), a.fontPointSize, 0, 72);
    return a;
}

bool SettingsStore::setAppearance(const Appearance &a, QString *error)
{
    if (!prepareFile(error))
        return false;
    QSettings s(m_path, QSettings::IniFormat);
    s.setValue(QStringLiteral("appearance/theme"), a.theme);
    s.setValue(QStringLiteral("appearance/fontPointSize"), a.fontPointSize);
    s.sync();
    return s.status() == QSettings::NoError;
}

} // namespace bw

namespace bw {

QVariant SettingsStore::uiValue(const QString &key) const
{
    const QSettings s(m_path, QSettings::IniFormat);
    return s.value(QStringLiteral("window/") + key);
}

void SettingsStore::setUiValue(const QString &key, const QVariant &value)
{
    if (!prepareFile(nullptr))
        return;
    QSettings s(m_path, QSettings::IniFormat);
    s.setValue(QStringLiteral("window/") + key, value);
}

} // namespace bw
