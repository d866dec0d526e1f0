#include "settingsdialog.h"

#include "fallbackeditor.h"
#include "thinkingpicker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <cmath>

namespace bw::ui {

namespace {
QDoubleSpinBox *secondsBox(QWidget *parent, double max, const QString &name)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(0, max);
    box->setDecimals(2);
    box->setSingleStep(0.5);
    box->setSuffix(QStringLiteral(" s"));
    box->setAccessibleName(name);
    return box;
}

QSpinBox *intBox(QWidget *parent, int min, int max, const QString &name)
{
    auto *box = new QSpinBox(parent);
    box->setRange(min, max);
    box->setAccessibleName(name);
    return box;
}

QDoubleSpinBox *moneyBox(QWidget *parent, const QString &name)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(0, SpendBudgets::kLargestUsd);
    box->setDecimals(2);
    box->setSingleStep(1);
    box->setPrefix(QStringLiteral("$ "));
    box->setSpecialValueText(SettingsDialog::tr("No limit"));
    box->setAccessibleName(name);
    return box;
}

// Shows `usd` in cents, or with up to six decimals where cents would hide it (a hand-edited
// 0.004 read "No limit"), and remembers it: moneyOf() gives it back exactly unless edited.
void showMoney(QDoubleSpinBox *box, double usd)
{
    int decimals = 2;
    while (decimals < 6 && std::abs(usd * std::pow(10.0, decimals) -
                                    std::round(usd * std::pow(10.0, decimals))) > 1e-6)
        ++decimals;
    box->setDecimals(decimals);
    box->setValue(usd);
    box->setProperty("bwShownUsd", box->value());
    box->setProperty("bwStoredUsd", usd);
}

double moneyOf(const QDoubleSpinBox *box)
{
    return box->value() == box->property("bwShownUsd").toDouble()
               ? box->property("bwStoredUsd").toDouble()
               : box->value();
}

double toSeconds(qint64 ms)
{
    return double(ms) / 1000.0;
}

qint64 toMs(const QDoubleSpinBox *box)
{
    return qint64(std::llround(box->value() * 1000.0));
}
} // namespace

