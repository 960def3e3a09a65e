package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class ModernClassFilesTest {
  @TempDir Path dir;

  /** {@code public class NAME { public static Object pick(boolean b) { return b ? "text" : Integer.valueOf(1); } }}, with or without a JSR. */
  private static byte[] oldClass(String name, int version, boolean jsr) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS); // no frames: a Java 5 class has none
    writer.visit(version, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", null);
    MethodVisitor m = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "pick", "(Z)Ljava/lang/Object;", null, null);
    m.visitCode();
    Label other = new Label();
    Label end = new Label();
    m.visitVarInsn(Opcodes.ILOAD, 0);
    m.visitJumpInsn(Opcodes.IFEQ, other);
    m.visitLdcInsn("text");
    m.visitJumpInsn(Opcodes.GOTO, end);
    m.visitLabel(other);
    m.visitInsn(Opcodes.ICONST_1);
    m.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false);
    m.visitLabel(end);
    if (jsr) {
      Label sub = new Label();
      Label after = new Label();
      m.visitJumpInsn(Opcodes.JSR, sub);
      m.visitJumpInsn(Opcodes.GOTO, after);
      m.visitLabel(sub);
      m.visitVarInsn(Opcodes.ASTORE, 1);
      m.visitVarInsn(Opcodes.RET, 1);
      m.visitLabel(after);
    }
    m.visitInsn(Opcodes.ARETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }

  private static int version(byte[] classFile) {
    return (classFile[6] & 0xff) << 8 | classFile[7] & 0xff;
  }

  private static int frames(byte[] classFile) {
    int[] frames = {0};
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            frames[0]++;
          }
        };
      }
    }, 0);
    return frames[0];
  }

  private Path jar(Object... namesAndBytes) throws Exception {
    Path jar = dir.resolve("all.jar");
    try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
      for (int i = 0; i < namesAndBytes.length; i += 2) {
        ZipEntry entry = new ZipEntry((String) namesAndBytes[i]);
        entry.setTime(315532800000L);
        zip.putNextEntry(entry);
        zip.write((byte[]) namesAndBytes[i + 1]);
        zip.closeEntry();
      }
    }
    return jar;
  }

  private static byte[] read(Path jar, String name) throws Exception {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.getInputStream(zip.getEntry(name)).readAllBytes();
    }
  }

  @Test
  void java5ClassFiles_becomeVersion50WithFrames_andStillVerifyAndRun_everythingElseUntouchedInItsPlace() throws Exception {
    byte[] old = oldClass("p/Old", Opcodes.V1_5, false);
    byte[] current = oldClass("p/Current", Opcodes.V1_8, false);
    byte[] text = "not a class".getBytes(StandardCharsets.UTF_8);
    assertThat(frames(old)).isZero();
    Path jar = jar("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8),
        "p/Current.class", current, "p/Old.class", old, "p/notes.txt", text);

    assertThat(ModernClassFiles.rewrite(jar)).isEqualTo(1);

    byte[] modern = read(jar, "p/Old.class");
    assertThat(version(modern)).isEqualTo(50);
    assertThat(frames(modern)).as("the frames the newer verifier checks").isPositive();
    assertThat(read(jar, "p/Current.class")).isEqualTo(current);
    assertThat(read(jar, "p/notes.txt")).isEqualTo(text);
    ZipEntry written = new ZipEntry("as written");
    written.setTime(315532800000L);
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      zip.stream().forEach(e -> {
        names.add(e.getName());
        assertThat(e.getTime()).as(e.getName()).isEqualTo(written.getTime());
      });
    }
    assertThat(names).containsExactly("META-INF/MANIFEST.MF", "p/Current.class", "p/Old.class", "p/notes.txt");
    assertThat(dir.resolve("all.jar.next")).doesNotExist();
    // loaded by an application class loader, so the verifier checks it
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Method pick = Class.forName("p.Old", true, loader).getMethod("pick", boolean.class);
      assertThat(pick.invoke(null, true)).isEqualTo("text");
      assertThat(pick.invoke(null, false)).isEqualTo(1);
    }
  }

  @Test
  void aClassWithJsr_whichFramesCannotDescribe_staysAsItIs() throws Exception {
    byte[] old = oldClass("p/Jsr", Opcodes.V1_5, true);
    Path jar = jar("p/Jsr.class", old);

    assertThat(ModernClassFiles.rewrite(jar)).isZero();

    assertThat(read(jar, "p/Jsr.class")).isEqualTo(old);
  }

  @Test
  void rewritingTwice_givesTheSameBytes() throws Exception {
    Path jar = jar("p/Old.class", oldClass("p/Old", Opcodes.V1_5, false));
    ModernClassFiles.rewrite(jar);
    byte[] once = Files.readAllBytes(jar);

    assertThat(ModernClassFiles.rewrite(jar)).isZero();

    assertThat(Files.readAllBytes(jar)).isEqualTo(once);
  }
}
