import dev.crossbatch.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one crossbatch command line many times in one JVM, in the current folder, in turn with
 * peer commands run as processes. The first runs pay for loading, interpreting and compiling
 * crossbatch's code; after the warm-up runs the code is compiled, and each measured run shows
 * what the command's own work costs. Each round runs the command in this JVM, then each peer once,
 * so that a machine getting busier or quieter affects them alike (bench/in-process.sh).
 *
 * Prints, per name, the median, 10th and 90th percentile wall time of the measured rounds; for
 * the command in this JVM also the median CPU time of the JVM and of its ended child processes
 * (go, git, bash), from /proc/self/stat.
 *
 * Usage: java -cp crossbatch.jar bench/InProcess.java WARM-UP ROUNDS [NAME=PEER-COMMAND]... -- COMMAND...
 * (a peer command is split on spaces)
 */
public final class InProcess {
  public static void main(String[] args) throws IOException, InterruptedException {
    int warmUp = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    int dashes = Arrays.asList(args).indexOf("--");
    Map<String, List<String>> peers = new LinkedHashMap<>();
    for (String peer : Arrays.copyOfRange(args, 2, dashes)) {
      String[] nameAndCommand = peer.split("=", 2);
      peers.put(nameAndCommand[0], List.of(nameAndCommand[1].split(" ")));
    }
    String[] command = Arrays.copyOfRange(args, dashes + 1, args.length);
    Path here = Path.of("").toAbsolutePath();
    for (int run = 0; run < warmUp; run++) {
      inThisJvm(here, command);
    }
    for (List<String> peer : peers.values()) {
      process(peer);
    }
    Map<String, long[]> times = new LinkedHashMap<>();
    times.put("in one JVM", new long[rounds]);
    peers.keySet().forEach(name -> times.put(name, new long[rounds]));
    long[] jvmCpu = new long[rounds];
    long[] childCpu = new long[rounds];
    for (int round = 0; round < rounds; round++) {
      long[] before = cpu();
      times.get("in one JVM")[round] = inThisJvm(here, command);
      long[] after = cpu();
      jvmCpu[round] = after[0] - before[0];
      childCpu[round] = after[1] - before[1];
      for (Map.Entry<String, List<String>> peer : peers.entrySet()) {
        times.get(peer.getKey())[round] = process(peer.getValue());
      }
    }
    for (Map.Entry<String, long[]> e : times.entrySet()) {
      long[] t = e.getValue().clone();
      Arrays.sort(t);
      System.out.printf("%s: median %.1f ms, p10 %.1f ms, p90 %.1f ms, %d rounds%n", e.getKey(), median(t) / 1e6,
          t[(int) (0.1 * t.length)] / 1e6, t[Math.min(t.length - 1, (int) (0.9 * t.length))] / 1e6, t.length);
    }
    Arrays.sort(jvmCpu);
    Arrays.sort(childCpu);
    System.out.printf("in one JVM, CPU: median %d ms in the JVM, %d ms in its child processes%n",
        median(jvmCpu), median(childCpu));
  }

  /** Wall nanoseconds of one run of the command in this JVM; exits if it fails. */
  private static long inThisJvm(Path here, String[] command) {
    StringWriter err = new StringWriter();
    long start = System.nanoTime();
    int code = Main.run(here, new PrintWriter(new StringWriter()), new PrintWriter(err), command);
    long nanos = System.nanoTime() - start;
    if (code != 0) {
      System.err.print(err);
      System.err.println(String.join(" ", command) + " exited " + code);
      System.exit(1);
    }
    return nanos;
  }

  /** Wall nanoseconds of one run of a peer, its output discarded; exits if it fails. */
  private static long process(List<String> command) throws IOException, InterruptedException {
    long start = System.nanoTime();
    int code = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    long nanos = System.nanoTime() - start;
    if (code != 0) {
      System.err.println(String.join(" ", command) + " exited " + code);
      System.exit(1);
    }
    return nanos;
  }

  /** Of a sorted array. */
  private static long median(long[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** CPU ms of this process and of its waited-for children, from /proc/self/stat (Linux, 100 ticks a second). */
  private static long[] cpu() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // proc(5): after "pid (comm) " come state, ppid, ...; utime, stime, cutime, cstime are fields 14-17
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long self = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      long children = Long.parseLong(f[13]) + Long.parseLong(f[14]);
      return new long[] {self * 10, children * 10};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
