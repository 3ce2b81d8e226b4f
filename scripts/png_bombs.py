#!/usr/bin/env python3
"""Writes hostile PNGs into a folder for the decoder tests: image bombs and the PngSuite "x" (corrupt) files.

PngSuite's corrupt files are rebuilt here from their published descriptions (same names, same damage, on a 32x32
grey image) so that no download is needed. Every file is small on disk; the bombs are small because they are
compressed. Standard library only. Usage: png_bombs.py FOLDER
"""
import os
import struct
import sys
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chunk(kind, data, length=None):
    """One chunk; `length` overrides the declared length (the data written stays `data`)."""
    declared = len(data) if length is None else length
    return struct.pack(">I", declared) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def ihdr(width, height, depth=8, colour=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0))


def grey_idat(width=32, height=32, depth=8):
    """Filter byte 0 then a diagonal ramp, for 1- or 8-bit grey."""
    rows = b""
    for y in range(height):
        if depth == 1:
            bits = [(x + y) // 4 % 2 for x in range(width)]
            row = bytes(int("".join(map(str, bits[i:i + 8])).ljust(8, "0"), 2) for i in range(0, width, 8))
        elif depth == 4:
            row = bytes(((x + y) % 16) << 4 | ((x + 1 + y) % 16) for x in range(0, width, 2))
        else:
            row = bytes((x + y) * 4 % 256 for x in range(width))
        rows += b"\x00" + row
    return chunk(b"IDAT", zlib.compress(rows))


def grey(depth):
    return SIGNATURE + ihdr(32, 32, depth) + grey_idat(depth=depth) + chunk(b"IEND", b"")


def bomb_text(total):
    """`total` bytes of 'A', deflated in 1 MiB pieces (about 1 KiB on disk per MiB)."""
    compressor = zlib.compressobj(9)
    piece = b"A" * (1 << 20)
    body = b"".join(compressor.compress(piece) for _ in range(total >> 20))
    return body + compressor.flush()


def corrupt_files():
    """PngSuite's x*.png: name -> bytes."""
    g1, g4, g8 = grey(1), grey(4), grey(8)
    files = {
        "xs1n0g01": bytes([g1[0] & 0x7F]) + g1[1:],                 # signature byte 1 MSBit reset to zero
        "xs2n0g01": g1[:1] + b"Q" + g1[2:],                         # signature byte 2 is a 'Q'
        "xs4n0g01": g1[:3] + b"g" + g1[4:],                         # signature byte 4 lowercase
        "xs7n0g01": g1[:6] + b" " + g1[7:],                         # 7th byte a space instead of control-Z
        "xcrn0g04": g4.replace(b"\n", b"\r\n"),                     # added CR bytes (a text-mode transfer)
        "xlfn0g04": g4.replace(b"\r\n", b"\n"),                     # CR-LF turned into LF
        "xhdn0g08": g8[:29] + bytes([g8[29] ^ 0xFF]) + g8[30:],     # incorrect IHDR checksum
        "xc1n0g08": SIGNATURE + ihdr(32, 32, 8, 1) + grey_idat() + chunk(b"IEND", b""),    # colour type 1
        "xc9n2c08": SIGNATURE + ihdr(32, 32, 8, 9) + grey_idat() + chunk(b"IEND", b""),    # colour type 9
        "xd0n2c08": SIGNATURE + ihdr(32, 32, 0, 2) + grey_idat() + chunk(b"IEND", b""),    # bit depth 0
        "xd3n2c08": SIGNATURE + ihdr(32, 32, 3, 2) + grey_idat() + chunk(b"IEND", b""),    # bit depth 3
        "xd9n2c08": SIGNATURE + ihdr(32, 32, 99, 2) + grey_idat() + chunk(b"IEND", b""),   # bit depth 99
        "xdtn0g01": SIGNATURE + ihdr(32, 32, 1) + chunk(b"IEND", b""),                     # missing IDAT chunk
    }
    idat = grey_idat(depth=1)
    damaged = idat[:-4] + bytes(b ^ 0xFF for b in idat[-4:])
    files["xcsn0g01"] = SIGNATURE + ihdr(32, 32, 1) + damaged + chunk(b"IEND", b"")        # incorrect IDAT checksum
    return files


def bombs():
    """Files that would cost memory or time without limits: name -> bytes."""
    tail = grey_idat(2, 2) + chunk(b"IEND", b"")
    head = SIGNATURE + ihdr(2, 2)
    gigabyte = bomb_text(1 << 30)
    # A 7 MiB text chunk, under the per-chunk limit, repeated past the total text limit.
    seven = chunk(b"zTXt", b"Comment\x00\x00" + bomb_text(7 << 20))
    return {
        "bomb-ihdr-1000000x1000000": SIGNATURE + ihdr(1_000_000, 1_000_000) + tail,
        "bomb-ihdr-16384x16384": SIGNATURE + ihdr(16384, 16384) + tail,
        "bomb-ztxt-1gb": head + chunk(b"zTXt", b"Comment\x00\x00" + gigabyte) + tail,
        "bomb-itxt-1gb": head + chunk(b"iTXt", b"Comment\x00\x01\x00\x00\x00" + gigabyte) + tail,
        "bomb-ztxt-2x7mib": head + seven + seven + tail,
        "bomb-chunk-2gib": head + chunk(b"tEXt", b"Comment\x00x", length=0x80000000) + tail,
        "bomb-chunk-2gib-1": head + chunk(b"tEXt", b"Comment\x00x", length=0x7FFFFFFF) + tail,
        "bomb-chunk-9mib": head + chunk(b"tEXt", b"Comment\x00" + b"x" * (9 << 20)) + tail,
    }


def main():
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    for name, data in {**corrupt_files(), **bombs(), "valid-grey8": grey(8)}.items():
        with open(os.path.join(folder, name + ".png"), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
