// Translations: the catalogues are built into the program, the right one loads for a locale (with
// English as the fallback that supplies plural forms), strings from every layer translate — also
// those of free functions, whose context lupdate must agree with — and the German catalogue is
// complete and keeps every placeholder and accelerator of its source.
#include "api/apierror.h"
#include "api/networkerror.h"
#include "app/application.h"
#include "base/translations.h"
#include "chartaxis.h"
#include "chat/contextcompressor.h"
#include "chat/conversation.h"
#include "mainwindow.h"

#include <QDialogButtonBox>
#include <QDomDocument>
#include <QFile>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QValueAxis>

using namespace bw;

namespace {

QString translate(const char *context, const char *text, int n = -1)
{
    return QCoreApplication::translate(context, text, nullptr, n);
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    found.sort();
    return found;
}

int accelerators(const QString &text)
{
    return int(text.count(QLatin1Char('&')) - 2 * text.count(QStringLiteral("&&")));
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        const auto translators = qApp->findChildren<QTranslator *>();
        for (QTranslator *t : translators) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }

    void bothCataloguesAreBuiltIn()
    {
        const QStringList languages = availableLanguages();
        QVERIFY2(languages.contains(QStringLiteral("de")), qPrintable(languages.join(u',')));
        QVERIFY2(languages.contains(QStringLiteral("en")), qPrintable(languages.join(u',')));
    }

    void germanTranslatesEveryLayer()
    {
        const QStringList installed = installTranslations(QLocale(QStringLiteral("de_DE")));
        QVERIFY2(!installed.isEmpty() && installed.constFirst().startsWith(u"de"),
                 qPrintable(installed.join(u',')));
        QVERIFY2(installed.size() == 2 && installed.at(1).startsWith(u"qtbase_de"),
                 qPrintable(installed.join(u',')));
        // ui, core members, core free functions, plural forms
        QCOMPARE(translate("bw::ui::MainWindow", "&File"), QStringLiteral("&Datei"));
        QCOMPARE(classifyNetworkError(QNetworkReply::OperationCanceledError, {}, {}).message,
                 QStringLiteral("abgebrochen"));
        QCOMPARE(ApiError::make(ErrorKind::Overloaded, {}).advice(),
                 QStringLiteral("Die API ist gerade überlastet. Versuchen Sie es in einer Minute "
                                "erneut."));
        QCOMPARE(translate("bw::ui::MessageWidget", "%n attempts", 1), QStringLiteral("1 Versuch"));
        QCOMPARE(translate("bw::ui::MessageWidget", "%n attempts", 3),
                 QStringLiteral("3 Versuche"));
        // Qt's own standard buttons follow.
        QDialogButtonBox box(QDialogButtonBox::Cancel);
        QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Abbrechen"));
    }

