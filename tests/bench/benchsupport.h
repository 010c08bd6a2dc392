// Timing helpers for the benchmarks: best-of-N or median wall time of a C++
// callable or a shell command, so that ratios compare like with like on a
// noisy machine; and the generated large tree they scan.
#pragma once

#include "export/exportoptions.h"
#include "select/rules.h"
#include "select/sizeledger.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QString>

#include <algorithm>
#include <vector>

namespace bench {

// The rules of the export benchmarks' kept set ("the seed-kept demo set"):
// the blind recipes' safe part, as `make run` opens the demo layer with.
inline const char kSeedRules[] = "tests,bytecode,dist-info,pyproject,datasets";

// Turns the seed rules on in `ledger`.
inline void enableSeedRules(SizeLedger &ledger)
{
    for (const QString &id : QString::fromLatin1(kSeedRules).split(QLatin1Char(',')))
        ledger.setRuleEnabled(RuleCatalog::indexOf(id), true);
}

template<typename F> double bestSeconds(int runs, F &&f)
{
    double best = 1e30;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        f();
        best = std::min(best, double(t.nsecsElapsed()) / 1e9);
    }
    return best;
}

inline double commandSeconds(int runs, const QString &script)
{
    return bestSeconds(runs, [&] {
        QProcess p;
        p.start(QStringLiteral("bash"), {QStringLiteral("-c"), script});
        p.waitForFinished(-1);
    });
}

// The median of `runs` timed runs after `warmup` untimed ones.
template<typename F> double medianSeconds(int runs, int warmup, F &&f)
{
    for (int i = 0; i < warmup; ++i)
        f();
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        f();
        times.push_back(double(t.nsecsElapsed()) / 1e9);
    }
    std::sort(times.begin(), times.end());
    return times.size() % 2 ? times[times.size() / 2] : (times[times.size() / 2 - 1] + times[times.size() / 2]) / 2;
}

// Where an export's time went: the pool's phases in thread-seconds and as a
// share of their sum, then the writer's.
inline QString phasesText(const ExportPhases &p)
{
    const double pool = p.open + p.read + p.crc + p.deflate;
    auto share = [&](double s) { return pool > 0 ? 100.0 * s / pool : 0.0; };
    return QStringLiteral("on %1 threads: deflate %2 s (%3%), read %4 s (%5%), CRC %6 s (%7%), open %8 s (%9%); "
                          "writer: write %10 s, waiting for the next entry %11 s")
        .arg(p.threads)
        .arg(p.deflate, 0, 'f', 2)
        .arg(share(p.deflate), 0, 'f', 0)
        .arg(p.read, 0, 'f', 2)
        .arg(share(p.read), 0, 'f', 0)
        .arg(p.crc, 0, 'f', 2)
        .arg(share(p.crc), 0, 'f', 0)
        .arg(p.open, 0, 'f', 2)
        .arg(share(p.open), 0, 'f', 0)
        .arg(p.write, 0, 'f', 2)
        .arg(p.wait, 0, 'f', 2);
}

// The median wall time of `bash -c script`.
inline double medianCommandSeconds(int runs, int warmup, const QString &script)
{
    return medianSeconds(runs, warmup, [&] {
        QProcess p;
        p.start(QStringLiteral("bash"), {QStringLiteral("-c"), script});
        p.waitForFinished(-1);
    });
}

// A generated tree shaped like a big site-packages: packages with nested
// modules, tests/ and __pycache__/ folders; `files` files in all.
inline void makeLargeTree(const QString &root, int files)
{
    int made = 0;
    for (int p = 0; made < files; ++p) {
        for (int d = 0; d < 10 && made < files; ++d) {
            const QString dir = QStringLiteral("%1/pkg%2/%3/sub%4")
                                    .arg(root)
                                    .arg(p)
                                    .arg(d % 3 == 0 ? QStringLiteral("tests") : QStringLiteral("core"))
                                    .arg(d);
            QDir().mkpath(dir + QStringLiteral("/__pycache__"));
            for (int f = 0; f < 50 && made < files; ++f, ++made) {
                const QString name = f % 2 ? QStringLiteral("/__pycache__/m%1.cpython-311.pyc").arg(f)
                                           : QStringLiteral("/m%1.py").arg(f);
                QFile file(dir + name);
                if (file.open(QIODevice::WriteOnly))
                    file.write(QByteArray((f * 37 + d * 11) % 900 + 1, 'x'));
            }
        }
    }
}

} // namespace bench
