#!/usr/bin/env python3
"""Repairs the .eh_frame_hdr search table of an executable linked by lld (cmake/startup_layout.cmake).

Why: GCC sometimes emits an empty `.cold` part of a function together with its FDE, of length 0 (207
of them in `mls`). When such an empty section lands at the address where another function starts,
two FDEs share one initial location; lld (14 and 16) sorts the table by address and keeps the FIRST
FDE of each address (`std::unique` in lld/ELF/SyntheticSections.cpp) — sometimes the empty one. libgcc's
unwinder then finds no FDE for that function, `_Unwind_Resume` ends the unwind and aborts (solve_serving
throwing InvalidInput, tests/solvers/calibrated_allreduce_table_length.mls). GNU ld and gold leave
zero-range FDEs out of the table; lld does too since llvm-project#220492 (2026-09, issue #218124), after
the lld 14/16 Debian 12 ships. The smallest case: tests/cli/eh_frame_hdr/ (check_eh_frame_hdr_repair.py).

What: re-derive the table from .eh_frame, keeping for each address the FDE with the longest range, and
rewrite it in place (same number of entries, same encodings: lld writes one entry per address). A no-op
when the table is already right; exits non-zero (failing the build) on anything it does not understand.
Usage: fix_eh_frame_hdr.py EXECUTABLE [--check]   (--check: report, do not write; exit 1 if wrong)
"""
import struct
import sys

DW_EH_PE_udata4, DW_EH_PE_sdata4, DW_EH_PE_pcrel, DW_EH_PE_datarel = 0x03, 0x0B, 0x10, 0x30


def sections(elf):
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        sys.exit("fix_eh_frame_hdr: not a little-endian ELF64 file")
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x3A)
    heads = [struct.unpack_from("<IIQQQQ", elf, shoff + i * shentsize) for i in range(shnum)]
    strtab_off = heads[shstrndx][4]
    out = {}
    for name, _type, _flags, addr, off, size in heads:
        end = elf.index(b"\0", strtab_off + name)
        out[elf[strtab_off + name:end].decode()] = (addr, off, size)
    return out


def uleb(buf, p):
    value = shift = 0
    while True:
        byte = buf[p]
        p += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, p


def read_ptr(buf, p, enc, vaddr):
    """Reads a pointer of encoding `enc` at buf[p] (whose address is vaddr); (value, size)."""
    if enc == 0xFF:
        return None, 0
    fmt = {0x00: "<Q", 0x03: "<I", 0x0B: "<i", 0x04: "<Q", 0x0C: "<q", 0x02: "<H", 0x0A: "<h"}.get(enc & 0x0F)
    if fmt is None:
        sys.exit(f"fix_eh_frame_hdr: pointer encoding {enc:#x} not handled")
    value, = struct.unpack_from(fmt, buf, p)
    if enc & 0x70 == DW_EH_PE_pcrel:
        value += vaddr
    elif enc & 0x70 not in (0,):
        sys.exit(f"fix_eh_frame_hdr: pointer application {enc & 0x70:#x} not handled")
    return value & 0xFFFFFFFFFFFFFFFF, struct.calcsize(fmt)


def cie_fde_encoding(buf, p):
    """The FDE pointer encoding ('R') of the CIE whose length field is at buf[p]."""
    q = p + 8  # length, CIE id
    version = buf[q]
    q += 1
    end = buf.index(b"\0", q)
    aug = buf[q:end].decode()
    q = end + 1
    if "eh" in aug:
        sys.exit("fix_eh_frame_hdr: 'eh' augmentation not handled")
    _, q = uleb(buf, q)  # code alignment
    _, q = uleb(buf, q)  # data alignment (sleb, only skipped)
    if version == 1:
        q += 1
    else:
        _, q = uleb(buf, q)
    if not aug.startswith("z"):
        return 0x00
    _, q = uleb(buf, q)  # augmentation data length
    for c in aug[1:]:
        if c == "R":
            return buf[q]
        if c == "L":
            q += 1
        elif c == "P":
            enc = buf[q]
            _, size = read_ptr(buf, q + 1, enc & 0x7F, 0)
            q += 1 + size
        elif c in "SB":
            pass
        else:
            sys.exit(f"fix_eh_frame_hdr: CIE augmentation {aug!r} not handled")
    return 0x00


def fdes(buf, vaddr):
    """(initial location, range, address of the FDE) for every FDE in .eh_frame."""
    out, cies, p = [], {}, 0
    while p + 4 <= len(buf):
        length, = struct.unpack_from("<I", buf, p)
        if length == 0:
            break
        if length == 0xFFFFFFFF:
            sys.exit("fix_eh_frame_hdr: 64-bit DWARF .eh_frame not handled")
        cie_ptr, = struct.unpack_from("<I", buf, p + 4)
        if cie_ptr != 0:
            cie = p + 4 - cie_ptr
            if cie not in cies:
                cies[cie] = cie_fde_encoding(buf, cie)
            enc = cies[cie]
            pc, size = read_ptr(buf, p + 8, enc, vaddr + p + 8)
            rng, _ = read_ptr(buf, p + 8 + size, enc & 0x0F, 0)
            out.append((pc, rng, vaddr + p))
        p += 4 + length
    return out


def main():
    path, check = sys.argv[1], "--check" in sys.argv[2:]
    with open(path, "rb") as f:
        elf = bytearray(f.read())
    sec = sections(elf)
    if ".eh_frame_hdr" not in sec or ".eh_frame" not in sec:
        sys.exit("fix_eh_frame_hdr: no .eh_frame_hdr or .eh_frame")
    haddr, hoff, _ = sec[".eh_frame_hdr"]
    eaddr, eoff, esize = sec[".eh_frame"]
    version, ptr_enc, count_enc, table_enc = elf[hoff:hoff + 4]
    if (version, count_enc, table_enc) != (1, DW_EH_PE_udata4, DW_EH_PE_datarel | DW_EH_PE_sdata4):
        sys.exit(f"fix_eh_frame_hdr: header {version},{count_enc:#x},{table_enc:#x} not handled")
    _, psize = read_ptr(elf, hoff + 4, ptr_enc, haddr + 4)
    count, = struct.unpack_from("<I", elf, hoff + 4 + psize)
    table = hoff + 8 + psize

    best = {}  # initial location -> (range, FDE address): the longest range wins
    for pc, rng, fde in fdes(elf[eoff:eoff + esize], eaddr):
        if pc not in best or rng > best[pc][0]:
            best[pc] = (rng, fde)
    if len(best) != count:  # a linker that leaves zero-range FDEs out (GNU ld, newer lld): the same
        best = {pc: v for pc, v in best.items() if v[0] > 0}
    if len(best) != count:
        sys.exit(f"fix_eh_frame_hdr: {len(best)} FDE addresses, table has {count} entries")
    wrong = 0
    for i, pc in enumerate(sorted(best)):
        entry = struct.pack("<ii", pc - haddr, best[pc][1] - haddr)
        if elf[table + 8 * i:table + 8 * i + 8] != entry:
            wrong += 1
            elf[table + 8 * i:table + 8 * i + 8] = entry
    print(f"fix_eh_frame_hdr: {path}: {count} entries, {wrong} pointed at the wrong FDE"
          + ("" if check or not wrong else " (repaired)"))
    if check:
        sys.exit(1 if wrong else 0)
    if wrong:
        with open(path, "r+b") as f:
            f.seek(table)
            f.write(elf[table:table + 8 * count])


if __name__ == "__main__":
    main()
