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

  double positive(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new UserError("--" + name + " is required");
    }
    return positive(name, v);
  }

  double positive(String name, double fallback) {
    return has(name) ? positive(name, values.get(name)) : fallback;
  }

  private static double positive(String name, String v) {
    try {
      double d = Double.parseDouble(v);
      if (d > 0 && !Double.isInfinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UserError("--" + name + " is '" + v + "'; it must be a positive number");
  }

  int count(String name, int fallback) {
    if (!has(name)) {
      return fallback;
    }
    String v = values.get(name);
    try {
      int n = Integer.parseInt(v);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UserError("--" + name + " is '" + v + "'; it must be a whole number of at least 1");
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
