// Stages a new layer from a requirements file: pip installs wheels built for a
// Lambda target into a temporary folder inside the output folder, which is
// renamed to OUTPUT/python only when pip succeeds, so a failed or cancelled run
// leaves no partial layer and keeps any previous one intact.
#pragma once

#include "base/jobcontrol.h"
#include "select/targets.h"

#include <QString>
#include <QStringList>

#include <functional>

struct StageRequest {
    QString requirements;                       // a pip requirements file
    QString outputDir;                          // the layer folder; the packages land in outputDir/python
    Target target;                              // decides pip's --platform and --python-version
    QString python = QStringLiteral("python3"); // the interpreter whose pip runs (a name or a path)
    QStringList extraPipArgs; // passed through after LayerSlim's own (an index, --no-index --find-links …)
    bool replace = false;     // replace an existing outputDir/python instead of refusing
};

class Stager
{
public:
    // How a staging run ended.
    enum class Outcome : std::uint8_t {
        Staged,    // pip succeeded and outputDir/python holds the result
        BadInput,  // nothing ran: unreadable requirements, no interpreter, output in the way
        PipFailed, // pip ran and failed (or could not start); nothing was written to outputDir/python
        Cancelled, // the JobControl was cancelled; pip was stopped and its files removed
    };

    // Which of pip's output streams a line came from.
    enum class Stream : std::uint8_t {
        Out, // pip's standard output: progress ("Collecting …", "Installing …")
        Err, // pip's standard error: warnings and errors
    };

    // Called for each line pip prints, on the thread that called run().
    using LineFn = std::function<void(Stream stream, const QString &line)>;

    struct Result {
        Outcome outcome = Outcome::BadInput;
        QString message;      // for the user: what was staged, or what went wrong
        QString layerDir;     // absolute outputDir/python when staged
        int pipExitCode = -1; // -1 when pip did not run to an exit
    };

    // pip's arguments (after the interpreter) for installing into `installDir`.
    [[nodiscard]] static QStringList pipArguments(const StageRequest &request, const QString &installDir);

    // Runs pip to completion or cancellation; blocks the calling thread (run it
    // off the GUI thread). Progress items count the distributions pip has
    // collected so far; `current` is pip's latest line.
    [[nodiscard]] static Result run(const StageRequest &request, const LineFn &onLine, JobControl *control = nullptr);
};
