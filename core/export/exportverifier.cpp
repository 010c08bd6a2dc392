#include "export/exportverifier.h"

#include "export/exporter.h"
#include "scan/layer.h"
#include "transform/bytecodecompiler.h"

#include <QDir>
#include <QTemporaryDir>

ExportedLayerCheck ExportVerifier::run(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries,
                                       const Bitset &pruned, ExportOptions options, VerifyOptions verify,
                                       JobControl *control)
{
    ExportedLayerCheck out;
    out.mode = options.bytecode;
    if (verify.modules.isEmpty())
        verify.modules = Verifier::importables(tree, pruned);
    if (options.strip.any())
        verify.loadLibraries = true;
    QTemporaryDir scratch(QDir::tempPath() + QStringLiteral("/layerslim-exported-XXXXXX"));
    if (!scratch.isValid()) {
        out.error = QStringLiteral("cannot create a scratch folder in %1").arg(QDir::tempPath());
        return out;
    }
    options.output = scratch.filePath(QStringLiteral("layer.zip"));
    options.toFolder = false;
    const ExportResult exported = Exporter::run(tree, pruned, zipEntries, options, control);
    if (!exported.ok) {
        out.error = exported.error;
        return out;
    }
    out.unzippedBytes = exported.bytes;
    out.zipBytes = exported.outputBytes;
    out.transform = exported.transform;
    QString error;
    const Layer layer = Layer::open(options.output, &error, control);
    if (!layer.tree) {
        out.error = error;
        return out;
    }
    // The verifier extracts the zip into its own scratch folder (TMPDIR, as for any zip source).
    if (verify.scratchDir.isEmpty())
        verify.scratchDir = scratch.path();
    Verifier verifier(*layer.tree, &layer.zipEntries, verify);
    out.report = verifier.run(Bitset(layer.tree->count()), control);
    return out;
}

std::vector<ExportedLayerCheck> ExportVerifier::compareBytecode(const FileTree &tree,
                                                                const std::vector<ZipEntryRef> &zipEntries,
                                                                const Bitset &pruned, const ExportOptions &options,
                                                                const VerifyOptions &verify, JobControl *control)
{
    std::vector<ExportedLayerCheck> out;
    const BytecodeCompiler compiler(tree, &zipEntries, options.python, options.runtime);
    for (BytecodeMode mode : kModes) {
        if (control && control->cancelled())
            break;
        if (const QString why = compiler.unavailableReason(mode); !why.isEmpty()) {
            ExportedLayerCheck skipped;
            skipped.mode = mode;
            skipped.error = why;
            skipped.unavailable = true;
            out.push_back(std::move(skipped));
            continue;
        }
        ExportOptions o = options;
        o.bytecode = mode;
        out.push_back(run(tree, zipEntries, pruned, o, verify, control));
    }
    return out;
}
