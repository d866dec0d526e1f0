#include "chunkedtextview.h"
#include "messagebody.h"

#include <QScrollArea>
#include <QTest>

using namespace bw::ui;
using Kind = ChunkedTextView::Kind;

class TestChunkedTextView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void codeAppendedLineByLineKeepsItsLines()
    {
        ChunkedTextView v;
        v.resize(600, 400);
        const int i =
            v.appendChunk(Kind::Code, QStringLiteral("def f(x):\n"), QStringLiteral("python"));
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        QTRY_VERIFY(v.isLaidOut(i)); // painted, so laid out
        v.appendToChunk(i, QStringLiteral("    return x\n"));
        v.appendToChunk(i, QStringLiteral("print(f(2))\n"));
        v.selectAll();
        QCOMPARE(v.selectedText(), QStringLiteral("def f(x):\n    return x\nprint(f(2))"));
    }

    void onlyWhatIsSeenIsLaidOut()
    {
        QScrollArea area;
        auto *v = new ChunkedTextView;
        for (int i = 0; i < 400; ++i)
            v->appendChunk(
                Kind::Markdown,
                QStringLiteral("Paragraph %1 with **bold** words and more words to wrap.\n\n")
                    .arg(i));
        area.setWidget(v);
        area.setWidgetResizable(true);
        area.resize(500, 300);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        QTRY_VERIFY(v->laidOutChunks() > 0);
        QVERIFY2(v->laidOutChunks() < 40, qPrintable(QString::number(v->laidOutChunks())));
        QVERIFY(v->heightForWidth(480) > 400 * 10); // estimates reserve the room of everything
    }

    void selectionSpansChunksAndCopiesPlainText()
    {
        ChunkedTextView v;
        v.resize(500, 600);
        v.appendChunk(Kind::Markdown, QStringLiteral("First **part**.\n"));
        v.appendChunk(Kind::Code, QStringLiteral("x = 1\n"));
        v.appendChunk(Kind::Plain, QStringLiteral("Last <b>plain</b> line"));
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        QVERIFY(!v.hasSelection());
        v.selectAll();
        QVERIFY(v.hasSelection());
        QCOMPARE(v.selectedText(), QStringLiteral("First part.\nx = 1\nLast <b>plain</b> line"));
        QCOMPARE(v.toPlainText(), QStringLiteral("First **part**.\nx = 1\nLast <b>plain</b> line"));
    }

    void streamedBodyEqualsTheWholeText_data()
    {
        QTest::addColumn<int>("chunk");
        QTest::newRow("byte by byte") << 1;
        QTest::newRow("small pieces") << 7;
        QTest::newRow("large pieces") << 500;
    }

    void streamedBodyEqualsTheWholeText()
    {
        QFETCH(int, chunk);
        QString text;
        for (int i = 0; i < 30; ++i)
            text += QStringLiteral("Paragraph %1 is here.\n\n```js\nlet a = %1;\nlet b = a * "
                                   "2;\n```\n- item\n- item\n\n")
                        .arg(i);
        MessageBody whole;
        whole.setText(text);
        MessageBody streamed;
        streamed.resize(600, 400);
        streamed.show();
        for (qsizetype i = 0; i < text.size(); i += chunk) {
            streamed.appendText(text.mid(i, chunk));
            if (i % (chunk * 40) == 0)
                QCoreApplication::processEvents(); // frames happen in between
        }
        streamed.finish();
        QCOMPARE(streamed.plainText(), text);
        QCOMPARE(streamed.view()->toPlainText(), whole.view()->toPlainText());
        int code = 0;
        for (int i = 0; i < streamed.view()->chunkCount(); ++i)
            code += streamed.view()->chunkKind(i) == Kind::Code;
        QCOMPARE(code, 30);
    }
};

QTEST_MAIN(TestChunkedTextView)
#include "tst_chunkedtextview.moc"
