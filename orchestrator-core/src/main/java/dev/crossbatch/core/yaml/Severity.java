package dev.crossbatch.core.yaml;

public enum Severity {
  ERROR,
  WARNING
}
