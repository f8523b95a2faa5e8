package dev.switchboard.internal.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep, validated, unmodifiable copies of JSON-like attribute maps. */
public final class Attributes {

  private static final int MAX_DEPTH = 16;

  private Attributes() {}

  /** Copies a map whose values are strings, numbers, booleans, lists or maps of the same. */
  public static Map<String, Object> copy(Map<String, ?> source) {
    return source.isEmpty() ? Map.of() : copyMap("attributes", source, 0);
  }

  private static Map<String, Object> copyMap(String path, Map<?, ?> source, int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    source.forEach((key, value) -> {
      if (!(key instanceof String name) || name.isEmpty()) {
        throw new IllegalArgumentException(path + " has key " + key + "; keys must be non-empty strings");
      }
      out.put(name, copyValue(path + "." + name, value, depth + 1));
    });
    return out.isEmpty() ? Map.of() : Collections.unmodifiableMap(out);
  }

  private static Object copyValue(String path, Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException(path + " nests deeper than " + MAX_DEPTH + " levels");
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      return copyMap(path, map, depth);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        out.add(copyValue(path + "[" + i + "]", list.get(i), depth + 1));
      }
      return Collections.unmodifiableList(out);
    }
    throw new IllegalArgumentException(path + " is "
        + (value == null ? "null" : "a " + value.getClass().getName())
        + "; allowed: string, number, boolean, list or map");
  }
}
