#!/usr/bin/env python3
"""Generate src/results/stroke_data.rs, the data behind 按姓氏笔画为序.

Inputs (downloaded once by hand, never at build time; see STROKE_DATA_SOURCES.md):

  --unihan  Unihan_IRGSources.txt from the Unicode Character Database, plain or
            compressed: Debian's unicode-data ships
            /usr/share/unicode/Unihan_IRGSources.txt.bz2; Unihan.zip also works.
            Gives kTotalStrokes (stroke count).
  --cnchar  the cnchar-order npm tarball (cnchar-order-X.Y.Z.tgz, MIT), or the
            cnchar.order.min.js taken out of it. Gives the stroke sequence.

Usage:
  python3 scripts/gen_strokes.py \
      --unihan /usr/share/unicode/Unihan_IRGSources.txt.bz2 \
      --cnchar cnchar-order-3.2.6.tgz \
      --output src/results/stroke_data.rs

Output layout (all consumed by src/results/strokes.rs):
  BLOCKS            (first code point, length, offset) of the covered blocks
  TOTAL_STROKES     one byte per code point of BLOCKS: kTotalStrokes + 0x30,
                    0x30 when Unihan has no value
  SEQUENCE_ORDER    every character that has a stroke sequence, sorted by
                    (kTotalStrokes, sequence of stroke classes, code point)
  FIRST_STROKE_RUNS (index into SEQUENCE_ORDER, first stroke class) at each
                    place where the first stroke class changes
"""

import argparse
import bz2
import io
import json
import re
import sys
import tarfile
import zipfile

# Blocks covered: CJK Unified Ideographs Extension A, then the URO.
BLOCKS = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF)]

# The five stroke classes of GB 13000.1 字符集汉字笔顺规范:
# 1 横 (提 counts as 横), 2 竖 (竖钩 counts as 竖), 3 撇, 4 点 (捺 counts as 点),
# 5 折 (every stroke with a turn, including 横折钩, 撇点, 竖提, 斜钩, 卧钩, 弯钩).
#
# cnchar-order writes each stroke as one letter; its own legend (the second
# table in cnchar.order.min.js) names them. The name is checked against the
# legend below, so a changed legend in a new release stops the generator
# instead of silently mis-classifying strokes.
LETTER_CLASS = {
    "j": ("横", 1),
    "i": ("提", 1),
    "f": ("竖", 2),
    "g": ("竖钩", 2),
    "s": ("撇", 3),
    "k": ("点", 4),
    "d": ("点2", 4),
    "l": ("捺", 4),
    "a": ("横折折撇", 5),
    "b": ("竖弯", 5),
    "c": ("横折", 5),
    "e": ("横撇|横钩", 5),
    "h": ("竖提", 5),
    "m": ("撇点", 5),
    "n": ("撇折", 5),
    "o": ("横斜钩", 5),
    "p": ("横折提", 5),
    "q": ("横折折折", 5),
    "r": ("横折钩", 5),
    "t": ("弯钩", 5),
    "u": ("竖弯钩", 5),
    "v": ("横折折|横折弯", 5),
    "w": ("横折折折钩|横撇弯钩", 5),
    "x": ("竖折撇|竖折折", 5),
    "y": ("斜钩|卧钩", 5),
    "z": ("竖折折钩", 5),
}

COUNT_OFFSET = 0x30


def read_unihan(path):
    """Return ({code point: stroke count}, Unicode version) from kTotalStrokes."""
    if path.endswith(".zip"):
        with zipfile.ZipFile(path) as z:
            name = next(n for n in z.namelist() if n.endswith("Unihan_IRGSources.txt"))
            text = z.read(name).decode("utf-8")
    elif path.endswith(".bz2"):
        with bz2.open(path, "rt", encoding="utf-8") as f:
            text = f.read()
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    version = "unknown"
    counts = {}
    for line in text.splitlines():
        if line.startswith("#"):
            m = re.match(r"#\s*Unicode version:\s*(\S+)", line)
            if m:
                version = m.group(1)
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[1] != "kTotalStrokes":
            continue
        # Several values: the first is the one preferred for zh-Hans (G source).
        counts[int(fields[0][2:], 16)] = int(fields[2].split()[0])
    if not counts:
        sys.exit(f"{path}: no kTotalStrokes field found")
    return counts, version


def read_cnchar(path):
    """Return ({char: letters}, {letter: legend name}, version)."""
    version = "unknown"
    if path.endswith((".tgz", ".tar.gz")):
        with tarfile.open(path) as t:
            meta = json.load(t.extractfile("package/package.json"))
            version = f"{meta['name']} {meta['version']} ({meta.get('license', '?')})"
            js = t.extractfile("package/cnchar.order.min.js").read().decode("utf-8")
    else:
        with open(path, encoding="utf-8") as f:
            js = f.read()
    tables = []
    for literal in re.findall(r"JSON\.parse\('(.*?)'\)", js, re.S):
        if "\\" in literal:
            sys.exit(f"{path}: escaped JSON literal; the parser needs updating")
        tables.append(json.loads(literal))
    legend = next((t for t in tables if "j" in t and isinstance(t["j"], dict)), None)
    orders = next((t for t in tables if "一" in t), None)
    if legend is None or orders is None:
        sys.exit(f"{path}: stroke tables not found")
    return orders, {k: v["name"] for k, v in legend.items()}, version


