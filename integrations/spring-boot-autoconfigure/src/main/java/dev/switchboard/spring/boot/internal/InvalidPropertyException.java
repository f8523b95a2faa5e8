package dev.switchboard.spring.boot.internal;

/**
 * A {@code switchboard.*} property the engine cannot be built from: names the property, the value
 * found and what is allowed, for {@link InvalidPropertyFailureAnalyzer} to show at start-up.
 */
public final class InvalidPropertyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String property;
  private final String value;
  private final String allowed;

  /**
   * A bad value.
   *
   * @param property the full property name, e.g. {@code switchboard.queues.sales.steps[0].wait}
   * @param value the value found, as the host wrote it ("" when it is missing)
   * @param allowed what the property may hold
   */
  public InvalidPropertyException(String property, String value, String allowed) {
    super(property + " is " + (value.isEmpty() ? "missing" : "'" + value + "'") + "; allowed: "
        + allowed);
    this.property = property;
    this.value = value;
    this.allowed = allowed;
  }

  /** The full property name. */
  public String property() {
    return property;
  }

  /** The value found ("" when it is missing). */
  public String value() {
    return value;
  }

  /** What the property may hold. */
  public String allowed() {
    return allowed;
  }
}
