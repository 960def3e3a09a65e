package dev.crossbatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the distribution's jar at build time (Maven's package phase, after the shade plugin) so
 * that Java's class-data archive can hold every class of it: Java 17 leaves class files older than
 * Java 6 (major version 49: picocli's, slf4j's) out of an archive, so each command loaded, parsed
 * and verified picocli's 228 classes from the jar, about a sixth of {@code generate --check}'s time
 * (docs/decisions/0041). Those classes get version 50 and the stack map frames the newer verifier
 * checks, computed by ASM; their code is unchanged. Version 50 is the one whose classes Java still
 * verifies the old way if the frames were ever refused, so a wrong frame cannot break a command.
 * Every other entry is copied as it is, compressed bytes and all, in the same order: the jar stays
 * reproducible.
 */
public final class ModernClassFiles {
  /** Class files older than this (Java 6) stay out of Java 17's class-data archive. */
  static final int ARCHIVABLE = Opcodes.V1_6;

  private ModernClassFiles() {}

  /** @param args the jar to rewrite in place */
  public static void main(String[] args) throws IOException {
    rewrite(Path.of(args[0]));
  }

  /** Rewrites {@code jar} in place (through a file beside it); returns how many class files changed. */
  static int rewrite(Path jar) throws IOException {
    Path next = jar.resolveSibling(jar.getFileName() + ".next");
    int rewritten = 0;
    try (ZipFile in = ZipFile.builder().setPath(jar).get();
        URLClassLoader types = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        ZipArchiveOutputStream out = new ZipArchiveOutputStream(next)) { // seekable: sizes in the headers, whatever the input had
      for (ZipArchiveEntry entry : Collections.list(in.getEntriesInPhysicalOrder())) {
        byte[] modern = entry.getName().endsWith(".class") && old(in, entry) ? modern(read(in, entry), types) : null;
        if (modern == null) {
          try (InputStream raw = in.getRawInputStream(entry)) {
            out.addRawArchiveEntry(entry, raw);
          }
          continue;
        }
        ZipArchiveEntry copy = new ZipArchiveEntry(entry.getName());
        copy.setTime(entry.getTime());
        copy.setMethod(ZipEntry.DEFLATED);
        copy.setSize(modern.length); // known: no Zip64 field reserved in its header
        out.putArchiveEntry(copy);
        out.write(modern);
        out.closeArchiveEntry();
        rewritten++;
      }
    }
    Files.move(next, jar, StandardCopyOption.REPLACE_EXISTING);
    return rewritten;
  }

  /** Whether a class file is older than Java 6: its first 8 bytes only, not the 19000 others inflated whole. */
  private static boolean old(ZipFile zip, ZipArchiveEntry entry) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] head = in.readNBytes(8);
      return head.length == 8 && ((head[6] & 0xff) << 8 | head[7] & 0xff) < ARCHIVABLE;
    }
  }

  private static byte[] read(ZipFile zip, ZipArchiveEntry entry) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  /**
   * The old class file at version 50 with computed frames, or null when it cannot be given frames
   * (code with JSR, which Java 6's verifier never accepts; it stays as it is).
   */
  static byte[] modern(byte[] classFile, ClassLoader types) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected ClassLoader getClassLoader() {
        return types; // the jar's own classes, for the common super class of two types in a frame
      }
    };
    try {
      new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
          super.visit(ARCHIVABLE, access, name, signature, superName, interfaces);
        }
      }, 0);
      return writer.toByteArray();
    } catch (IllegalArgumentException | TypeNotPresentException e) {
      return null;
    }
  }
}
