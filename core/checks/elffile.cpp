#include "checks/elffile.h"

#include <QFile>

#include <climits>
#include <cstdint>

#include <elf.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace {

void initLibelf()
{
    static std::once_flag once;
    std::call_once(once, [] { elf_version(EV_CURRENT); });
}

QString libelfError()
{
    const char *msg = elf_errmsg(-1);
    return msg ? QString::fromLocal8Bit(msg) : QStringLiteral("libelf error");
}

QByteArray cstr(const char *s)
{
    return s ? QByteArray(s) : QByteArray();
}

// The entries of a SHT_DYNAMIC section up to DT_NULL, with the strings the
// loader reads by name.
void readDynamic(Elf *elf, Elf_Scn *scn, const GElf_Shdr &sh, ElfInfo *info)
{
    Elf_Data *data = elf_getdata(scn, nullptr);
    if (!data || sh.sh_entsize == 0)
        return;
    const std::size_t count = data->d_size / sh.sh_entsize;
    for (std::size_t i = 0; i < count; ++i) {
        GElf_Dyn dyn;
        if (!gelf_getdyn(data, int(i), &dyn) || dyn.d_tag == DT_NULL)
            break;
        ElfDynamic d{dyn.d_tag, dyn.d_un.d_val, {}};
        if (dyn.d_tag == DT_NEEDED || dyn.d_tag == DT_SONAME || dyn.d_tag == DT_RPATH || dyn.d_tag == DT_RUNPATH)
            d.text = cstr(elf_strptr(elf, sh.sh_link, dyn.d_un.d_val));
        info->dynamic.push_back(std::move(d));
    }
}

std::optional<ElfInfo> parse(Elf *elf, std::uint64_t fileSize, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<ElfInfo> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!elf)
        return fail(libelfError());
    if (elf_kind(elf) != ELF_K_ELF)
        return fail(QStringLiteral("not an ELF object"));
    GElf_Ehdr eh;
    if (!gelf_getehdr(elf, &eh))
        return fail(libelfError());
    ElfInfo info;
    info.elfClass = gelf_getclass(elf) == ELFCLASS64 ? 64 : 32;
    info.machine = eh.e_machine;
    info.type = eh.e_type;
    info.fileSize = fileSize;
    std::size_t shnum = 0, shstrndx = 0;
    if (elf_getshdrnum(elf, &shnum) != 0 || elf_getshdrstrndx(elf, &shstrndx) != 0)
        return fail(libelfError());
    info.sectionHeaderBytes = std::uint64_t(shnum) * eh.e_shentsize;
    std::size_t phnum = 0;
    if (elf_getphdrnum(elf, &phnum) != 0)
        return fail(libelfError());
    for (std::size_t i = 0; i < phnum; ++i) {
        GElf_Phdr ph;
        if (!gelf_getphdr(elf, int(i), &ph))
            return fail(libelfError());
        info.segments.push_back({ph.p_type, ph.p_flags, ph.p_offset, ph.p_vaddr, ph.p_filesz, ph.p_memsz});
    }
    for (Elf_Scn *scn = elf_nextscn(elf, nullptr); scn; scn = elf_nextscn(elf, scn)) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh))
            return fail(libelfError());
        ElfSection s;
        s.name = cstr(elf_strptr(elf, shstrndx, sh.sh_name));
        s.type = sh.sh_type;
        s.flags = sh.sh_flags;
        s.offset = sh.sh_offset;
        s.size = sh.sh_type == SHT_NOBITS ? 0 : sh.sh_size;
        info.sections.push_back(s);
        if (sh.sh_type == SHT_DYNAMIC)
            readDynamic(elf, scn, sh, &info);
        if (sh.sh_type != SHT_GNU_verneed)
            continue;
        Elf_Data *data = elf_getdata(scn, nullptr);
        if (!data)
            continue;
        // Verneed entries chain by vn_next; each holds vn_cnt Vernaux entries chained by vna_next.
        // The offsets come from the file: each step must move forward and stay inside the section.
        const auto step = [size = std::uint64_t(data->d_size)](int from, std::uint64_t by, int *to) {
            const std::uint64_t next = std::uint64_t(from) + by;
            if (by == 0 || next >= size || next > std::uint64_t(INT_MAX))
                return false;
            *to = int(next);
            return true;
        };
        int offset = 0;
        for (GElf_Word n = 0; n < sh.sh_info; ++n) {
            GElf_Verneed vn;
            if (!gelf_getverneed(data, offset, &vn))
                break;
            const QByteArray library = cstr(elf_strptr(elf, sh.sh_link, vn.vn_file));
            int auxOffset = 0;
            if (!step(offset, vn.vn_aux, &auxOffset))
                break;
            for (GElf_Half a = 0; a < vn.vn_cnt; ++a) {
                GElf_Vernaux aux;
                if (!gelf_getvernaux(data, auxOffset, &aux))
                    break;
                info.needs.push_back({library, cstr(elf_strptr(elf, sh.sh_link, aux.vna_name))});
                if (!step(auxOffset, aux.vna_next, &auxOffset))
                    break;
            }
            if (!step(offset, vn.vn_next, &offset))
                break;
        }
    }
    return info;
}

} // namespace

