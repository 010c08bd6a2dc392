#include "base/units.h"

#include <cmath>
#include <cstring>

#include <QCoreApplication>
#include <QLocale>

namespace units {

QString formatBytes(std::uint64_t bytes)
{
    if (bytes == 1)
        return QStringLiteral("1 byte");
    if (bytes < 1024)
        return QStringLiteral("%1 bytes").arg(bytes);
    const double kb = double(bytes) / 1024.0;
    if (kb < 1024.0)
        return QStringLiteral("%1 KB").arg(kb, 0, 'f', kb < 10 ? 1 : 0);
    const double mb = kb / 1024.0;
    if (mb < 1024.0)
        return QStringLiteral("%1 MB").arg(mb, 0, 'f', 1);
    return QStringLiteral("%1 GB").arg(mb / 1024.0, 0, 'f', 2);
}

QString groupedBytes(std::uint64_t bytes)
{
    QLocale locale(QLocale::English);
    return locale.toString(qulonglong(bytes));
}

QString localBytes(std::uint64_t bytes)
{
    const QLocale locale;
    if (bytes < 1024)
        return QCoreApplication::translate("units", "%1 bytes").arg(locale.toString(qulonglong(bytes)));
    const double kb = double(bytes) / 1024.0;
    if (kb < 1024.0)
        return QCoreApplication::translate("units", "%1 KB").arg(locale.toString(kb, 'f', kb < 10 ? 1 : 0));
    const double mb = kb / 1024.0;
    if (mb < 1024.0)
        return QCoreApplication::translate("units", "%1 MB").arg(locale.toString(mb, 'f', 1));
    return QCoreApplication::translate("units", "%1 GB").arg(locale.toString(mb / 1024.0, 'f', 2));
}

QString localGroupedBytes(std::uint64_t bytes)
{
    return QLocale().toString(qulonglong(bytes));
}

std::optional<std::uint64_t> parseBytes(QStringView text)
{
    const QString t = text.trimmed().toString().toUpper();
    static const std::pair<const char *, std::uint64_t> kUnits[] = {
        {"GB", 1024 * kMB}, {"MB", kMB}, {"KB", 1024}, {"B", 1}, {"", 1}};
    for (const auto &[suffix, scale] : kUnits) {
        if (!t.endsWith(QLatin1String(suffix)))
            continue;
        const QString number = t.chopped(qsizetype(std::strlen(suffix))).trimmed();
        bool ok = false;
        if (scale == 1) {
            const qulonglong whole = number.toULongLong(&ok);
            if (ok && whole <= (std::uint64_t(1) << 63))
                return whole;
            return std::nullopt;
        }
        const double value = number.toDouble(&ok);
        if (!ok || !std::isfinite(value) || value < 0 || value * double(scale) > double(std::uint64_t(1) << 63))
            return std::nullopt;
        return std::uint64_t(std::llround(value * double(scale)));
    }
    return std::nullopt;
}

namespace {

QString signedSize(std::int64_t change, const QString &size)
{
    return change > 0 ? QStringLiteral("+") + size : change < 0 ? QStringLiteral("-") + size : QStringLiteral("±0");
}

} // namespace

QString formatChange(std::int64_t change)
{
    return signedSize(change, formatBytes(std::uint64_t(std::abs(change))));
}

QString localChange(std::int64_t change)
{
    return signedSize(change, localBytes(std::uint64_t(std::abs(change))));
}

} // namespace units
