#pragma once

#include <QLabel>

namespace bw::ui {

// A block of Markdown prose. Rendering Markdown costs about a microsecond per character, so it
// happens lazily: until the block is first painted (that is, scrolled into view) it only
// reserves an estimated height. Text stays selectable.
class ProseView final : public QLabel
{
    Q_OBJECT

public:
    enum class Format { Markdown, Plain };

    explicit ProseView(Format format = Format::Markdown, QWidget *parent = nullptr);

    void setSource(const QString &source);
    const QString &source() const { return m_source; }
    bool isRendered() const { return m_rendered; }
    void ensureRendered();

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int estimatedHeight(int width) const;

    Format m_format;
    QString m_source;
    bool m_rendered = true;
};

} // namespace bw::ui
