package dev.crossbatch.core.buildspec;

/** A file crossbatch generates, relative to the config's folder, with its exact bytes as text. */
public record GeneratedFile(String path, String content) {}
