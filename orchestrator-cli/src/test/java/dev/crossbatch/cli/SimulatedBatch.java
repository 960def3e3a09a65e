package dev.crossbatch.cli;

import static dev.crossbatch.core.aws.CodeBuildWire.batch;
import static dev.crossbatch.core.aws.CodeBuildWire.batches;
import static dev.crossbatch.core.aws.CodeBuildWire.build;
import static dev.crossbatch.core.aws.CodeBuildWire.builds;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.crossbatch.core.aws.CodeBuildWire;
import dev.crossbatch.core.aws.CodeBuildWire.Group;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A CodeBuild batch that lives in time: its builds start within the first minute, end one after
 * another until {@code length}, when the batch succeeds. BatchGetBuildBatches answers with the
 * batch as it is at the elapsed time given; BatchGetBuilds with every build.
 */
public final class SimulatedBatch implements ResponseDefinitionTransformerV2 {
  private final String id;
  private final int builds;
  private final Duration length;
  private final Supplier<Duration> elapsed;

  public SimulatedBatch(String id, int builds, Duration length, Supplier<Duration> elapsed) {
    this.id = id;
    this.builds = builds;
    this.length = length;
    this.elapsed = elapsed;
  }

  @Override
  public String getName() {
    return "simulated-batch";
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    String target = event.getRequest().getHeader(CodeBuildWire.TARGET);
    String body = switch (target == null ? "" : target.substring(target.indexOf('.') + 1)) {
      case "BatchGetBuildBatches" -> now();
      case "BatchGetBuilds" -> finished();
      default -> null;
    };
    if (body == null) {
      return CodeBuildWire.error(400, "InvalidInputException", "not simulated: " + target).build();
    }
    return CodeBuildWire.ok(body).build();
  }

  private String now() {
    double t = elapsed.get().toMillis() / 1000.0;
    double end = length.toMillis() / 1000.0;
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < builds; i++) {
      double starts = 5 + 55.0 * i / builds;
      double ends = end / 2 + (end / 2) * (i + 1) / builds;
      groups.add(Group.of(id(i), t < starts ? "PENDING" : t < ends ? "IN_PROGRESS" : "SUCCEEDED"));
    }
    boolean done = t >= end;
    return batches(batch(id, done ? "SUCCEEDED" : "IN_PROGRESS", done ? "SUCCEEDED" : "IN_PROGRESS", done, groups));
  }

  private String finished() {
    List<Map<String, Object>> all = new ArrayList<>();
    for (int i = 0; i < builds; i++) {
      all.add(build(id.substring(0, id.indexOf(':')), i + 1, "SUCCEEDED"));
    }
    return builds(all);
  }

  private static String id(int i) {
    return "build_" + (i + 1);
  }
}
