package dev.crossbatch.cli.render.json;

/** artifacts download: one file, how it was checked, and where it was unpacked. */
public record DownloadedJson(String file, long size, String sha256, boolean verified, String verifiedBy, boolean skipped, String extractedTo) {}
