#include "select/profile.h"

#include "base/jsonfields.h"
#include "select/targets.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>

namespace {

// A profile's keys are read one reader each, in the order below, so a profile
// with several faults is refused for the first of them. A reader leaves its
// field at the default when its key is absent; on a bad value it names the key
// and the reason in `err` and returns false.

const QStringList &profileKeys()
{
    static const QStringList keys{
        QStringLiteral("version"),     QStringLiteral("runtime"),       QStringLiteral("arch"),
        QStringLiteral("limit_bytes"), QStringLiteral("reserve_bytes"), QStringLiteral("rules"),
        QStringLiteral("exceptions"),  QStringLiteral("prune"),         QStringLiteral("keep"),
        QStringLiteral("prefix"),      QStringLiteral("level"),         QStringLiteral("drop_distributions"),
        QStringLiteral("trace")};
    return keys;
}

std::optional<QJsonObject> parseObject(const QByteArray &json, QString &err)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        err = QStringLiteral("malformed JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString());
        return std::nullopt;
    }
    if (!doc.isObject()) {
        err = QStringLiteral("a profile must be a JSON object");
        return std::nullopt;
    }
    return doc.object();
}

bool onlyKnownKeys(const QJsonObject &o, QString &err)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!profileKeys().contains(it.key())) {
            err = QStringLiteral("unknown key \"%1\"").arg(it.key());
            return false;
        }
    }
    return true;
}

bool readVersion(const QJsonObject &o, int *out, QString &err)
{
    if (!o.contains(QStringLiteral("version"))) {
        err = QStringLiteral("missing key \"version\"");
        return false;
    }
    const QJsonValue version = o.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() != double(version.toInt())) {
        err = QStringLiteral("\"version\" must be an integer");
        return false;
    }
    *out = version.toInt();
    if (*out > Profile::kVersion || *out < 1) {
        err = QStringLiteral("\"version\" %1 is not supported (this LayerSlim reads version %2)")
                  .arg(*out)
                  .arg(Profile::kVersion);
        return false;
    }
    return true;
}

bool readString(const QJsonObject &o, const QString &key, QString *out, QString &err)
{
    return !o.contains(key) || jsonfields::readString(o.value(key), key, out, &err);
}

// The runtime table's own words, as every command says them.
bool knownRuntime(const QString &runtime, QString &err)
{
    if (QString why = Target::runtimeProblem(runtime); !why.isEmpty()) {
        err = QStringLiteral("\"runtime\": %1").arg(why);
        return false;
    }
    return true;
}

bool knownArch(const QString &arch, QString &err)
{
    if (QString why = Target::archProblem(arch); !why.isEmpty()) {
        err = QStringLiteral("\"arch\": %1").arg(why);
        return false;
    }
    return true;
}

bool prefixInsideLayer(const QString &prefix, QString &err)
{
    if (prefix.startsWith(QLatin1Char('/')) || prefix.split(QLatin1Char('/')).contains(QStringLiteral("..")) ||
        prefix.contains(QLatin1Char('\\')) || prefix.contains(QChar(0)) ||
        (prefix.size() >= 2 && prefix[1] == QLatin1Char(':'))) {
        err = QStringLiteral("\"prefix\" must be a relative path without '..', '\\', NUL or a drive letter");
        return false;
    }
    return true;
}

bool readBytes(const QJsonObject &o, const QString &key, std::uint64_t *out, QString &err)
{
    if (!o.contains(key))
        return true;
    const QJsonValue v = o.value(key);
    const double d = v.toDouble(-1);
    // The range check comes first: converting 1e300 to an integer is undefined.
    if (!v.isDouble() || !(d >= 0 && d <= 9.0e15) || d != double(std::uint64_t(d))) {
        err = QStringLiteral("\"%1\" must be a whole number of bytes").arg(key);
        return false;
    }
    *out = std::uint64_t(d);
    return true;
}

bool readLevel(const QJsonObject &o, int *out, QString &err)
{
    if (!o.contains(QStringLiteral("level")))
        return true;
    const QJsonValue v = o.value(QStringLiteral("level"));
    if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < ExportOptions::kMinLevel ||
        v.toInt() > ExportOptions::kMaxLevel) {
        err = QStringLiteral("\"level\" must be an integer from %1 to %2")
                  .arg(ExportOptions::kMinLevel)
                  .arg(ExportOptions::kMaxLevel);
        return false;
    }
    *out = v.toInt();
    return true;
}

bool readRules(const QJsonObject &o, QStringList *out, QString &err)
{
    if (!o.contains(QStringLiteral("rules")))
        return true;
    if (!jsonfields::readStringList(o.value(QStringLiteral("rules")), QStringLiteral("rules"), out, &err))
        return false;
    for (const QString &id : std::as_const(*out)) {
        if (RuleCatalog::indexOf(id) < 0) {
            err = QStringLiteral("\"rules\": unknown rule id \"%1\"").arg(id);
            return false;
        }
    }
    return true;
}

