// Byte formatting at the edge. Sizes stay quint64 bytes everywhere else.
// AWS states Lambda's limits in MB of 1,048,576 bytes (250 MB = 262,144,000
// bytes); LayerSlim shows sizes the same way so its numbers match the console.
#pragma once

#include <QString>

#include <cstdint>
#include <cstdlib>
#include <optional>

namespace units {

inline constexpr std::uint64_t kMB = 1024 * 1024;
inline constexpr std::uint64_t kLambdaUnzippedLimit = 250 * kMB; // 262,144,000 bytes
inline constexpr std::uint64_t kLambdaZipUploadLimit = 50 * kMB; // direct upload of a zip
inline constexpr std::uint64_t kDefaultReserve = 20 * kMB;

// "187.3 MB", "912 KB", "12 bytes" (units of 1,024 as AWS counts them).
[[nodiscard]] QString formatBytes(std::uint64_t bytes);
// "187,700,523" with the C locale's grouping.
[[nodiscard]] QString groupedBytes(std::uint64_t bytes);

// The same for people, in the user's locale and language: "187,3 MB" and
// "12 byte" in Vietnamese. The CLI keeps the fixed forms above.
[[nodiscard]] QString localBytes(std::uint64_t bytes);
[[nodiscard]] QString localGroupedBytes(std::uint64_t bytes);

// "262144000", "250MB", "20 MB", "1.5GB", "512KB" (units of 1,024 as above;
// "B" or no unit is bytes). nullopt for anything else, negative numbers and
// sizes beyond 2^63.
[[nodiscard]] std::optional<std::uint64_t> parseBytes(QStringView text);
// A change in size: "+12.4 MB", "-912 KB", "±0" (fixed form, and the user's).
[[nodiscard]] QString formatChange(std::int64_t change);
[[nodiscard]] QString localChange(std::int64_t change);
// B minus A as a signed change.
[[nodiscard]] inline std::int64_t change(std::uint64_t a, std::uint64_t b)
{
    return std::int64_t(b) - std::int64_t(a);
}

} // namespace units
