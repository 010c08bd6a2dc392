#!/usr/bin/env python3
"""Writes hostile zips byte by byte for LayerSlim's zip scanner tests.

usage: craftzip.py OUTDIR      writes one NAME.zip per case into OUTDIR

Every record is packed here with struct (no zipfile writer), so that each
case can lie exactly where a hostile zip lies: names, flags, methods, sizes,
counts, offsets and zip64 fields.
"""
import os
import struct
import sys
import zlib

UNIX_FILE = 0o100644 << 16
UNIX_DIR = 0o040755 << 16
UNIX_LINK = 0o120777 << 16
MADE_BY_UNIX = (3 << 8) | 45


class Entry:
    def __init__(self, name, data=b"", method=0, flag=0, external=UNIX_FILE, usize=None, csize=None,
                 zip64=False, payload=None):
        self.name = name if isinstance(name, bytes) else name.encode()
        self.data = data
        self.method = method
        self.flag = flag
        self.external = external
        self.crc = zlib.crc32(data) & 0xFFFFFFFF
        if payload is None:
            if method == 8:
                c = zlib.compressobj(9, zlib.DEFLATED, -15)
                payload = c.compress(data) + c.flush()
            else:
                payload = data
        self.payload = payload
        self.usize = len(data) if usize is None else usize
        self.csize = len(payload) if csize is None else csize
        self.zip64 = zip64
        self.offset = 0


def zip64_extra(*values):
    body = b"".join(struct.pack("<Q", v) for v in values)
    return struct.pack("<HH", 1, len(body)) + body


def build(entries, comment=b"", count=None, cd_offset=None, cd_size=None, zip64_end=False):
    out = bytearray()
    for e in entries:
        e.offset = len(out)
        extra = zip64_extra(e.usize, e.csize) if e.zip64 else b""
        sizes = (0xFFFFFFFF, 0xFFFFFFFF) if e.zip64 else (e.csize & 0xFFFFFFFF, e.usize & 0xFFFFFFFF)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45 if e.zip64 else 20, e.flag, e.method, 0, 0x21,
                           e.crc, sizes[0], sizes[1], len(e.name), len(extra))
        out += e.name + extra + e.payload
    cd_start = len(out)
    for e in entries:
        extra = zip64_extra(e.usize, e.csize, e.offset) if e.zip64 else b""
        sizes = (0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF) if e.zip64 else (
            e.csize & 0xFFFFFFFF, e.usize & 0xFFFFFFFF, e.offset)
        out += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, MADE_BY_UNIX, 45 if e.zip64 else 20, e.flag,
                           e.method, 0, 0x21, e.crc, sizes[0], sizes[1], len(e.name), len(extra), 0, 0, 0,
                           e.external, sizes[2])
        out += e.name + extra
    cd_end = len(out)
    n = len(entries) if count is None else count
    size = cd_end - cd_start if cd_size is None else cd_size
    offset = cd_start if cd_offset is None else cd_offset
    if zip64_end:
        z64 = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, MADE_BY_UNIX, 45, 0, 0, n, n, size, offset)
        out += struct.pack("<IIQI", 0x07064B50, 0, z64, 1)
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, len(comment))
    else:
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n & 0xFFFF, n & 0xFFFF, size & 0xFFFFFFFF,
                           offset & 0xFFFFFFFF, len(comment))
    return bytes(out + comment)


def ok_entries():
    return [Entry("python/pkg/__init__.py", b"VALUE = 1\n"),
            Entry("python/pkg/data.bin", bytes(range(256)) * 40, method=8),
            Entry("python/pkg/zeros.bin", bytes(1 << 20), method=8)]  # ~1000:1, still plausible