bool readExceptions(const QJsonObject &o, QMap<QString, QStringList> *out, QString &err)
{
    if (!o.contains(QStringLiteral("exceptions")))
        return true;
    const QJsonValue v = o.value(QStringLiteral("exceptions"));
    if (!v.isObject()) {
        err = QStringLiteral("\"exceptions\" must be an object of rule id to list of globs");
        return false;
    }
    const QJsonObject ex = v.toObject();
    for (auto it = ex.begin(); it != ex.end(); ++it) {
        if (RuleCatalog::indexOf(it.key()) < 0) {
            err = QStringLiteral("\"exceptions\": unknown rule id \"%1\"").arg(it.key());
            return false;
        }
        QStringList globs;
        if (!jsonfields::readStringList(it.value(), QStringLiteral("exceptions.%1").arg(it.key()), &globs, &err))
            return false;
        out->insert(it.key(), globs);
    }
    return true;
}

bool validPath(const QString &p)
{
    if (p.isEmpty() || p.startsWith(QLatin1Char('/')))
        return false;
    const QStringList parts = p.split(QLatin1Char('/'));
    return !parts.contains(QStringLiteral(".."));
}

// "prune" or "keep": package paths, none leading out of the layer.
bool readPaths(const QJsonObject &o, const QString &key, QStringList *out, QString &err)
{
    if (!o.contains(key))
        return true;
    if (!jsonfields::readStringList(o.value(key), key, out, &err))
        return false;
    for (const QString &path : std::as_const(*out)) {
        if (!validPath(path)) {
            err = QStringLiteral("\"%1\": path \"%2\" is outside the layer").arg(key, path);
            return false;
        }
    }
    return true;
}

// "drop_distributions": distribution names.
bool readDistributionNames(const QJsonObject &o, QStringList *out, QString &err)
{
    const QString key = QStringLiteral("drop_distributions");
    if (!o.contains(key))
        return true;
    if (!jsonfields::readStringList(o.value(key), key, out, &err))
        return false;
    for (const QString &name : std::as_const(*out)) {
        if (name.trimmed().isEmpty()) {
            err = QStringLiteral("\"%1\": an empty distribution name").arg(key);
            return false;
        }
    }
    return true;
}

// "trace": {"path": "trace.json", "smoke_sha256": "<64 hex digits>"}.
bool readTrace(const QJsonObject &o, QString *path, QString *sha, QString &err)
{
    if (!o.contains(QStringLiteral("trace")))
        return true;
    const QJsonObject t = o.value(QStringLiteral("trace")).toObject();
    const QJsonValue p = t.value(QStringLiteral("path"));
    const QJsonValue h = t.value(QStringLiteral("smoke_sha256"));
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    if (!o.value(QStringLiteral("trace")).isObject() || !p.isString() || p.toString().isEmpty() || !h.isString() ||
        !hex.match(h.toString()).hasMatch() || t.size() != 2) {
        err = QStringLiteral("\"trace\" must be {\"path\": the trace file, \"smoke_sha256\": 64 lower-case hex "
                             "digits}");
        return false;
    }
    *path = p.toString();
    *sha = h.toString();
    return true;
}

} // namespace

QString Profile::traceFile() const
{
    if (tracePath.isEmpty())
        return {};
    return QDir(directory.isEmpty() ? QDir::currentPath() : directory).absoluteFilePath(tracePath);
}

std::optional<Profile> Profile::fromJson(const QByteArray &json, QString *error)
{
    QString dummy;
    QString &err = error ? *error : dummy;
    const std::optional<QJsonObject> o = parseObject(json, err);
    if (!o)
        return std::nullopt;
    Profile p;
    // The three strings are read before any is judged: a wrong type is reported before a wrong value.
    const bool ok =
        onlyKnownKeys(*o, err) && readVersion(*o, &p.version, err) &&
        readString(*o, QStringLiteral("runtime"), &p.runtime, err) &&
        readString(*o, QStringLiteral("arch"), &p.arch, err) &&
        readString(*o, QStringLiteral("prefix"), &p.prefix, err) && knownRuntime(p.runtime, err) &&
        knownArch(p.arch, err) && prefixInsideLayer(p.prefix, err) &&
        readBytes(*o, QStringLiteral("limit_bytes"), &p.limitBytes, err) &&
        readBytes(*o, QStringLiteral("reserve_bytes"), &p.reserveBytes, err) && readLevel(*o, &p.level, err) &&
        readRules(*o, &p.rules, err) && readExceptions(*o, &p.exceptions, err) &&
        readPaths(*o, QStringLiteral("prune"), &p.prune, err) && readPaths(*o, QStringLiteral("keep"), &p.keep, err) &&
        readDistributionNames(*o, &p.dropDistributions, err) && readTrace(*o, &p.tracePath, &p.traceSmokeSha256, err);
    if (!ok)
        return std::nullopt;
    p.namesRuntime = o->contains(QStringLiteral("runtime"));
    p.namesArch = o->contains(QStringLiteral("arch"));
    return p;
}

