// Splits a stretch of work into phases: each lap() returns the nanoseconds
// since the previous lap (or since construction), on the monotonic clock.
#pragma once

#include <chrono>
#include <cstdint>

class PhaseClock
{
public:
    std::uint64_t lap()
    {
        const auto now = std::chrono::steady_clock::now();
        const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now - m_last).count();
        m_last = now;
        return std::uint64_t(ns);
    }

private:
    std::chrono::steady_clock::time_point m_last = std::chrono::steady_clock::now();
};