QByteArray ElfInfo::maxGlibc() const
{
    QByteArray best;
    for (const Need &n : needs) {
        if (!n.version.startsWith("GLIBC_") || n.version.size() < 7 || n.version[6] < '0' || n.version[6] > '9')
            continue; // GLIBC_PRIVATE and the like name no release
        const QByteArray v = n.version.mid(6);
        if (best.isEmpty() || ElfFile::compareVersions(v, best) > 0)
            best = v;
    }
    return best;
}

BinaryFormat ElfFile::formatOf(QByteArrayView head)
{
    if (head.size() >= 4 && head.first(4) == QByteArrayView("\x7f"
                                                            "ELF",
                                                            4))
        return BinaryFormat::Elf;
    if (head.size() >= 4) {
        const auto b = [&](int i) { return static_cast<unsigned char>(head[i]); };
        const std::uint32_t be =
            std::uint32_t(b(0)) << 24 | std::uint32_t(b(1)) << 16 | std::uint32_t(b(2)) << 8 | b(3);
        if (be == 0xfeedface || be == 0xfeedfacf || be == 0xcefaedfe || be == 0xcffaedfe || be == 0xcafebabe)
            return BinaryFormat::MachO;
    }
    if (head.size() >= 2 && head[0] == 'M' && head[1] == 'Z')
        return BinaryFormat::Pe;
    return BinaryFormat::Other;
}

BinaryFormat ElfFile::formatOfFile(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        return BinaryFormat::Other;
    const BinaryFormat format = formatOfDescriptor(fd);
    ::close(fd);
    return format;
}

BinaryFormat ElfFile::formatOfDescriptor(int fd)
{
    char head[4];
    struct stat st;
    ssize_t n = 0;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        n = ::pread(fd, head, sizeof head, 0);
    return n > 0 ? formatOf(QByteArrayView(head, n)) : BinaryFormat::Other;
}

std::optional<ElfInfo> ElfFile::readFile(const QString &path, QString *error)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        if (error)
            *error = QStringLiteral("cannot open");
        return std::nullopt;
    }
    auto info = readDescriptor(fd, error);
    ::close(fd);
    return info;
}

std::optional<ElfInfo> ElfFile::readDescriptor(int fd, QString *error)
{
    initLibelf();
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (error)
            *error = QStringLiteral("not a regular file");
        return std::nullopt;
    }
    Elf *elf = elf_begin(fd, ELF_C_READ, nullptr);
    auto info = parse(elf, std::uint64_t(st.st_size), error);
    if (elf)
        elf_end(elf);
    return info;
}

std::optional<ElfInfo> ElfFile::readMemory(const QByteArray &image, QString *error)
{
    initLibelf();
    QByteArray copy = image; // elf_memory wants a mutable buffer; libelf only reads it here
    Elf *elf = elf_memory(copy.data(), std::size_t(copy.size()));
    auto info = parse(elf, std::uint64_t(image.size()), error);
    if (elf)
        elf_end(elf);
    return info;
}

QString ElfFile::segmentTypeName(std::uint32_t type)
{
    switch (type) {
    case PT_NULL:
        return QStringLiteral("PT_NULL");
    case PT_LOAD:
        return QStringLiteral("PT_LOAD");
    case PT_DYNAMIC:
        return QStringLiteral("PT_DYNAMIC");
    case PT_INTERP:
        return QStringLiteral("PT_INTERP");
    case PT_NOTE:
        return QStringLiteral("PT_NOTE");
    case PT_PHDR:
        return QStringLiteral("PT_PHDR");
    case PT_TLS:
        return QStringLiteral("PT_TLS");
    case PT_GNU_EH_FRAME:
        return QStringLiteral("PT_GNU_EH_FRAME");
    case PT_GNU_STACK:
        return QStringLiteral("PT_GNU_STACK");
    case PT_GNU_RELRO:
        return QStringLiteral("PT_GNU_RELRO");
    case PT_GNU_PROPERTY:
        return QStringLiteral("PT_GNU_PROPERTY");
    }
    return QStringLiteral("0x%1").arg(type, 0, 16);
}

