package dev.switchboard.testing;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;

/**
 * The structure rules every Switchboard module's main code keeps, read from its compiled classes:
 * no cycle between its files (top-level classes, nested classes counted with their file), and no
 * use of a package of another Switchboard module that the other module's {@code module-info}
 * does not export to it. A module's test calls {@link #check} on {@code target/classes}.
 *
 * <p>Cycles that predate the rule are listed by the module's test as known; a known cycle may
 * not grow or merge with another, and one that changed or is gone must be struck from the list,
 * so the list only shrinks. See docs/architecture.md.
 */
public final class ModuleRules {

  private static final String OURS = "dev.switchboard.";

  private final Map<Path, Optional<ModuleDescriptor>> descriptors = new HashMap<>();

  private ModuleRules() {}

  /**
   * The problems found in the classes below {@code classes}, one line each; empty when the module
   * keeps the rules.
   *
   * @param knownCycles cycles that predate the rule, each as its files' class names separated by
   *     spaces
   */
  public static List<String> check(Path classes, String... knownCycles) {
    return new ModuleRules().problems(classes, Set.of(knownCycles).stream()
        .map(c -> (Set<String>) new TreeSet<>(List.of(c.trim().split("\\s+"))))
        .collect(java.util.stream.Collectors.toSet()));
  }

  private List<String> problems(Path classes, Set<Set<String>> known) {
    Optional<ModuleDescriptor> self = descriptor(classes);
    String selfName = self.map(ModuleDescriptor::name).orElse(null);
    JavaClasses imported = new ClassFileImporter().importPath(classes);
    Map<String, Set<String>> edges = new TreeMap<>();
    Map<String, String> why = new HashMap<>();
    Set<String> problems = new TreeSet<>();
    for (JavaClass c : imported) {
      String from = file(c);
      edges.computeIfAbsent(from, k -> new TreeSet<>());
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        JavaClass target = d.getTargetClass();
        if (target.isArray() || target.isPrimitive()) {
          target = target.getBaseComponentType();
        }
        String name = target.getName();
        if (imported.contain(name)) {
          String to = file(target);
          if (!to.equals(from) && edges.get(from).add(to)) {
            why.put(from + " -> " + to, d.getDescription());
          }
        } else if (name.startsWith(OURS) && !target.isPrimitive()) {
          foreignPackage(selfName, from, target).ifPresent(problems::add);
        }
      }
    }
    List<List<String>> found = cycles(edges);
    for (Set<String> k : known) {
      if (found.stream().noneMatch(c -> new TreeSet<>(c).equals(k))) {
        problems.add("known cycle " + k + " changed or is gone: strike it from the list");
      }
    }
    for (List<String> cycle : found) {
      if (known.contains(new TreeSet<>(cycle))) {
        continue;
      }
      StringBuilder line = new StringBuilder("files in a cycle: ").append(cycle);
      for (String a : cycle) {
        for (String b : edges.get(a)) {
          if (cycle.contains(b)) {
            line.append("\n    ").append(why.get(a + " -> " + b));
          }
        }
      }
      problems.add(line.toString());
    }
    return new ArrayList<>(problems);
  }

  /** A problem when the target's package is not exported to this module by its own module. */
  private Optional<String> foreignPackage(String selfName, String from, JavaClass target) {
    String pkg = target.getPackageName();
    Path root = root(target.getName());
    if (root == null) {
      return Optional.empty();
    }
    Optional<ModuleDescriptor> owner = descriptor(root);
    if (owner.isEmpty()) {
      return pkg.contains(".internal")
          ? Optional.of(from + " uses " + target.getName() + ", an internal class of " + root)
          : Optional.empty();
    }
    for (Exports e : owner.get().exports()) {
      if (e.source().equals(pkg)
          && (!e.isQualified() || (selfName != null && e.targets().contains(selfName)))) {
        return Optional.empty();
      }
    }
    return Optional.of(from + " uses " + target.getName() + ": module " + owner.get().name()
        + " does not export " + pkg + (selfName == null ? "" : " to " + selfName));
  }

  /** The directory or jar the class is loaded from, or null when it is not on the class path. */
  private static Path root(String className) {
    try {
      Class<?> c = Class.forName(className, false, ModuleRules.class.getClassLoader());
      CodeSource source = c.getProtectionDomain().getCodeSource();
      URL location = source == null ? null : source.getLocation();
      return location == null ? null : Path.of(location.toURI());
    } catch (ClassNotFoundException | URISyntaxException e) {
      return null;
    }
  }

  private Optional<ModuleDescriptor> descriptor(Path root) {
    return descriptors.computeIfAbsent(root, ModuleRules::readDescriptor);
  }

  private static Optional<ModuleDescriptor> readDescriptor(Path root) {
    try {
      if (Files.isDirectory(root)) {
        Path info = root.resolve("module-info.class");
        if (!Files.exists(info)) {
          return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(info)) {
          return Optional.of(ModuleDescriptor.read(in));
        }
      }
      try (JarFile jar = new JarFile(root.toFile())) {
        var entry = jar.getEntry("module-info.class");
        if (entry == null) {
          return Optional.empty();
        }
        try (InputStream in = jar.getInputStream(entry)) {
          return Optional.of(ModuleDescriptor.read(in));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the module descriptor of " + root, e);
    }
  }

  /** The file a class is declared in, named by its top-level class. */
  private static String file(JavaClass c) {
    String name = c.getName();
    int nested = name.indexOf('$');
    return nested < 0 ? name : name.substring(0, nested);
  }

  /** The strongly connected components of more than one file (Tarjan's algorithm, iterative). */
  private static List<List<String>> cycles(Map<String, Set<String>> edges) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> found = new ArrayList<>();
    for (String start : edges.keySet()) {
      if (index.containsKey(start)) {
        continue;
      }
      Deque<Map.Entry<String, List<String>>> work = new ArrayDeque<>();
      visit(start, index, low, stack, onStack, work, edges);
      while (!work.isEmpty()) {
        Map.Entry<String, List<String>> top = work.peek();
        String v = top.getKey();
        List<String> pending = top.getValue();
        if (!pending.isEmpty()) {
          String w = pending.remove(pending.size() - 1);
          if (!index.containsKey(w)) {
            visit(w, index, low, stack, onStack, work, edges);
          } else if (onStack.contains(w)) {
            low.put(v, Math.min(low.get(v), index.get(w)));
          }
          continue;
        }
        work.pop();
        if (!work.isEmpty()) {
          String parent = work.peek().getKey();
          low.put(parent, Math.min(low.get(parent), low.get(v)));
        }
        if (low.get(v).equals(index.get(v))) {
          List<String> component = new ArrayList<>();
          String w;
          do {
            w = stack.pop();
            onStack.remove(w);
            component.add(w);
          } while (!w.equals(v));
          if (component.size() > 1) {
            component.sort(null);
            found.add(component);
          }
        }
      }
    }
    return found;
  }

  private static void visit(String v, Map<String, Integer> index, Map<String, Integer> low,
      Deque<String> stack, Set<String> onStack, Deque<Map.Entry<String, List<String>>> work,
      Map<String, Set<String>> edges) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    onStack.add(v);
    work.push(Map.entry(v, new ArrayList<>(edges.getOrDefault(v, Set.of()))));
  }
}
