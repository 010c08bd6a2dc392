#include "tree/filetree.h"

#include <algorithm>
#include <type_traits>

FileTree::FileTree()
{
    append({}, NodeKind::Directory, 0, 0755, FlagNone);
    m_openDirs.push_back(0);
}

FileTree::Index FileTree::append(QByteArrayView name, NodeKind kind, std::uint64_t size, std::uint16_t mode,
                                 std::uint8_t flags)
{
    const Index i = count();
    m_nameOffset.push_back(std::uint32_t(m_names.size()));
    m_nameLength.push_back(std::uint16_t(std::min<qsizetype>(name.size(), 0xffff)));
    m_names.insert(m_names.end(), name.data(), name.data() + std::min<qsizetype>(name.size(), 0xffff));
    m_kind.push_back(std::uint8_t(kind));
    m_flags.push_back(flags);
    m_mode.push_back(mode);
    m_parent.push_back(m_openDirs.empty() ? kNone : m_openDirs.back());
    m_end.push_back(i + 1);
    m_size.push_back(kind == NodeKind::File ? size : 0);
    return i;
}

FileTree::Index FileTree::beginDirectory(QByteArrayView name, std::uint16_t mode, std::uint8_t flags)
{
    const Index i = append(name, NodeKind::Directory, 0, mode, flags);
    m_openDirs.push_back(i);
    return i;
}

void FileTree::endDirectory()
{
    if (m_openDirs.size() <= 1)
        return; // the root is closed by finish()
    m_end[m_openDirs.back()] = count();
    m_openDirs.pop_back();
}

FileTree::Index FileTree::addLeaf(QByteArrayView name, NodeKind kind, std::uint64_t size, std::uint16_t mode,
                                  std::uint8_t flags)
{
    return append(name, kind, size, mode, flags);
}

void FileTree::addIssue(QByteArray path, QString reason)
{
    m_issues.push_back({std::move(path), std::move(reason)});
}

FileTree::Index FileTree::appendTree(const FileTree &from, Index node, QByteArrayView name, std::uint16_t mode,
                                     std::uint8_t flags)
{
    const Index dir = append(name, NodeKind::Directory, 0, mode, flags);
    // A folder `from` left open (its root while it is being built, or any
    // folder of a tree built by hand) ends where `from` ends.
    const auto openBegin = std::find(from.m_openDirs.begin(), from.m_openDirs.end(), node);
    const Index end = openBegin != from.m_openDirs.end() ? from.count() : from.m_end[node];
    // `from`'s node k lands at dir + (k - node): indices shift by `by`
    // (unsigned arithmetic wraps, so a shift down works too).
    const Index by = dir - node;
    const Index first = node + 1;
    if (first < end) {
        auto copyShifted = [first, end](const auto &source, auto &to, auto shift) {
            const std::size_t at = to.size();
            to.insert(to.end(), source.begin() + first, source.begin() + end);
            for (std::size_t k = at; k < to.size(); ++k)
                to[k] += shift;
        };
        auto copy = [first, end](const auto &source, auto &to) {
            to.insert(to.end(), source.begin() + first, source.begin() + end);
        };
        // Names are pooled in preorder, so a subtree's names are one run.
        const std::uint32_t namesFrom = from.m_nameOffset[first];
        const std::size_t namesTo = end < from.count() ? from.m_nameOffset[end] : from.m_names.size();
        copyShifted(from.m_nameOffset, m_nameOffset, std::uint32_t(m_names.size()) - namesFrom);
        m_names.insert(m_names.end(), from.m_names.begin() + namesFrom, from.m_names.begin() + namesTo);
        copy(from.m_nameLength, m_nameLength);
        copy(from.m_kind, m_kind);
        copy(from.m_flags, m_flags);
        copy(from.m_mode, m_mode);
        copyShifted(from.m_parent, m_parent, by);
        copyShifted(from.m_end, m_end, by);
        copy(from.m_size, m_size);
    }
    m_end[dir] = end + by;
    if (openBegin != from.m_openDirs.end())
        for (auto open = openBegin + 1; open != from.m_openDirs.end(); ++open)
            m_end[*open + by] = end + by;
    return dir;
}

