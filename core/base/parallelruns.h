// Splits [0, count) into contiguous runs over up to `threads` threads, at
// least `minPerRun` items a run (a thread is worth its start only with work
// for it), and calls fn(run, from, to) for each: the first run on the calling
// thread, the rest on threads of their own, all joined before it returns.
// Returns the number of runs, so callers can size per-run results first with
// runCount().
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace parallel {

// How many runs parallelRuns() makes of `count` items.
[[nodiscard]] inline std::size_t runCount(std::size_t count, unsigned threads, std::size_t minPerRun)
{
    return std::clamp<std::size_t>(count / std::max<std::size_t>(1, minPerRun), 1, std::max(1u, threads));
}

// Every core this machine has (at least one).
[[nodiscard]] inline unsigned allCores()
{
    return std::max(1u, std::thread::hardware_concurrency());
}

template<typename Fn> std::size_t parallelRuns(std::size_t count, unsigned threads, std::size_t minPerRun, Fn &&fn)
{
    const std::size_t runs = runCount(count, threads, minPerRun);
    const std::size_t chunk = (count + runs - 1) / runs;
    std::vector<std::jthread> workers; // joined however this returns
    workers.reserve(runs - 1);
    for (std::size_t r = 1; r < runs; ++r)
        workers.emplace_back(
            [&fn, r, chunk, count] { fn(r, std::min(count, r * chunk), std::min(count, (r + 1) * chunk)); });
    fn(std::size_t(0), std::size_t(0), std::min(count, chunk));
    workers.clear();
    return runs;
}

} // namespace parallel
