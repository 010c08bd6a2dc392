// Name tests on raw path components that the rules and the file categories
// both use, so the two always agree on what a metadata folder or a suffix is.
#pragma once

#include <QByteArrayView>

#include <initializer_list>
#include <string_view>

namespace pathnames {

// The tests below are asked of every node by every rule and by the file
// categories, so they are written inline on std::string_view rather than
// through QByteArrayView's out-of-line searches.
[[nodiscard]] inline std::string_view view(QByteArrayView name)
{
    return {name.data(), std::size_t(name.size())};
}

// Whether the name ends with `suffix` (as QByteArrayView::endsWith).
[[nodiscard]] inline bool endsWith(QByteArrayView name, std::string_view suffix)
{
    return view(name).ends_with(suffix);
}

// Whether the name ends with one of these extensions, each a dot and a word
// without dots (".pyc"): only the name's last extension is compared.
[[nodiscard]] inline bool endsWithAny(QByteArrayView name, std::initializer_list<std::string_view> extensions)
{
    const std::string_view n = view(name);
    const std::size_t dot = n.rfind('.');
    if (dot == std::string_view::npos)
        return false;
    const std::string_view extension = n.substr(dot);
    for (const std::string_view e : extensions)
        if (extension == e)
            return true;
    return false;
}

// `*.dist-info` or `*.egg-info`: a distribution's metadata folder (or, for egg-info, file).
[[nodiscard]] inline bool isMetadataName(QByteArrayView name)
{
    return endsWith(name, ".dist-info") || endsWith(name, ".egg-info");
}

// Named like an ELF shared library: NAME.so, or a versioned NAME.so.1.2.
[[nodiscard]] inline bool isSharedLibraryName(QByteArrayView name)
{
    return endsWith(name, ".so") || view(name).find(".so.") != std::string_view::npos;
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
