// Name tests on raw path components that the rules and the file categories
// both use, so the two always agree on what a metadata folder or a suffix is.
#pragma once

#include <QByteArrayView>

#include <initializer_list>
#include <string_view>

namespace pathnames {

// Whether the name ends with one of these extensions, each a dot and a word
// without dots (".pyc"): only the name's last extension is compared.
[[nodiscard]] inline bool endsWithAny(QByteArrayView name, std::initializer_list<std::string_view> extensions)
{
    const qsizetype dot = name.lastIndexOf('.');
    if (dot < 0)
        return false;
    const std::string_view extension(name.data() + dot, std::size_t(name.size() - dot));
    for (const std::string_view e : extensions)
        if (extension == e)
            return true;
    return false;
}

// `*.dist-info` or `*.egg-info`: a distribution's metadata folder (or, for egg-info, file).
[[nodiscard]] inline bool isMetadataName(QByteArrayView name)
{
    return name.endsWith(".dist-info") || name.endsWith(".egg-info");
}

// Named like an ELF shared library: NAME.so, or a versioned NAME.so.1.2.
[[nodiscard]] inline bool isSharedLibraryName(QByteArrayView name)
{
    return name.endsWith(".so") || name.contains(".so.");
}

// A name Python can import: ASCII letters, digits and '_', not starting with a digit.
[[nodiscard]] inline bool isIdentifier(QByteArrayView s)
{
    if (s.isEmpty() || (s[0] >= '0' && s[0] <= '9'))
        return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    return true;
}

} // namespace pathnames
