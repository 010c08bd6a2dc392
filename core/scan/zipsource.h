// A scanned layer zip opened for export: finds each entry's stored bytes
// (through minizip, which knows zip64 and self-extractor offsets) and reads
// them raw for zip-to-zip copies, or inflates them for a folder export.
#pragma once

#include "scan/zipscanner.h"

#include <QString>

#include <functional>
#include <memory>

class QuaZip;

class ZipSource
{
public:
    using Sink = std::function<bool(const char *, std::size_t)>;

    ZipSource();
    ~ZipSource();
    ZipSource(const ZipSource &) = delete;
    ZipSource &operator=(const ZipSource &) = delete;

    [[nodiscard]] bool open(const QString &path, QString *error);
    // Where an entry's stored bytes start in the file; refuses encrypted
    // entries and methods other than stored and deflate.
    [[nodiscard]] bool dataOffset(const ZipEntryRef &ref, std::uint64_t *offset, QString *error);
    // Passes the entry's stored bytes to `sink` unchanged.
    [[nodiscard]] bool copyRaw(const ZipEntryRef &ref, std::uint64_t offset, const Sink &sink, QString *error);
    // Passes the entry's content (inflated when deflated) to `sink`, checking its CRC.
    [[nodiscard]] bool extract(const ZipEntryRef &ref, std::uint64_t offset, const Sink &sink, QString *error);

private:
    std::unique_ptr<QuaZip> m_zip;
    int m_fd = -1;
};
