#!/usr/bin/env python3
"""Independent PNG reader/writer for the Imaging tests, using only Python's standard library.

It shares no code with libpng or the Swift module, so agreeing with it is real evidence.

  png_peer.py read FILE             print JSON: width, height, color_type, bit_depth, interlace, chunks, pixels
                                    (hex RGBA8, 16-bit samples reduced to their high byte), errors (CRC, chunk
                                    order, structure). Exit status 0 when errors is empty, 2 otherwise.
  png_peer.py write KIND FILE [W H] write a test PNG whose pixels follow the formulas below (default 13 x 11).
  png_peer.py kinds                 list the KINDs.

Formulas (the Swift tests compute the same ones):
  s8(x, y, c)  = (37x + 91y + 53c + xy) mod 256            c: channel 0..3 (gray uses 0, alpha uses 3)
  s16(x, y, c) = (7919x + 104729y + 12345c + 31xy) mod 65536
  gray4(x, y)  = (x + 2y) mod 16
  palette index(x, y) = (x + 3y) mod N; entry k = ((29k+7), (53k+11), (97k+13)) mod 256,
  tRNS alpha k = (71k+5) mod 256 for k < N/2 (entries beyond are opaque)
Rows use filter type (y mod 5), so all five filters are exercised.
"""
import binascii
import json
import struct
import sys
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]

# Text chunks every written file carries; one iTXt sits after IDAT to exercise reading text there.
PEER_TEXT_BEFORE = [
    ("tEXt", "Title", "Caf\u00e9 cr\u00e8me \u00bd"),
    ("zTXt", "Comment", "written by png_peer.py " * 4),
]
PEER_TEXT_AFTER = [("iTXt", "Prompt", "a fox \U0001F98A at dusk, \u6771\u4eac")]


def s8(x, y, c):
    return (37 * x + 91 * y + 53 * c + x * y) % 256


def s16(x, y, c):
    return (7919 * x + 104729 * y + 12345 * c + 31 * x * y) % 65536


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


# ---- reading ----

