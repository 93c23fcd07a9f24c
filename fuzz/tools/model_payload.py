#!/usr/bin/env python3
"""Prints facts about an entente model container (src/util/model_io.h) and
optionally writes its payload (the bytes the tagger/parser fuzzers take) or
a new container.

  model_payload.py MODEL                       kind, version, metadata, sizes
  model_payload.py MODEL --payload OUT [--max N]   payload (first N bytes)
  model_payload.py --container OUT KIND VERSION [KEY=VALUE ...] < PAYLOAD
"""
import struct
import sys
import zlib

MAGIC = b"ENTENTE\x01"


def parse(b):
    assert b[:8] == MAGIC, "bad magic"
    pos = 8
    container, = struct.unpack_from("<I", b, pos); pos += 4
    n, = struct.unpack_from("<I", b, pos); pos += 4
    kind = b[pos:pos + n].decode(); pos += n
    version, nmeta = struct.unpack_from("<II", b, pos); pos += 8
    meta = []
    for _ in range(nmeta):
        k, = struct.unpack_from("<I", b, pos); pos += 4
        key = b[pos:pos + k].decode(); pos += k
        v, = struct.unpack_from("<I", b, pos); pos += 4
        val = b[pos:pos + v].decode("utf-8", "replace"); pos += v
        meta.append((key, val))
    plen, = struct.unpack_from("<Q", b, pos); pos += 8
    return container, kind, version, meta, b[pos:pos + plen]


def container(kind, version, meta, payload):
    b = bytearray(MAGIC)
    b += struct.pack("<I", 1)
    b += struct.pack("<I", len(kind)) + kind.encode()
    b += struct.pack("<II", version, len(meta))
    for k, v in meta:
        b += struct.pack("<I", len(k)) + k.encode() + struct.pack("<I", len(v)) + v.encode()
    b += struct.pack("<Q", len(payload)) + payload
    b += struct.pack("<I", zlib.crc32(bytes(b)) & 0xFFFFFFFF)
    return bytes(b)


def main(argv):
    if argv[1] == "--container":
        out, kind, version = argv[2], argv[3], int(argv[4])
        meta = [tuple(a.split("=", 1)) for a in argv[5:]]
        open(out, "wb").write(container(kind, version, meta, sys.stdin.buffer.read()))
        return
    b = open(argv[1], "rb").read()
    c, kind, version, meta, payload = parse(b)
    if "--payload" in argv:
        out = argv[argv.index("--payload") + 1]
        n = int(argv[argv.index("--max") + 1]) if "--max" in argv else len(payload)
        open(out, "wb").write(payload[:n])
    else:
        print("container %d kind %s version %d payload %d bytes" % (c, kind, version, len(payload)))
        for k, v in meta:
            print("  %s = %s" % (k, v[:80]))


if __name__ == "__main__":
    main(sys.argv)
