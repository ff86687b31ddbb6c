package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scan2db.cli.Imports;

/** Writes reports as a user would and reads their data back out of the page. */
final class Reports {
  static final String DATA_OPEN = "<script type=\"application/json\" id=\"scan2db-data\">";
  static final ObjectMapper JSON = new ObjectMapper();

  private Reports() {}

  /** Runs {@code scan2db report ARGS --out FILE} and returns the page. */
  static String write(Path file, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("report", "--out", file.toString()));
    all.addAll(List.of(args));
    Imports.Result r = Imports.run(all.toArray(String[]::new));
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("scan2db: wrote " + file), r.out());
    return Files.readString(file);
  }

  /** The JSON block: from its opening tag to the first {@code </script} after it, as an HTML parser ends it. */
  static JsonNode data(String page) throws IOException {
    int from = page.indexOf(DATA_OPEN);
    assertTrue(from > 0, "no data block");
    from += DATA_OPEN.length();
    return JSON.readTree(page.substring(from, page.indexOf("</script", from)));
  }

  /** Checks that each box's children add up to it exactly, and returns the boxes, depth first. */
  static List<JsonNode> boxes(JsonNode box) {
    List<JsonNode> all = new ArrayList<>();
    collect(box, all);
    return all;
  }

  private static void collect(JsonNode box, List<JsonNode> all) {
    all.add(box);
    if (box.has("ch")) {
      long bytes = 0;
      long files = 0;
      for (JsonNode c : box.get("ch")) {
        bytes += c.get("v").asLong();
        files += c.get("c").asLong();
        collect(c, all);
      }
      assertEquals(box.get("v").asLong(), bytes, () -> "bytes of the children of " + box.get("n"));
      assertEquals(box.get("c").asLong(), files, () -> "files of the children of " + box.get("n"));
    }
  }
}
