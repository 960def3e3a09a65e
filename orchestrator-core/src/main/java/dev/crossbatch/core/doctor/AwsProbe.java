package dev.crossbatch.core.doctor;

import dev.crossbatch.core.error.CrossbatchException;

/** What doctor asks AWS, each answer or a CrossbatchException saying why not. */
public interface AwsProbe {
  /** Where the credentials come from (the SDK's provider), once they resolve. */
  String credentials() throws CrossbatchException;

  String region() throws CrossbatchException;

  /** The CodeBuild project as doctor needs to know it; empty name when there is no such project. */
  Project project(String name) throws CrossbatchException;

  Bucket bucket(String name) throws CrossbatchException;

  /** @param batchRole the role batch builds run as, null when batch builds are off */
  record Project(boolean exists, String serviceRole, String batchRole) {}

  /** @param encryption SSE-S3 (AES256) or aws:kms, null when none is set */
  record Bucket(boolean versioned, String encryption) {}
}
