#!/usr/bin/env python3
"""Independent checks of a LayerSlim export with Python's zipfile (tst_export, tst_zipwriter).

  zipcheck.py check ZIP SRC PREFIX KEPT   KEPT: NUL-separated paths (relative to SRC) of the kept files and links
  zipcheck.py raw A PREFIXA B PREFIXB     every entry of B has the same compressed bytes as A's entry of that name
  zipcheck.py zip64 ZIP                   prints "<entries> <zip64 end record present>" after testzip()
Prints "ok" (exit 0) or the first problems (exit 1).
"""
import os, stat, struct, sys, zipfile


def raw_name(info):
    # zipfile decodes names without the UTF-8 flag as cp437, which maps all 256 bytes
    return info.filename.encode('utf-8' if info.flag_bits & 0x800 else 'cp437')


def raw_data(f, info):
    f.seek(info.header_offset)
    head = f.read(30)
    assert head[:4] == b'PK\x03\x04'
    n, m = struct.unpack('<HH', head[26:30])
    f.seek(info.header_offset + 30 + n + m)
    return f.read(info.compress_size)


def check(zpath, src, prefix, keptfile):
    prefix = prefix.encode()
    kept = [p for p in open(keptfile, 'rb').read().split(b'\0') if p]
    problems = []
    z = zipfile.ZipFile(zpath)
    bad = z.testzip()
    if bad is not None:
        problems.append('CRC error in %r' % bad)
    infos = z.infolist()
    names = [raw_name(i) for i in infos]
    if names != sorted(names):
        problems.append('entries are not in byte order')
    files = {raw_name(i): i for i in infos if not raw_name(i).endswith(b'/')}
    dirs = {raw_name(i) for i in infos if raw_name(i).endswith(b'/')}
    expected = {prefix + p for p in kept}
    if set(files) != expected:
        problems.append('file entries differ: missing %r, extra %r' % (
            sorted(expected - set(files))[:5], sorted(set(files) - expected)[:5]))
    want_dirs = set()
    for p in expected:
        parts = p.split(b'/')[:-1]
        for k in range(1, len(parts) + 1):
            want_dirs.add(b'/'.join(parts[:k]) + b'/')
    extra_dirs = dirs - want_dirs
    for d in sorted(extra_dirs):  # allowed only when empty on disk (an empty folder is exported)
        disk = os.path.join(src.encode(), d[len(prefix):])
        if not (os.path.isdir(disk) and not os.listdir(disk)):
            problems.append('unexpected folder entry %r' % d)
    if want_dirs - dirs:
        problems.append('missing folder entries %r' % sorted(want_dirs - dirs)[:5])
    for i in infos:
        name = raw_name(i)
        mode = i.external_attr >> 16
        if i.date_time != (1980, 1, 1, 0, 0, 0) and 'SOURCE_DATE_EPOCH' not in os.environ:
            problems.append('%r: time %r' % (name, i.date_time))
        if i.extra or i.comment or i.flag_bits & 0x8 or i.create_system != 3:
            problems.append('%r: extra field, comment, data descriptor or non-Unix origin' % name)
        if name.endswith(b'/'):
            if mode != 0o40755:
                problems.append('%r: folder mode %o' % (name, mode))
            continue
        if name not in expected:
            continue
        disk = os.path.join(src.encode(), name[len(prefix):])
        st = os.lstat(disk)
        if stat.S_ISLNK(st.st_mode):
            if mode != 0o120777 or z.read(i) != os.readlink(disk):
                problems.append('%r: symlink mode %o or target differs' % (name, mode))
            continue
        want = 0o100755 if st.st_mode & 0o111 else 0o100644
        if mode != want:
            problems.append('%r: mode %o, want %o' % (name, mode, want))
        with open(disk, 'rb') as f:
            if z.read(i) != f.read():
                problems.append('%r: content differs from %r' % (name, disk))
        utf8 = bool(i.flag_bits & 0x800)
        try:
            name.decode('utf-8')
            valid = True
        except UnicodeDecodeError:
            valid = False
        if utf8 and not valid:
            problems.append('%r: UTF-8 flag on a non-UTF-8 name' % name)
        if i.compress_type == zipfile.ZIP_DEFLATED and i.compress_size >= i.file_size:
            problems.append('%r: deflated without shrinking' % name)
    return problems


def raw(a, pa, b, pb):
    problems = []
    za, zb = zipfile.ZipFile(a), zipfile.ZipFile(b)
    by_name = {raw_name(i)[len(pa):]: i for i in za.infolist()}
    n = 0
    with open(a, 'rb') as fa, open(b, 'rb') as fb:
        for i in zb.infolist():
            rel = raw_name(i)[len(pb):]
            if rel.endswith(b"/") or not raw_name(i).startswith(pb):
                continue
            j = by_name.get(rel)
            if j is None:
                problems.append('%r not in %s' % (rel, a))
            elif raw_data(fa, j) != raw_data(fb, i) or j.compress_type != i.compress_type:
                problems.append('%r: compressed bytes differ' % rel)
            n += 1
    if n == 0:
        problems.append('no entries compared')
    return problems


def main():
    cmd = sys.argv[1]
    if cmd == 'check':
        problems = check(*sys.argv[2:6])
    elif cmd == 'raw':
        problems = raw(sys.argv[2], sys.argv[3].encode(), sys.argv[4], sys.argv[5].encode())
    elif cmd == 'zip64':
        z = zipfile.ZipFile(sys.argv[2])
        bad = z.testzip()
        data = open(sys.argv[2], 'rb').read()
        print(len(z.infolist()), int(b'PK\x06\x06' in data[-200:] and b'PK\x06\x07' in data[-200:]), bad)
        return 0
    else:
        problems = ['unknown command ' + cmd]
    if problems:
        print('\n'.join(problems[:20]))
        return 1
    print('ok')
    return 0


sys.exit(main())
