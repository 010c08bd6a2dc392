// libFuzzer target: any bytes as a native file. ElfFile must parse an ELF
// image or say why not, and never crash on counts or offsets past the image.
#include "checks/elffile.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray image(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)ElfFile::formatOf(image);
    QString error;
    const auto info = ElfFile::readMemory(image, &error);
    if (!info) {
        if (error.isEmpty())
            std::abort(); // a refusal must say why
        return 0;
    }
    const QByteArray glibc = info->maxGlibc();
    for (const ElfInfo::Need &need : info->needs)
        (void)ElfFile::compareVersions(need.version, glibc);
    (void)ElfFile::machineName(info->machine);
    return 0;
}