QString ElfFile::dynamicTagName(std::int64_t tag)
{
    switch (tag) {
    case DT_NEEDED:
        return QStringLiteral("DT_NEEDED");
    case DT_SONAME:
        return QStringLiteral("DT_SONAME");
    case DT_RPATH:
        return QStringLiteral("DT_RPATH");
    case DT_RUNPATH:
        return QStringLiteral("DT_RUNPATH");
    case DT_INIT:
        return QStringLiteral("DT_INIT");
    case DT_FINI:
        return QStringLiteral("DT_FINI");
    case DT_STRTAB:
        return QStringLiteral("DT_STRTAB");
    case DT_SYMTAB:
        return QStringLiteral("DT_SYMTAB");
    case DT_STRSZ:
        return QStringLiteral("DT_STRSZ");
    case DT_GNU_HASH:
        return QStringLiteral("DT_GNU_HASH");
    }
    return QStringLiteral("0x%1").arg(quint64(tag), 0, 16);
}

QString ElfFile::loaderChange(const ElfInfo &before, const ElfInfo &after)
{
    const auto hex = [](std::uint64_t v) { return QStringLiteral("0x%1").arg(v, 0, 16); };
    if (before.segments.size() != after.segments.size())
        return QStringLiteral("%1 program headers became %2").arg(before.segments.size()).arg(after.segments.size());
    for (std::size_t i = 0; i < before.segments.size(); ++i) {
        const ElfSegment &a = before.segments[i], &b = after.segments[i];
        if (a == b)
            continue;
        QStringList what;
        if (a.type != b.type)
            what << QStringLiteral("type %1 -> %2").arg(segmentTypeName(a.type), segmentTypeName(b.type));
        if (a.offset != b.offset)
            what << QStringLiteral("offset %1 -> %2").arg(hex(a.offset), hex(b.offset));
        if (a.vaddr != b.vaddr)
            what << QStringLiteral("vaddr %1 -> %2").arg(hex(a.vaddr), hex(b.vaddr));
        if (a.filesz != b.filesz)
            what << QStringLiteral("filesz %1 -> %2").arg(hex(a.filesz), hex(b.filesz));
        if (a.memsz != b.memsz)
            what << QStringLiteral("memsz %1 -> %2").arg(hex(a.memsz), hex(b.memsz));
        if (a.flags != b.flags)
            what << QStringLiteral("flags %1 -> %2").arg(hex(a.flags), hex(b.flags));
        return QStringLiteral("program header %1 (%2): %3")
            .arg(i)
            .arg(segmentTypeName(a.type), what.join(QStringLiteral(", ")));
    }
    if (before.dynamic.size() != after.dynamic.size())
        return QStringLiteral("%1 dynamic entries became %2").arg(before.dynamic.size()).arg(after.dynamic.size());
    for (std::size_t i = 0; i < before.dynamic.size(); ++i) {
        const ElfDynamic &a = before.dynamic[i], &b = after.dynamic[i];
        if (a == b)
            continue;
        const auto show = [&](const ElfDynamic &d) {
            return d.text.isNull() ? QStringLiteral("%1 %2").arg(dynamicTagName(d.tag), hex(d.value))
                                   : QStringLiteral("%1 %2").arg(dynamicTagName(d.tag), QString::fromUtf8(d.text));
        };
        return QStringLiteral("dynamic entry %1: %2 -> %3").arg(i).arg(show(a), show(b));
    }
    return {};
}

QString ElfFile::machineName(int machine)
{
    switch (machine) {
    case EM_X86_64:
        return QStringLiteral("x86_64");
    case EM_AARCH64:
        return QStringLiteral("aarch64");
    case EM_386:
        return QStringLiteral("i386");
    case EM_ARM:
        return QStringLiteral("arm");
    case EM_PPC64:
        return QStringLiteral("ppc64");
    case EM_S390:
        return QStringLiteral("s390x");
    case EM_RISCV:
        return QStringLiteral("riscv");
    }
    return QStringLiteral("machine %1").arg(machine);
}

int ElfFile::compareVersions(QByteArrayView a, QByteArrayView b)
{
    const QList<QByteArray> pa = a.toByteArray().split('.'), pb = b.toByteArray().split('.');
    for (qsizetype i = 0; i < std::max(pa.size(), pb.size()); ++i) {
        const int x = i < pa.size() ? pa[i].toInt() : 0, y = i < pb.size() ? pb[i].toInt() : 0;
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}
