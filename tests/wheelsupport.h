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

// Writes a wheelhouse of distributions that need each other, the way real
// layers do: Alpha_Pkg (a console script, an alpha_pkg.libs/ native library
// that beta.libs/ also bundles, "beta>=1", "Gamma[fast]", a python_version <
// "3.0" and an extra-only requirement), beta (needs gamma), gamma (needs
// epsilon only for its "fast" extra, zeta only for "never", which nobody
// asks), epsilon, and lone (needs epsilon only on aarch64). `loneLines`
// sizes lone's module (6 bytes a line) and `loneVersion` names it, so that
// two wheelhouses make two layers to compare.
inline void writeDependencyWheels(const QString &wheelhouse, const QString &loneVersion = QStringLiteral("3.0"),
                                  int loneLines = 9000)
{
    QDir().mkpath(wheelhouse);
    testsupport::sh(QStringLiteral("python3 -S - %1 %2 %3 <<'EOF'\n%4EOF\n")
                        .arg(testsupport::quoted(wheelhouse), testsupport::quoted(loneVersion))
                        .arg(loneLines)
                        .arg(QStringLiteral(R"PY(import base64, hashlib, os, sys, zipfile
out, lone_version, lone_size = sys.argv[1], sys.argv[2], int(sys.argv[3])
blas = os.urandom(300000)  # the same native library bundled by two wheels, as numpy and scipy do

def wheel(name, version, files, requires=(), extras=(), scripts=None):
    info = f"{name}-{version}.dist-info/"
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    meta += "".join(f"Provides-Extra: {e}\n" for e in extras)
    meta += "".join(f"Requires-Dist: {r}\n" for r in requires)
    files = dict(files)
    files[info + "METADATA"] = meta.encode()
    files[info + "WHEEL"] = b"Wheel-Version: 1.0\nGenerator: layerslim-tests\nRoot-Is-Purelib: false\nTag: py3-none-any\n"
    if scripts:
        files[info + "entry_points.txt"] = ("[console_scripts]\n" + "".join(f"{k} = {v}\n" for k, v in scripts.items())).encode()
    digest = lambda b: "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b"=").decode()
    files[info + "RECORD"] = ("".join(f"{n},{digest(b)},{len(b)}\n" for n, b in files.items()) + info + "RECORD,,\n").encode()
    with zipfile.ZipFile(os.path.join(out, f"{name}-{version}-py3-none-any.whl"), "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in files.items():
            z.writestr(n, b)

wheel("Alpha_Pkg", "1.0", {
    "alpha_pkg/__init__.py": b"def main():\n    return 0\n",
    "alpha_pkg/data.bin": os.urandom(200000),
    "alpha_pkg.libs/libblas-a1b2.so": blas,
    "alpha_pkg/shared.txt": b"same text in two packages\n" * 40,
}, requires=["beta>=1", "Gamma[fast]", 'omega; python_version < "3.0"', 'zeta; extra == "docs"'],
   extras=["docs"], scripts={"alpha-tool": "alpha_pkg:main"})
wheel("beta", "2.0", {
    "beta/__init__.py": b"",
    "beta/core.py": os.urandom(1000).hex().encode(),
    "beta.libs/libblas-c3d4.so": blas,
    "beta/shared.txt": b"same text in two packages\n" * 40,
}, requires=["gamma"])
wheel("gamma", "0.5", {"gamma.py": b"X = 1\n" * 5000, "gamma_data/table.csv": b"a,b\n" * 30000},
      requires=['epsilon; extra == "fast"', 'zeta; extra == "never"'], extras=["fast", "never"])
wheel("epsilon", "1.0", {"epsilon/__init__.py": b"E = 2\n" * 20000})
wheel("lone", lone_version, {"lone/__init__.py": b"L = 3\n" * lone_size},
      requires=['epsilon; platform_machine == "aarch64"', 'beta; sys_platform == "win32"'])
)PY")));
}

// pip-installs `requirements` from `wheelhouse` (offline) into `target` as
// `pip install --target` does when staging a layer: console scripts in bin/.
inline void pipInstallTarget(const QString &wheelhouse, const QString &target, const QStringList &requirements)
{
    QStringList quotedReqs;
    for (const QString &r : requirements)
        quotedReqs << testsupport::quoted(r);
    testsupport::sh(
        QStringLiteral("PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_ROOT_USER_ACTION=ignore python3 -m "
                       "pip install -q --no-index --find-links %1 --target %2 --no-compile %3")
            .arg(testsupport::quoted(wheelhouse), testsupport::quoted(target), quotedReqs.join(QLatin1Char(' '))));
}

} // namespace wheelsupport
