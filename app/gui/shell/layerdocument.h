// One opened layer in the explorer: the scanned tree, its SizeLedger and the
// undo history. Every selection change the GUI makes goes through here, so
// each one is undoable and every view hears about it from one signal.
#pragma once

#include "base/jobcontrol.h"
#include "export/exportoptions.h"
#include "gui/explorer/checkmarks.h"
#include "scan/layer.h"
#include "select/profile.h"
#include "select/sizeledger.h"
#include "tree/nodecategory.h"

#include <QObject>
#include <QUndoStack>

#include <functional>
#include <memory>

class Distributions;
class ZipEstimator;
struct MetadataUsers;

class LayerDocument : public QObject
{
    Q_OBJECT

public:
    // The compression level zipped sizes are estimated at: zip's default, and the exporter's.
    static constexpr int kEstimateLevel = ExportOptions::kDefaultLevel;

    // Everything one undo step restores: the ledger's choices and the distributions dropped.
    struct Selection {
        SizeLedger::State ledger;
        QStringList dropped; // names given to dropDistributions, in order
        Bitset droppedFiles; // the files those drops marked to prune
        bool operator==(const Selection &) const = default;
    };

    // When the background passes (the exact zip size, distributions and
    // metadata reads) begin: at once, or when startBackgroundWork() is called
    // (the window calls it once the treemap is on screen, so that they do not
    // compete with its first paint).
    enum class Background { Now, Later };
    LayerDocument(std::shared_ptr<Layer> layer, QString path, QObject *parent = nullptr,
                  Background background = Background::Now);
    ~LayerDocument() override;

    [[nodiscard]] const Layer &layer() const { return *m_layer; }
    // The layer, to be held by work that may outlive the document.
    [[nodiscard]] std::shared_ptr<const Layer> sharedLayer() const { return m_layer; }
    [[nodiscard]] const FileTree &tree() const { return *m_layer->tree; }
    [[nodiscard]] const SizeLedger &ledger() const { return *m_ledger; }
    // What each node of the tree is (NodeClassifier::classifyAll), worked out
    // once for the treemap, its legend, the breakdown and the zip estimate.
    [[nodiscard]] const std::vector<NodeCategory> &categories() const { return m_categories; }
    [[nodiscard]] QUndoStack *undoStack() { return &m_undo; }
    // The zipped size of any selection (exact once its background pass ends).
    [[nodiscard]] const ZipEstimator *zipEstimator() const { return m_zip.get(); }
    // Badges from the last lint and verify runs (set by the Checks panel).
    [[nodiscard]] const CheckMarks &checkMarks() const { return m_checkMarks; }
    void setLintResults(const LintReport &report);
    void setVerifyResults(const VerifyReport &report, const std::function<FileTree::Index(const QString &)> &nodeOf);
    // Whether the sources have been read for metadata reads (metadataSparesReady was emitted).
    [[nodiscard]] bool metadataSparesKnown() const { return m_metadataUsers != nullptr; }
    // What the layer's code reads of its metadata; null until metadataSparesReady.
    [[nodiscard]] const MetadataUsers *metadataUsers() const { return m_metadataUsers.get(); }
    // The layer's distributions and requirement graph, read in the background
    // after opening for the layer's own target; null until distributionsReady.
    [[nodiscard]] const Distributions *distributions() const { return m_distributions.get(); }
    // The same, for holders that may outlive a change of requirements file.
    [[nodiscard]] std::shared_ptr<const Distributions> sharedDistributions() const { return m_distributions; }
    // Takes the top-level requirements from a pip requirements file (its
    // names) instead of "required by nothing installed"; `missing` gets the
    // names not installed. False with `error` when the file cannot be read or
    // the distributions are not read yet.
    bool setRequirementsFile(const QString &file, QStringList *missing, QString *error);
    // The requirements file the top-level requirements come from; empty when none.
    [[nodiscard]] const QString &requirementsFile() const { return m_requirementsFile; }
    // The distributions dropped so far (dropDistributions), in order.
    [[nodiscard]] const QStringList &droppedDistributions() const { return m_dropped; }
    // The selection as a profile: `base`'s target and export settings, the
    // ledger's rules and marks, and the drops as drop_distributions (their
    // files not repeated as prune marks).
    [[nodiscard]] Profile profile(const Profile &base) const { return profileOf(*m_ledger, base); }
    // The same for another selection of this layer (a plan not applied yet).
    [[nodiscard]] Profile profileOf(const SizeLedger &ledger, const Profile &base) const;
    // The folder or zip that was opened, as the user gave it.
    [[nodiscard]] const QString &path() const { return m_path; }

