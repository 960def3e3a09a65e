package dev.crossbatch.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotJsonPrepareTest {
  /** The head start writes a snapshot with every kind of member, so each one's serializer is made before the first real save. */
  @Test
  void thePreparedSnapshot_hasEveryKindOfMember_andReadsBack() throws Exception {
    BatchSnapshot read = SnapshotJson.mapper().readValue(SnapshotJson.prepare(), BatchSnapshot.class);

    BuildRun build = read.builds().get(0);
    assertThat(read.downloadSource()).isEqualTo(build);
    assertThat(read.end()).isNotNull();
    assertThat(build.phases()).hasSize(1);
    assertThat(build.artifact()).isNotNull();
    assertThat(build.reports()).hasSize(1);
    assertThat(build.variables()).isNotEmpty();
    assertThat(build.exported()).isNotEmpty();
    assertThat(build.dependsOn()).isNotEmpty();
  }
}
