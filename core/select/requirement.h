// One PEP 508 requirement as METADATA's Requires-Dist states it ("scipy[all]
// >=1.9; python_version >= '3.9' and extra == 'fast'"), with its environment
// marker evaluated for a Lambda target, and PEP 503 name normalisation.
#pragma once

#include "select/targets.h"

#include <QString>
#include <QStringList>

#include <QStringList>
#include <optional>

struct Requirement {
    QString text;       // as declared (egg-info requires.txt already turned into this form)
    QString name;       // the distribution's name as written
    QStringList extras; // the extras asked of it ("scipy[all]"), normalised
    QString marker;     // the text after ';', empty when unconditional

    // Parses `text`; false when it has no distribution name.
    [[nodiscard]] static bool parse(const QString &text, Requirement *out);
    // The distribution names a pip requirements file asks for, in order, as
    // pip reads the file: comments ('#' at the start or after a space),
    // option lines and a trailing backslash; `-r FILE` read relative to it;
    // URLs and `-e` by their #egg= name. Markers are not evaluated. nullopt
    // with `error` naming the file when it (or one it includes) cannot be read.
    [[nodiscard]] static std::optional<QStringList> namesInFile(const QString &path, QString *error);
    // PEP 503: lower case, runs of '-', '_' and '.' as one '-'.
    [[nodiscard]] static QString normalize(QStringView name);
    // Whether the marker holds on `target` (Linux, CPython) while installing
    // `extra` ("" for the distribution itself). A marker that does not parse
    // holds, so that a requirement is never silently lost; `error` says why.
    [[nodiscard]] bool appliesTo(const Target &target, const QString &extra, QString *error = nullptr) const;
};
