#include "chunkedtextview.h"
#include "messagebody.h"

#include <QAccessible>
#include <QScrollArea>
#include <QTest>
#include <QVBoxLayout>

// Private Qt headers, for one thing only: switching accessibility on as a reader's bridge would.
// QAccessible::setActive() only tells observers, and offscreen there is no bridge to do it, so
// without this QAccessible drops every event before an update handler sees it. Qt's own
// accessibility tests do the same.
#include <private/qguiapplication_p.h>
#include <qpa/qplatformaccessibility.h>
#include <qpa/qplatformintegration.h>

using namespace bw::ui;
using Kind = ChunkedTextView::Kind;

namespace {

// What an event told a reader.
struct Heard
{
    QAccessible::Event type = QAccessible::InvalidEvent;
    QObject *object = nullptr;
    int position = -1; // text changes
    QString inserted;
    QString removed;
    int start = -1; // selection
    int end = -1;
    int cursor = -1;
};

QList<Heard> g_heard;

void hear(QAccessibleEvent *event)
{
    Heard h;
    h.type = event->type();
    h.object = event->object();
    switch (event->type()) {
    case QAccessible::TextInserted: {
        const auto *e = static_cast<QAccessibleTextInsertEvent *>(event);
        h.position = e->changePosition();
        h.inserted = e->textInserted();
        h.cursor = e->cursorPosition();
        break;
    }
    case QAccessible::TextRemoved: {
        const auto *e = static_cast<QAccessibleTextRemoveEvent *>(event);
        h.position = e->changePosition();
        h.removed = e->textRemoved();
        h.cursor = e->cursorPosition();
        break;
    }
    case QAccessible::TextUpdated: {
        const auto *e = static_cast<QAccessibleTextUpdateEvent *>(event);
        h.position = e->changePosition();
        h.inserted = e->textInserted();
        h.removed = e->textRemoved();
        h.cursor = e->cursorPosition();
        break;
    }
    case QAccessible::TextSelectionChanged: {
        const auto *e = static_cast<QAccessibleTextSelectionEvent *>(event);
        h.start = e->selectionStart();
        h.end = e->selectionEnd();
        h.cursor = e->cursorPosition();
        break;
    }
    case QAccessible::TextCaretMoved:
        h.cursor = static_cast<QAccessibleTextCursorEvent *>(event)->cursorPosition();
        break;
    default:
        break;
    }
    g_heard << h;
}

// A screen reader as far as Qt can tell, for the life of the object: accessibility on, and every
// event kept in g_heard.
struct ReaderListening
{
    ReaderListening()
    {
        g_heard.clear();
        QAccessible::installUpdateHandler(&hear);
        QGuiApplicationPrivate::platformIntegration()->accessibility()->setActive(true);
    }
    ~ReaderListening()
    {
        QGuiApplicationPrivate::platformIntegration()->accessibility()->setActive(false);
        QAccessible::installUpdateHandler(nullptr);
        g_heard.clear();
    }
    ReaderListening(const ReaderListening &) = delete;
    ReaderListening &operator=(const ReaderListening &) = delete;
};

QList<Heard> heardFrom(QObject *object, QAccessible::Event type)
{
    QList<Heard> found;
    for (const Heard &h : std::as_const(g_heard))
        if (h.object == object && h.type == type)
            found << h;
    return found;
}

// Qt's default boundary helpers (QAccessibleTextInterface's own textAtOffset), on a plain string:
// the reference the view's items are compared with.
struct PlainText : QAccessibleTextInterface
{
    QString s;
    void selection(int, int *a, int *b) const override { *a = *b = 0; }
    int selectionCount() const override { return 0; }
    void addSelection(int, int) override {}
    void removeSelection(int) override {}
    void setSelection(int, int, int) override {}
    int cursorPosition() const override { return 0; }
    void setCursorPosition(int) override {}
    QString text(int a, int b) const override { return s.mid(a, b - a); }
    int characterCount() const override { return int(s.size()); }
    QRect characterRect(int) const override { return {}; }
    int offsetAtPoint(const QPoint &) const override { return -1; }
    void scrollToSubstring(int, int) override {}
    QString attributes(int, int *, int *) const override { return {}; }
};

QAccessibleTextInterface *textOf(QWidget *w)
{
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
    return iface ? iface->textInterface() : nullptr;
}

} // namespace

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

    // Thinking streams as plain text, often one paragraph: it is shown in chunks of at most
    // kChunkBudget cut at spaces, so no layout covers the whole (before: a 287,501-character
    // paragraph was re-laid out whole every 250 ms, 42-73 ms stalls in bench_window).
    void plainStreamIsChunkedWhateverItsParagraphs()
    {
        QString text;
        for (int i = 0; i < 12000; ++i)
            text += QStringLiteral("word%1 ").arg(i % 97);
        MessageBody streamed;
        streamed.resize(600, 400);
        streamed.show();
        for (qsizetype i = 0; i < text.size(); i += 7) {
            streamed.appendPlainText(text.mid(i, 7));
            if (i % 700 == 0)
                QCoreApplication::processEvents();
        }
        streamed.finish();
        QCOMPARE(streamed.plainText(), text);
        QCOMPARE(streamed.view()->toPlainText(), text);
        QVERIFY(streamed.view()->chunkCount() >= int(text.size() / MessageBody::kChunkBudget));
        for (int i = 0; i < streamed.view()->chunkCount(); ++i) {
            const QString chunk = streamed.view()->chunkText(i);
            QVERIFY(chunk.size() <= MessageBody::kChunkBudget);
            QCOMPARE(streamed.view()->chunkKind(i), Kind::Plain);
            if (i + 1 < streamed.view()->chunkCount())
                QVERIFY2(chunk.endsWith(u' '), "a chunk is cut at a space");
        }
    }

    // Accessibility: what a screen reader gets from a view that paints its text itself.

    void readersSeeReadOnlyTextNamedByItsHolder()
    {
        QWidget window;
        auto *answer = new QWidget(&window); // as MessageWidget holds MessageBody holds the view
        answer->setAccessibleName(QStringLiteral("Claude's answer"));
        auto *v = new ChunkedTextView;
        (new QVBoxLayout(answer))->addWidget(v);
        v->appendChunk(Kind::Markdown, QStringLiteral("Some **bold** prose.\n"));
        v->appendChunk(Kind::Code, QStringLiteral("x = 1\n"));
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(v);
        QVERIFY(iface);
        QCOMPARE(iface->role(), QAccessible::StaticText); // as Qt's own QTextBrowser
        const QAccessible::State state = iface->state();
        QVERIFY(state.readOnly);
        QVERIFY(!state.editable);
        QVERIFY(state.focusable);
        QVERIFY(state.selectableText);
        QVERIFY(state.multiLine);
        QVERIFY(iface->textInterface());
        QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("Claude's answer"));
        QCOMPARE(iface->text(QAccessible::Value), QStringLiteral("Some bold prose.\nx = 1"));
        v->setAccessibleName(QStringLiteral("Own name"));
        QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("Own name"));
    }

    void textInterfaceReadsTheTextAsShown()
    {
        ChunkedTextView v;
        v.resize(500, 600);
        v.appendChunk(Kind::Markdown, QStringLiteral("First **part**, a [link](https://e.x).\n"));
        v.appendChunk(Kind::Markdown, QStringLiteral("- one\n- two\n\nAfter the list.\n"));
        v.appendChunk(Kind::Code, QStringLiteral("x = 1\n\ny = 2\n"), QStringLiteral("py"));
        v.appendChunk(Kind::Plain, QStringLiteral("Last <b>plain</b> line"));
        QAccessibleTextInterface *text = textOf(&v);
        QVERIFY(text);
        // Not toPlainText(), the Markdown source: a reader must not hear "star star".
        const QString shown = QStringLiteral("First part, a link.\none\ntwo\nAfter the list.\n"
                                             "x = 1\n\ny = 2\nLast <b>plain</b> line");
        QCOMPARE(text->characterCount(), shown.size());
        QCOMPARE(text->text(0, text->characterCount()), shown);
        QCOMPARE(v.shownText(), shown);
        QVERIFY(v.toPlainText() != shown);
        // The same text a copy of everything gives, so selection offsets mean the same thing.
        v.selectAll();
        QCOMPARE(v.selectedText(), shown);
        QCOMPARE(text->text(6, 10), QStringLiteral("part"));
        QCOMPARE(text->text(-5, 5), QStringLiteral("First"));
        QCOMPARE(text->text(shown.size() - 4, shown.size() + 10), QStringLiteral("line"));
    }

    void selectionReadsAndWritesThroughOffsets()
    {
        ChunkedTextView v;
        v.resize(500, 600);
        v.appendChunk(Kind::Markdown, QStringLiteral("Alpha **beta**.\n"));
        v.appendChunk(Kind::Code, QStringLiteral("gamma()\n"));
        v.appendChunk(Kind::Markdown, QStringLiteral("Delta *epsilon*.\n"));
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        QAccessibleTextInterface *text = textOf(&v);
        QVERIFY(text);
        QCOMPARE(text->selectionCount(), 0);

        v.selectAll();
        int start = -1, end = -1;
        QCOMPARE(text->selectionCount(), 1);
        text->selection(0, &start, &end);
        QCOMPARE(start, 0);
        QCOMPARE(end, text->characterCount());

        // Across the chunks, through the '\n' that joins them, and backwards.
        const QString shown = text->text(0, text->characterCount());
        const int from = int(shown.indexOf(u"beta"));
        const int to = int(shown.indexOf(u"Delta")) + 5;
        text->setSelection(0, to, from);
        QCOMPARE(v.selectedText(), QStringLiteral("beta.\ngamma()\nDelta"));
        QCOMPARE(text->text(from, to), v.selectedText());
        text->selection(0, &start, &end);
        QCOMPARE(start, from);
        QCOMPARE(end, to);
        QCOMPARE(text->cursorPosition(), from); // the end that moved last
        // Just the line end between two chunks.
        const int joint = int(shown.indexOf(u'\n'));
        text->addSelection(joint, joint + 1);
        QCOMPARE(v.selectedText(), QStringLiteral("\n"));

        text->removeSelection(0);
        QCOMPARE(text->selectionCount(), 0);
        QVERIFY(!v.hasSelection());
        text->setCursorPosition(3);
        QCOMPARE(text->cursorPosition(), 3);
        QVERIFY(!v.hasSelection());
    }

    void boundariesFindWordsSentencesAndLines()
    {
        ChunkedTextView v;
        v.resize(600, 400);
        v.appendChunk(Kind::Markdown, QStringLiteral("Hello brave new world. It is **fine**!\n"));
        v.appendChunk(Kind::Code, QStringLiteral("int x;\n"));
        QAccessibleTextInterface *text = textOf(&v);
        QVERIFY(text);
        const QString shown = QStringLiteral("Hello brave new world. It is fine!\nint x;");
        QCOMPARE(text->text(0, text->characterCount()), shown);
        int start = -1, end = -1;
        QCOMPARE(text->textAtOffset(8, QAccessible::WordBoundary, &start, &end), u"brave");
        QCOMPARE(start, 6);
        QCOMPARE(end, 11);
        QCOMPARE(text->textAfterOffset(8, QAccessible::WordBoundary, &start, &end), u" ");
        QCOMPARE(text->textBeforeOffset(6, QAccessible::WordBoundary, &start, &end), u" ");
        QCOMPARE(start, 5);
        QCOMPARE(text->textBeforeOffset(5, QAccessible::WordBoundary, &start, &end), u"Hello");
        QCOMPARE(text->textAtOffset(30, QAccessible::SentenceBoundary, &start, &end),
                 u"It is fine!\n");
        QCOMPARE(text->textAtOffset(2, QAccessible::SentenceBoundary, &start, &end),
                 u"Hello brave new world. ");
        QCOMPARE(text->textAtOffset(shown.size() - 2, QAccessible::WordBoundary, &start, &end),
                 u"x");
        // Ends of the text: -1 means the end; no character after the last one.
        QCOMPARE(text->textAtOffset(-1, QAccessible::WordBoundary, &start, &end), u";");
        QCOMPARE(text->textAtOffset(-1, QAccessible::CharBoundary, &start, &end), QString());
        QCOMPARE(start, -1);
        QCOMPARE(text->textBeforeOffset(-1, QAccessible::CharBoundary, &start, &end), u";");
        QCOMPARE(text->textAfterOffset(shown.size() - 1, QAccessible::CharBoundary, &start, &end),
                 QString());
        QCOMPARE(text->textBeforeOffset(0, QAccessible::WordBoundary, &start, &end), QString());
        QCOMPARE(text->textAtOffset(shown.size() + 1, QAccessible::WordBoundary, &start, &end),
                 QString());
        QCOMPARE(start, -1);
        QCOMPARE(text->textAtOffset(3, QAccessible::NoBoundary, &start, &end), shown);
        // Not laid out: a line is the line of text, with its line end.
        QVERIFY(!v.isLaidOut(0));
        QCOMPARE(text->textAtOffset(3, QAccessible::LineBoundary, &start, &end),
                 u"Hello brave new world. It is fine!\n");
        QCOMPARE(text->textAfterOffset(3, QAccessible::LineBoundary, &start, &end), u"int x;");
        QCOMPARE(text->textAtOffset(-1, QAccessible::LineBoundary, &start, &end), u"int x;");
        QCOMPARE(text->textAtOffset(3, QAccessible::ParagraphBoundary, &start, &end),
                 u"Hello brave new world. It is fine!\n");
    }

    void charactersWordsAndSentencesAgreeWithQtsOwnHelpers_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::newRow("prose") << QStringLiteral(
            "Dr. Who said: \"hello, world\"... Then -- nothing?! Ok.  Two  spaces.\n");
        QTest::newRow("lines") << QStringLiteral("One line.\nAnother one, here\nand 3.5 more\n");
        QTest::newRow("unicode") << QStringLiteral(
            "Grüße aus Köln 👋🏽 und 東京です。Voilà l'été — fin.\n");
    }

    void charactersWordsAndSentencesAgreeWithQtsOwnHelpers()
    {
        // Qt's helpers search the whole text, the view only the line at the offset; with no
        // blank lines (where Qt runs the line ends of both into one item) they must agree.
        QFETCH(QString, markdown);
        ChunkedTextView v;
        v.appendChunk(Kind::Markdown, markdown);
        QAccessibleTextInterface *text = textOf(&v);
        QVERIFY(text);
        PlainText qt;
        qt.s = text->text(0, text->characterCount());
        QVERIFY(qt.s.size() > 20);
        for (const auto type : {QAccessible::CharBoundary, QAccessible::WordBoundary,
                                QAccessible::SentenceBoundary}) {
            for (int offset = 0; offset < qt.s.size(); ++offset) {
                const QString where = QStringLiteral("type %1 offset %2").arg(type).arg(offset);
                int start = -2, end = -2, qtStart = -2, qtEnd = -2;
                QCOMPARE(text->textAtOffset(offset, type, &start, &end),
                         qt.textAtOffset(offset, type, &qtStart, &qtEnd));
                QVERIFY2(start == qtStart && end == qtEnd, qPrintable(where));
                QCOMPARE(text->textAfterOffset(offset, type, &start, &end),
                         qt.textAfterOffset(offset, type, &qtStart, &qtEnd));
                QVERIFY2(start == qtStart && end == qtEnd, qPrintable(where));
                const QString before = text->textBeforeOffset(offset, type, &start, &end);
                const QString qtBefore = qt.textBeforeOffset(offset, type, &qtStart, &qtEnd);
                QCOMPARE(before, qtBefore);
                if (qtStart >= 0) // Qt answers [-1, 0) inside the first item; the view -1, -1
                    QVERIFY2(start == qtStart && end == qtEnd, qPrintable(where));
            }
        }
    }

    void linesAreTheLaidOutLinesWhereThereAreSome()
    {
        ChunkedTextView v;
        v.resize(160, 600);
        const QString words = QStringLiteral(
            "A paragraph long enough to wrap over several lines in a narrow view, as prose does.");
        v.appendChunk(Kind::Markdown, words + u'\n');
        v.appendChunk(Kind::Plain, QStringLiteral("end"));
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        QTRY_VERIFY(v.isLaidOut(0));
        QAccessibleTextInterface *text = textOf(&v);
        QVERIFY(text);
        int start = -1, end = -1;
        const QString first = text->textAtOffset(0, QAccessible::LineBoundary, &start, &end);
        QCOMPARE(start, 0);
        QVERIFY2(end > 5 && end < words.size(), qPrintable(first));
        QVERIFY(words.startsWith(first));
        // The lines follow one another to the end of the paragraph, its line end included.
        int lines = 1;
        int next = end;
        QString line;
        while ((line = text->textAfterOffset(next - 1, QAccessible::LineBoundary, &start, &end)) !=
                   QString() &&
               start < words.size()) {
            QCOMPARE(start, next);
            next = end;
            ++lines;
        }
        QVERIFY2(lines >= 3, qPrintable(QString::number(lines)));
        QCOMPARE(next, words.size() + 1);
        QCOMPARE(line, u"end");
        QCOMPARE(text->textBeforeOffset(next, QAccessible::LineBoundary, &start, &end).back(),
                 u'\n');
    }

    void geometryIsExactWhereLaidOutAndEstimatedElsewhereWithoutLayingOut()
    {
        QScrollArea area;
        auto *v = new ChunkedTextView;
        for (int i = 0; i < 400; ++i)
            v->appendChunk(
                Kind::Markdown,
                QStringLiteral("Paragraph %1 with **bold** words and more words.\n\n").arg(i));
        area.setWidget(v);
        area.setWidgetResizable(true);
        area.resize(500, 300);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        QTRY_VERIFY(v->laidOutChunks() > 0);
        QTest::qWait(20); // the relayout after the first paint
        const int laidOut = v->laidOutChunks();
        QAccessibleTextInterface *text = textOf(v);
        QVERIFY(text);

        // On screen: a character's rectangle leads back to it.
        const int bold = int(text->text(0, 40).indexOf(u"bold"));
        const QRect r = text->characterRect(bold);
        QVERIFY(!r.isEmpty());
        QCOMPARE(text->offsetAtPoint(r.center()), bold);
        QVERIFY(text->characterRect(bold + 1).left() > r.left());

        // Far below, never painted: answers, roughly in place, and nothing gets laid out.
        const int count = text->characterCount();
        QVERIFY(count > 400 * 40);
        int start = -1, end = -1;
        QCOMPARE(text->textAtOffset(count - 3, QAccessible::WordBoundary, &start, &end), u"words");
        QCOMPARE(text->textAtOffset(count - 3, QAccessible::LineBoundary, &start, &end),
                 u"Paragraph 399 with bold words and more words.");
        const QRect last = text->characterRect(count - 1);
        const QRect middle = text->characterRect(count / 2);
        const QRect whole(v->mapToGlobal(QPoint(0, 0)), v->size());
        QVERIFY(whole.contains(last));
        QVERIFY(middle.top() > r.bottom() && middle.bottom() < last.top());
        QVERIFY(qAbs(middle.center().y() - whole.center().y()) < whole.height() / 10);
        const int there = text->offsetAtPoint(middle.center());
        QVERIFY2(qAbs(there - count / 2) < count / 50, qPrintable(QString::number(there)));
        QCOMPARE(text->offsetAtPoint(whole.bottomRight() + QPoint(5, 5)), -1);
        text->setSelection(0, count - 10, count);
        QCOMPARE(v->laidOutChunks(), laidOut);

        // A reader can bring a range into view.
        text->scrollToSubstring(count - 10, count);
        QTRY_VERIFY(v->laidOutChunks() > laidOut); // painted now, at the bottom
        QVERIFY(v->isLaidOut(v->chunkCount() - 1));
    }

    void changesReachAReader()
    {
        ReaderListening reader;
        ChunkedTextView v;
        v.resize(400, 300);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        const int code = v.appendChunk(Kind::Code, QStringLiteral("a = 1\n"));
        v.appendToChunk(code, QStringLiteral("b = 2\n"));
        QTRY_COMPARE(heardFrom(&v, QAccessible::TextInserted).size(), 1); // one per pass
        Heard h = heardFrom(&v, QAccessible::TextInserted).constFirst();
        QCOMPARE(h.position, 0);
        QCOMPARE(h.inserted, u"a = 1\nb = 2");
        QCOMPARE(h.cursor, 0); // no caret moves: nothing was clicked

        g_heard.clear();
        v.appendToChunk(code, QStringLiteral("c = 3\n"));
        QTRY_COMPARE(heardFrom(&v, QAccessible::TextInserted).size(), 1);
        h = heardFrom(&v, QAccessible::TextInserted).constFirst();
        QCOMPARE(h.position, 11);
        QCOMPARE(h.inserted, u"\nc = 3");

        // Markdown that closes changes what was shown: an update, not an insert.
        g_heard.clear();
        const int prose = v.appendChunk(Kind::Markdown, QStringLiteral("It is **bo"));
        QTRY_COMPARE(heardFrom(&v, QAccessible::TextInserted).size(), 1);
        QCOMPARE(heardFrom(&v, QAccessible::TextInserted).constFirst().inserted, u"\nIt is **bo");
        v.setChunk(prose, Kind::Markdown, QStringLiteral("It is **bold**.\n"));
        QTRY_COMPARE(heardFrom(&v, QAccessible::TextUpdated).size(), 1);
        h = heardFrom(&v, QAccessible::TextUpdated).constFirst();
        QCOMPARE(h.position, 24);
        QCOMPARE(h.removed, u"**bo");
        QCOMPARE(h.inserted, u"bold.");

        g_heard.clear();
        v.selectAll();
        QCOMPARE(heardFrom(&v, QAccessible::TextSelectionChanged).size(), 1);
        h = heardFrom(&v, QAccessible::TextSelectionChanged).constFirst();
        QCOMPARE(h.start, 0);
        QCOMPARE(h.end, v.shownLength());
        v.selectAll(); // unchanged: nothing to say
        QCOMPARE(heardFrom(&v, QAccessible::TextSelectionChanged).size(), 1);

        g_heard.clear();
        const QString all = v.shownText();
        v.clear();
        QCOMPARE(heardFrom(&v, QAccessible::TextRemoved).size(), 1); // before the selection goes
        h = heardFrom(&v, QAccessible::TextRemoved).constFirst();
        QCOMPARE(h.position, 0);
        QCOMPARE(h.removed, all);
        QCOMPARE(heardFrom(&v, QAccessible::TextSelectionChanged).size(), 1);
        QCOMPARE(g_heard.constFirst().type, QAccessible::TextRemoved);
    }

    void aReaderArrivingMidAnswerHearsOnlyWhatIsNew()
    {
        QWidget window;
        window.resize(400, 300);
        ChunkedTextView &v = *new ChunkedTextView(&window);
        v.resize(400, 300);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const int code = v.appendChunk(Kind::Code, QStringLiteral("one\n"));
        v.appendChunk(Kind::Markdown, QStringLiteral("**two**\n"));
        QCoreApplication::processEvents();
        ReaderListening reader;
        v.appendToChunk(code, QStringLiteral("more\n"));
        QTRY_COMPARE(heardFrom(&v, QAccessible::TextInserted).size(), 1);
        // "one\ntwo" became "one\nmore\ntwo": told after the longest unchanged start.
        QCOMPARE(heardFrom(&v, QAccessible::TextInserted).constFirst().position, 4);
        QCOMPARE(heardFrom(&v, QAccessible::TextInserted).constFirst().inserted, u"more\n");
        // Hidden, it says nothing (a reader reads it again when it shows), then goes on from
        // what it has become.
        g_heard.clear();
        v.hide();
        v.appendChunk(Kind::Markdown, QStringLiteral("*hidden*\n"));
        QTest::qWait(20);
        QCOMPARE(heardFrom(&v, QAccessible::TextInserted).size(), 0);
        v.show();
        v.appendChunk(Kind::Plain, QStringLiteral("three"));
        QTRY_COMPARE(heardFrom(&v, QAccessible::TextInserted).size(), 1);
        const Heard h = heardFrom(&v, QAccessible::TextInserted).constFirst();
        QCOMPARE(h.position, 19);
        QCOMPARE(h.inserted, u"\nthree");
        QCOMPARE(heardFrom(&v, QAccessible::TextUpdated).size(), 0);
    }

    void aStreamedAnswerHeardEventByEventIsTheWholeText()
    {
        ReaderListening reader;
        QString text;
        for (int i = 0; i < 12; ++i)
            text += QStringLiteral("Paragraph %1 is **here**.\n\n```js\nlet a = %1;\n```\n- item "
                                   "`x`\n- item\n\n")
                        .arg(i);
        QScrollArea area; // as in TranscriptView
        auto *body = new MessageBody;
        area.setWidget(body);
        area.setWidgetResizable(true);
        area.resize(600, 400);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        ChunkedTextView *v = body->view();
        QString heard; // a reader's copy, kept from the events alone
        int passes = 0;
        const auto replay = [&] {
            for (const Heard &h : std::as_const(g_heard)) {
                if (h.object != v)
                    continue;
                if (h.type == QAccessible::TextInserted)
                    heard.insert(h.position, h.inserted);
                else if (h.type == QAccessible::TextRemoved)
                    heard.remove(h.position, h.removed.size());
                else if (h.type == QAccessible::TextUpdated)
                    heard.replace(h.position, h.removed.size(), h.inserted);
                else
                    continue;
                QVERIFY(h.position <= heard.size());
            }
            g_heard.clear();
        };
        for (qsizetype i = 0; i < text.size(); i += 3) {
            body->appendText(text.mid(i, 3));
            if (i % 30 == 0) {
                QTest::qWait(MessageBody::kFrameMs + 5); // frames happen in between
                ++passes;
                replay();
            }
        }
        body->finish();
        QCoreApplication::processEvents();
        replay();
        QAccessibleTextInterface *iface = textOf(v);
        QVERIFY(iface);
        QCOMPARE(heard, iface->text(0, iface->characterCount()));
        QVERIFY(heard.contains(u"Paragraph 11 is here.\nlet a = 11;\nitem x\nitem"));
        QVERIFY(passes > 20);
    }
};

QTEST_MAIN(TestChunkedTextView)
#include "tst_chunkedtextview.moc"
