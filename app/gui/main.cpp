// layerslim: the explorer window. `layerslim [PATH]` opens a layer folder or
// zip; --rules / --profile preselect choices; --screenshot saves the window
// once the layer is shown (used by scripts/screenshot.sh under Xvfb).
#include "base/logging.h"
#include "gui/budget/budgetpanel.h"
#include "gui/budget/limitgauge.h"
#include "gui/compare/comparedialog.h"
#include "gui/compare/comparelauncher.h"
#include "gui/explorer/explorerview.h"
#include "gui/explorer/treemapwidget.h"
#include "gui/shell/languageloader.h"
#include "gui/shell/layerdocument.h"
#include "gui/shell/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QTimer>

#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <string_view>

namespace {

// Saves the window once it has settled: the treemap laid out and the zipped
// gauge exact (or after a minute at most), then quits.
void takeScreenshotWhenSettled(MainWindow &window, const QString &file)
{
    auto *poll = new QTimer(&window);
    auto waited = std::make_shared<int>(0);
    QObject::connect(poll, &QTimer::timeout, &window, [&window, file, poll, waited] {
        const LimitGauge *zipped = window.explorer()->budgetPanel()->zippedGauge();
        const bool settled = !window.explorer()->treemap()->isLayoutPending() && zipped->value() &&
                             !zipped->isApproximate() && window.document()->distributions();
        if (!settled && (*waited += poll->interval()) < 60000)
            return;
        poll->stop();
        QTimer::singleShot(300, &window, [&window, file] { // one more paint after the last change
            if (!window.grab().save(file))
                spdlog::error("cannot write {}", file.toStdString());
            QApplication::exit(0);
        });
    });
    poll->start(200);
}

// --help and --version only print, so they must work without a display (over
// ssh, in a package check): they get a QCoreApplication.
bool printsOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    const std::unique_ptr<QCoreApplication> app = printsOnly(argc, argv)
                                                      ? std::make_unique<QCoreApplication>(argc, argv)
                                                      : std::make_unique<QApplication>(argc, argv);
    Q_INIT_RESOURCE(layerslim); // the icons live in the layerslim_gui static library
    QApplication::setOrganizationName(QStringLiteral("LayerSlim"));
    QApplication::setApplicationName(QStringLiteral("layerslim"));
    QApplication::setApplicationDisplayName(QStringLiteral("LayerSlim"));
    QApplication::setApplicationVersion(QStringLiteral(LAYERSLIM_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("layerslim"));

    LanguageLoader::install(*app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Explore and slim a Python tree into an AWS Lambda layer."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QApplication::translate("main", "Layer folder, site-packages or layer zip to open."),
                                 QStringLiteral("[PATH]"));
    const QCommandLineOption rulesOption(QStringLiteral("rules"),
                                         QApplication::translate("main", "Rule ids to enable, comma-separated."),
                                         QStringLiteral("a,b"));
    const QCommandLineOption profileOption(QStringLiteral("profile"),
                                           QApplication::translate("main", "Profile to apply once PATH is open."),
                                           QStringLiteral("FILE"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Save the window to FILE once PATH is shown, then quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption selectOption(
        QStringLiteral("select"), QApplication::translate("main", "Select this path (relative to PATH) once open."),
        QStringLiteral("PATH"));
    const QCommandLineOption panelOption(
        QStringLiteral("panel"),
        QApplication::translate("main", "Bring this dock to the front once open: checks, requirements or breakdown."),
        QStringLiteral("NAME"));
    const QCommandLineOption verboseOption(QStringLiteral("verbose"),
                                           QApplication::translate("main", "Log debug messages to stderr."));
    const QCommandLineOption compareOption(
        QStringLiteral("compare"),
        QApplication::translate("main", "Compare the open layer with this zip or folder once open (with "
                                        "--screenshot, the comparison's window is saved)."),
        QStringLiteral("OLD"));
    parser.addOptions(
        {rulesOption, profileOption, screenshotOption, selectOption, panelOption, compareOption, verboseOption});
    parser.process(*app);
    logging::init(QStringLiteral("layerslim"), parser.isSet(verboseOption));

    MainWindow window;
    window.show();

    const QStringList args = parser.positionalArguments();
    const QString screenshot = parser.value(screenshotOption);
    if (!screenshot.isEmpty() && args.isEmpty()) {
        std::fprintf(stderr, "--screenshot needs a PATH to open\n");
        return 1;
    }
    QObject::connect(&window, &MainWindow::layerOpened, &window, [&] {
        LayerDocument *document = window.document();
        for (const QString &id : parser.value(rulesOption).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const int rule = RuleCatalog::indexOf(id.trimmed());
            if (rule < 0)
                spdlog::warn("unknown rule id {}", id.toStdString());
            else
                document->setRuleEnabled(rule, true);
        }
        if (parser.isSet(profileOption)) {
            QString error;
            const std::optional<Profile> profile = Profile::load(parser.value(profileOption), &error);
            if (!profile || !window.applyProfile(*profile, &error))
                spdlog::error("{}", error.toStdString());
        }
        if (parser.isSet(selectOption)) {
            const FileTree::Index node = document->tree().find(parser.value(selectOption).toUtf8());
            if (node != FileTree::kNone)
                window.explorer()->selectNode(node);
        }
        if (parser.isSet(panelOption)) {
            const QString name = parser.value(panelOption) + QStringLiteral("Dock");
            if (auto *dock = window.findChild<QDockWidget *>(name)) {
                dock->show();
                dock->raise();
            } else {
                spdlog::warn("no panel named {}", parser.value(panelOption).toStdString());
            }
        }
        if (parser.isSet(compareOption)) {
            window.compareWith(parser.value(compareOption));
            return; // its window, not the explorer, is the screenshot
        }
        if (!screenshot.isEmpty())
            takeScreenshotWhenSettled(window, screenshot);
    });
    if (!screenshot.isEmpty()) {
        QObject::connect(window.compareLauncher(), &CompareLauncher::shown, &window, [screenshot](CompareDialog *d) {
            QTimer::singleShot(800, d, [d, screenshot] {
                if (!d->grab().save(screenshot))
                    spdlog::error("cannot write {}", screenshot.toStdString());
                QApplication::exit(0);
            });
        });
        QObject::connect(window.compareLauncher(), &CompareLauncher::failed, &window, [](const QString &error) {
            spdlog::error("{}", error.toStdString());
            QApplication::exit(1);
        });
    }
    if (!screenshot.isEmpty())
        QObject::connect(&window, &MainWindow::openFailed, &window, [](const QString &error) {
            spdlog::error("{}", error.toStdString());
            QApplication::exit(1);
        });
    if (!args.isEmpty())
        window.openPath(args.first());
    return QApplication::exec();
}
