// What the export suites of the hostile tests share: a scratch folder per test
// with a source layer (src/python/pkg) and an output folder (out/), and readers
// for what an export left there: the zip's names as raw bytes, stray temporaries.
#pragma once

#include "hostilesupport.h"

#include <QDir>
#include <QObject>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace hostile {

// The central directory's names as raw bytes, read with struct (not zipfile's
// decoding), then `testzip()` over every entry; "NAMES-ERROR" when unreadable.
inline const char *const kZipNames = R"PY(
import struct, sys, zipfile
data = open(sys.argv[1], 'rb').read()
end = data.rfind(b'PK\x05\x06')
count, size, offset = struct.unpack('<HII', data[end + 10:end + 20])
pos, names = offset, []
for _ in range(count):
    n, e, c = struct.unpack('<HHH', data[pos + 28:pos + 34])
    names.append(data[pos + 46:pos + 46 + n])
    pos += 46 + n + e + c
bad = zipfile.ZipFile(sys.argv[1]).testzip()
if bad is not None:
    print('CORRUPT', bad)
for n in sorted(names):
    print(n.hex())
)PY";

inline QList<QByteArray> zipNames(const QString &zip, bool *sound)
{
    const QByteArray out =
        testsupport::sh(QStringLiteral("python3 -c %1 %2")
                            .arg(testsupport::quoted(QString::fromLatin1(kZipNames)), testsupport::quoted(zip)));
    QList<QByteArray> names;
    *sound = !out.isEmpty() && !out.startsWith("CORRUPT");
    for (const QByteArray &line : out.split('\n'))
        if (!line.isEmpty() && !line.startsWith("CORRUPT"))
            names << QByteArray::fromHex(line);
    return names;
}

inline QStringList temporaries(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("*.layerslim-tmp-*")}, QDir::AllEntries | QDir::Hidden | QDir::System);
}

inline bool writeBytes(const QByteArray &path, const QByteArray &data)
{
    const int fd = ::open(path.constData(), O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, data.constData(), size_t(data.size())) == ssize_t(data.size());
    ::close(fd);
    return ok;
}

// The base of an export suite: its init() calls makeScratch() and its cleanup() removeScratch().
class ExportSuite : public QObject
{
protected:
    void makeScratch()
    {
        m_dir = std::make_unique<QTemporaryDir>(scratchTemplate());
        QVERIFY(m_dir->isValid());
        QVERIFY(QDir().mkpath(src() + QStringLiteral("/python/pkg")));
        QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("out"))));
    }
    void removeScratch()
    {
        testsupport::sh(
            QStringLiteral("chmod -R u+rwX %1 2>/dev/null; rm -rf %1").arg(testsupport::quoted(m_dir->path())));
        m_dir.reset();
    }

    QString src() const { return m_dir->filePath(QStringLiteral("src")); }
    QByteArray srcBytes() const { return QFile::encodeName(src()); }
    QString out(const char *name) const { return m_dir->filePath(QStringLiteral("out/") + QLatin1String(name)); }
    // Incompressible data, so that an export takes a while at level 12.
    void makeBulk(qint64 megabytes)
    {
        testsupport::sh(
            QStringLiteral(
                "cd %1/python/pkg && for i in $(seq 1 %2); do head -c 1048576 /dev/urandom > bulk$i.bin; done")
                .arg(testsupport::quoted(src()))
                .arg(megabytes));
    }
    // A message for the README: the scratch folder shown as $TMP.
    QString tidy(QString message) const { return message.replace(m_dir->path(), QStringLiteral("$TMP")); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

} // namespace hostile