void FileTree::reserve(Index nodes, qsizetype nameBytes)
{
    m_names.reserve(std::size_t(nameBytes));
    m_nameOffset.reserve(nodes);
    m_nameLength.reserve(nodes);
    m_kind.reserve(nodes);
    m_flags.reserve(nodes);
    m_mode.reserve(nodes);
    m_parent.reserve(nodes);
    m_end.reserve(nodes);
    m_size.reserve(nodes);
}

void FileTree::setSourceRef(Index node, std::uint32_t ref)
{
    if (m_sourceRef.size() < count())
        m_sourceRef.resize(count(), kNone);
    m_sourceRef[node] = ref;
}

void FileTree::finish()
{
    while (!m_openDirs.empty()) {
        m_end[m_openDirs.back()] = count();
        m_openDirs.pop_back();
    }
    m_prefixBytes.assign(count() + 1, 0);
    m_prefixFiles.assign(count() + 1, 0);
    for (Index i = 0; i < count(); ++i) {
        const bool file = kind(i) == NodeKind::File;
        // Saturates: sizes declared by a hostile zip must not wrap the totals to "fits".
        const std::uint64_t add = file ? m_size[i] : 0;
        m_prefixBytes[i + 1] = m_prefixBytes[i] + std::min(add, ~std::uint64_t{0} - m_prefixBytes[i]);
        m_prefixFiles[i + 1] = m_prefixFiles[i] + (file ? 1 : 0);
    }
    if (!m_sourceRef.empty())
        m_sourceRef.resize(count(), kNone);
    m_packageRoot = findPackageRoot();
    // The arrays grew by doubling while the scan appended; a finished tree
    // holds what its nodes need and no more (the memory budget above).
    m_names.shrink_to_fit();
    m_nameOffset.shrink_to_fit();
    m_nameLength.shrink_to_fit();
    m_kind.shrink_to_fit();
    m_flags.shrink_to_fit();
    m_mode.shrink_to_fit();
    m_parent.shrink_to_fit();
    m_end.shrink_to_fit();
    m_size.shrink_to_fit();
    m_sourceRef.shrink_to_fit();
    m_openDirs.shrink_to_fit();
}

FileTree::Index FileTree::findPackageRoot() const
{
    // python/  then  python/lib/pythonX.Y/site-packages/  (AWS's two layer layouts)
    const Index python = find("python");
    if (python == kNone || !isDir(python))
        return 0;
    const Index lib = find("lib", python);
    if (lib != kNone && isDir(lib)) {
        for (Index c : children(lib)) {
            if (!isDir(c) || !name(c).startsWith("python"))
                continue;
            const Index site = find("site-packages", c);
            if (site != kNone && isDir(site) && childCount(python) == 1)
                return site;
        }
    }
    return python;
}

int FileTree::depth(Index i) const
{
    int d = 0;
    while (i != 0 && i != kNone) {
        i = m_parent[i];
        ++d;
    }
    return d;
}

std::vector<FileTree::Index> FileTree::children(Index dir) const
{
    std::vector<Index> out;
    for (Index c = dir + 1; c < m_end[dir]; c = m_end[c])
        out.push_back(c);
    return out;
}

FileTree::Index FileTree::childCount(Index dir) const
{
    Index n = 0;
    for (Index c = dir + 1; c < m_end[dir]; c = m_end[c])
        ++n;
    return n;
}

QByteArray FileTree::pathBelow(Index i, Index ancestor) const
{
    std::vector<Index> chain;
    for (Index n = i; n != ancestor && n != kNone; n = m_parent[n])
        chain.push_back(n);
    QByteArray out;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        if (!out.isEmpty())
            out += '/';
        out += name(*it);
    }
    return out;
}

QByteArray FileTree::path(Index i) const
{
    return pathBelow(i, 0);
}

