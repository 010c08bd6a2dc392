// A fixed-size bit set over FileTree node indices, with the word-wise range
// operations that rule matches, selections and the size ledger are built from.
#pragma once

#include <QtGlobal>

#include <bit>
#include <cstdint>
#include <vector>

class Bitset
{
public:
    using Word = std::uint64_t;
    static constexpr std::size_t kWordBits = 64;

    Bitset() = default;
    explicit Bitset(std::size_t bits)
        : m_bits(bits)
        , m_words((bits + kWordBits - 1) / kWordBits, 0)
    {
    }

    [[nodiscard]] std::size_t size() const { return m_bits; }
    [[nodiscard]] bool test(std::size_t i) const { return (m_words[i / kWordBits] >> (i % kWordBits)) & 1U; }
    void set(std::size_t i) { m_words[i / kWordBits] |= Word{1} << (i % kWordBits); }
    void reset(std::size_t i) { m_words[i / kWordBits] &= ~(Word{1} << (i % kWordBits)); }
    void assign(std::size_t i, bool on) { on ? set(i) : reset(i); }
    void clear() { std::fill(m_words.begin(), m_words.end(), 0); }

    // Sets or clears every bit in [begin, end); whole words at a time.
    void setRange(std::size_t begin, std::size_t end) { applyRange(begin, end, true); }
    void resetRange(std::size_t begin, std::size_t end) { applyRange(begin, end, false); }

    Bitset &operator|=(const Bitset &o)
    {
        for (std::size_t w = 0; w < m_words.size(); ++w)
            m_words[w] |= o.m_words[w];
        return *this;
    }
    Bitset &operator&=(const Bitset &o)
    {
        for (std::size_t w = 0; w < m_words.size(); ++w)
            m_words[w] &= o.m_words[w];
        return *this;
    }
    // this &= ~o
    Bitset &subtract(const Bitset &o)
    {
        for (std::size_t w = 0; w < m_words.size(); ++w)
            m_words[w] &= ~o.m_words[w];
        return *this;
    }
    bool operator==(const Bitset &o) const = default;

    [[nodiscard]] std::size_t count() const
    {
        std::size_t n = 0;
        for (Word w : m_words)
            n += std::popcount(w);
        return n;
    }
    [[nodiscard]] bool any() const
    {
        for (Word w : m_words)
            if (w)
                return true;
        return false;
    }

    // Calls f(index) for every set bit, in increasing order.
    template<typename F> void forEach(F &&f) const
    {
        for (std::size_t w = 0; w < m_words.size(); ++w) {
            Word bits = m_words[w];
            while (bits) {
                const int b = std::countr_zero(bits);
                f(w * kWordBits + std::size_t(b));
                bits &= bits - 1;
            }
        }
    }

    [[nodiscard]] const std::vector<Word> &words() const { return m_words; }
    [[nodiscard]] std::vector<Word> &words() { return m_words; }

private:
    void applyRange(std::size_t begin, std::size_t end, bool on)
    {
        if (begin >= end)
            return;
        const std::size_t first = begin / kWordBits, last = (end - 1) / kWordBits;
        for (std::size_t w = first; w <= last; ++w) {
            Word mask = ~Word{0};
            if (w == first)
                mask &= ~Word{0} << (begin % kWordBits);
            if (w == last && end % kWordBits)
                mask &= ~Word{0} >> (kWordBits - end % kWordBits);
            on ? m_words[w] |= mask : m_words[w] &= ~mask;
        }
    }

    std::size_t m_bits = 0;
    std::vector<Word> m_words;
};
