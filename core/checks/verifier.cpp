#include "checks/verifier.h"

#include "base/processrunner.h"
#include "checks/keptset.h"
#include "tree/pathnames.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <mutex>

namespace {

// sys.argv[1] is the package root, sys.argv[2] the module; -S keeps the
// interpreter's own site-packages away, as Lambda's /opt/python layout does.
// A package whose __init__ is in the layer but that imports without a
// __file__ came in as an empty namespace package (its files did not reach
// the interpreter): nothing of it ran, so it proves nothing and fails.
// The import alone is timed inside the child and printed last on a marker
// line (kTimingMarker), which runOne() takes out of the output.
constexpr char kImportScript[] = "import sys, os, time\n"
                                 "root, name = sys.argv[1], sys.argv[2]\n"
                                 "sys.path.insert(0, root)\n"
                                 "import importlib\n"
                                 "start = time.perf_counter()\n"
                                 "module = importlib.import_module(name)\n"
                                 "elapsed = time.perf_counter() - start\n"
                                 "folder = os.path.join(root, *name.split('.'))\n"
                                 "inits = [os.path.join(folder, f) for f in ('__init__.py', '__init__.pyc')]\n"
                                 "if getattr(module, '__file__', None) is None and any(map(os.path.lexists, inits)):\n"
                                 "    sys.exit('ImportError: %s has an __init__ in the layer but imported as an empty "
                                 "namespace package (%s)' % (name, next(filter(os.path.lexists, inits))))\n"
                                 "sys.stderr.flush()\n"
                                 "print('\\n@layerslim-import-ms %.4f' % (elapsed * 1000.0), flush=True)\n";
constexpr char kTimingMarker[] = "@layerslim-import-ms ";

constexpr char kSmokeScript[] = "import sys, runpy\n"
                                "root, script = sys.argv[1], sys.argv[2]\n"
                                "sys.path.insert(0, root)\n"
                                "sys.argv = [script]\n"
                                "runpy.run_path(script, run_name='__main__')\n";

// sys.argv[1] is the package root. Every ELF file named *.so or *.so.* is
// loaded by path; each failure is printed with dlerror's text, and the exit
// message names the first.
constexpr char kLibrariesScript[] =
    "import sys, os, ctypes\n"
    "root = sys.argv[1]\n"
    "def elf(p):\n"
    "    with open(p, 'rb') as f:\n"
    "        return f.read(4) == b'\\x7fELF'\n"
    "libs = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs\n"
    "              if (f.endswith('.so') or '.so.' in f) and os.path.isfile(os.path.join(d, f)))\n"
    "libs = [p for p in libs if elf(p)]\n"
    "bad = []\n"
    "for path in libs:\n"
    "    try:\n"
    "        ctypes.CDLL(path)\n"
    "    except OSError as e:\n"
    "        bad.append('%s: %s' % (os.path.relpath(path, root), e))\n"
    "        print(bad[-1])\n"
    "print('loaded %d of %d native libraries' % (len(libs) - len(bad), len(libs)), flush=True)\n"
    "if bad:\n"
    "    sys.exit('OSError: %d of %d native libraries did not load; %s' % (len(bad), len(libs), bad[0]))\n";

// The exception line of a traceback: the last unindented line after "Traceback".
QString exceptionLine(const QString &output)
{
    const QStringList lines = output.split(QLatin1Char('\n'));
    for (qsizetype i = lines.size(); i-- > 0;) {
        const QString &l = lines[i];
        if (!l.trimmed().isEmpty() && !l.startsWith(QLatin1Char(' ')) && !l.startsWith(QLatin1Char('\t')) &&
            !l.startsWith(QLatin1Char('[')))
            return l.trimmed();
    }
    return {};
}

// Takes the timing marker line out of `output`; the milliseconds it gave, or -1.
double takeTiming(QString *output)
{
    const qsizetype at = output->lastIndexOf(QLatin1String(kTimingMarker));
    if (at < 0 || (at > 0 && output->at(at - 1) != QLatin1Char('\n')))
        return -1;
    qsizetype end = output->indexOf(QLatin1Char('\n'), at);
    if (end < 0)
        end = output->size();
    const qsizetype valueAt = at + qsizetype(sizeof kTimingMarker) - 1;
    bool ok = false;
    const double ms = output->mid(valueAt, end - valueAt).trimmed().toDouble(&ok);
    // The marker is printed after a newline of its own: drop that newline too.
    const qsizetype from = at > 0 ? at - 1 : at;
    output->remove(from, std::min(end + 1, output->size()) - from);
    return ok && ms >= 0 ? ms : -1;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

} // namespace

ImportTiming ImportTiming::of(std::vector<double> importMs, std::vector<double> wallMs)
{
    ImportTiming t;
    t.runs = int(importMs.size());
    if (importMs.empty())
        return t;
    const auto [lo, hi] = std::minmax_element(importMs.begin(), importMs.end());
    t.minMs = *lo;
    t.maxMs = *hi;
    t.medianMs = median(std::move(importMs));
    t.wallMedianMs = median(std::move(wallMs));
    return t;
}

VerifyReport::ImportTotals VerifyReport::importTotals() const
{
    ImportTotals t;
    for (const CheckResult &r : results)
        if (r.timing.runs > 0) {
            ++t.modules;
            t.medianMs += r.timing.medianMs;
            t.wallMedianMs += r.timing.wallMedianMs;
        }
    return t;
}

bool VerifyReport::passed() const
{
    if (!error.isEmpty() || results.empty())
        return false;
    for (const CheckResult &r : results)
        if (!r.passed())
            return false;
    return true;
}

std::vector<const CheckResult *> VerifyReport::failures() const
{
    std::vector<const CheckResult *> out;
    for (const CheckResult &r : results)
        if (!r.passed())
            out.push_back(&r);
    return out;
}

Verifier::Verifier(const FileTree &tree, const std::vector<ZipEntryRef> *zipEntries, VerifyOptions options)
    : m_tree(tree)
    , m_zipEntries(zipEntries)
    , m_options(std::move(options))
{
}

Verifier::~Verifier()
{
    if (m_scratch)
        KeptSet::remove(m_scratch->path());
}

QString Verifier::statusName(CheckStatus s)
{
    switch (s) {
    case CheckStatus::Passed:
        return QStringLiteral("passed");
    case CheckStatus::Failed:
        return QStringLiteral("failed");
    case CheckStatus::Crashed:
        return QStringLiteral("crashed");
    case CheckStatus::TimedOut:
        return QStringLiteral("timed-out");
    case CheckStatus::Cancelled:
        return QStringLiteral("cancelled");
    case CheckStatus::NotStarted:
        return QStringLiteral("not-started");
    }
    return {};
}

QString Verifier::kindName(CheckKind k)
{
    switch (k) {
    case CheckKind::Import:
        return QStringLiteral("import");
    case CheckKind::Smoke:
        return QStringLiteral("smoke");
    case CheckKind::Libraries:
        return QStringLiteral("libraries");
    }
    return {};
}

QStringList Verifier::importables(const FileTree &tree, const Bitset &pruned)
{
    const Bitset exported = KeptSet::exported(tree, pruned);
    QStringList out;
    for (FileTree::Index c : tree.children(tree.packageRoot())) {
        if (!exported.test(c))
            continue;
        const QByteArrayView name = tree.name(c);
        QByteArrayView module;
        if (tree.isDir(c)) {
            const FileTree::Index init = tree.find("__init__.py", c);
            if (init != FileTree::kNone || tree.find("__init__.pyc", c) != FileTree::kNone)
                module = name;
        } else if (tree.isFile(c) || tree.kind(c) == NodeKind::Symlink) {
            // "six.py", "_cffi_backend.cpython-311-x86_64-linux-gnu.so", "mod.abi3.so", "mod.pyc"
            if (name.endsWith(".py") || name.endsWith(".so") || name.endsWith(".pyc"))
                module = name.first(name.indexOf('.'));
        }
        if (!pathnames::isIdentifier(module))
            continue;
        const QString m = QString::fromUtf8(module);
        if (!out.contains(m))
            out << m;
    }
    return out;
}

std::vector<VerifyCheck> Verifier::checks(const Bitset &pruned) const
{
    std::vector<VerifyCheck> out;
    const QStringList modules = m_options.modules.isEmpty() ? importables(m_tree, pruned) : m_options.modules;
    for (const QString &m : modules)
        out.push_back({CheckKind::Import, m});
    if (m_options.loadLibraries)
        out.push_back({CheckKind::Libraries, QString::fromLatin1(kLibrariesCheck)});
    // The script runs in a scratch working folder: a path the user gave
    // relative to theirs is resolved here, against theirs.
    if (!m_options.smokeScript.isEmpty())
        out.push_back({CheckKind::Smoke, QFileInfo(m_options.smokeScript).absoluteFilePath()});
    return out;
}

QString Verifier::smokeScriptProblem(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return QStringLiteral("%1: no such smoke script").arg(info.absoluteFilePath());
    if (!info.isFile())
        return QStringLiteral("%1: the smoke script is not a regular file").arg(info.absoluteFilePath());
    if (!info.isReadable())
        return QStringLiteral("%1: the smoke script cannot be read").arg(info.absoluteFilePath());
    return {};
}

void Verifier::discard(const QString &dir)
{
    if (!KeptSet::remove(dir))
        spdlog::warn("verify: could not remove {}", dir.toStdString());
}

QString Verifier::buildKeptSet(const Bitset &pruned, bool linkToExtraction, QString *error, JobControl *control)
{
    if (!m_scratch) {
        // Thousands of symlinks are made and removed per run: a tmpfs makes that
        // ~20x cheaper than a busy disk. A zip is extracted whole, so it goes to TMPDIR.
        QString base = m_options.scratchDir;
        const QFileInfo shm(QStringLiteral("/dev/shm"));
        if (base.isEmpty())
            base = m_tree.source() == FileTree::Source::Directory && shm.isDir() && shm.isWritable() ? shm.filePath()
                                                                                                     : QDir::tempPath();
        base = QDir(base).absolutePath(); // the interpreter runs in another working folder
        m_scratch = std::make_unique<QTemporaryDir>(base + QStringLiteral("/layerslim-verify-XXXXXX"));
        m_scratch->setAutoRemove(false); // removed by KeptSet::remove, which never follows links
        if (!m_scratch->isValid()) {
            *error = QStringLiteral("cannot create a scratch folder in %1").arg(base);
            m_scratch.reset();
            return {};
        }
    }
    KeptSet::Source source{&m_tree, m_zipEntries, {}};
    if (linkToExtraction && m_tree.source() == FileTree::Source::Zip) {
        if (m_extracted.isEmpty()) {
            const QString dir = m_scratch->filePath(QStringLiteral("extracted"));
            if (!KeptSet::materialize(source, Bitset(m_tree.count()), dir, error, control))
                return {};
            m_extracted = dir;
        }
        source.linkRoot = m_extracted;
    }
    const QString dir = m_scratch->filePath(QStringLiteral("kept-%1").arg(++m_serial));
    if (!KeptSet::materialize(source, pruned, dir, error, control)) {
        discard(dir);
        return {};
    }
    QDir().mkpath(dir + QStringLiteral(".work"));
    const QByteArray rel = m_tree.path(m_tree.packageRoot());
    return rel.isEmpty() ? dir : dir + QLatin1Char('/') + QFile::decodeName(rel);
}

CheckResult Verifier::runOne(const VerifyOptions &options, const QString &packageRoot, const QString &workDir,
                             const VerifyCheck &check, JobControl *control)
{
    CheckResult result;
    result.check = check;
    ProcessRequest request;
    request.program = options.python;
    const char *script = check.kind == CheckKind::Import  ? kImportScript
                         : check.kind == CheckKind::Smoke ? kSmokeScript
                                                          : kLibrariesScript;
    request.arguments = {QStringLiteral("-S"),
                         QStringLiteral("-I"),
                         QStringLiteral("-B"),
                         QStringLiteral("-c"),
                         QString::fromLatin1(script),
                         packageRoot,
                         check.name};
    QProcessEnvironment env = ProcessRunner::cleanEnvironment(); // nothing of the caller's leaks in
    env.insert(QStringLiteral("HOME"), workDir);
    env.insert(QStringLiteral("TMPDIR"), workDir);
    request.environment = env;
    request.workingDirectory = workDir;
    request.mergeOutput = true;
    request.timeoutMs = options.timeoutMs;
    request.outputCap = options.outputCap;
    request.outputLimit = options.outputLimit;
    request.control = control;
    const ProcessResult run = ProcessRunner::run(request);
    if (run.end == ProcessResult::End::FailedToStart) {
        result.error = QStringLiteral("%1: cannot start (%2)").arg(options.python, run.error);
        return result;
    }
    result.millis = run.millis;
    result.output = run.output.text();
    result.truncated = run.output.truncated();
    result.exitCode = run.exitCode;
    using End = ProcessResult::End;
    if (run.end == End::Cancelled) {
        result.status = CheckStatus::Cancelled;
        result.error = QStringLiteral("cancelled");
    } else if (run.end == End::TimedOut) {
        result.status = CheckStatus::TimedOut;
        result.error = QStringLiteral("timed out after %1 s").arg(options.timeoutMs / 1000.0);
    } else if (run.end == End::OutputLimit) {
        result.status = CheckStatus::Failed;
        result.error =
            QStringLiteral("stopped after writing more than %1 MiB of output").arg(options.outputLimit >> 20);
    } else if (run.end == End::Crashed) {
        result.status = CheckStatus::Crashed;
        result.error = QStringLiteral("the interpreter crashed (killed by a signal)");
    } else if (run.exitCode != 0) {
        result.status = CheckStatus::Failed;
        result.error = exceptionLine(result.output);
        if (result.error.isEmpty())
            result.error = QStringLiteral("exited with status %1").arg(run.exitCode);
    } else {
        result.status = CheckStatus::Passed;
    }
    if (check.kind == CheckKind::Import)
        result.importMs = takeTiming(&result.output);
    return result;
}

VerifyReport Verifier::run(const Bitset &pruned, JobControl *control)
{
    VerifyReport report;
    const std::vector<VerifyCheck> all = checks(pruned);
    if (all.empty()) {
        report.error = QStringLiteral("nothing to verify: no top-level package or module is kept");
        return report;
    }
    const QString root = buildKeptSet(pruned, false, &report.error, control);
    if (root.isEmpty())
        return report;
    const QString kept = m_scratch->filePath(QStringLiteral("kept-%1").arg(m_serial));
    report = runAt(m_options, root, kept + QStringLiteral(".work"), all, control);
    discard(kept);
    discard(kept + QStringLiteral(".work"));
    return report;
}

VerifyReport Verifier::runAt(const VerifyOptions &options, const QString &packageRoot, const QString &workDir,
                             const std::vector<VerifyCheck> &all, JobControl *control)
{
    VerifyReport report;
    QDir().mkpath(workDir);
    report.results.resize(all.size());
    std::vector<std::size_t> imports, order;
    for (std::size_t i = 0; i < all.size(); ++i)
        (all[i].kind == CheckKind::Import ? imports : order).push_back(i);
    std::atomic<std::uint64_t> done{0};
    std::mutex progressMutex; // JobControl::report is not thread-safe
    auto runAt = [&](std::size_t i) {
        report.results[i] = runOne(options, packageRoot, workDir, all[i], control);
        timeImport(options, packageRoot, workDir, &report.results[i], control);
        spdlog::info("verify: {} {}: {}", all[i].name.toStdString(), statusName(report.results[i].status).toStdString(),
                     report.results[i].error.toStdString());
        if (control) {
            const std::lock_guard lock(progressMutex);
            JobProgress pr;
            pr.items = ++done;
            pr.totalItems = all.size();
            pr.current = all[i].name.toUtf8();
            control->report(pr, true);
        }
    };
    QThreadPool pool;
    pool.setMaxThreadCount(std::max(1, options.parallel));
    QtConcurrent::blockingMap(&pool, imports, runAt);
    for (std::size_t i : order) // the library load and the smoke script run after the imports, alone
        runAt(i);
    return report;
}

void Verifier::timeImport(const VerifyOptions &options, const QString &packageRoot, const QString &workDir,
                          CheckResult *result, JobControl *control)
{
    if (options.timingRuns <= 0 || !result->passed() || result->importMs < 0)
        return;
    // The check was the first cold run; the others run one after another, each a fresh process.
    std::vector<double> importMs{result->importMs}, wallMs{double(result->millis)};
    for (int run = 1; run < options.timingRuns; ++run) {
        if (control && control->cancelled())
            break;
        const CheckResult again = runOne(options, packageRoot, workDir, result->check, control);
        if (!again.passed() || again.importMs < 0)
            break; // a flaky import is the check's business, not the timing's
        importMs.push_back(again.importMs);
        wallMs.push_back(double(again.millis));
    }
    result->timing = ImportTiming::of(std::move(importMs), std::move(wallMs));
}

CheckResult Verifier::runCheck(const Bitset &pruned, const VerifyCheck &check, JobControl *control)
{
    QString error;
    const QString root = buildKeptSet(pruned, true, &error, control);
    if (root.isEmpty()) {
        CheckResult r;
        r.check = check;
        r.error = error;
        if (control && control->cancelled())
            r.status = CheckStatus::Cancelled;
        return r;
    }
    const QString kept = m_scratch->filePath(QStringLiteral("kept-%1").arg(m_serial));
    CheckResult r = runOne(m_options, root, kept + QStringLiteral(".work"), check, control);
    discard(kept);
    discard(kept + QStringLiteral(".work"));
    return r;
}
