package dev.crossbatch.cli.render.json;

import java.util.List;

/** generate (and --check): each file and its state; stale when --check found one missing or different. */
public record GenerateJson(List<PlanJson.FileJson> files, boolean stale) {}
