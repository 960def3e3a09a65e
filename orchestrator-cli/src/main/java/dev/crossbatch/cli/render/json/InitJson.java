package dev.crossbatch.cli.render.json;

import java.util.List;

/** What init wrote (docs/output-json.md). */
public record InitJson(String file, String name, String main, String goVersion, List<String> platforms, List<String> notes) {}
