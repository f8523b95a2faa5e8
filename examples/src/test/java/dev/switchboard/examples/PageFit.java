package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.examples.adapters.webchat.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Whether a page lays out at a laptop's 1280 px and a phone's 375 px, measured in headless
 * Chromium from the page itself: no sideways scrolling of the page (wide tables scroll in their
 * own box), and every chart's canvas inside its figure, with every {@code details} opened too.
 */
final class PageFit {

  /** The widths every page must fit: a 1280 px screen and a phone's 375 px. */
  static final List<Integer> WIDTHS = List.of(1280, 375);

  /**
   * Measures once {@code ready} (a script expression) is true: the page's scroll width and
   * window width, and each chart's canvas and figure edges, before and after opening every
   * {@code details} element (charts in a closed one are sized when drawn, from their card).
   */
  private static final String MEASURE = """
      (async () => {
        for (let i = 0; i < 300 && !(%s); i++) {
          await new Promise(r => setTimeout(r, 100));
        }
        if (!(%s)) throw new Error('the page did not finish drawing');
        const page = () => ({inner: window.innerWidth,
          scroll: document.documentElement.scrollWidth});
        const before = page();
        document.querySelectorAll('details').forEach(d => { d.open = true; });
        await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        const charts = [...document.querySelectorAll('figure.chart')].map(f => {
          const c = f.querySelector('canvas');
          const fr = f.getBoundingClientRect();
          const cr = c ? c.getBoundingClientRect() : null;
          return {id: f.id, canvas: !!c, figLeft: fr.left, figRight: fr.right,
            left: cr ? cr.left : 0, right: cr ? cr.right : 0, width: cr ? cr.width : 0};
        });
        return JSON.stringify({before: before, after: page(), charts: charts});
      })()""";

  private PageFit() {}

  /**
   * Loads {@code url} at each of {@link #WIDTHS} and asserts that it fits; {@code ready} says
   * when the page has drawn. Returns how many charts were measured at the last width.
   */
  static int assertFits(Path profile, String url, String ready) throws Exception {
    int charts = 0;
    for (int width : WIDTHS) {
      // a fresh profile each time: an old one's DevToolsActivePort names a browser now gone
      Path run = Files.createTempDirectory(profile, "fit-" + width + "-");
      try (HeadlessChromium browser = new HeadlessChromium(run, "about:blank")) {
        browser.open(url, width, 800);
        JsonNode m = new ObjectMapper().readTree(browser.evaluate(
            MEASURE.formatted(ready, ready), Duration.ofSeconds(60)));
        String at = url + " at " + width + " px";
        assertThat(m.get("before").get("inner").asInt()).as("window width, %s", at)
            .isEqualTo(width);
        assertThat(m.get("before").get("scroll").asInt()).as("page scroll width, %s", at)
            .isLessThanOrEqualTo(width);
        assertThat(m.get("after").get("scroll").asInt())
            .as("page scroll width with every details open, %s", at).isLessThanOrEqualTo(width);
        charts = 0;
        for (JsonNode c : m.get("charts")) {
          String id = c.get("id").asText() + ", " + at;
          assertThat(c.get("canvas").asBoolean()).as("uPlot drew %s", id).isTrue();
          assertThat(c.get("width").asDouble()).as("canvas width of %s", id).isPositive();
          assertThat(c.get("left").asDouble()).as("canvas left edge of %s", id)
              .isGreaterThanOrEqualTo(c.get("figLeft").asDouble() - 0.5);
          assertThat(c.get("right").asDouble()).as("canvas right edge of %s", id)
              .isLessThanOrEqualTo(c.get("figRight").asDouble() + 0.5);
          assertThat(c.get("figRight").asDouble()).as("figure right edge of %s", id)
              .isLessThanOrEqualTo(width + 0.5);
          charts++;
        }
      }
    }
    return charts;
  }
}
