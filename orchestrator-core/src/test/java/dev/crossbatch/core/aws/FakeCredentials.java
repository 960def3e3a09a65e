package dev.crossbatch.core.aws;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Throwaway AWS credentials for a test class, where the SDK's default chain finds them (the system
 * properties that AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY stand for in a real process).
 */
public final class FakeCredentials implements BeforeAllCallback, AfterAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
    System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }
}
