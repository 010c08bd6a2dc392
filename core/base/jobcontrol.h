// What a long job shares with whoever started it: a cancel flag and a
// progress callback that is called at most every ~100 ms.
#pragma once

#include <QByteArray>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>

struct JobProgress {
    std::uint64_t items = 0;      // files (scan) or entries (export) done
    std::uint64_t bytes = 0;      // bytes seen or written
    std::uint64_t totalItems = 0; // 0 when unknown
    QByteArray current;           // the path being worked on, raw bytes
};

class JobControl
{
public:
    using ProgressFn = std::function<void(const JobProgress &)>;

    JobControl() = default;
    explicit JobControl(ProgressFn fn)
        : m_progress(std::move(fn))
    {
    }

    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    [[nodiscard]] bool cancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

    // Reports progress when ~100 ms have passed since the last report (or when
    // forced). Safe from several worker threads: a report already under way
    // makes the others skip theirs.
    void report(const JobProgress &p, bool force = false)
    {
        if (!m_progress)
            return;
        std::unique_lock lock(m_reporting, std::defer_lock);
        if (force)
            lock.lock();
        else if (!lock.try_lock())
            return;
        const auto now = std::chrono::steady_clock::now();
        if (!force && now - m_last < std::chrono::milliseconds(100))
            return;
        m_last = now;
        m_progress(p);
    }

    // Counts one more item of a long loop; every 64th it checks for cancel
    // and reports, naming what `current()` returns. False once cancelled.
    template<typename CurrentFn> bool advance(JobProgress &progress, CurrentFn current)
    {
        if ((++progress.items & 0x3f) != 0)
            return true;
        if (cancelled())
            return false;
        progress.current = current();
        report(progress);
        return true;
    }

private:
    std::atomic_bool m_cancelled{false};
    ProgressFn m_progress;
    std::mutex m_reporting;
    std::chrono::steady_clock::time_point m_last{};
};
