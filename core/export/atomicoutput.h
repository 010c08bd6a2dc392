// An export's destination written atomically: everything goes to a temporary
// name in the destination's folder (".NAME.layerslim-tmp-PID"), flushed and
// renamed into place only when complete. Anything else removes the temporary
// and leaves an existing output untouched; temporaries of killed runs are
// removed by the next export to the same place.
#pragma once

#include <QByteArray>
#include <QString>

class AtomicOutput
{
public:
    // What the destination is.
    enum class Kind {
        File,   // a zip: the temporary is a file opened for writing
        Folder, // an unpacked layer: the temporary is a folder
    };

    AtomicOutput(const QString &destination, Kind kind);
    ~AtomicOutput(); // discards unless committed
    AtomicOutput(const AtomicOutput &) = delete;
    AtomicOutput &operator=(const AtomicOutput &) = delete;

    // Removes stale temporaries and creates this run's. False with `error` set
    // (naming the path and the reason) when it cannot.
    [[nodiscard]] bool open(QString *error);
    [[nodiscard]] int fd() const { return m_fd; }
    // The temporary, as bytes for POSIX calls.
    [[nodiscard]] const QByteArray &tempPath() const { return m_temp; }
    // Flushes to disk and renames into place.
    [[nodiscard]] bool commit(QString *error);
    // Removes the temporary (idempotent).
    void discard();

    // Refuses (false, `error` naming both paths) a destination that is the
    // scanned `source`, lies inside it, or is a folder holding it, which the
    // swap into place would replace: the source is never written. Compares
    // device and inode numbers up the real parent chain, so symlinks, `..`
    // and other spellings of the same folder do not get past it.
    [[nodiscard]] static bool apartFromSource(const QString &destination, const QString &source, QString *error);

    // The marker a folder export leaves so that a later export may replace it.
    static constexpr const char *kFolderMarker = ".layerslim-export";

private:
    void removeStale();

    QString m_destination;
    QByteArray m_dest; // destination as bytes
    QByteArray m_dir;  // its folder
    QByteArray m_temp;
    Kind m_kind;
    int m_fd = -1;
    bool m_committed = false;
};