    // What goes to the model is not translated: the summary's heading in the prompt stays the
    // same bytes whatever the language, or changing it would cost a prompt cache rewrite.
    void thePromptIsTheSameInEveryLanguage()
    {
        const QDateTime t = QDateTime::fromSecsSinceEpoch(1'790'000'000, Qt::UTC);
        Conversation c;
        c.append(ChatMessage::user(QStringLiteral("q1"), t));
        ChatMessage a1 = ChatMessage::assistant(QStringLiteral("claude-sonnet-4-6"), t);
        a1.text = QStringLiteral("a1");
        a1.status = MessageStatus::Complete;
        c.append(a1);
        c.append(ChatMessage::user(QStringLiteral("q2"), t));
        c.append(ChatMessage::assistant(QStringLiteral("claude-sonnet-4-6"), t));
        ConversationSummary s;
        s.text = QStringLiteral("q1 and a1, folded");
        s.coveredMessages = 2;
        c.setSummary(s);
        auto prompt = [&c] {
            return ContextCompressor::requestFor(c, 3, QStringLiteral("claude-sonnet-4-6"), 100)
                .toJson(true);
        };
        const QByteArray english = prompt();
        QVERIFY2(english.contains("q1 and a1, folded"), english.constData());
        installTranslations(QLocale(QStringLiteral("de_DE")));
        QCOMPARE(translate("bw::ui::MainWindow", "&File"), QStringLiteral("&Datei"));
        QCOMPARE(prompt(), english);
    }

    void theWindowIsGerman()
    {
        installTranslations(QLocale(QStringLiteral("de_DE")));
        QTemporaryDir home;
        AppOptions options;
        options.settingsFile = home.filePath(QStringLiteral("settings.ini"));
        options.conversationsFolder = home.filePath(QStringLiteral("conversations"));
        Application application(options);
        application.useDemo(application.settingsStore().load());
        ui::MainWindow window(&application);
        window.show();
        QStringList menus;
        for (QAction *a : window.menuBar()->actions())
            menus << a->text();
        QCOMPARE(menus, QStringList({QStringLiteral("&Datei"), QStringLiteral("&Chat"),
                                     QStringLiteral("&Ansicht"), QStringLiteral("&Werkzeuge"),
                                     QStringLiteral("&Hilfe")}));
    }

    void otherLanguagesFallBackToEnglishPlurals()
    {
        const QStringList installed = installTranslations(QLocale(QStringLiteral("fr_FR")));
        QVERIFY2(installed.size() == 1 && installed.constFirst().startsWith(u"en"),
                 qPrintable(installed.join(u',')));
        QCOMPARE(translate("bw::ui::MessageWidget", "%n attempts", 1), QStringLiteral("1 attempt"));
        QCOMPARE(translate("bw::ui::ConversationList", "%1\n%n message(s), updated %2", 2),
                 QStringLiteral("%1\n2 messages, updated %2"));
        QCOMPARE(translate("bw::ui::MainWindow", "&File"), QStringLiteral("&File"));
    }

    void germanCatalogueIsCompleteAndFaithful()
    {
        QFile file(QStringLiteral(BW_SOURCE_DIR "/resources/translations/breakwater_de.ts"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QDomDocument doc;
        QVERIFY(doc.setContent(&file));
        const QDomNodeList messages = doc.elementsByTagName(QStringLiteral("message"));
        QVERIFY(messages.size() > 400);
        QStringList problems;
        for (int i = 0; i < messages.size(); ++i) {
            const QDomElement m = messages.at(i).toElement();
            const QString source = m.firstChildElement(QStringLiteral("source")).text();
            const QDomElement tr = m.firstChildElement(QStringLiteral("translation"));
            QStringList forms;
            for (QDomElement f = tr.firstChildElement(QStringLiteral("numerusform")); !f.isNull();
                 f = f.nextSiblingElement(QStringLiteral("numerusform")))
                forms << f.text();
            if (forms.isEmpty())
                forms << tr.text();
            if (tr.hasAttribute(QStringLiteral("type")))
                problems << QStringLiteral("%1: %2").arg(tr.attribute(QStringLiteral("type")),
                                                         source);
            for (const QString &form : std::as_const(forms)) {
                // A plural form may spell out "one" instead of %n.
                QStringList want = placeholders(source), got = placeholders(form);
                if (forms.size() > 1) {
                    want.removeAll(QStringLiteral("%n"));
                    got.removeAll(QStringLiteral("%n"));
                }
                if (form.isEmpty() || want != got)
                    problems << QStringLiteral("placeholders differ: %1 → %2").arg(source, form);
                if (accelerators(source) != accelerators(form))
                    problems << QStringLiteral("accelerator lost: %1 → %2").arg(source, form);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void chartAxesUseWholeNiceSteps_data()
    {
        QTest::addColumn<double>("max");
        QTest::addColumn<double>("step");
        QTest::addColumn<double>("top");
        QTest::newRow("empty") << 0.0 << 1.0 << 1.0;
        QTest::newRow("5 s") << 5.0 << 1.0 << 5.0;
        QTest::newRow("10") << 10.0 << 2.0 << 10.0;
        QTest::newRow("12") << 12.0 << 5.0 << 15.0;
        QTest::newRow("48 tok/s") << 48.0 << 10.0 << 50.0;
        QTest::newRow("130") << 130.0 << 50.0 << 150.0;
        QTest::newRow("7.5 s") << 7.5 << 2.0 << 8.0;
    }

    void shortAxesTakeFewerSteps()
    {
        QCOMPARE(ui::niceStep(10, 3), 5.0);    // 0 5 10
        QCOMPARE(ui::niceStep(57.6, 3), 20.0); // 0 20 40 60
        QCOMPARE(ui::niceStep(10, 0), 1.0);
    }

    void chartAxesUseWholeNiceSteps()
    {
        QFETCH(double, max);
        QFETCH(double, step);
        QFETCH(double, top);
        QCOMPARE(ui::niceStep(max), step);
        QValueAxis axis;
        ui::setNiceRange(&axis, max);
        QCOMPARE(axis.tickInterval(), step);
        QCOMPARE(axis.min(), 0.0);
        QCOMPARE(axis.max(), top);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