def stroke_classes(letters, legend):
    out = []
    for letter in letters:
        expected = LETTER_CLASS.get(letter)
        if expected is None or legend.get(letter) != expected[0]:
            sys.exit(f"stroke letter {letter!r} ({legend.get(letter)!r}) is not mapped as expected")
        out.append(expected[1])
    return tuple(out)


def byte_string(data, width):
    lines = []
    for i in range(0, len(data), width):
        chunk = data[i : i + width]
        lines.append("".join("\\\\" if b == 0x5C else "\\\"" if b == 0x22 else chr(b) for b in chunk))
    return 'b"\\\n' + "\\\n".join(lines) + '"'


def text_string(chars, width):
    lines = ["".join(chars[i : i + width]) for i in range(0, len(chars), width)]
    return '"\\\n' + "\\\n".join(lines) + '"'


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--unihan", required=True)
    ap.add_argument("--cnchar", required=True)
    ap.add_argument("--output", required=True)
    args = ap.parse_args()

    counts, unicode_version = read_unihan(args.unihan)
    orders, legend, cnchar_version = read_cnchar(args.cnchar)

    table = bytearray()
    block_rows = []
    for first, last in BLOCKS:
        block_rows.append((first, last - first + 1, len(table)))
        for cp in range(first, last + 1):
            n = counts.get(cp, 0)
            if n + COUNT_OFFSET > 0x7E:
                sys.exit(f"U+{cp:04X}: {n} strokes does not fit the table encoding")
            table.append(n + COUNT_OFFSET)

    def covered(cp):
        return any(first <= cp <= last for first, last in BLOCKS)

    entries = []
    skipped = []
    length_mismatch = []
    for ch, letters in orders.items():
        cp = ord(ch)
        if len(ch) != 1 or not covered(cp) or cp not in counts:
            skipped.append(ch)
            continue
        seq = stroke_classes(letters, legend)
        if len(seq) != counts[cp]:
            length_mismatch.append(f"{ch} U+{cp:04X}: sequence {len(seq)}, kTotalStrokes {counts[cp]}")
        entries.append((counts[cp], seq, cp))
    entries.sort()
    if len(entries) > 0xFFFF:
        sys.exit("too many sequences for u16 indices")

    runs = []
    for i, (_, seq, _) in enumerate(entries):
        if not runs or runs[-1][1] != seq[0]:
            runs.append((i, seq[0]))

    order_chars = [chr(cp) for _, _, cp in entries]
    out = []
    out.append("// @generated by scripts/gen_strokes.py; do not edit by hand.")
    out.append(f"// Stroke counts: derived (modified) from Unihan kTotalStrokes, Unicode {unicode_version},")
    out.append("// Copyright (c) 1991-2022 Unicode, Inc., Unicode License Agreement (Unicode-DFS-2016).")
    out.append(f"// Stroke sequences: derived from npm {cnchar_version},")
    out.append("// Copyright (c) 2017 - present theajack, MIT License.")
    out.append("// Licence texts and sources: scripts/STROKE_DATA_SOURCES.md.")
    out.append("")
    out.append("/// Covered blocks: (first code point, number of code points, offset into [`TOTAL_STROKES`]).")
    rows = ", ".join(f"(0x{first:04X}, {length}, {offset})" for first, length, offset in block_rows)
    out.append(f"pub(super) static BLOCKS: [(u32, u32, usize); {len(block_rows)}] = [{rows}];")
    out.append("")
    out.append(f"/// Added to every stroke count in [`TOTAL_STROKES`] to keep the table printable.")
    out.append(f"pub(super) const COUNT_OFFSET: u8 = 0x{COUNT_OFFSET:02X};")
    out.append("")
    out.append("/// kTotalStrokes + [`COUNT_OFFSET`] for each code point of [`BLOCKS`]; [`COUNT_OFFSET`]")
    out.append("/// alone where Unihan gives no count.")
    out.append(f"pub(super) static TOTAL_STROKES: &[u8; {len(table)}] = {byte_string(table, 96)};")
    out.append("")
    out.append("/// Characters with a known stroke sequence, sorted by (kTotalStrokes, sequence of")
    out.append("/// stroke classes 横 竖 撇 点 折, code point).")
    out.append(f"pub(super) static SEQUENCE_ORDER: &str = {text_string(order_chars, 40)};")
    out.append("")
    out.append("/// Number of characters in [`SEQUENCE_ORDER`].")
    out.append(f"pub(super) const SEQUENCE_COUNT: usize = {len(entries)};")
    out.append("")
    out.append("/// (index into [`SEQUENCE_ORDER`], first stroke class 1..=5) wherever the class changes.")
    out.append("#[rustfmt::skip]")
    out.append(f"pub(super) static FIRST_STROKE_RUNS: [(u16, u8); {len(runs)}] = [")
    row = []
    for i, c in runs:
        row.append(f"({i}, {c}),")
        if len(row) == 8:
            out.append("    " + " ".join(row))
            row = []
    if row:
        out.append("    " + " ".join(row))
    out.append("];")
    out.append("")

    with open(args.output, "w", encoding="utf-8") as f:
        f.write("\n".join(out))

    print(f"{args.output}: {len(table)} stroke counts, {len(entries)} sequences, {len(runs)} runs", file=sys.stderr)
    if skipped:
        print(f"skipped (outside the blocks or no kTotalStrokes): {''.join(skipped)}", file=sys.stderr)
    for line in length_mismatch:
        print(f"count mismatch (kTotalStrokes used): {line}", file=sys.stderr)


if __name__ == "__main__":
    main()