std::optional<Profile> Profile::load(const QString &path, QString *error)
{
    constexpr qint64 kMaxBytes = 16 * 1024 * 1024;
    // Opening a FIFO would block and /dev/zero never ends: only regular files are read.
    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        if (error)
            *error = QStringLiteral("%1: not a regular file").arg(path);
        return std::nullopt;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    const QByteArray json = f.read(kMaxBytes + 1); // bounded even if the file grows meanwhile
    if (json.size() > kMaxBytes) {
        if (error)
            *error = QStringLiteral("%1: too large for a profile").arg(path);
        return std::nullopt;
    }
    QString why;
    auto p = fromJson(json, &why);
    if (!p && error)
        *error = QStringLiteral("%1: %2").arg(path, why);
    if (p)
        p->directory = info.absolutePath();
    return p;
}

QByteArray Profile::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("version"), version);
    o.insert(QStringLiteral("runtime"), runtime);
    o.insert(QStringLiteral("arch"), arch);
    o.insert(QStringLiteral("limit_bytes"), double(limitBytes));
    o.insert(QStringLiteral("reserve_bytes"), double(reserveBytes));
    o.insert(QStringLiteral("rules"), QJsonArray::fromStringList(rules));
    QJsonObject ex;
    for (auto it = exceptions.begin(); it != exceptions.end(); ++it)
        ex.insert(it.key(), QJsonArray::fromStringList(it.value()));
    o.insert(QStringLiteral("exceptions"), ex);
    o.insert(QStringLiteral("prune"), QJsonArray::fromStringList(prune));
    o.insert(QStringLiteral("keep"), QJsonArray::fromStringList(keep));
    o.insert(QStringLiteral("prefix"), prefix);
    o.insert(QStringLiteral("level"), level);
    if (!dropDistributions.isEmpty())
        o.insert(QStringLiteral("drop_distributions"), QJsonArray::fromStringList(dropDistributions));
    if (!tracePath.isEmpty())
        o.insert(QStringLiteral("trace"),
                 QJsonObject{{QStringLiteral("path"), tracePath}, {QStringLiteral("smoke_sha256"), traceSmokeSha256}});
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

bool Profile::save(const QString &path, QString *error) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(toJson()) < 0 || !f.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

bool Profile::applyTo(SizeLedger &ledger, QString *error) const
{
    const FileTree &tree = ledger.tree();
    const auto &catalog = RuleCatalog::all();
    // One restore: a ledger that matches on demand (the CLI's) matches the
    // rules the profile enables together, on every core for a big tree, with
    // the profile's exceptions.
    SizeLedger::State state = ledger.state();
    for (std::size_t r = 0; r < catalog.size(); ++r) {
        state.exceptions[r] = exceptions.value(catalog[r].id, catalog[r].defaultExceptions);
        state.enabled[r] = rules.contains(catalog[r].id);
    }
    ledger.restore(state);
    // Shallow marks first, so that a deeper mark inside wins as it did when saved.
    struct Pending {
        FileTree::Index node;
        int depth;
        SizeLedger::Mark mark;
    };
    std::vector<Pending> marks;
    for (const auto &[list, mark] :
         {std::pair{&prune, SizeLedger::Mark::Prune}, std::pair{&keep, SizeLedger::Mark::Keep}}) {
        for (const QString &p : *list) {
            const FileTree::Index node = tree.find(p.toUtf8(), tree.packageRoot());
            if (node == FileTree::kNone) {
                if (error)
                    *error =
                        QStringLiteral("\"%1\": path \"%2\" is not in %3")
                            .arg(mark == SizeLedger::Mark::Prune ? QStringLiteral("prune") : QStringLiteral("keep"), p,
                                 tree.rootPath());
                return false;
            }
            marks.push_back({node, tree.depth(node), mark});
        }
    }
    std::stable_sort(marks.begin(), marks.end(), [](const Pending &a, const Pending &b) { return a.depth < b.depth; });
    for (const Pending &m : marks)
        ledger.mark(m.node, m.mark);
    return true;
}

Profile Profile::fromLedger(const SizeLedger &ledger, const Profile &base, const Bitset *dropped)
{
    Profile p = base;
    p.rules.clear();
    p.exceptions.clear();
    p.prune.clear();
    p.keep.clear();
    const auto &catalog = RuleCatalog::all();
    for (std::size_t r = 0; r < catalog.size(); ++r) {
        if (ledger.ruleEnabled(int(r)))
            p.rules.push_back(catalog[r].id);
        if (ledger.ruleExceptions(int(r)) != catalog[r].defaultExceptions)
            p.exceptions.insert(catalog[r].id, ledger.ruleExceptions(int(r)));
    }
    // A mark's root: set in the mark's bitset while its parent is not.
    const FileTree &tree = ledger.tree();
    Bitset prunes = ledger.manualPrunes();
    if (dropped)
        prunes.subtract(*dropped);
    for (FileTree::Index i = 1; i < tree.count(); ++i) {
        const FileTree::Index parent = tree.parent(i);
        if (prunes.test(i) && !prunes.test(parent))
            p.prune.push_back(FileTree::displayName(tree.packagePath(i)));
        if (ledger.manualKeeps().test(i) && !ledger.manualKeeps().test(parent))
            p.keep.push_back(FileTree::displayName(tree.packagePath(i)));
    }
    return p;
}
