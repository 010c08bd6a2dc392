// Large arrays on transparent huge pages. Filling a fresh array costs one
// page fault per 4 KiB touched, and on a virtual machine a fault costs about
// 10 µs: the columns of a 200,000-node tree took 6,000 of them. A block of a
// megabyte or more is mapped on its own, aligned to 2 MiB and marked for huge
// pages, so it faults in 2 MiB at a time where the kernel allows it (with
// transparent huge pages off it behaves as any mapping). Smaller blocks come
// from the heap as usual.
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace hugepages {

// Blocks from this size up are mapped for huge pages.
inline constexpr std::size_t kThreshold = std::size_t(1) << 20;

// `bytes` bytes aligned as operator new aligns them; a mapped block starts
// at a 2 MiB boundary. Throws std::bad_alloc when out of memory.
[[nodiscard]] void *allocate(std::size_t bytes);
// Frees what allocate(bytes) returned, given the same `bytes`.
void deallocate(void *p, std::size_t bytes) noexcept;
// The most memory allocate(bytes) keeps resident: `bytes` from the heap;
// when mapped, whole small pages (a huge page backs only a 2 MiB run that
// lies whole inside the block, so none reaches past its end).
[[nodiscard]] std::size_t footprint(std::size_t bytes);

} // namespace hugepages

// A std::allocator whose large blocks are on huge pages. Stateless: any two
// compare equal, so containers move and swap their storage freely.
template<class T> struct HugePageAllocator {
    using value_type = T;

    HugePageAllocator() noexcept = default;
    template<class U> HugePageAllocator(const HugePageAllocator<U> &) noexcept {}

    [[nodiscard]] T *allocate(std::size_t n)
    {
        if (n > std::size_t(-1) / sizeof(T))
            throw std::bad_array_new_length();
        return static_cast<T *>(hugepages::allocate(n * sizeof(T)));
    }
    void deallocate(T *p, std::size_t n) noexcept { hugepages::deallocate(p, n * sizeof(T)); }

    template<class U> bool operator==(const HugePageAllocator<U> &) const noexcept { return true; }
};

// A vector for per-node columns, which reach megabytes on large trees.
template<class T> using BigVector = std::vector<T, HugePageAllocator<T>>;
