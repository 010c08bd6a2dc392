// Tiny wheels for the staging suites, written with python3's zipfile into a
// local wheelhouse so that pip stages them offline, and the listings the
// suites compare a staged tree with.
#pragma once

#include "testsupport.h"

#include <QString>
#include <QStringList>

namespace wheelsupport {

// Writes NAME-VERSION-py3-none-any.whl into `wheelhouse`: a package with a
// module, `payloadBytes` of random data in NAME/data/blob.bin, an empty file
// two folders down, and the dist-info pip needs.
inline void writeWheel(const QString &wheelhouse, const QString &name, const QString &version, int payloadBytes)
{
    testsupport::sh(QStringLiteral(R"PY(python3 -S - <<'EOF'
import base64, hashlib, os, zipfile
name, version, payload = %1, %2, %3
files = {
    f"{name}/__init__.py": f"VERSION = {version!r}\n".encode(),
    f"{name}/core.py": b"def answer():\n    return 42\n",
    f"{name}/data/blob.bin": os.urandom(payload),
    f"{name}/sub/deep/empty.txt": b"",
}
info = f"{name}-{version}.dist-info/"
files[info + "METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
files[info + "WHEEL"] = b"Wheel-Version: 1.0\nGenerator: layerslim-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
digest = lambda b: "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b"=").decode()
record = "".join(f"{n},{digest(b)},{len(b)}\n" for n, b in files.items()) + info + "RECORD,,\n"
files[info + "RECORD"] = record.encode()
with zipfile.ZipFile(os.path.join(%4, f"{name}-{version}-py3-none-any.whl"), "w", zipfile.ZIP_DEFLATED) as z:
    for n, b in files.items():
        z.writestr(n, b)
EOF
)PY")
                        .arg(testsupport::quoted(name), testsupport::quoted(version))
                        .arg(payloadBytes)
                        .arg(testsupport::quoted(wheelhouse)));
}

// "path size" for each file in `wheel` that pip copies unchanged (it rewrites RECORD), sorted.
inline QStringList wheelFiles(const QString &wheel)
{
    QStringList lines = QString::fromUtf8(testsupport::sh(QStringLiteral("python3 -S -c \"import zipfile, sys; "
                                                                         "[print(i.filename, i.file_size) for i in "
                                                                         "zipfile.ZipFile(sys.argv[1]).infolist() "
                                                                         "if not i.filename.endswith('/RECORD')]\" %1")
                                                              .arg(testsupport::quoted(wheel))))
                            .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    lines.sort();
    return lines;
}

// "path size" for each file under `dir` that wheelFiles() would list (pip adds INSTALLER and the like), sorted.
inline QStringList stagedFiles(const QString &dir)
{
    QStringList lines =
        QString::fromUtf8(testsupport::sh(QStringLiteral("cd %1 && find . -type f ! -name RECORD ! -name INSTALLER "
                                                         "! -name REQUESTED ! -name direct_url.json -printf '%P %s\\n'")
                                              .arg(testsupport::quoted(dir))))
            .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    lines.sort();
    return lines;
}

} // namespace wheelsupport
