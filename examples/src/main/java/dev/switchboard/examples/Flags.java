package dev.switchboard.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line flags of the form {@code --name value} or {@code --switch}. */
final class Flags {

  private final Map<String, String> values = new LinkedHashMap<>();

  /** Parses the options; {@code switches} take no value, {@code valued} take one. */
  Flags(List<String> options, Set<String> valued, Set<String> switches) {
    for (int i = 0; i < options.size(); i++) {
      String name = options.get(i);
      if (!name.startsWith("--")) {
        throw new UserError("unexpected argument '" + name + "'; options start with --");
      }
      String key = name.substring(2);
      if (switches.contains(key)) {
        values.put(key, "true");
      } else if (valued.contains(key)) {
        if (i + 1 >= options.size()) {
          throw new UserError(name + " needs a value");
        }
        values.put(key, options.get(++i));
      } else {
        throw new UserError("unknown option " + name + "; allowed: --"
            + String.join(", --", union(valued, switches)));
      }
    }
  }

  private static List<String> union(Set<String> a, Set<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).sorted().toList();
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  boolean isSet(String name) {
    return "true".equals(values.get(name));
  }

  String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  double positive(String name, double fallback) {
    return has(name) ? positive(name, values.get(name), Double.MAX_VALUE) : fallback;
  }

  /** The required flag's value: a number above 0, at most {@code max}. */
  double positiveAtMost(String name, double max) {
    String v = values.get(name);
    if (v == null) {
      throw new UserError("--" + name + " is required");
    }
    return positive(name, v, max);
  }

  /** The flag's value, a number above 0 and at most {@code max}, or {@code fallback}. */
  double positiveAtMost(String name, double fallback, double max) {
    return has(name) ? positive(name, values.get(name), max) : fallback;
  }

  private static double positive(String name, String v, double max) {
    try {
      double d = Double.parseDouble(v);
      if (d > 0 && d <= max) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UserError("--" + name + " is '" + v + "'; it must be a positive number"
        + (max == Double.MAX_VALUE ? "" : ", at most " + (long) max));
  }

  /** The flag's value, a whole number from 1 to {@code max}, or {@code fallback}. */
  int count(String name, int fallback, int max) {
    if (!has(name)) {
      return fallback;
    }
    String v = values.get(name);
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UserError("--" + name + " is '" + v + "'; it must be a whole number from 1 to "
        + max);
  }

  long seed(long fallback) {
    if (!has("seed")) {
      return fallback;
    }
    try {
      return Long.parseLong(values.get("seed"));
    } catch (NumberFormatException e) {
      throw new UserError("--seed is '" + values.get("seed") + "'; it must be a whole number");
    }
  }
}