def unfilter(data, width, height, bits_per_pixel):
    stride = (width * bits_per_pixel + 7) // 8
    bpp = max(1, bits_per_pixel // 8)
    rows, prev, pos = [], bytearray(stride), 0
    for _ in range(height):
        if pos + 1 + stride > len(data):
            raise ValueError("image data too short")
        ftype = data[pos]
        line = bytearray(data[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 0:
                pred = 0
            elif ftype == 1:
                pred = a
            elif ftype == 2:
                pred = b
            elif ftype == 3:
                pred = (a + b) // 2
            elif ftype == 4:
                pred = paeth(a, b, c)
            else:
                raise ValueError("unknown filter type %d" % ftype)
            line[i] = (line[i] + pred) & 0xFF
        rows.append(line)
        prev = line
    if pos != len(data):
        raise ValueError("%d bytes of extra image data" % (len(data) - pos))
    return rows


def samples(row, width, channels, depth):
    count = width * channels
    if depth == 8:
        return list(row[:count])
    if depth == 16:
        return [(row[2 * i] << 8) | row[2 * i + 1] for i in range(count)]
    out, per_byte, mask = [], 8 // depth, (1 << depth) - 1
    for i in range(count):
        byte = row[i // per_byte]
        shift = 8 - depth * (i % per_byte + 1)
        out.append((byte >> shift) & mask)
    return out


def to8(value, depth):
    if depth == 16:
        return value >> 8
    if depth == 8:
        return value
    return value * 255 // ((1 << depth) - 1)


def read(path):
    blob = open(path, "rb").read()
    errors, chunks, info = [], [], {}
    if blob[:8] != SIGNATURE:
        return {"errors": ["bad signature"]}
    pos, idat, plte, trns, seen_idat, ended_idat = 8, bytearray(), None, None, False, False
    while True:
        if pos + 12 > len(blob):
            errors.append("truncated before IEND at byte %d" % pos)
            break
        length, ctype = struct.unpack(">I4s", blob[pos:pos + 8])
        if pos + 12 + length > len(blob):
            errors.append("chunk at byte %d overruns the file" % pos)
            break
        data = blob[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", blob[pos + 8 + length:pos + 12 + length])
        name = ctype.decode("latin-1")
        if binascii.crc32(ctype + data) & 0xFFFFFFFF != crc:
            errors.append("CRC mismatch in %s at byte %d" % (name, pos))
        if not chunks and name != "IHDR":
            errors.append("first chunk is %s, not IHDR" % name)
        entry = {"type": name}
        if name == "IHDR":
            w, h, depth, ctype_, comp, filt, inter = struct.unpack(">IIBBBBB", data)
            info = {"width": w, "height": h, "bit_depth": depth, "color_type": ctype_, "interlace": inter}
            if comp != 0 or filt != 0:
                errors.append("IHDR compression/filter method not 0")
        elif name == "PLTE":
            plte = data
        elif name == "tRNS":
            trns = data
        elif name == "IDAT":
            if ended_idat:
                errors.append("IDAT chunks are not consecutive")
            seen_idat = True
            idat += data
        elif name == "tEXt":
            key, _, text = data.partition(b"\0")
            entry.update(keyword=key.decode("latin-1"), text=text.decode("latin-1"))
        elif name == "zTXt":
            key, _, rest = data.partition(b"\0")
            entry.update(keyword=key.decode("latin-1"), text=zlib.decompress(rest[1:]).decode("latin-1"))
        elif name == "iTXt":
            key, _, rest = data.partition(b"\0")
            flag, _method = rest[0], rest[1]
            _lang, _, rest = rest[2:].partition(b"\0")
            _translated, _, text = rest.partition(b"\0")
            if flag:
                text = zlib.decompress(text)
            entry.update(keyword=key.decode("latin-1"), text=text.decode("utf-8"))
        if seen_idat and name != "IDAT":
            ended_idat = True
        chunks.append(entry)
        pos += 12 + length
        if name == "IEND":
            if pos != len(blob):
                errors.append("%d bytes after IEND" % (len(blob) - pos))
            break
    result = dict(info)
    result["chunks"] = chunks
    result["errors"] = errors
    if not info or not idat:
        errors.append("no IHDR or no IDAT")
        return result
    if info["interlace"] != 0:
        errors.append("interlaced reading is not implemented by the peer")
        return result
    w, h, depth, ct = info["width"], info["height"], info["bit_depth"], info["color_type"]
    channels = CHANNELS[ct]
    rows = unfilter(zlib.decompress(bytes(idat)), w, h, channels * depth)
    out = bytearray()
    for row in rows:
        vals = samples(row, w, channels, depth)
        for x in range(w):
            px = vals[x * channels:(x + 1) * channels]
            if ct == 3:
                k = px[0]
                r, g, b = plte[3 * k:3 * k + 3]
                a = trns[k] if trns is not None and k < len(trns) else 255
            elif ct in (0, 4):
                r = g = b = to8(px[0], depth)
                a = to8(px[1], depth) if ct == 4 else 255
                if ct == 0 and trns is not None and px[0] == struct.unpack(">H", trns[:2])[0]:
                    a = 0
            else:
                r, g, b = (to8(v, depth) for v in px[:3])
                a = to8(px[3], depth) if ct == 6 else 255
                if ct == 2 and trns is not None and tuple(px[:3]) == struct.unpack(">HHH", trns[:6]):
                    a = 0
            out += bytes((r, g, b, a))
    result["pixels"] = out.hex()
    return result


# ---- writing ----

def filter_row(line, prev, bpp, ftype):
    out = bytearray([ftype])
    for i in range(len(line)):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][ftype]
        out.append((line[i] - pred) & 0xFF)
    return out


def pack(values, depth):
    if depth == 8:
        return bytearray(values)
    if depth == 16:
        return bytearray(b"".join(struct.pack(">H", v) for v in values))
    out, per_byte = bytearray(), 8 // depth
    for i in range(0, len(values), per_byte):
        byte = 0
        for j in range(per_byte):
            v = values[i + j] if i + j < len(values) else 0
            byte |= v << (8 - depth * (j + 1))
        out.append(byte)
    return out


def chunk(ctype, data):
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", binascii.crc32(ctype + data) & 0xFFFFFFFF)


def text_chunk(kind, key, text):
    k = key.encode("latin-1")
    if kind == "tEXt":
        return chunk(b"tEXt", k + b"\0" + text.encode("latin-1"))
    if kind == "zTXt":
        return chunk(b"zTXt", k + b"\0\0" + zlib.compress(text.encode("latin-1")))
    return chunk(b"iTXt", k + b"\0\0\0" + b"en\0" + b"\0" + text.encode("utf-8"))


# KIND: (color_type, bit_depth, interlace)
KINDS = {
    "gray8": (0, 8, 0), "gray16": (0, 16, 0), "gray4": (0, 4, 0), "gray8-trns": (0, 8, 0),
    "gray-alpha8": (4, 8, 0), "gray-alpha16": (4, 16, 0),
    "palette8-trns": (3, 8, 0), "palette2": (3, 2, 0),
    "rgb8": (2, 8, 0), "rgb16": (2, 16, 0), "rgb8-trns": (2, 8, 0),
    "rgba8": (6, 8, 0), "rgba16": (6, 16, 0), "rgb8-adam7": (2, 8, 1),
}


def source_samples(kind, x, y):
    ct, depth, _ = KINDS[kind]
    if ct == 3:
        n = 1 << depth
        return [(x + 3 * y) % n]
    if kind == "gray4":
        return [(x + 2 * y) % 16]
    f = s16 if depth == 16 else s8
    chans = {0: [0], 4: [0, 3], 2: [0, 1, 2], 6: [0, 1, 2, 3]}[ct]
    return [f(x, y, c) for c in chans]


def write(kind, path, w, h):
    ct, depth, inter = KINDS[kind]
    channels = CHANNELS[ct]
    bits = channels * depth
    bpp = max(1, bits // 8)
    raw = bytearray()
    passes = ADAM7 if inter else [(0, 0, 1, 1)]
    for (x0, y0, dx, dy) in passes:
        xs, ys = list(range(x0, w, dx)), list(range(y0, h, dy))
        if not xs or not ys:
            continue
        prev = bytearray((len(xs) * bits + 7) // 8)
        for row_index, y in enumerate(ys):
            vals = []
            for x in xs:
                vals += source_samples(kind, x, y)
            line = pack(vals, depth)
            raw += filter_row(line, prev, bpp, row_index % 5)
            prev = line
    out = SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ct, 0, 0, inter))
    for t in PEER_TEXT_BEFORE:
        out += text_chunk(*t)
    if ct == 3:
        n = 1 << depth
        out += chunk(b"PLTE", bytes(v for k in range(n) for v in ((29 * k + 7) % 256, (53 * k + 11) % 256, (97 * k + 13) % 256)))
        if kind.endswith("trns"):
            out += chunk(b"tRNS", bytes((71 * k + 5) % 256 for k in range(n // 2)))
    elif kind == "gray8-trns":
        out += chunk(b"tRNS", struct.pack(">H", s8(1, 1, 0)))
    elif kind == "rgb8-trns":
        out += chunk(b"tRNS", struct.pack(">HHH", s8(2, 1, 0), s8(2, 1, 1), s8(2, 1, 2)))
    data = zlib.compress(bytes(raw), 9)
    # Split the image data over two IDAT chunks, as real encoders do.
    half = len(data) // 2
    out += chunk(b"IDAT", data[:half]) + chunk(b"IDAT", data[half:])
    for t in PEER_TEXT_AFTER:
        out += text_chunk(*t)
    out += chunk(b"IEND", b"")
    open(path, "wb").write(out)


def main(argv):
    if len(argv) >= 3 and argv[1] == "read":
        result = read(argv[2])
        print(json.dumps(result))
        return 0 if not result["errors"] else 2
    if len(argv) >= 4 and argv[1] == "write" and argv[2] in KINDS:
        w, h = (int(argv[4]), int(argv[5])) if len(argv) >= 6 else (13, 11)
        write(argv[2], argv[3], w, h)
        return 0
    if len(argv) == 2 and argv[1] == "kinds":
        print("\n".join(KINDS))
        return 0
    sys.stderr.write(__doc__)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
