package dev.crossbatch.core.doctor;

/**
 * One thing a release needs, as doctor found it.
 *
 * @param fix what to do about a warning or a failure; null when all is well
 */
public record Check(String name, State state, String detail, String fix) {
  /** ok: ready; warn: a release may still work, or work slowly; fail: a release will not work. */
  public enum State {
    OK,
    WARN,
    FAIL
  }

  public static Check ok(String name, String detail) {
    return new Check(name, State.OK, detail, null);
  }

  public static Check warn(String name, String detail, String fix) {
    return new Check(name, State.WARN, detail, fix);
  }

  public static Check fail(String name, String detail, String fix) {
    return new Check(name, State.FAIL, detail, fix);
  }
}
