#include "checks/tracer.h"

#include "base/processrunner.h"
#include "checks/keptset.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

namespace {

// argv: package root, script, output JSON, the source's package root (resolved;
// mapped files show through the kept set's links). The hook only collects;
// paths become layer-relative at exit, when the hook is off, so that its own
// reads are not recorded. A path counts when it, or what it resolves to, is
// under one of the roots; opens that failed (a missing cache file) are not.
constexpr char kTraceScript[] = R"PY(import sys, os, json, runpy, atexit
root, script, out = sys.argv[1], sys.argv[2], sys.argv[3]
bases = []
for b in (os.path.abspath(root), os.path.realpath(root), sys.argv[4]):
    if b and b not in bases:
        bases.append(b)
opened, listed, imported = set(), set(), set()
active = [True]
def hook(event, args):
    if not active[0]:
        return
    try:
        if event == 'import':
            imported.add(args[0])
        elif event in ('open', 'ctypes.dlopen', 'os.listdir', 'os.scandir'):
            p = args[0]
            if isinstance(p, (str, bytes)):
                p = os.path.abspath(os.fsdecode(p))
                (listed if event in ('os.listdir', 'os.scandir') else opened).add(p)
    except Exception:
        pass
def rel(p):
    for c in (os.path.abspath(p), os.path.realpath(p)):
        for b in bases:
            if c == b:
                return ''
            if c.startswith(b + os.sep):
                return c[len(b) + 1:]
    return None
def finish():
    active[0] = False
    files, dirs, modules = set(), set(), set()
    tops = {n.split('.')[0] for n in os.listdir(root)}
    for name, m in list(sys.modules.items()):
        f = getattr(m, '__file__', None)
        if isinstance(f, str) and rel(f):
            files.add(rel(f))
            modules.add(name)
    for name in imported:
        if name.split('.')[0] in tops:
            modules.add(name)
    try:
        with open('/proc/self/maps') as maps:
            for line in maps:
                parts = line.rstrip('\n').split(None, 5)
                if len(parts) == 6 and parts[5].startswith('/'):
                    opened.add(parts[5].replace(' (deleted)', ''))
    except OSError:
        pass
    for p in opened:
        r = rel(p)
        if r and os.path.isfile(os.path.join(root, r)):
            files.add(r)
    for p in listed:
        r = rel(p)
        if r is not None and os.path.isdir(os.path.join(root, r)):
            dirs.add(r)
    with open(out, 'w') as f:
        json.dump({'modules': sorted(modules), 'files': sorted(files), 'dirs': sorted(dirs)}, f)
atexit.register(finish)
sys.addaudithook(hook)
sys.path.insert(0, root)
sys.argv = [script]
runpy.run_path(script, run_name='__main__')
)PY";

QString lastLines(const QString &text, int n)
{
    QStringList lines = text.trimmed().split(QLatin1Char('\n'));
    if (lines.size() > n)
        lines = lines.mid(lines.size() - n);
    return lines.join(QLatin1Char('\n'));
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}

} // namespace

TraceRun Tracer::run(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries, const Bitset &pruned,
                     const TraceOptions &options, JobControl *control)
{
    TraceRun out;
    const QString script = QFileInfo(options.smokeScript).absoluteFilePath();
    QString error;
    const QString sha = Trace::sha256Of(script, &error);
    if (sha.isEmpty()) {
        out.error = error;
        return out;
    }
    const QString base = QDir(options.scratchDir.isEmpty() ? QDir::tempPath() : options.scratchDir).absolutePath();
    QTemporaryDir scratch(base + QStringLiteral("/layerslim-trace-XXXXXX"));
    scratch.setAutoRemove(false); // removed by KeptSet::remove, which never follows the links into the source
    if (!scratch.isValid()) {
        out.error = QStringLiteral("cannot create a scratch folder in %1").arg(base);
        return out;
    }
    const QString kept = scratch.filePath(QStringLiteral("kept"));
    const QString work = scratch.filePath(QStringLiteral("work"));
    const QString events = scratch.filePath(QStringLiteral("trace-events.json"));
    QDir().mkpath(work);
    const QByteArray packageRel = tree.path(tree.packageRoot());
    const auto under = [&packageRel](const QString &dir) {
        return packageRel.isEmpty() ? dir : dir + QLatin1Char('/') + QFile::decodeName(packageRel);
    };
    QString sourceRoot; // where the kept set's links lead, for the mapped files
    if (tree.source() == FileTree::Source::Directory)
        sourceRoot = QFileInfo(under(tree.rootPath())).canonicalFilePath();
    if (!KeptSet::materialize({&tree, &zipEntries, {}}, pruned, kept, &out.error, control)) {
        KeptSet::remove(scratch.path());
        return out;
    }
    ProcessRequest request;
    request.program = options.python.path;
    request.arguments = {QStringLiteral("-S"),
                         QStringLiteral("-I"),
                         QStringLiteral("-B"),
                         QStringLiteral("-c"),
                         QString::fromUtf8(kTraceScript),
                         under(kept),
                         script,
                         events,
                         sourceRoot};
    QProcessEnvironment env = ProcessRunner::cleanEnvironment();
    env.insert(QStringLiteral("HOME"), work);
    env.insert(QStringLiteral("TMPDIR"), work);
    request.environment = env;
    request.workingDirectory = work;
    request.timeoutMs = options.timeoutMs;
    request.outputCap = 64 * 1024;
    request.control = control;
    const ProcessResult run = ProcessRunner::run(request);
    out.output = run.output.text();
    out.exitStatus = run.exitCode;
    QFile eventsFile(events);
    const bool haveEvents = run.succeeded() && eventsFile.open(QIODevice::ReadOnly);
    const QJsonObject o = haveEvents ? QJsonDocument::fromJson(eventsFile.readAll()).object() : QJsonObject();
    KeptSet::remove(scratch.path());
    if (run.end == ProcessResult::End::FailedToStart) {
        out.error = QStringLiteral("%1: cannot start (%2)").arg(options.python.path, run.error);
        return out;
    }
    if (!run.succeeded() || o.isEmpty()) {
        out.status = TraceRun::Status::Failed;
        out.stderrTail = lastLines(run.errors.text(), 15);
        out.error = run.succeeded() ? QStringLiteral("the script exited 0 but left no trace (it ended the interpreter "
                                                     "with os._exit or a signal?)")
                                    : QStringLiteral("the smoke script %1 failed: %2").arg(script, run.error);
        return out;
    }
    out.status = TraceRun::Status::Traced;
    Trace &t = out.trace;
    t.layer = options.layer;
    t.rules = options.rules;
    t.smokePath = script;
    t.smokeSha256 = sha;
    t.python = options.python.path;
    t.pythonVersion = options.python.version;
    t.exitStatus = run.exitCode;
    t.modules = strings(o.value(QStringLiteral("modules")));
    t.files = strings(o.value(QStringLiteral("files")));
    t.dirs = strings(o.value(QStringLiteral("dirs")));
    return out;
}
