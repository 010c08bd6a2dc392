#include "checks/lint.h"

#include "base/uniquefd.h"
#include "checks/elffile.h"
#include "scan/nodeopener.h"
#include "scan/zipentryreader.h"
#include "tree/pathnames.h"

#include <QJsonObject>

#include <algorithm>
#include <map>
#include <memory>
#include <tuple>

namespace {

bool nativeName(QByteArrayView name)
{
    return pathnames::isSharedLibraryName(name) || pathnames::endsWithAny(name, {".dylib", ".pyd", ".dll", ".exe"});
}

QString formatName(BinaryFormat f)
{
    switch (f) {
    case BinaryFormat::Elf:
        return QStringLiteral("ELF");
    case BinaryFormat::MachO:
        return QStringLiteral("Mach-O (macOS)");
    case BinaryFormat::Pe:
        return QStringLiteral("PE (Windows)");
    case BinaryFormat::Other:
        break;
    }
    return QStringLiteral("unknown");
}

// Checks an extension's ABI tag; returns the mismatch description or empty.
QString abiMismatch(const QByteArray &tag, const LintTarget &target, QString *expected)
{
    *expected = target.cacheTag() + QLatin1Char('-') + target.machineName() + QStringLiteral("-linux-gnu");
    if (tag.isEmpty() || tag == "abi3")
        return {};
    if (!tag.startsWith("cpython-"))
        return QStringLiteral("built for another Python implementation");
    const qsizetype dash = tag.indexOf('-', 8);
    const QString version = Lint::cpythonVersion(tag);
    const std::optional<Target> t = target.target();
    if (!t || version != t->pythonVersion())
        return QStringLiteral("built for CPython %1, the layer targets %2").arg(version, target.runtime);
    if (dash >= 0) {
        const QByteArray platform = tag.mid(dash + 1);
        if (platform != target.machineName().toLatin1() + "-linux-gnu")
            return QStringLiteral("built for %1, the layer targets %2-linux-gnu")
                .arg(QString::fromLatin1(platform), target.machineName());
    }
    return {};
}

} // namespace

std::optional<Target> LintTarget::target() const
{
    return Target::find(runtime, arch);
}

int LintTarget::elfMachine() const
{
    const std::optional<Target> t = target();
    return t ? t->elfMachine() : 0;
}

QString LintTarget::machineName() const
{
    const std::optional<Target> t = target();
    return t ? t->machine() : QString();
}

QString LintTarget::cacheTag() const
{
    const std::optional<Target> t = target();
    return t ? t->bytecodeTag() : QString();
}

QByteArray LintTarget::glibc() const
{
    const std::optional<Target> t = target();
    return t ? t->glibc().toLatin1() : QByteArray();
}

bool LintTarget::valid() const
{
    return problem().isEmpty();
}

QString LintTarget::problem() const
{
    if (QString why = Target::runtimeProblem(runtime); !why.isEmpty())
        return why;
    return Target::archProblem(arch);
}

int LintReport::errors() const
{
    int n = 0;
    for (const LintFinding &f : findings)
        n += f.severity == LintSeverity::Error;
    return n;
}

int LintReport::warnings() const
{
    return int(findings.size()) - errors();
}

namespace {

// One line for a cause shared by `n` files, from one of its findings.
QString headline(const LintFinding &f, std::size_t n, const LintTarget &target)
{
    if (n == 1)
        return f.message;
    const QString count = QString::number(n);
    switch (f.check) {
    case LintCheck::AbiTag: {
        const QString version = Lint::cpythonVersion(f.found.toLatin1());
        if (!version.isEmpty() && target.target() && version != target.target()->pythonVersion())
            return QStringLiteral("%1 extension modules are built for CPython %2; the target is %3")
                .arg(count, version, target.runtime);
        return QStringLiteral("%1 extension modules: %2").arg(count, f.message);
    }
    case LintCheck::Machine:
        return QStringLiteral("%1 native files are built for %2; the target is %3").arg(count, f.found, f.expected);
    case LintCheck::Glibc:
        return QStringLiteral("%1 native files need GLIBC_%2; %3 runs on glibc %4")
            .arg(count, f.found, target.runtime, QString::fromLatin1(target.glibc()));
    case LintCheck::NonElf:
        return QStringLiteral("%1 %2 binaries never load on Lambda's Linux").arg(count, f.found);
    case LintCheck::Unreadable:
        break;
    }
    return QStringLiteral("%1 files: %2").arg(count, f.message);
}

} // namespace

