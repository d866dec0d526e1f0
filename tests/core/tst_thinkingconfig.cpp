// ThinkingConfig: the thinking a user asks for becomes the form the model takes — never one it
// would refuse with 400 — and the request carries it (and the thinking blocks of earlier answers,
// first in their turn, exactly as received).
#include "api/messagerequest.h"
#include "api/thinkingconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace bw;
using Mode = ThinkingConfig::Mode;

namespace {

QJsonObject supported(bool on)
{
    return {{QStringLiteral("supported"), on}};
}

// A model that takes the given thinking types and efforts.
ModelInfo model(bool thinking, bool adaptive, bool enabled, const QStringList &efforts)
{
    ModelInfo m;
    m.id = QStringLiteral("claude-test");
    m.displayName = QStringLiteral("Claude Test");
    m.maxOutputTokens = 64000;
    QJsonObject effort{{QStringLiteral("supported"), !efforts.isEmpty()}};
    for (const char *level : {"low", "medium", "high", "max"})
        effort.insert(QLatin1String(level), supported(efforts.contains(QLatin1String(level))));
    m.capabilities = {{QStringLiteral("thinking"),
                       QJsonObject{{QStringLiteral("supported"), thinking},
                                   {QStringLiteral("types"),
                                    QJsonObject{{QStringLiteral("adaptive"), supported(adaptive)},
                                                {QStringLiteral("enabled"), supported(enabled)}}}}},
                      {QStringLiteral("effort"), effort}};
    return m;
}

ThinkingConfig config(Mode mode, const QString &effort = QStringLiteral("high"), int budget = 8192)
{
    ThinkingConfig c;
    c.mode = mode;
    c.effort = effort;
    c.budgetTokens = budget;
    return c;
}

QJsonObject body(const ThinkingConfig &c)
{
    QJsonObject o;
    c.writeTo(o);
    return o;
}

} // namespace

class TestThinkingConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void adaptiveOnlyModel()
    {
        const ModelInfo m = model(true, true, false, {"low", "medium", "high", "max"});
        QString note;
        // Off would be refused: the request leaves thinking to the model, and says so.
        ThinkingConfig r = config(Mode::Off).resolvedFor(m, 16000, &note);
        QCOMPARE(r.mode, Mode::ModelDefault);
        QVERIFY(note.contains(QStringLiteral("always thinks")));
        QVERIFY(!body(r).contains(QStringLiteral("thinking")));
        // A budget becomes an effort.
        r = config(Mode::Budget, QStringLiteral("high"), 2048).resolvedFor(m, 16000, &note);
        QCOMPARE(r.mode, Mode::Adaptive);
        QCOMPARE(r.effort, QStringLiteral("low"));
        QCOMPARE(body(r).value(QStringLiteral("thinking")).toObject().value(QStringLiteral("type")),
                 QStringLiteral("adaptive"));
        QCOMPARE(body(r)
                     .value(QStringLiteral("output_config"))
                     .toObject()
                     .value(QStringLiteral("effort")),
                 QStringLiteral("low"));
        // Adaptive with max stays as asked, with nothing to note.
        r = config(Mode::Adaptive, QStringLiteral("max")).resolvedFor(m, 16000, &note);
        QCOMPARE(r.mode, Mode::Adaptive);
        QCOMPARE(r.effort, QStringLiteral("max"));
        QVERIFY(note.isEmpty());
    }

    void budgetOnlyModel()
    {
        const ModelInfo m = model(true, false, true, {});
        QString note;
        ThinkingConfig r =
            config(Mode::Adaptive, QStringLiteral("medium")).resolvedFor(m, 16000, &note);
        QCOMPARE(r.mode, Mode::Budget);
        QCOMPARE(r.budgetTokens, 8192);
        const QJsonObject t = body(r).value(QStringLiteral("thinking")).toObject();
        QCOMPARE(t.value(QStringLiteral("type")), QStringLiteral("enabled"));
        QCOMPARE(t.value(QStringLiteral("budget_tokens")).toInt(), 8192);
        QVERIFY(!body(r).contains(QStringLiteral("output_config")));
        QVERIFY(!note.isEmpty());
        // Off is a real "disabled" for such a model.
        r = config(Mode::Off).resolvedFor(m, 16000, &note);
        QCOMPARE(body(r).value(QStringLiteral("thinking")).toObject().value(QStringLiteral("type")),
                 QStringLiteral("disabled"));
        QVERIFY(note.isEmpty());
        // A budget stays below max_tokens, and at least 1024.
        r = config(Mode::Budget, QStringLiteral("high"), 50000).resolvedFor(m, 16000, &note);
        QCOMPARE(r.budgetTokens, 15999);
        QVERIFY(!note.isEmpty());
        r = config(Mode::Budget, QStringLiteral("high"), 50000).resolvedFor(m, 1000, &note);
        QCOMPARE(r.mode, Mode::ModelDefault);
        QVERIFY(note.contains(QStringLiteral("1,024")) || note.contains(QStringLiteral("1024")));
    }

    void effortsTheModelLacksStepDown()
    {
        const ModelInfo m = model(true, true, true, {"low", "medium", "high"});
        QString note;
        const ThinkingConfig r =
            config(Mode::Adaptive, QStringLiteral("max")).resolvedFor(m, 16000, &note);
        QCOMPARE(r.effort, QStringLiteral("high"));
        QVERIFY(note.contains(QStringLiteral("max")));
    }

    void modelsWithoutThinkingAndUnknownModels()
    {
        QString note;
        ThinkingConfig r =
            config(Mode::Adaptive).resolvedFor(model(false, false, false, {}), 16000, &note);
        QCOMPARE(r.mode, Mode::ModelDefault);
        QVERIFY(!note.isEmpty());
        // Nothing known of the model: sent as asked.
        r = config(Mode::Budget, QStringLiteral("high"), 4096)
                .resolvedFor(ModelInfo::unknown(QStringLiteral("gateway-alias")), 16000, &note);
        QCOMPARE(r.mode, Mode::Budget);
        QCOMPARE(r.budgetTokens, 4096);
        QVERIFY(note.isEmpty());
    }

    void parseAndJson()
    {
        ThinkingConfig c;
        QVERIFY(ThinkingConfig::parse(u"adaptive", c));
        QCOMPARE(c.mode, Mode::Adaptive);
        QVERIFY(ThinkingConfig::parse(u"off", c));
        QCOMPARE(c.mode, Mode::Off);
        QVERIFY(ThinkingConfig::parse(u"20000", c));
        QCOMPARE(c.mode, Mode::Budget);
        QCOMPARE(c.budgetTokens, 20000);
        QString error;
        QVERIFY(!ThinkingConfig::parse(u"100", c, &error));
        QVERIFY(error.contains(QStringLiteral("1024")));
        QVERIFY(!ThinkingConfig::parse(u"lots", c, &error));
        const ThinkingConfig a = config(Mode::Adaptive, QStringLiteral("low"));
        QCOMPARE(ThinkingConfig::fromJson(a.toJson()), a);
        const ThinkingConfig b = config(Mode::Budget, QStringLiteral("high"), 12345);
        QCOMPARE(ThinkingConfig::fromJson(b.toJson()).budgetTokens, 12345);
        // Damaged values fall back to defaults.
        const ThinkingConfig d =
            ThinkingConfig::fromJson({{QStringLiteral("mode"), QStringLiteral("budget")},
                                      {QStringLiteral("effort"), QStringLiteral("extreme")},
                                      {QStringLiteral("budget_tokens"), -5}});
        QCOMPARE(d.effort, QStringLiteral("high"));
        QCOMPARE(d.budgetTokens, 8192);
    }

    void requestCarriesThinkingBlocksFirstAndExactly()
    {
        const QJsonObject block{{QStringLiteral("type"), QStringLiteral("thinking")},
                                {QStringLiteral("thinking"), QStringLiteral("Hmm \u00e9 \"q\"\n")},
                                {QStringLiteral("signature"), QStringLiteral("c2ln+/==")}};
        const QJsonObject redacted{{QStringLiteral("type"), QStringLiteral("redacted_thinking")},
                                   {QStringLiteral("data"), QStringLiteral("EnCrYpTeD")}};
        MessageRequest r;
        r.setModel(QStringLiteral("m")).setMaxTokens(2000);
        r.setMessages(
            {{QStringLiteral("user"), QStringLiteral("hi"), {}},
             {QStringLiteral("assistant"), QStringLiteral("hello"), QJsonArray{block, redacted}},
             {QStringLiteral("user"), QStringLiteral("more"), {}}});
        r.setThinking(config(Mode::Budget, QStringLiteral("high"), 1500));
        QVERIFY2(r.validate().isEmpty(), qPrintable(r.validate()));
        const QJsonObject json = QJsonDocument::fromJson(r.toJson(true)).object();
        const QJsonArray content = json.value(QStringLiteral("messages"))
                                       .toArray()
                                       .at(1)
                                       .toObject()
                                       .value(QStringLiteral("content"))
                                       .toArray();
        QCOMPARE(content.size(), 3);
        QCOMPARE(content.at(0).toObject(), block);
        QCOMPARE(content.at(1).toObject(), redacted);
        QCOMPARE(content.at(2).toObject().value(QStringLiteral("text")), QStringLiteral("hello"));
        QCOMPARE(json.value(QStringLiteral("thinking"))
                     .toObject()
                     .value(QStringLiteral("budget_tokens"))
                     .toInt(),
                 1500);
        // A budget at max_tokens is refused before sending.
        r.setThinking(config(Mode::Budget, QStringLiteral("high"), 2000));
        QVERIFY(r.validate().contains(QStringLiteral("budget")));
        // count_tokens counts with the thinking, without the answer's effort.
        r.setThinking(config(Mode::Adaptive, QStringLiteral("low")));
        const QJsonObject count = QJsonDocument::fromJson(r.toCountTokensJson()).object();
        QVERIFY(count.contains(QStringLiteral("thinking")));
        QVERIFY(!count.contains(QStringLiteral("output_config")));
    }
};

QTEST_GUILESS_MAIN(TestThinkingConfig)
#include "tst_thinkingconfig.moc"
