#include "base/logging.h"

#include <QDir>
#include <QStandardPaths>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace logging {

namespace {
QString g_logFile;
}

void init(const QString &appName, bool verbose)
{
    if (!g_logFile.isEmpty())
        return;
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::tempPath() + QStringLiteral("/layerslim");
    dir += QStringLiteral("/logs");
    QDir().mkpath(dir);
    g_logFile = dir + QLatin1Char('/') + appName + QStringLiteral(".log");

    std::vector<spdlog::sink_ptr> sinks;
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    console->set_level(verbose ? spdlog::level::debug : spdlog::level::warn);
    sinks.push_back(console);
    try {
        auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(g_logFile.toStdString(), 5 * 1024 * 1024, 3);
        file->set_level(spdlog::level::debug);
        sinks.push_back(file);
    } catch (const spdlog::spdlog_ex &e) {
        console->log(spdlog::details::log_msg("layerslim", spdlog::level::warn,
                                              fmt::format("log file unavailable: {}", e.what())));
    }
    auto logger = std::make_shared<spdlog::logger>(appName.toStdString(), sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::debug);
    // Info lines reach the file at once: the log is read while LayerSlim runs
    // (Help ▸ Show Log, or tail -f); debug lines go with the next info line.
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
}

QString logFilePath()
{
    return g_logFile;
}

} // namespace logging
