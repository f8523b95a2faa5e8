package dev.switchboard.examples.adapters.email;

import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The readable text of an HTML mail body, in time linear in its length: jsoup's HTML5 parser
 * (which never backtracks, and keeps at most {@value #MAX_DEPTH} elements open, so scope searches
 * stay short however deeply the input nests), then one walk over the tree. Script and style
 * content is left out, block elements and {@code <br>} become line breaks (a blank line between
 * paragraphs), entities are decoded (no-break spaces become spaces), and runs of blank lines are
 * collapsed. The caller bounds the input's length (the message size
 * limit); the text is cut at {@code maxChars}.
 */
final class Html {

  static final int MAX_DEPTH = 256;

  private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote",
      "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
      "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
      "table", "tr", "ul");

  private Html() {}

  /** The text of {@code html}, at most {@code maxChars} characters long. */
  static String text(String html, int maxChars) {
    Parser parser = Parser.htmlParser().setMaxDepth(MAX_DEPTH).setTrackErrors(0);
    Document doc = parser.parseInput(html, "");
    StringBuilder out = new StringBuilder();
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (out.length() > maxChars) {
          return;
        }
        if (node instanceof TextNode t) {
          out.append(t.text());
        } else if (node instanceof Element e && ("br".equals(e.normalName())
            || BLOCKS.contains(e.normalName()))) {
          out.append('\n');
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
          out.append('\n');
        }
      }
    }, doc.body());
    return tidy(out, maxChars);
  }

  /** Strips each line, keeps at most one blank line in a row, and cuts at {@code maxChars}. */
  private static String tidy(CharSequence raw, int maxChars) {
    StringBuilder out = new StringBuilder();
    int blank = 0;
    int start = 0;
    for (int i = 0; i <= raw.length() && out.length() <= maxChars; i++) {
      if (i == raw.length() || raw.charAt(i) == '\n') {
        String line = raw.subSequence(start, i).toString().replace('\u00a0', ' ').strip();
        start = i + 1;
        if (line.isEmpty()) {
          blank++;
          continue;
        }
        if (out.length() > 0) {
          out.append(blank > 0 ? "\n\n" : "\n");
        }
        blank = 0;
        out.append(line);
      }
    }
    return out.length() > maxChars ? out.substring(0, maxChars) : out.toString();
  }
}