std::vector<LintGroup> LintReport::groups() const
{
    std::vector<LintGroup> out;
    std::map<std::tuple<LintCheck, LintSeverity, QString>, std::size_t> byCause; // -> index in out
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const LintFinding &f = findings[i];
        // Unreadable files each have their own reason; a shared message is a shared cause.
        const auto key = std::make_tuple(f.check, f.severity, f.message);
        const auto [it, inserted] = byCause.try_emplace(key, out.size());
        if (inserted)
            out.push_back({f.check, f.severity, {}, {}});
        out[it->second].findings.push_back(i);
    }
    for (LintGroup &g : out)
        g.headline = headline(findings[g.findings.front()], g.findings.size(), target);
    std::stable_sort(out.begin(), out.end(), [](const LintGroup &a, const LintGroup &b) {
        if (a.severity != b.severity)
            return a.severity == LintSeverity::Error;
        if (a.check != b.check) // the wrong CPU, then the wrong CPython: what makes the rest moot
            return a.check < b.check;
        return a.findings.size() > b.findings.size();
    });
    return out;
}

QJsonArray Lint::groupsJson(const LintReport &report)
{
    QJsonArray out;
    for (const LintGroup &g : report.groups()) {
        QJsonArray paths;
        for (const std::size_t i : g.findings)
            paths.append(FileTree::displayName(report.findings[i].path));
        out.append(QJsonObject{{QStringLiteral("check"), checkName(g.check)},
                               {QStringLiteral("severity"), severityName(g.severity)},
                               {QStringLiteral("headline"), g.headline},
                               {QStringLiteral("count"), qint64(g.findings.size())},
                               {QStringLiteral("paths"), paths}});
    }
    return out;
}

QByteArray Lint::abiTag(QByteArrayView fileName)
{
    QByteArrayView stem;
    if (pathnames::endsWith(fileName, ".so"))
        stem = fileName.chopped(3);
    else if (pathnames::endsWith(fileName, ".pyd"))
        stem = fileName.chopped(4);
    else
        return {};
    const std::size_t dot = pathnames::view(stem).rfind('.');
    if (dot == std::string_view::npos)
        return {};
    const QByteArrayView tag = stem.sliced(qsizetype(dot) + 1);
    if (tag.startsWith("cpython-") || tag.startsWith("pypy") || tag == "abi3" || tag.startsWith("cp3"))
        return tag.toByteArray();
    return {};
}

QString Lint::cpythonVersion(QByteArrayView tag)
{
    if (!tag.startsWith("cpython-"))
        return {};
    // "cpython-311" + optional ABI flags ("37m", "311d") + optional "-<platform>".
    const qsizetype dash = tag.indexOf('-', 8);
    QByteArrayView digits = dash < 0 ? tag.sliced(8) : tag.sliced(8, dash - 8);
    while (!digits.isEmpty() && !(digits.back() >= '0' && digits.back() <= '9'))
        digits.chop(1);
    if (digits.size() < 2)
        return {};
    return QStringLiteral("%1.%2").arg(QString::fromLatin1(digits.first(1)), QString::fromLatin1(digits.sliced(1)));
}

QJsonArray Lint::findingsJson(const std::vector<LintFinding> &findings)
{
    QJsonArray out;
    for (const LintFinding &f : findings)
        out.append(QJsonObject{{QStringLiteral("path"), FileTree::displayName(f.path)},
                               {QStringLiteral("check"), checkName(f.check)},
                               {QStringLiteral("severity"), severityName(f.severity)},
                               {QStringLiteral("found"), f.found},
                               {QStringLiteral("expected"), f.expected},
                               {QStringLiteral("message"), f.message}});
    return out;
}

QString Lint::checkName(LintCheck c)
{
    switch (c) {
    case LintCheck::Machine:
        return QStringLiteral("machine");
    case LintCheck::AbiTag:
        return QStringLiteral("abi-tag");
    case LintCheck::Glibc:
        return QStringLiteral("glibc");
    case LintCheck::NonElf:
        return QStringLiteral("non-elf");
    case LintCheck::Unreadable:
        return QStringLiteral("unreadable");
    }
    return {};
}

QString Lint::severityName(LintSeverity s)
{
    return s == LintSeverity::Error ? QStringLiteral("error") : QStringLiteral("warning");
}

