package dev.crossbatch.cli.render.json;

/** report --output json: the page written, and the batch it shows (docs/output-json.md). */
public record ReportJson(String file, String batch, String status) {}