SettingsDialog::SettingsDialog(const EngineSettings &settings, const Appearance &appearance,
                               const QStringList &profiles, QWidget *parent)
    : QDialog(parent)
    , m_base(settings)
    , m_profile(new QComboBox(this))
    , m_keyStatus(new QLabel(this))
    , m_key(new QLineEdit(this))
    , m_baseUrl(new QLineEdit(this))
    , m_apiVersion(new QLineEdit(this))
    , m_insecure(new QCheckBox(tr("Allow plain http:// to hosts that are not this computer"), this))
    , m_promptCache(new QComboBox(this))
    , m_model(new QComboBox(this))
    , m_maxTokens(intBox(this, 0, 1'000'000, tr("Max tokens")))
    , m_thinking(new ThinkingPicker(this))
    , m_fallback(new FallbackEditor(this))
    , m_system(new QPlainTextEdit(this))
    , m_attempts(intBox(this, 1, 100, tr("Attempts")))
    , m_baseDelay(secondsBox(this, 3600, tr("First retry delay")))
    , m_maxDelay(secondsBox(this, 3600, tr("Longest backoff delay")))
    , m_maxRetryWait(secondsBox(this, 3600, tr("Longest server-requested wait")))
    , m_jitter(new QComboBox(this))
    , m_headers(secondsBox(this, 3600, tr("Time limit until headers")))
    , m_idle(secondsBox(this, 3600, tr("Idle time limit")))
    , m_total(secondsBox(this, 86400, tr("Total time limit")))
    , m_threshold(intBox(this, 1, 1000, tr("Failures that open the breaker")))
    , m_recovery(secondsBox(this, 3600, tr("Breaker recovery time")))
    , m_successes(intBox(this, 1, 100, tr("Successful probes to close")))
    , m_compressAt(intBox(this, 0, 10'000'000, tr("Compress at tokens")))
    , m_keepRecent(intBox(this, 2, 1000, tr("Messages kept word for word")))
    , m_summaryModel(new QComboBox(this))
    , m_budgetDay(moneyBox(this, tr("Daily budget")))
    , m_budgetMonth(moneyBox(this, tr("Monthly budget")))
    , m_budgetConversation(moneyBox(this, tr("Budget per conversation")))
    , m_budgetProfile(new QLabel(this))
    , m_theme(new QComboBox(this))
    , m_fontSize(intBox(this, 0, 72, tr("Font size")))
    , m_problems(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Settings"));
    auto *tabs = new QTabWidget(this);

    auto *connection = new QWidget;
    auto *cf = new QFormLayout(connection);
    auto *profileRow = new QHBoxLayout;
    m_profile->addItems(profiles);
    m_profile->setAccessibleName(tr("Profile"));
    auto *newProfile = new QPushButton(tr("New…"), this);
    newProfile->setAccessibleName(tr("New profile"));
    profileRow->addWidget(m_profile, 1);
    profileRow->addWidget(newProfile);
    auto *profileLabel = new QLabel(tr("&Profile:"), this);
    profileLabel->setBuddy(m_profile);
    cf->addRow(profileLabel, profileRow);
    m_keyStatus->setWordWrap(true);
    m_keyStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    cf->addRow(tr("Current key:"), m_keyStatus);
    auto *keyRow = new QHBoxLayout;
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("Paste a new key to store it in the keychain"));
    m_key->setAccessibleName(tr("New API key"));
    auto *removeKey = new QPushButton(tr("Remove key"), this);
    removeKey->setAccessibleName(tr("Remove the stored key"));
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(removeKey);
    auto *keyLabel = new QLabel(tr("&API key:"), this);
    keyLabel->setBuddy(m_key);
    cf->addRow(keyLabel, keyRow);
    m_baseUrl->setAccessibleName(tr("Base URL"));
    cf->addRow(tr("&Base URL:"), m_baseUrl);
    m_apiVersion->setAccessibleName(tr("API version"));
    cf->addRow(tr("API &version:"), m_apiVersion);
    cf->addRow(QString(), m_insecure);
    for (auto ttl :
         {PromptCache::Ttl::Off, PromptCache::Ttl::FiveMinutes, PromptCache::Ttl::OneHour}) {
        const PromptCache cache{ttl};
        m_promptCache->addItem(cache.displayName(), cache.toString());
    }
    m_promptCache->setAccessibleName(tr("Prompt caching"));
    m_promptCache->setToolTip(
        tr("Each request marks the conversation so far for the API's prompt cache: the next "
           "request reads it at a tenth of the input price. Writing it costs 1.25× the input "
           "price (2× for an hour), so an hour pays off when you come back after more than five "
           "minutes."));
    cf->addRow(tr("Prompt &caching:"), m_promptCache);
    tabs->addTab(connection, tr("Connection"));

    auto *chat = new QWidget;
    auto *chf = new QFormLayout(chat);
    m_model->setEditable(true);
    m_model->setAccessibleName(tr("Model"));
    chf->addRow(tr("&Model:"), m_model);
    m_maxTokens->setSpecialValueText(tr("The model's largest"));
    m_maxTokens->setSingleStep(1024);
    m_maxTokens->setToolTip(tr("The longest answer; lower it to cap cost. Above the chosen "
                               "model's largest, its largest is used."));
    chf->addRow(tr("Max &tokens:"), m_maxTokens);
    m_thinking->setToolTip(tr("How much the model thinks in new conversations (each "
                              "conversation can choose its own in the toolbar)"));
    chf->addRow(tr("T&hinking:"), m_thinking);
    m_fallback->setToolTip(tr("For this profile: the models that answer instead, in order, when "
                              "the model is overloaded before its answer begins"));
    chf->addRow(tr("When the model is &overloaded:"), m_fallback);
    m_system->setAccessibleName(tr("System prompt"));
    m_system->setPlaceholderText(tr("Optional instructions sent with every request"));
    chf->addRow(tr("&System prompt:"), m_system);
    m_compressAt->setSingleStep(10'000);
    m_compressAt->setSpecialValueText(tr("Never"));
    m_compressAt->setSuffix(tr(" tokens"));
    chf->addRow(tr("&Compress when the context reaches:"), m_compressAt);
    chf->addRow(tr("&Keep word for word the last:"), m_keepRecent);
    m_keepRecent->setSuffix(tr(" messages"));
    m_summaryModel->setEditable(true);
    m_summaryModel->addItem(QLatin1String(ModelIds::kDefaultSummary));
    m_summaryModel->setAccessibleName(tr("Summary model"));
    chf->addRow(tr("S&ummaries are written by:"), m_summaryModel);
    tabs->addTab(chat, tr("Chat"));

    auto *resilience = new QWidget;
    auto *rf = new QFormLayout(resilience);
    m_jitter->addItem(tr("Equal (a random point in the upper half)"), QStringLiteral("equal"));
    m_jitter->addItem(tr("Full (anywhere from zero)"), QStringLiteral("full"));
    m_jitter->setAccessibleName(tr("Jitter"));
    rf->addRow(tr("Attempts in all:"), m_attempts);
    rf->addRow(tr("First retry delay:"), m_baseDelay);
    rf->addRow(tr("Longest backoff delay:"), m_maxDelay);
    rf->addRow(tr("Longest wait the server may ask for:"), m_maxRetryWait);
    rf->addRow(tr("Jitter:"), m_jitter);
    rf->addRow(tr("Time limit until the answer starts:"), m_headers);
    rf->addRow(tr("Time limit without data (pings count):"), m_idle);
    rf->addRow(tr("Total time limit (0: none):"), m_total);
    rf->addRow(tr("Failures in a row that open the breaker:"), m_threshold);
    rf->addRow(tr("Breaker stays open for:"), m_recovery);
    rf->addRow(tr("Successful test requests to close it:"), m_successes);
    tabs->addTab(resilience, tr("Resilience"));

    auto *spending = new QWidget;
    auto *sf = new QFormLayout(spending);
    m_budgetProfile->setWordWrap(true);
    sf->addRow(m_budgetProfile);
    sf->addRow(tr("Per &day:"), m_budgetDay);
    sf->addRow(tr("Per &month:"), m_budgetMonth);
    sf->addRow(tr("Per c&onversation:"), m_budgetConversation);
    auto *budgetNote = new QLabel(
        tr("From 80% of a budget on, Breakwater warns; at 100% it does not send, and asks before "
           "it sends one anyway. What was spent is counted in the usage ledger (View → Usage…) "
           "from the usage the API reports; a request's own cost is known only once it is "
           "answered."),
        this);
    budgetNote->setWordWrap(true);
    sf->addRow(budgetNote);
    tabs->addTab(spending, tr("Spending"));

    auto *look = new QWidget;
    auto *lf = new QFormLayout(look);
    m_theme->addItem(tr("Follow the system"), QStringLiteral("system"));
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    m_theme->setAccessibleName(tr("Theme"));
    m_fontSize->setSpecialValueText(tr("System"));
    lf->addRow(tr("&Theme:"), m_theme);
    lf->addRow(tr("&Font size:"), m_fontSize);
    tabs->addTab(look, tr("Appearance"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    m_problems->setWordWrap(true);
    QPalette warn = m_problems->palette();
    warn.setColor(QPalette::WindowText, QColor(0xd3, 0x2f, 0x2f));
    m_problems->setPalette(warn);
    m_problems->setAccessibleName(tr("Problems with these settings"));
    layout->addWidget(m_problems);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(newProfile, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name =
            QInputDialog::getText(this, tr("New profile"), tr("Name (letters, digits, - _ .):"),
                                  QLineEdit::Normal, {}, &ok);
        if (!ok)
            return;
        if (!SettingsStore::isValidProfileName(name)) {
            m_problems->setText(tr("'%1' is not a valid profile name.").arg(name));
            return;
        }
        if (m_profile->findText(name) < 0)
            m_profile->addItem(name);
        m_profile->setCurrentText(name);
    });
    connect(m_profile, &QComboBox::currentTextChanged, this, [this](const QString &profile) {
        if (m_loader && profile != m_base.profile) {
            EngineSettings s = m_loader(profile);
            s.profile = profile;
            setValues(s);
        }
    });
    connect(removeKey, &QPushButton::clicked, this, [this] {
        m_removeKey = true;
        m_key->clear();
        m_keyStatus->setText(tr("Will be removed from the keychain when you press OK."));
    });

    for (QLineEdit *e : {m_baseUrl, m_apiVersion, m_key})
        connect(e, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    for (QSpinBox *b :
         {m_attempts, m_maxTokens, m_threshold, m_successes, m_compressAt, m_keepRecent})
        connect(b, &QSpinBox::valueChanged, this, &SettingsDialog::validate);
    for (QDoubleSpinBox *b : {m_baseDelay, m_maxDelay, m_maxRetryWait, m_headers, m_idle, m_total,
                              m_recovery, m_budgetDay, m_budgetMonth, m_budgetConversation})
        connect(b, &QDoubleSpinBox::valueChanged, this, &SettingsDialog::validate);
    connect(m_insecure, &QCheckBox::toggled, this, &SettingsDialog::validate);
    connect(m_model, &QComboBox::currentTextChanged, this, &SettingsDialog::validate);
    connect(m_fallback, &FallbackEditor::changed, this, &SettingsDialog::validate);

    const int theme = m_theme->findData(appearance.theme);
    m_theme->setCurrentIndex(theme < 0 ? 0 : theme);
    m_fontSize->setValue(appearance.fontPointSize);
    setValues(settings);
}

void SettingsDialog::setKeyStatus(const QString &status)
{
    m_keyStatus->setText(status);
}

void SettingsDialog::setModels(const QStringList &models)
{
    for (QComboBox *box : {m_model, m_summaryModel}) {
        const QString current = box->currentText();
        box->clear();
        box->addItems(models);
        box->setCurrentText(current);
    }
}

void SettingsDialog::setModels(const QList<ModelInfo> &models)
{
    QStringList ids;
    for (const ModelInfo &m : models)
        ids << m.id;
    setModels(ids);
    m_fallback->setModels(models);
}

void SettingsDialog::setValues(const EngineSettings &s)
{
    m_base = s;
    if (m_profile->findText(s.profile) < 0)
        m_profile->addItem(s.profile);
    m_profile->blockSignals(true);
    m_profile->setCurrentText(s.profile);
    m_profile->blockSignals(false);
    m_baseUrl->setText(s.baseUrl.toString());
    m_apiVersion->setText(s.apiVersion);
    m_insecure->setChecked(s.allowInsecure);
    m_promptCache->setCurrentIndex(std::max(0, m_promptCache->findData(s.promptCache.toString())));
    m_model->setCurrentText(s.model);
    m_maxTokens->setValue(s.maxTokens);
    m_thinking->setCurrent(s.thinking);
    m_fallback->setPolicy(s.fallback);
    m_system->setPlainText(s.systemPrompt);
    m_attempts->setValue(s.guard.retry.maxAttempts);
    m_baseDelay->setValue(toSeconds(s.guard.retry.baseDelayMs));
    m_maxDelay->setValue(toSeconds(s.guard.retry.maxDelayMs));
    m_maxRetryWait->setValue(toSeconds(s.guard.retry.maxRetryWaitMs));
    m_jitter->setCurrentIndex(s.guard.retry.jitter == RetryConfig::Jitter::Full ? 1 : 0);
    m_headers->setValue(toSeconds(s.guard.headersTimeoutMs));
    m_idle->setValue(toSeconds(s.guard.idleTimeoutMs));
    m_total->setValue(toSeconds(s.guard.totalTimeoutMs));
    m_threshold->setValue(s.breaker.failureThreshold);
    m_recovery->setValue(toSeconds(s.breaker.recoveryMs));
    m_successes->setValue(s.breaker.successThreshold);
    m_compressAt->setValue(int(std::min<qint64>(s.compression.compressAtTokens, 10'000'000)));
    m_keepRecent->setValue(s.compression.keepRecent);
    m_summaryModel->setCurrentText(s.compression.summaryModel);
    m_budgetProfile->setText(
        tr("Budgets of the profile <b>%1</b> in USD (each profile has its own):")
            .arg(s.profile.toHtmlEscaped()));
    showMoney(m_budgetDay, s.budgets.dayUsd);
    showMoney(m_budgetMonth, s.budgets.monthUsd);
    showMoney(m_budgetConversation, s.budgets.conversationUsd);
    validate();
}

EngineSettings SettingsDialog::values() const
{
    EngineSettings s = m_base;
    s.profile = m_profile->currentText();
    s.baseUrl = QUrl(m_baseUrl->text().trimmed(), QUrl::StrictMode);
    s.apiVersion = m_apiVersion->text().trimmed();
    s.allowInsecure = m_insecure->isChecked();
    PromptCache::parse(m_promptCache->currentData().toString(), s.promptCache);
    s.model = m_model->currentText().trimmed();
    s.maxTokens = m_maxTokens->value();
    s.thinking = m_thinking->current();
    s.fallback = m_fallback->policy();
    s.systemPrompt = m_system->toPlainText();
    s.guard.retry.maxAttempts = m_attempts->value();
    s.guard.retry.baseDelayMs = toMs(m_baseDelay);
    s.guard.retry.maxDelayMs = toMs(m_maxDelay);
    s.guard.retry.maxRetryWaitMs = toMs(m_maxRetryWait);
    s.guard.retry.jitter = m_jitter->currentData().toString() == u"full"
                               ? RetryConfig::Jitter::Full
                               : RetryConfig::Jitter::Equal;
    s.guard.headersTimeoutMs = toMs(m_headers);
    s.guard.idleTimeoutMs = toMs(m_idle);
    s.guard.totalTimeoutMs = toMs(m_total);
    s.breaker.failureThreshold = m_threshold->value();
    s.breaker.recoveryMs = toMs(m_recovery);
    s.breaker.successThreshold = m_successes->value();
    s.compression.compressAtTokens = m_compressAt->value();
    s.compression.keepRecent = m_keepRecent->value();
    s.compression.summaryModel = m_summaryModel->currentText().trimmed();
    s.budgets.dayUsd = moneyOf(m_budgetDay);
    s.budgets.monthUsd = moneyOf(m_budgetMonth);
    s.budgets.conversationUsd = moneyOf(m_budgetConversation);
    return s;
}

Appearance SettingsDialog::appearance() const
{
    return {m_theme->currentData().toString(), m_fontSize->value()};
}

QByteArray SettingsDialog::newKey() const
{
    return m_key->text().trimmed().toUtf8();
}

QStringList SettingsDialog::problems() const
{
    QStringList p = values().validate();
    const QString key = m_key->text().trimmed();
    if (key.contains(u' '))
        p << tr("The API key must not contain spaces.");
    return p;
}

void SettingsDialog::validate()
{
    const QStringList p = problems();
    m_problems->setText(p.join(u'\n'));
    m_problems->setVisible(!p.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(p.isEmpty());
}

} // namespace bw::ui
