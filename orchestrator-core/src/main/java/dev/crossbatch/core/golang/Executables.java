package dev.crossbatch.core.golang;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where Go's linker puts the build information blob in an executable, found as Go's own
 * debug/buildinfo finds it (docs/sbom.md): ELF's {@code .go.buildinfo} section, else the first
 * writable, non-executable loaded segment; PE's first initialized, readable and writable section;
 * Mach-O's {@code __go_buildinfo} section, else the first non-empty read-write segment. Only the
 * file's bytes are read: nothing is loaded or run. Bounds are checked on every read, so a truncated
 * or hostile file is "not a Go executable", never an exception.
 */
final class Executables {
  /** The formats told apart by their first bytes. */
  enum Format { ELF, PE, MACHO }

  private static final int PT_LOAD = 1;
  private static final int PF_X = 1;
  private static final int PF_W = 2;
  private static final int PE_DATA = 0x40 | 0x40000000 | 0x80000000; // initialized data, read, write
  private static final int PE_ALIGN_32 = 0x00600000;
  private static final int LC_SEGMENT = 0x1;
  private static final int LC_SEGMENT_64 = 0x19;
  private static final int RW = 3;

  private Executables() {}

  /** The executable format of {@code head} (at least its first 4 bytes), if it is one read here. */
  static Optional<Format> format(byte[] head) {
    if (head.length < 4) {
      return Optional.empty();
    }
    if (head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
      return Optional.of(Format.ELF);
    }
    if (head[0] == 'M' && head[1] == 'Z') {
      return Optional.of(Format.PE);
    }
    int le = ByteBuffer.wrap(head, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int be = ByteBuffer.wrap(head, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
    if (le == 0xfeedfacf || le == 0xfeedface || be == 0xfeedfacf || be == 0xfeedface) {
      return Optional.of(Format.MACHO);
    }
    return Optional.empty();
  }

  /** The bytes of the section or segment that holds the blob; empty when the file has none or is malformed. */
  static Optional<Region> data(byte[] file) {
    Optional<Format> format = format(file);
    if (format.isEmpty()) {
      return Optional.empty();
    }
    try {
      return switch (format.get()) {
        case ELF -> elf(file);
        case PE -> pe(file);
        case MACHO -> macho(file);
      };
    } catch (IndexOutOfBoundsException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
      return Optional.empty(); // a header that points outside the file: not an executable read here
    }
  }

  /** A span of the file: {@code offset} and {@code length} within it. */
  record Region(byte[] file, int offset, int length) {
    Region {
      if (offset < 0 || length < 0 || (long) offset + length > file.length) {
        throw new IndexOutOfBoundsException("region outside the file");
      }
    }
  }

  private static Optional<Region> elf(byte[] file) {
    boolean is64 = file[4] == 2;
    ByteBuffer b = ByteBuffer.wrap(file).order(file[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    long shoff = is64 ? b.getLong(0x28) : u32(b, 0x20);
    int shentsize = u16(b, is64 ? 0x3A : 0x2E);
    int shnum = u16(b, is64 ? 0x3C : 0x30);
    int shstrndx = u16(b, is64 ? 0x3E : 0x32);
    if (shoff > 0 && shnum > 0 && shstrndx < shnum) {
      long strtab = is64 ? b.getLong(at(shoff + (long) shstrndx * shentsize + 24)) : u32(b, at(shoff + (long) shstrndx * shentsize + 16));
      for (int i = 0; i < shnum; i++) {
        int h = at(shoff + (long) i * shentsize);
        if (".go.buildinfo".equals(cString(file, at(strtab + u32(b, h)), 32))) {
          long offset = is64 ? b.getLong(h + 24) : u32(b, h + 16);
          long size = is64 ? b.getLong(h + 32) : u32(b, h + 20);
          return Optional.of(new Region(file, at(offset), at(size)));
        }
      }
    }
    long phoff = is64 ? b.getLong(0x20) : u32(b, 0x1C);
    int phentsize = u16(b, is64 ? 0x36 : 0x2A);
    int phnum = u16(b, is64 ? 0x38 : 0x2C);
    for (int i = 0; i < phnum; i++) {
      int h = at(phoff + (long) i * phentsize);
      int flags = b.getInt(is64 ? h + 4 : h + 24);
      if (b.getInt(h) == PT_LOAD && (flags & (PF_X | PF_W)) == PF_W) {
        long offset = is64 ? b.getLong(h + 8) : u32(b, h + 4);
        long size = Math.min(is64 ? b.getLong(h + 32) : u32(b, h + 16), is64 ? b.getLong(h + 40) : u32(b, h + 20));
        return Optional.of(new Region(file, at(offset), at(Math.min(size, file.length - offset))));
      }
    }
    return Optional.empty();
  }

  private static Optional<Region> pe(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int pe = at(u32(b, 0x3C));
    if (b.getInt(pe) != 0x00004550) { // "PE\0\0"
      return Optional.empty();
    }
    int sections = u16(b, pe + 6);
    int table = pe + 24 + u16(b, pe + 20);
    for (int i = 0; i < sections; i++) {
      int h = table + i * 40;
      long virtualSize = u32(b, h + 8);
      long virtualAddress = u32(b, h + 12);
      long rawSize = u32(b, h + 16);
      if (virtualAddress != 0 && rawSize != 0 && (b.getInt(h + 36) & ~PE_ALIGN_32) == PE_DATA) {
        return Optional.of(new Region(file, at(u32(b, h + 20)), at(Math.min(rawSize, virtualSize))));
      }
    }
    return Optional.empty();
  }

  private static Optional<Region> macho(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int magic = b.getInt(0);
    if (magic != 0xfeedfacf && magic != 0xfeedface) {
      b.order(ByteOrder.BIG_ENDIAN);
      magic = b.getInt(0);
    }
    boolean is64 = magic == 0xfeedfacf;
    long commands = u32(b, 16);
    int at = is64 ? 32 : 28;
    Region segment = null;
    for (long i = 0; i < commands; i++) {
      int cmd = b.getInt(at);
      int size = at(u32(b, at + 4));
      if (size < 8) {
        return Optional.empty();
      }
      if (cmd == LC_SEGMENT_64 || cmd == LC_SEGMENT) {
        boolean wide = cmd == LC_SEGMENT_64;
        long addr = wide ? b.getLong(at + 24) : u32(b, at + 24);
        long memsz = wide ? b.getLong(at + 32) : u32(b, at + 28);
        long fileoff = wide ? b.getLong(at + 40) : u32(b, at + 32);
        long filesz = wide ? b.getLong(at + 48) : u32(b, at + 36);
        int maxprot = b.getInt(at + (wide ? 56 : 40));
        int initprot = b.getInt(at + (wide ? 60 : 44));
        long nsects = u32(b, at + (wide ? 64 : 48));
        int first = at + (wide ? 72 : 56);
        for (long s = 0; s < nsects; s++) {
          int h = at(first + s * (wide ? 80 : 68));
          if ("__go_buildinfo".equals(cString(file, h, 16))) {
            long offset = u32(b, h + (wide ? 48 : 40));
            long length = wide ? b.getLong(h + 40) : u32(b, h + 36);
            return Optional.of(new Region(file, at(offset), at(length)));
          }
        }
        if (segment == null && addr != 0 && filesz != 0 && initprot == RW && maxprot == RW) {
          segment = new Region(file, at(fileoff), at(Math.min(filesz, memsz)));
        }
      }
      at += size;
    }
    return Optional.ofNullable(segment);
  }

  private static long u32(ByteBuffer b, int at) {
    return Integer.toUnsignedLong(b.getInt(at));
  }

  private static int u16(ByteBuffer b, int at) {
    return Short.toUnsignedInt(b.getShort(at));
  }

  /** A file offset or size as an int; anything beyond what a byte array holds is out of bounds. */
  private static int at(long value) {
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new IndexOutOfBoundsException("offset " + value);
    }
    return (int) value;
  }

  /** The NUL-terminated (or {@code max}-long) ASCII string at {@code at}. */
  private static String cString(byte[] file, int at, int max) {
    int end = at;
    while (end < file.length && end - at < max && file[end] != 0) {
      end++;
    }
    if (at >= file.length) {
      throw new IndexOutOfBoundsException("name outside the file");
    }
    return new String(file, at, end - at, StandardCharsets.ISO_8859_1);
  }
}