QByteArray FileTree::packagePath(Index i) const
{
    const Index root = m_packageRoot;
    if (root == 0 || i < root || i >= m_end[root])
        return path(i);
    return pathBelow(i, root);
}

// Length of the valid UTF-8 sequence at bytes[pos], or 0 when it is invalid.
static qsizetype utf8SequenceLength(QByteArrayView bytes, qsizetype pos)
{
    const auto c = static_cast<unsigned char>(bytes[pos]);
    if (c < 0x80)
        return 1;
    qsizetype len = 0;
    char32_t cp = 0;
    if ((c & 0xe0) == 0xc0) {
        len = 2;
        cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
        len = 3;
        cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (pos + len > bytes.size())
        return 0;
    for (qsizetype k = 1; k < len; ++k) {
        const auto cc = static_cast<unsigned char>(bytes[pos + k]);
        if ((cc & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (cc & 0x3f);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

bool FileTree::isValidUtf8(QByteArrayView bytes)
{
    // Nearly every name is ASCII, which needs no decoding.
    qsizetype pos = 0;
    while (pos < bytes.size() && static_cast<unsigned char>(bytes[pos]) < 0x80)
        ++pos;
    while (pos < bytes.size()) {
        const qsizetype len = utf8SequenceLength(bytes, pos);
        if (len == 0)
            return false;
        pos += len;
    }
    return true;
}

QString FileTree::displayName(QByteArrayView bytes)
{
    if (isValidUtf8(bytes))
        return QString::fromUtf8(bytes);
    // Escape invalid bytes one by one so the name stays recognisable.
    QString out;
    for (qsizetype pos = 0; pos < bytes.size();) {
        const qsizetype len = utf8SequenceLength(bytes, pos);
        if (len == 0) {
            out += QStringLiteral("\\x%1").arg(static_cast<unsigned char>(bytes[pos]), 2, 16, QLatin1Char('0'));
            ++pos;
        } else {
            out += QString::fromUtf8(bytes.sliced(pos, len));
            pos += len;
        }
    }
    return out;
}

QString FileTree::displayPath(Index i) const
{
    return displayName(path(i));
}

FileTree::Index FileTree::find(QByteArrayView relPath, Index from) const
{
    Index cur = from;
    qsizetype pos = 0;
    while (pos <= relPath.size() && cur != kNone) {
        qsizetype slash = relPath.indexOf('/', pos);
        if (slash < 0)
            slash = relPath.size();
        const QByteArrayView part = relPath.sliced(pos, slash - pos);
        pos = slash + 1;
        if (part.isEmpty() || part == ".") {
            if (slash == relPath.size())
                break;
            continue;
        }
        if (!isDir(cur))
            return kNone;
        Index next = kNone;
        for (Index c = cur + 1; c < m_end[cur]; c = m_end[c]) {
            if (name(c) == part) {
                next = c;
                break;
            }
        }
        cur = next;
        if (slash == relPath.size())
            break;
    }
    return cur;
}

FileTree::Index FileTree::topLevelOf(Index i) const
{
    const Index root = m_packageRoot;
    if (i <= root || i >= m_end[root])
        return kNone;
    while (m_parent[i] != root)
        i = m_parent[i];
    return i;
}

std::uint32_t FileTree::dirCount() const
{
    // The root itself is not counted, as `find -mindepth 1 -type d` would not.
    return std::uint32_t(std::count(m_kind.begin(), m_kind.end(), std::uint8_t(NodeKind::Directory)) - 1);
}

std::size_t FileTree::memoryBytes() const
{
    // What each column's block can keep resident, a mapped one to its last small page.
    const auto held = [](const auto &column) {
        return hugepages::footprint(column.capacity() * sizeof(typename std::decay_t<decltype(column)>::value_type));
    };
    return held(m_names) + held(m_nameOffset) + held(m_nameLength) + held(m_kind) + held(m_flags) + held(m_mode) +
           held(m_parent) + held(m_end) + held(m_size) + held(m_prefixBytes) + held(m_prefixFiles) + held(m_sourceRef);
}
