package dev.crossbatch.cli.render.json;

/**
 * What stop did (docs/output-json.md): the status the batch had when asked, the one it ended with
 * (null without waiting), and whether it had ended before the stop was asked for.
 */
public record StopJson(String batch, String before, String status, boolean endedBefore) {}
