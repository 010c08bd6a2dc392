#include "base/units.h"

#include <QCoreApplication>
#include <QLocale>

namespace units {

QString formatBytes(std::uint64_t bytes)
{
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
