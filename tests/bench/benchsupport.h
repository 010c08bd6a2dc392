// Timing helpers for the benchmarks: best-of-N wall time of a C++ callable or
// a shell command, so that ratios compare like with like on a noisy machine.
#pragma once

#include <QElapsedTimer>
#include <QProcess>
#include <QString>

#include <algorithm>

namespace bench {

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

} // namespace bench
