package dev.crossbatch.cli.render.json;

/** --version --output json: the release, the commit and date it was built from (null outside git), and the Java running it. */
public record VersionJson(String version, String commit, String date, String java) {}
