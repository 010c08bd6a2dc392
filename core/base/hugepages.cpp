#include "base/hugepages.h"

#include <cstdint>
#include <sys/mman.h>
#include <unistd.h>

namespace hugepages {

namespace {

constexpr std::size_t kHugePage = std::size_t(2) << 20;

std::size_t pageSize()
{
    static const std::size_t page = std::size_t(::sysconf(_SC_PAGESIZE));
    return page;
}

std::size_t roundUp(std::size_t bytes, std::size_t to)
{
    return (bytes + to - 1) / to * to;
}

} // namespace

void *allocate(std::size_t bytes)
{
    if (bytes < kThreshold)
        return ::operator new(bytes);
    if (bytes > std::size_t(-1) - 2 * kHugePage)
        throw std::bad_alloc();
    // Mapped with one huge page of slack, then trimmed to start at a 2 MiB
    // boundary: a huge page can only back an aligned 2 MiB run that lies
    // whole inside the mapping. So every whole run is a huge page, and the
    // tail past the last one stays in small pages, resident only as touched
    // (rounding the mapping up to 2 MiB made a 2.5 MB block take 4 MiB).
    const std::size_t size = roundUp(bytes, pageSize());
    const std::size_t mapped = size + kHugePage;
    void *raw = ::mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = roundUp(start, kHugePage);
    if (aligned > start)
        ::munmap(raw, aligned - start);
    if (const std::uintptr_t tail = start + mapped - (aligned + size); tail > 0)
        ::munmap(reinterpret_cast<void *>(aligned + size), tail);
#ifdef MADV_HUGEPAGE
    ::madvise(reinterpret_cast<void *>(aligned), size, MADV_HUGEPAGE); // a hint: refused is fine
#endif
    return reinterpret_cast<void *>(aligned);
}

std::size_t footprint(std::size_t bytes)
{
    return bytes < kThreshold ? bytes : roundUp(bytes, pageSize());
}

void deallocate(void *p, std::size_t bytes) noexcept
{
    if (!p)
        return;
    if (bytes < kThreshold) {
        ::operator delete(p); // unsized: not every compiler has sized deallocation on
        return;
    }
    ::munmap(p, roundUp(bytes, pageSize()));
}

} // namespace hugepages
