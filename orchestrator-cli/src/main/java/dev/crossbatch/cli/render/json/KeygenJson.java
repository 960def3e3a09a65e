package dev.crossbatch.cli.render.json;

/** What keygen wrote (docs/output-json.md). */
public record KeygenJson(String secretKey, String publicKey, String keyId, String publicKeyBase64, boolean encrypted) {}
