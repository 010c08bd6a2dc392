// The window alone, offscreen: open → first painted treemap over fresh
// windows, and rule toggle → repainted treemap. `make bench` prints the same
// rows in its table; this one runs by itself, for profiling one layer.
//
//   bench_window [LAYER] [RUNS]
#include "windowtiming.h"

#include <QApplication>
#include <QDir>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    Q_INIT_RESOURCE(layerslim); // the window's icons, as the app loads them
    // What it prints on standard output is the measurement: the log goes to standard error.
    spdlog::set_default_logger(spdlog::stderr_color_mt("bench"));
    spdlog::set_level(spdlog::level::warn);
    QApplication::setOrganizationName(QStringLiteral("LayerSlimBench"));
    const QString root =
        argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(LAYERSLIM_FIXTURE_DIR "/demo/python");
    const int runs = argc > 2 ? std::max(1, QString::fromLocal8Bit(argv[2]).toInt()) : 3;
    const QString work = QCoreApplication::applicationDirPath() + QStringLiteral("/bench-work");
    QDir().mkpath(work);
    qputenv("XDG_CACHE_HOME", QFile::encodeName(work + QStringLiteral("/window-cache")));

    const WindowTiming timing = timeWindow(QDir(root).absolutePath(), runs);
    if (!timing.error.isEmpty()) {
        std::fprintf(stderr, "bench_window: %s\n", qPrintable(timing.error));
        return 1;
    }
    std::printf("open → treemap painted: %.1f ms (median of %d fresh windows)\n", timing.open * 1e3, runs);
    std::printf("rule toggle → repainted: %.1f ms (median of 10)\n", timing.toggle * 1e3);
    return 0;
}
