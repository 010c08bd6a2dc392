// Reads the data of single entries of a layer zip, located by the
// ZipEntryRef the scanner recorded, into memory or into a file descriptor.
#pragma once

#include "scan/zipscanner.h"

#include <QByteArray>
#include <QString>

#include <memory>

class QuaZip;

class ZipEntryReader
{
public:
    explicit ZipEntryReader(const QString &zipPath);
    ~ZipEntryReader();
    ZipEntryReader(const ZipEntryReader &) = delete;
    ZipEntryReader &operator=(const ZipEntryReader &) = delete;

    [[nodiscard]] bool isOpen() const { return m_open; }

    // Streams the whole entry into `fd`; false with `why` on a corrupt,
    // encrypted or unreadable entry.
    bool readTo(const ZipEntryRef &ref, int fd, QString *why);
    // Reads at most `limit` bytes of the entry into `out` (all when limit < 0).
    bool read(const ZipEntryRef &ref, QByteArray *out, QString *why, qint64 limit = -1);

private:
    bool stream(const ZipEntryRef &ref, int fd, QByteArray *out, qint64 limit, QString *why);

    std::unique_ptr<QuaZip> m_zip;
    bool m_open = false;
};
