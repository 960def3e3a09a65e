package dev.crossbatch.cli.render.json;

import java.util.List;

/** retry without --wait: the batch, and the builds that run again. */
public record RetryJson(String batch, List<String> retried) {}