LintReport Lint::run(const FileTree &tree, const std::vector<ZipEntryRef> *zipEntries, const LintTarget &target,
                     const Bitset *pruned, JobControl *control)
{
    LintReport report;
    report.target = target;
    const bool zip = tree.source() == FileTree::Source::Zip;
    std::unique_ptr<ZipEntryReader> reader; // zip sources
    std::unique_ptr<NodeOpener> opener;     // folder sources: opened from held folders, names as raw bytes
    if (zip)
        reader = std::make_unique<ZipEntryReader>(tree.rootPath());
    else
        opener = std::make_unique<NodeOpener>(tree);
    const QByteArray wantGlibc = target.glibc();
    const int wantMachine = target.elfMachine();
    const QString machineName = target.machineName();

    auto add = [&](FileTree::Index i, LintCheck check, LintSeverity sev, const QString &found, const QString &expected,
                   const QString &message) {
        report.findings.push_back({i, tree.packagePath(i), check, sev, found, expected, message});
    };

    JobProgress progress;
    progress.totalItems = tree.fileCount();
    for (FileTree::Index i = 0; i < tree.count(); ++i) {
        if (!tree.isFile(i) || (pruned && pruned->test(i)))
            continue;
        if (control && !control->advance(progress, [&] { return tree.path(i); }))
            break;
        const QByteArrayView name = tree.name(i);
        const bool native = nativeName(name);
        BinaryFormat format = BinaryFormat::Other;
        QByteArray image; // zip sources: the entry's bytes
        UniqueFd fd;      // folder sources
        QString why;
        // Only a file with a native name or an executable bit is ever loaded
        // or run; any other is not looked at, whatever its bytes.
        if (!native && !(tree.flags(i) & FlagExecutable))
            continue;
        if (zip) {
            const std::uint32_t ref = tree.sourceRef(i);
            if (!reader->isOpen() || !zipEntries || ref >= zipEntries->size() ||
                !reader->read((*zipEntries)[ref], &image, &why, 4)) {
                add(i, LintCheck::Unreadable, LintSeverity::Warning, {}, {},
                    QStringLiteral("cannot read the zip entry: %1").arg(why));
                continue;
            }
            format = ElfFile::formatOf(image);
            if (format == BinaryFormat::Elf && !reader->read((*zipEntries)[ref], &image, &why)) {
                add(i, LintCheck::Unreadable, LintSeverity::Warning, {}, {},
                    QStringLiteral("cannot read the zip entry: %1").arg(why));
                continue;
            }
        } else {
            fd.reset(opener->openFile(i, &why));
            if (!fd.valid()) {
                add(i, LintCheck::Unreadable, LintSeverity::Warning, {}, {}, why);
                continue;
            }
            format = ElfFile::formatOfDescriptor(fd.get());
        }
        ++report.filesChecked;

        if (format == BinaryFormat::MachO || (format == BinaryFormat::Pe && native)) {
            // Windows launchers (pip's cli-64.exe) and macOS builds are never loaded on
            // Linux: dead weight the foreign-binaries rule prunes, not a failure.
            add(i, LintCheck::NonElf, LintSeverity::Warning, formatName(format), QStringLiteral("ELF"),
                QStringLiteral("a %1 binary is never loaded on Lambda's Linux: dead weight (rule foreign-binaries)")
                    .arg(formatName(format)));
            continue;
        }
        if (format != BinaryFormat::Elf)
            continue;

        const auto info = zip ? ElfFile::readMemory(image, &why) : ElfFile::readDescriptor(fd.get(), &why);
        if (!info) {
            add(i, LintCheck::Unreadable, LintSeverity::Warning, {}, {},
                QStringLiteral("ELF magic but libelf cannot read it: %1").arg(why));
            continue;
        }
        const QString machine = info->elfClass == 64
                                    ? ElfFile::machineName(info->machine)
                                    : ElfFile::machineName(info->machine) + QStringLiteral(" (32-bit)");
        report.elfFiles.push_back({i, tree.packagePath(i), machine, info->maxGlibc()});

        if (info->machine != wantMachine || info->elfClass != 64)
            add(i, LintCheck::Machine, LintSeverity::Error, machine, machineName,
                QStringLiteral("built for %1, the layer targets %2").arg(machine, machineName));

        QString expected;
        const QByteArray tag = abiTag(name);
        if (const QString m = abiMismatch(tag, target, &expected); !m.isEmpty())
            add(i, LintCheck::AbiTag, LintSeverity::Error, QString::fromLatin1(tag), expected, m);

        const QByteArray glibc = info->maxGlibc();
        if (!glibc.isEmpty() && ElfFile::compareVersions(glibc, wantGlibc) > 0)
            add(i, LintCheck::Glibc, LintSeverity::Error, QString::fromLatin1(glibc),
                QStringLiteral("<= %1").arg(QString::fromLatin1(wantGlibc)),
                QStringLiteral("needs GLIBC_%1 but %2 runs on glibc %3")
                    .arg(QString::fromLatin1(glibc), target.runtime, QString::fromLatin1(wantGlibc)));
    }
    return report;
}
