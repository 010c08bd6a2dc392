#include "checks/trace.h"

#include "base/jsonfields.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

bool readString(const QJsonObject &o, const char *key, QString *out, QString *error)
{
    return jsonfields::readString(o.value(QLatin1String(key)), QLatin1String(key), out, error);
}

bool readStrings(const QJsonObject &o, const char *key, QStringList *out, QString *error)
{
    return jsonfields::readStringList(o.value(QLatin1String(key)), QLatin1String(key), out, error);
}

} // namespace

QByteArray Trace::toJson() const
{
    const QJsonObject o{
        {QStringLiteral("version"), kVersion},
        {QStringLiteral("layer"), layer},
        {QStringLiteral("rules"), QJsonArray::fromStringList(rules)},
        {QStringLiteral("smoke"),
         QJsonObject{{QStringLiteral("path"), smokePath}, {QStringLiteral("sha256"), smokeSha256}}},
        {QStringLiteral("python"),
         QJsonObject{{QStringLiteral("path"), python}, {QStringLiteral("version"), pythonVersion}}},
        {QStringLiteral("exit_status"), exitStatus},
        {QStringLiteral("modules"), QJsonArray::fromStringList(modules)},
        {QStringLiteral("files"), QJsonArray::fromStringList(files)},
        {QStringLiteral("dirs"), QJsonArray::fromStringList(dirs)},
    };
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

std::optional<Trace> Trace::fromJson(const QByteArray &json, QString *error)
{
    QString dummy;
    QString *err = error ? error : &dummy;
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *err = QStringLiteral("malformed JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString());
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *err = QStringLiteral("a trace must be a JSON object");
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("version")).toInt(-1) != kVersion) {
        *err = QStringLiteral("\"version\" must be %1 (a trace written by layerslim-cli trace)").arg(kVersion);
        return std::nullopt;
    }
    Trace t;
    const QJsonObject smoke = o.value(QStringLiteral("smoke")).toObject();
    const QJsonObject python = o.value(QStringLiteral("python")).toObject();
    // Keys inside "smoke" and "python" are named with their parent: "smoke.sha256".
    const auto nested = [err](const char *parent, bool ok) {
        if (!ok)
            err->insert(1, QLatin1String(parent) + QLatin1Char('.'));
        return ok;
    };
    const bool ok = readString(o, "layer", &t.layer, err) && readStrings(o, "rules", &t.rules, err) &&
                    nested("smoke", readString(smoke, "path", &t.smokePath, err)) &&
                    nested("smoke", readString(smoke, "sha256", &t.smokeSha256, err)) &&
                    nested("python", readString(python, "path", &t.python, err)) &&
                    nested("python", readString(python, "version", &t.pythonVersion, err)) &&
                    readStrings(o, "modules", &t.modules, err) && readStrings(o, "files", &t.files, err) &&
                    readStrings(o, "dirs", &t.dirs, err);
    if (!ok)
        return std::nullopt;
    t.exitStatus = o.value(QStringLiteral("exit_status")).toInt();
    return t;
}

std::optional<Trace> Trace::load(const QString &path, QString *error)
{
    constexpr qint64 kMaxBytes = 64 * 1024 * 1024;
    const QFileInfo info(path);
    QString why;
    if (!info.exists())
        why = QStringLiteral("no such trace file");
    else if (!info.isFile())
        why = QStringLiteral("not a regular file");
    QFile f(path);
    if (why.isEmpty() && !f.open(QIODevice::ReadOnly))
        why = f.errorString();
    QByteArray json;
    if (why.isEmpty()) {
        json = f.read(kMaxBytes + 1);
        if (json.size() > kMaxBytes)
            why = QStringLiteral("too large for a trace");
    }
    std::optional<Trace> t;
    if (why.isEmpty())
        t = fromJson(json, &why);
    if (!t && error)
        *error = QStringLiteral("%1: %2").arg(info.absoluteFilePath(), why);
    return t;
}

QString Trace::sha256Of(const QString &path, QString *error)
{
    QFile f(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!f.open(QIODevice::ReadOnly) || !hash.addData(&f)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return {};
    }
    return QString::fromLatin1(hash.result().toHex());
}

QStringList Trace::staleness(const QString &expectedSha256) const
{
    QStringList out;
    if (!expectedSha256.isEmpty() && expectedSha256 != smokeSha256)
        out << QStringLiteral("the profile's smoke_sha256 %1 is not the trace's script (%2, sha256 %3)")
                   .arg(expectedSha256, smokePath, smokeSha256);
    const QString now = sha256Of(smokePath);
    if (now.isEmpty())
        out << QStringLiteral("the traced smoke script %1 can no longer be read").arg(smokePath);
    else if (now != smokeSha256)
        out << QStringLiteral("the smoke script %1 changed since it was traced (sha256 %2, now %3); trace it again")
                   .arg(smokePath, smokeSha256, now);
    return out;
}
