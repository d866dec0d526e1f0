#include "markdownsegmenter.h"

#include <QTest>

using namespace bw::ui;
using Kind = MarkdownSegmenter::Segment::Kind;

class TestMarkdownSegmenter : public QObject
{
    Q_OBJECT

    static QString joined(const MarkdownSegmenter &s)
    {
        QString all;
        for (const auto &seg : s.segments())
            all += seg.kind == Kind::Code
                       ? QStringLiteral("```") + seg.language + QLatin1Char('\n') + seg.text +
                             QStringLiteral("```\n")
                       : seg.text;
        return all + s.pendingLine();
    }

private Q_SLOTS:
    void proseAndCodeAreSeparated()
    {
        MarkdownSegmenter s;
        s.append(u"Intro line.\n\n```cpp\nint x = 1;\n\nint y;\n```\nAfter.\n");
        s.finish();
        QCOMPARE(s.segments().size(), 3);
        QCOMPARE(s.segments()[0].kind, Kind::Prose);
        QCOMPARE(s.segments()[1].kind, Kind::Code);
        QCOMPARE(s.segments()[1].language, QStringLiteral("cpp"));
        QCOMPARE(s.segments()[1].text,
                 QStringLiteral("int x = 1;\n\nint y;\n")); // blank lines in code stay
        QCOMPARE(s.segments()[2].text, QStringLiteral("After.\n"));
        for (const auto &seg : s.segments())
            QVERIFY(seg.closed);
    }

    void arbitraryChunkingGivesTheSameSegments()
    {
        const QString text = QStringLiteral("# Title\n\nSome *prose* here.\n\n~~~~\ncode ``` not a "
                                            "fence\n~~~~\n- a\n- b\n\n```\nunclosed code");
        MarkdownSegmenter whole;
        whole.append(text);
        whole.finish();
        for (int chunk : {1, 2, 3, 7}) {
            MarkdownSegmenter parts;
            for (qsizetype i = 0; i < text.size(); i += chunk)
                parts.append(QStringView(text).mid(i, chunk));
            parts.finish();
            QCOMPARE(parts.segments().size(), whole.segments().size());
            for (int i = 0; i < whole.segments().size(); ++i) {
                QCOMPARE(parts.segments()[i].text, whole.segments()[i].text);
                QCOMPARE(parts.segments()[i].kind, whole.segments()[i].kind);
            }
        }
        QCOMPARE(whole.segments().constLast().kind,
                 Kind::Code); // an unclosed fence runs to the end
        QCOMPARE(whole.segments().constLast().text, QStringLiteral("unclosed code"));
        QCOMPARE(whole.segments()[1].text, QStringLiteral("code ``` not a fence\n"));
    }

    void longProseClosesAtBlankLinesSoTheTailStaysSmall()
    {
        MarkdownSegmenter s(100, 400);
        QString para = QString(60, QLatin1Char('w')) + QLatin1Char('\n');
        for (int i = 0; i < 50; ++i)
            s.append(para + QStringLiteral("\n"));
        QVERIFY(s.segments().size() >= 20);
        for (const auto &seg : s.segments()) {
            QVERIFY(seg.text.size() <= 400 + 62);
            if (&seg != &s.segments().constLast())
                QVERIFY(seg.closed);
        }
    }

    void proseWithoutBlankLinesIsCutAtTheHardLimit()
    {
        MarkdownSegmenter s(100, 300);
        for (int i = 0; i < 100; ++i)
            s.append(QStringLiteral("a line of text without a blank line after it\n"));
        QVERIFY(s.segments().size() > 5);
        for (const auto &seg : s.segments())
            QVERIFY(seg.text.size() <= 300 + 50);
    }

    void pendingLineIsHeldUntilItEnds()
    {
        MarkdownSegmenter s;
        s.append(u"Hello wor");
        QCOMPARE(s.pendingLine(), QStringLiteral("Hello wor"));
        QVERIFY(s.segments().isEmpty());
        s.append(u"ld.\nNext");
        QCOMPARE(s.segments().size(), 1);
        QCOMPARE(s.segments()[0].text, QStringLiteral("Hello world.\n"));
        QCOMPARE(s.pendingLine(), QStringLiteral("Next"));
        QCOMPARE(joined(s), QStringLiteral("Hello world.\nNext"));
    }

    void infoStringFenceDoesNotCloseCode()
    {
        MarkdownSegmenter s;
        s.append(u"```\na\n```js\nb\n```\n");
        s.finish();
        QCOMPARE(s.segments().size(), 1);
        QCOMPARE(s.segments()[0].text, QStringLiteral("a\n```js\nb\n"));
    }
};

QTEST_MAIN(TestMarkdownSegmenter)
#include "tst_markdownsegmenter.moc"
