#include "welcomedialog.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>

namespace bw::ui {

WelcomeChoice askHowToStart(const QString &whyNoKey)
{
    QMessageBox ask;
    ask.setWindowTitle(QObject::tr("Welcome to Breakwater"));
    ask.setIcon(QMessageBox::Information);
    ask.setText(QObject::tr("No API key is set up yet."));
    ask.setInformativeText(
        QObject::tr("Try Breakwater on its built-in simulator — no key, no network — and watch it "
                    "handle rate limits, overloads and stalled streams. Or enter your Anthropic "
                    "API key; it is stored in your system keychain, never in a file.\n\n%1")
            .arg(whyNoKey));
    QPushButton *tryDemo = ask.addButton(QObject::tr("Try the demo"), QMessageBox::AcceptRole);
    QPushButton *enterKey = ask.addButton(QObject::tr("Enter API key…"), QMessageBox::ActionRole);
    ask.addButton(QMessageBox::Cancel);
    ask.setDefaultButton(tryDemo);
    ask.exec();
    if (ask.clickedButton() == tryDemo)
        return WelcomeChoice::Demo;
    if (ask.clickedButton() == enterKey)
        return WelcomeChoice::EnterKey;
    return WelcomeChoice::Quit;
}

} // namespace bw::ui
