package dev.crossbatch.cli.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.crossbatch.core.aws.AwsSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultRegionTest {
  static final AwsSettings NONE = new AwsSettings(null, null, null);

  @Test
  void awsDefaultRegion_comesAfterRegionAndAwsRegion_asTheAwsCliOrdersThem() {
    assertEquals("eu-west-3", Session.withDefaultRegion(NONE, Map.of("AWS_DEFAULT_REGION", "eu-west-3")).region());
    assertEquals("us-west-2", Session.withDefaultRegion(new AwsSettings("us-west-2", null, null), Map.of("AWS_DEFAULT_REGION", "eu-west-3")).region());
    // AWS_REGION is the SDK's own: left for it to read
    assertNull(Session.withDefaultRegion(NONE, Map.of("AWS_REGION", "ap-south-1", "AWS_DEFAULT_REGION", "eu-west-3")).region());
    assertNull(Session.withDefaultRegion(NONE, Map.of("AWS_DEFAULT_REGION", " ")).region());
  }
}
