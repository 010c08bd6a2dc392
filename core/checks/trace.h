// What one traced run of a smoke script touched in a layer (TRACE.json): the
// modules it imported and the layer files it opened, listed or loaded, as
// layer-relative paths, with the script's hash and the interpreter it ran on,
// so the "not used by the traced run" rule can be replayed and its source named.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

struct Trace {
    static constexpr int kVersion = 1;

    QString layer;         // the layer traced, as the user named it (absolute)
    QStringList rules;     // the rules the kept set was built with (empty: the whole layer)
    QString smokePath;     // the smoke script, absolute
    QString smokeSha256;   // lower-case hex of the script's bytes when traced
    QString python;        // the interpreter's path
    QString pythonVersion; // "3.11.2"
    int exitStatus = 0;    // the script's exit status (a trace is only written for 0)
    QStringList modules;   // dotted names of the layer's modules imported or tried, sorted
    QStringList files;     // files of the layer opened, loaded or mapped, relative to the package root, sorted
    QStringList dirs;      // folders of the layer listed (os.listdir, os.scandir), relative the same way, sorted

    [[nodiscard]] QByteArray toJson() const;
    // Parses and validates; nullopt with `error` naming the key and reason.
    [[nodiscard]] static std::optional<Trace> fromJson(const QByteArray &json, QString *error);
    // Reads a TRACE.json; nullopt with `error` naming the path and reason.
    [[nodiscard]] static std::optional<Trace> load(const QString &path, QString *error);

    // Lower-case hex SHA-256 of a file's bytes; empty with `error` when it cannot be read.
    [[nodiscard]] static QString sha256Of(const QString &path, QString *error = nullptr);
    // Why this trace may no longer describe its script: the script is gone or
    // its bytes changed since, or `expectedSha256` (a profile's smoke_sha256,
    // when not empty) names another script. Empty when none.
    [[nodiscard]] QStringList staleness(const QString &expectedSha256 = {}) const;
};