def cases():
    c = {}
    c["valid"] = build(ok_entries())
    c["notzip"] = b"this is a text file, not a zip\n" * 20
    c["empty_file"] = b""
    c["empty"] = build([])
    valid = c["valid"]
    c["truncated_half"] = valid[: len(valid) // 2]
    c["truncated_tail"] = valid[:-7]
    # The second central record's signature is overwritten.
    second = valid.find(b"PK\x01\x02", valid.find(b"PK\x01\x02") + 4)
    c["corrupt_cd"] = valid[:second] + b"XXXX" + valid[second + 4:]
    c["cd_offset_past_end"] = build(ok_entries(), cd_offset=10_000_000)
    c["count_lie"] = build(ok_entries(), count=60000)
    c["comment_too_long"] = valid[:-2] + struct.pack("<H", 4000)
    c["slip"] = build([Entry(n, b"evil\n") for n in
                       ["../evil1.py", "python/../../evil2.py", "/etc/evil3", "C:/evil4", "C:\\evil5",
                        "..\\evil6", "\\evil7", b"python/nul\x00evil8", "python/ok/fine.py",
                        "./python/./ok//dot.py"]])
    c["duplicates"] = build([Entry("python/pkg/a.py", b"first\n"), Entry("python/pkg/a.py", b"second!\n"),
                             Entry("python/pkg//a.py", b"third!!!\n"), Entry("python/pkg/./a.py", b"4\n"),
                             Entry("python/pkg/b", b"file\n"), Entry("python/pkg/b/c.py", b"under a file\n"),
                             Entry("python/pkg/link", b"/etc", external=UNIX_LINK),
                             Entry("python/pkg/link/passwd", b"through a link\n"),
                             Entry("python/pkg/d/", external=UNIX_DIR), Entry("python/pkg/d/e.py", b"e\n")])
    c["encrypted"] = build([Entry("python/secret.py", b"x" * 100, flag=1, payload=bytes(112)),
                            Entry("python/plain.py", b"plain\n")])
    c["methods"] = build([Entry("python/bz.py", b"a", method=12, payload=b"BZh91AY&SY"),
                          Entry("python/aes.py", b"b", method=99, payload=bytes(30)),
                          Entry("python/zstd.py", b"c", method=93, payload=bytes(9)),
                          Entry("python/plain.py", b"plain\n")])
    gib = 1 << 30
    c["bomb"] = build([Entry("python/bomb_deflate.bin", bytes(1000), method=8, usize=0xF0000000),
                       Entry("python/bomb_stored.bin", b"s" * 50, usize=gib),
                       Entry("python/past_end.bin", b"p" * 50, csize=4 * gib - 1, usize=4 * gib - 1),
                       Entry("python/fine.py", b"fine\n")])
    # Two zip64 sizes of 2^63 would wrap a 64-bit total to zero ("fits").
    c["bomb64"] = build([Entry("python/huge1.bin", bytes(64), method=8, usize=1 << 63, zip64=True),
                         Entry("python/huge2.bin", bytes(64), method=8, usize=1 << 63, zip64=True),
                         Entry("python/fine.py", b"fine\n")])
    c["zip64_valid"] = build([Entry("python/pkg/a.py", b"a" * 300, zip64=True),
                              Entry("python/pkg/b.py", b"b" * 70, method=8, zip64=True)], zip64_end=True)
    c["zip64_bad_locator"] = (lambda z: z[: z.find(b"PK\x06\x07") + 8] + struct.pack("<Q", 1 << 62)
                              + z[z.find(b"PK\x06\x07") + 16:])(c["zip64_valid"])
    c["zip64_count_lie"] = build([Entry("python/pkg/a.py", b"a\n")], count=1 << 40, zip64_end=True)
    c["zip64_short_extra"] = build([Entry("python/pkg/a.py", b"a\n")])
    # A central record claiming zip64 sizes (0xFFFFFFFF) with no zip64 field to hold them.
    z = bytearray(c["zip64_short_extra"])
    cd = z.find(b"PK\x01\x02")
    z[cd + 20:cd + 28] = b"\xff" * 8
    c["zip64_short_extra"] = bytes(z)
    c["names_bytes"] = build([Entry(b"python/caf\xe9.py", b"latin1\n"), Entry(b"python/new\nline.py", b"nl\n"),
                              Entry(b"python/back\\slash.py", b"bs\n"), Entry(b"python/\xff\xfe.bin", b"ff\n")])
    c["deep"] = build([Entry("python/" + "d/" * 32000 + "leaf.py", b"deep\n")])  # a 64 KB name
    return c


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, data in cases().items():
        with open(os.path.join(out, name + ".zip"), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
