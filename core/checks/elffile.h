// What lint and strip need to know about a native file, read with elfutils'
// libelf: the ELF header, the section headers, the program headers and the
// dynamic section (what the loader reads), and the symbol versions it needs
// (.gnu.version_r). Also tells ELF from Mach-O and PE by magic.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

// What a file's first bytes say it is.
enum class BinaryFormat : std::uint8_t {
    Elf,   // \x7fELF: Linux and other Unix shared objects and executables
    MachO, // 0xfeedface/0xfeedfacf (either byte order) or a fat 0xcafebabe: macOS
    Pe,    // "MZ": a Windows DLL or .pyd
    Other, // none of these (text, data, or too short)
};

struct ElfSection {
    QByteArray name;
    std::uint32_t type = 0;  // SHT_*
    std::uint64_t flags = 0; // SHF_*
    std::uint64_t offset = 0;
    std::uint64_t size = 0; // bytes in the file (0 for SHT_NOBITS)
};

// A program header: what the loader maps.
struct ElfSegment {
    std::uint32_t type = 0;   // PT_*
    std::uint32_t flags = 0;  // PF_R, PF_W, PF_X
    std::uint64_t offset = 0; // p_offset in the file
    std::uint64_t vaddr = 0;  // p_vaddr
    std::uint64_t filesz = 0; // bytes in the file
    std::uint64_t memsz = 0;  // bytes in memory
    bool operator==(const ElfSegment &) const = default;
};

// An entry of the dynamic section (up to DT_NULL).
struct ElfDynamic {
    std::int64_t tag = 0;    // DT_*
    std::uint64_t value = 0; // d_val / d_ptr
    QByteArray text;         // the string it names, for DT_NEEDED, DT_SONAME, DT_RPATH and DT_RUNPATH
    bool operator==(const ElfDynamic &) const = default;
};

struct ElfInfo {
    int elfClass = 0; // 32 or 64
    int machine = 0;  // e_machine: 62 x86_64, 183 aarch64, 3 i386, 40 arm
    int type = 0;     // e_type: 1 relocatable, 2 executable, 3 shared object
    std::uint64_t fileSize = 0;
    std::uint64_t sectionHeaderBytes = 0; // e_shnum * e_shentsize
    std::vector<ElfSection> sections;
    std::vector<ElfSegment> segments; // the program headers, in file order
    std::vector<ElfDynamic> dynamic;  // the dynamic section's entries; empty for a static or relocatable file
    // Versions needed from other objects, "GLIBC_2.29" style, with the library named.
    struct Need {
        QByteArray library; // "libm.so.6"
        QByteArray version; // "GLIBC_2.29"
    };
    std::vector<Need> needs;

    // The highest GLIBC_x.y[.z] needed, e.g. "2.29"; empty when none.
    [[nodiscard]] QByteArray maxGlibc() const;
};

class ElfFile
{
public:
    [[nodiscard]] static BinaryFormat formatOf(QByteArrayView head);
    // Reads the first bytes of a file to tell its format; Other when unreadable
    // or not a regular file.
    [[nodiscard]] static BinaryFormat formatOfFile(const QString &path);
    // The same for a file open as `fd`, which stays open and keeps its offset.
    [[nodiscard]] static BinaryFormat formatOfDescriptor(int fd);

    // Parses an ELF file or image; nullopt with `error` when libelf cannot.
    [[nodiscard]] static std::optional<ElfInfo> readFile(const QString &path, QString *error);
    // The same for a file open as `fd`; the caller keeps and closes it.
    [[nodiscard]] static std::optional<ElfInfo> readDescriptor(int fd, QString *error);
    [[nodiscard]] static std::optional<ElfInfo> readMemory(const QByteArray &image, QString *error);

    // What differs between the loader's view of `before` and `after` (the
    // program headers and the dynamic section), as "program header 3
    // (PT_LOAD): filesz 0x330 -> 0x32c"; empty when nothing does. Stripping
    // must change neither: a file it changes there is left unstripped.
    [[nodiscard]] static QString loaderChange(const ElfInfo &before, const ElfInfo &after);
    // "PT_LOAD", "PT_GNU_RELRO", or "0x6474e553".
    [[nodiscard]] static QString segmentTypeName(std::uint32_t type);
    // "DT_NEEDED", "DT_RUNPATH", or "0x6ffffffb".
    [[nodiscard]] static QString dynamicTagName(std::int64_t tag);

    // "x86_64", "aarch64", or "machine 40".
    [[nodiscard]] static QString machineName(int machine);
    // -1, 0, 1 comparing dotted versions numerically ("2.9" < "2.17").
    [[nodiscard]] static int compareVersions(QByteArrayView a, QByteArrayView b);
};