    // ---- undoable selection changes ----
    void setRuleEnabled(int rule, bool on);
    void setRuleExceptions(int rule, const QStringList &globs);
    void mark(FileTree::Index node, SizeLedger::Mark m);
    // Prunes the named distributions with every dependency nothing else kept
    // needs (Distributions::drop), as one step. False, with `error`, when the
    // distributions are not read yet or one is not installed.
    bool dropDistributions(const QStringList &names, QString *error);
    // Gives the not-traced rule a trace (TRACE.json from `layerslim-cli
    // trace`): what it prunes and spares. Not a selection change, so not an
    // undo step; the rule's tick stays as it is. False with `error`;
    // `warnings` gets a stale trace's and unreadable files' notes.
    bool loadTrace(const QString &file, const QString &expectedSha256, QString *error, QStringList *warnings);
    // The trace loaded (absolute path), empty when none.
    [[nodiscard]] const QString &traceFile() const { return m_traceFile; }
    // Replaces the ledger's choices with `state` (e.g. a plan) as one step named `text`.
    void setSelection(const SizeLedger::State &state, const QString &text);
    // Clears manual choices and rule exceptions back to the catalog's defaults, all rules off.
    void resetSelection();
    // Replaces the selection with a profile's; on failure nothing changes and `error` names the cause.
    bool applyProfile(const Profile &profile, QString *error);

    // Puts the selection back without recording it (undo / redo use this).
    void restoreSelection(const Selection &selection);

    // Begins the background passes of a document made with Background::Later
    // (once; later calls do nothing).
    void startBackgroundWork();
    [[nodiscard]] bool isBackgroundStarted() const { return m_metadataScan != nullptr; }

Q_SIGNALS:
    // The selection (and therefore every kept/pruned number) changed.
    void selectionChanged();
    // New lint or verify results: the badges changed.
    void checksChanged();
    // The zipped-size estimate became exact, and the strip rule's savings
    // (its bytes, and the kept total with strip on) are measured.
    void zipEstimateReady();
    // The layer's sources were read for metadata reads: the dist-info rules
    // now spare what they need (the selection changed with it).
    void metadataSparesReady();
    // The distributions were read: distributions() answers from now on.
    void distributionsReady();
    // A rule that prunes from a trace was ticked with no trace loaded: the
    // tick is refused until loadTrace() gives it one.
    void traceNeeded(int rule);

private:
    // Gives the dist-info rules the spares the current selection's kept sources need.
    void refreshSpares();
    // Runs `op` on the ledger and records it as one undo step named `text`.
    void change(const QString &text, const std::function<void(SizeLedger &)> &op);
    [[nodiscard]] Selection selection() const;
    // Reads distributions and metadata reads on a worker.
    void startBackgroundReads();

    std::shared_ptr<Layer> m_layer;
    std::vector<NodeCategory> m_categories;
    std::unique_ptr<SizeLedger> m_ledger;
    std::unique_ptr<ZipEstimator> m_zip;
    // Set when the background passes start; cancelled when the document goes.
    std::shared_ptr<JobControl> m_metadataScan;
    std::unique_ptr<MetadataUsers> m_metadataUsers;       // null until the sources are read
    std::shared_ptr<const Distributions> m_distributions; // null until read
    QStringList m_dropped;
    QString m_requirementsFile;
    QString m_traceFile;
    QString m_traceSha256; // the traced smoke script's hash, saved in profiles
    Bitset m_droppedFiles;
    QUndoStack m_undo;
    CheckMarks m_checkMarks;
    QString m_path;
};
