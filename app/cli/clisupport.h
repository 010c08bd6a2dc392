// What several layerslim-cli commands share: opening a layer with progress on
// stderr, building a ledger from --rules or --profile, and printing.
#pragma once

#include "commands.h"
#include "layer.h"
#include "profile.h"
#include "sizeledger.h"

#include <QCommandLineParser>

#include <memory>
#include <optional>

namespace cli {

// A layer opened and its selection set from the command line.
struct Session {
    Layer layer;
    std::unique_ptr<SizeLedger> ledger;
    Profile profile;
};

// Adds --rules and --profile to a parser.
void addSelectionOptions(QCommandLineParser &parser);
// Opens `path` and applies --rules / --profile; prints the reason and returns
// nullopt on bad input.
[[nodiscard]] std::optional<Session> openSession(const QString &path, const QCommandLineParser &parser);
// Parses args; handles --help. Returns false (after printing) on bad usage.
[[nodiscard]] bool parseOrExplain(QCommandLineParser &parser, const QStringList &args, const QString &command,
                                  int positionalCount, int *exitCode);

void printOut(const QString &text);
void printErr(const QString &text);

} // namespace cli
