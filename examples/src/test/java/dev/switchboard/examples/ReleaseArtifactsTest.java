package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Keeps the published artifacts complete as modules come and go: every module the build
 * publishes is in the BOM, names and describes itself, and has a module descriptor; the parent
 * carries the metadata Maven Central asks for.
 */
class ReleaseArtifactsTest {

  private static final Path ROOT = Path.of("..");

  @Test
  void theBomListsEveryPublishedModule() throws Exception {
    List<String> bom = texts(child(pom(ROOT.resolve("bom")), "dependencyManagement"), "artifactId");

    List<String> published = new ArrayList<>();
    for (Path module : publishedModules()) {
      published.add(artifactId(module));
    }
    published.remove("switchboard-bom");

    assertThat(bom).as("the BOM's artifacts").containsExactlyInAnyOrderElementsOf(published);
  }

  @Test
  void everyPublishedModuleNamesAndDescribesItselfAndIsANamedModule() throws Exception {
    for (Path module : publishedModules()) {
      Element pom = pom(module);
      assertThat(text(pom, "name")).as("name of %s", module).isNotBlank();
      assertThat(text(pom, "description")).as("description of %s", module).isNotBlank();
      boolean hasCode = Files.isDirectory(module.resolve("src/main/java"));
      if (hasCode) {
        assertThat(module.resolve("src/main/java/module-info.java"))
            .as("module descriptor of %s", module).exists();
      } else if (!"pom".equals(text(pom, "packaging"))) {
        assertThat(Files.readString(module.resolve("pom.xml")))
            .as("a jar without code (a starter) still names its module: %s", module)
            .contains("<Automatic-Module-Name>");
      }
    }
  }

  @Test
  void theParentAndTheBomCarryCentralsMetadataAndAFixedBuildTime() throws Exception {
    for (Element pom : List.of(pom(ROOT), pom(ROOT.resolve("bom")))) {
      assertThat(text(pom, "url")).startsWith("https://");
      assertThat(texts(child(pom, "licenses"), "name")).containsExactly("Apache-2.0");
      assertThat(texts(child(pom, "developers"), "name")).isNotEmpty();
      assertThat(text(child(pom, "scm"), "connection")).startsWith("scm:git:");
      assertThat(text(child(pom, "properties"), "project.build.outputTimestamp"))
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }
  }

  /** Modules of the reactor that are deployed: all but those that skip deployment. */
  private static List<Path> publishedModules() throws Exception {
    List<Path> published = new ArrayList<>();
    for (String name : texts(child(pom(ROOT), "modules"), "module")) {
      Path module = ROOT.resolve(name);
      Element properties = child(pom(module), "properties");
      if (properties == null || !"true".equals(text(properties, "maven.deploy.skip"))) {
        published.add(module);
      }
    }
    return published;
  }

  private static String artifactId(Path module) throws Exception {
    return text(pom(module), "artifactId");
  }

  private static Element pom(Path module) throws Exception {
    Path file = module.resolve("pom.xml");
    if (!Files.isRegularFile(file)) {
      throw new IOException("no pom.xml in " + module);
    }
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile())
        .getDocumentElement();
  }

  /** The direct child element of that name, or null. */
  private static Element child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element;
      }
    }
    return null;
  }

  private static String text(Element parent, String name) {
    Element child = child(parent, name);
    return child == null ? null : child.getTextContent().trim();
  }

  /** The text of every descendant element of that name. */
  private static List<String> texts(Element parent, String name) {
    List<String> texts = new ArrayList<>();
    var nodes = parent.getElementsByTagName(name);
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent().trim());
    }
    return texts;
  }
}
