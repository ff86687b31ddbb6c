package org.scan2db.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.server.Reply;

/**
 * What the read commands say of a scan imported with {@code --apparent-size}: every JSON answer carries
 * {@code size_basis}, the text answers say the bytes are apparent sizes, and scans whose bytes count different
 * things are not compared as if they counted the same (diff refuses, history gives no change in bytes). Two weeks of
 * a small hand-written list whose figures are checked by hand: a sparse file of 1,000,000 bytes with no block
 * allocated, so its apparent and allocated figures differ.
 */
class ApparentSizeReadTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  /** Both weeks imported with --apparent-size. */
  static Path apparent;
  /** The first week with --apparent-size, the second without. */
  static Path mixed;

  private static final String WEEK1 = String.join("\n",
      "1 1 0  s=4096 a=4 u=1000 g=100 p=drwxr-xr-x ac=2026-02-01 10:00:00 -- /gpfs/fsx",
      "2 1 0  s=1000000 a=0 u=1000 g=100 p=-rw-r--r-- ac=2023-01-01 10:00:00 -- /gpfs/fsx/p/sparse",
      "3 1 0  s=2048 a=2 u=2000 g=100 p=-rw-r--r-- ac=2026-02-20 10:00:00 -- /gpfs/fsx/q/small", "");
  /** A week later /gpfs/fsx/p holds one more file: 5,000 bytes in 8 KiB. */
  private static final String WEEK2 = WEEK1
      + "4 1 0  s=5000 a=8 u=1000 g=100 p=-rw-r--r-- ac=2026-03-05 10:00:00 -- /gpfs/fsx/p/more\n";

  @BeforeAll
  static void importTwoWeeks() throws Exception {
    Path scans = Files.createDirectories(dir.resolve("scans"));
    Path w1 = Files.writeString(scans.resolve("20260301_site_fsx.list.all"), WEEK1);
    Path w2 = Files.writeString(scans.resolve("20260308_site_fsx.list.all"), WEEK2);
    apparent = dir.resolve("apparent");
    mixed = dir.resolve("mixed");
    for (Path w : List.of(w1, w2)) {
      Imports.importOn("direct", "--data-dir", apparent.toString(), "--apparent-size", w.toString());
    }
    Imports.importOn("direct", "--data-dir", mixed.toString(), "--apparent-size", w1.toString());
    Imports.importOn("direct", "--data-dir", mixed.toString(), w2.toString());
  }

  private static Imports.Result ok(String... args) {
    Imports.Result r = Imports.run(args);
    assertEquals(0, r.status(), String.join(" ", args) + ": " + r.err());
    return r;
  }

  private static JsonNode json(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--format", "json"));
    return JSON.readTree(ok(all.toArray(String[]::new)).out());
  }

  private static String newest() {
    return apparent.resolve("fsx").resolve("2026-03-08.db").toString();
  }

  /** Every read command's JSON names what its bytes count, as the other scans' answers do (allocated). */
  @Test
  void everyReadCommandsJsonCarriesTheBasis() throws Exception {
    String d = apparent.toString();
    Map<String, String[]> perScan = new LinkedHashMap<>();
    perScan.put("query", new String[] {"query", newest(), "-n", "0"});
    perScan.put("du", new String[] {"du", "--db", newest(), "/gpfs/fsx"});
    perScan.put("analyze", new String[] {"analyze", newest()});
    perScan.put("summary", new String[] {"summary", newest()});
    perScan.put("owners", new String[] {"owners", newest()});
    perScan.put("cold", new String[] {"cold", newest(), "--accessed-before", "1y"});
    perScan.put("files", new String[] {"files", newest(), "--largest"});
    for (Map.Entry<String, String[]> e : perScan.entrySet()) {
      JsonNode j = json(e.getValue());
      assertEquals("apparent", j.path("size_basis").path("fsx").asText(), e.getKey() + ": " + j);
    }
    JsonNode diff = json("diff", "fsx@2026-03-01", "fsx", "--data-dir", d);
    assertEquals(List.of("apparent", "apparent"), List.of(diff.path("old").path("size_basis").asText(),
        diff.path("new").path("size_basis").asText()), diff.toString());
    JsonNode history = json("history", "fsx", "--data-dir", d);
    assertEquals("apparent", history.path("size_basis").asText(), history.toString());
    for (JsonNode r : history.get("rows")) {
      assertEquals("apparent", r.path("size_basis").asText(), r.toString());
    }
    for (JsonNode r : json("catalog", d).get("rows")) {
      assertEquals("apparent", r.path("size_basis").asText(), r.toString());
    }
    JsonNode check = json("check", "fsx", "--data-dir", d, "--rule", "growth 1G");
    assertEquals("apparent", check.path("size_basis").asText(), check.toString());
    Path page = dir.resolve("fsx.html");
    ok("report", newest(), "--out", page.toString());
    assertTrue(Files.readString(page).contains("\"size_basis\":\"apparent\""));
    // serve answers each command's JSON: the basis is there too, and an allocated scan says so.
    ServedCommands served = new ServedCommands(apparent, 100);
    for (String endpoint : List.of("query", "du", "analyze", "summary", "owners", "files")) {
      Map<String, List<String>> p = new LinkedHashMap<>();
      p.put("target", List.of("fsx"));
      if (endpoint.equals("du")) {
        p.put("path", List.of("/gpfs/fsx"));
      } else if (endpoint.equals("files")) {
        p.put("largest", List.of("true"));
      }
      Reply r = served.answer(endpoint, p);
      assertEquals(200, r.status(), endpoint + ": " + r.body());
      assertEquals("apparent", JSON.readTree(r.body()).path("size_basis").path("fsx").asText(), endpoint);
    }
    // metrics: an apparent scan's bytes in families of their own, never summed with allocated bytes.
    String metrics = ok("metrics", newest()).out();
    assertTrue(metrics.contains("scan2db_apparent_bytes{filesystem=\"fsx\"} 1007048"), metrics);
    assertTrue(metrics.contains("scan2db_owner_apparent_bytes{filesystem=\"fsx\",uid=\"1000\""), metrics);
    assertFalse(metrics.contains("allocated_bytes") || metrics.contains("scan2db_owner_not_read_bytes"), metrics);
    String allocated = mixed.resolve("fsx").resolve("2026-03-08.db").toString();
    assertTrue(ok("metrics", allocated).out().contains("scan2db_allocated_bytes{filesystem=\"fsx\"} 10240"));
    assertEquals("allocated", json("query", allocated).path("size_basis").path("fsx").asText());
  }

  /** The figures are the files' sizes, and the text answers say so beside the scan's date. */
  @Test
  void theBytesAreSizesAndTheTextSaysSo() throws Exception {
    JsonNode q = json("query", newest(), "-n", "0");
    List<String> rows = new ArrayList<>();
    for (JsonNode r : q.get("rows")) {
      rows.add(r.get("path").asText() + " " + r.get("total_size_r") + " " + r.get("apparent_size_r"));
    }
    // 1,000,000 + 2,048 + 5,000; allocated it would be 0 + 2,048 + 8,192.
    assertEquals(List.of("/gpfs/fsx 1007048 1007048", "/gpfs/fsx/p 1005000 1005000", "/gpfs/fsx/q 2048 2048"),
        rows);
    String note = "fsx: scan of 2026-03-08; its bytes are apparent sizes (each file's length, imported with"
        + " --apparent-size), not allocated bytes";
    for (String[] args : List.of(new String[] {"query", newest()}, new String[] {"du", "--db", newest(), "/gpfs/fsx"},
        new String[] {"analyze", newest()}, new String[] {"summary", newest()}, new String[] {"owners", newest()},
        new String[] {"files", newest(), "--largest"})) {
      String text = ok(args).out();
      assertTrue(text.contains(note), args[0] + ": " + text);
    }
    assertFalse(ok("query", mixed.resolve("fsx").resolve("2026-03-08.db").toString()).out().contains("apparent"
        + " sizes"), "an allocated scan's answer is as it always was");
    assertTrue(ok("catalog", apparent.toString()).out().contains("apparent"));
    assertTrue(ok("diff", "fsx@2026-03-01", "fsx", "--data-dir", apparent.toString()).out()
        .contains("Both scans' bytes are apparent sizes"));
  }

  /** Scans whose bytes count different things: diff refuses unless forced, history gives no change in bytes. */
  @Test
  void scansOfDifferentBasesAreNotComparedAsIfTheyWereAlike() throws Exception {
    String d = mixed.toString();
    Imports.Result r = Imports.run("diff", "fsx@2026-03-01", "fsx", "--data-dir", d);
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("the bytes of OLD (scan of 2026-03-01) are apparent and those of NEW (scan of"
        + " 2026-03-08) allocated") && r.err().contains("import both scans the same way"), r.err());
    Imports.Result report = Imports.run("report", mixed.resolve("fsx").resolve("2026-03-01.db").toString(),
        mixed.resolve("fsx").resolve("2026-03-08.db").toString(), "--out", dir.resolve("mixed.html").toString());
    assertEquals(2, report.status(), "report's growth is such a diff: " + report.err());
    Imports.Result forced = ok("diff", "fsx@2026-03-01", "fsx", "--data-dir", d, "--force");
    assertTrue(forced.out().contains("OLD's bytes are apparent sizes"), forced.out());
    JsonNode h = json("history", "fsx", "--data-dir", d);
    JsonNode second = h.get("rows").get(1);
    assertEquals("allocated", second.get("size_basis").asText());
    assertEquals(10240, second.get("total_size").asLong(), "2,048 + 8,192 allocated");
    assertTrue(second.get("delta_total_size").isNull(), second.toString());
    assertEquals(1, second.get("delta_total_files").asLong(), "counts still compare");
    assertTrue(h.get("projection").isNull(), "no line through bytes of two kinds");
    assertTrue(ok("history", "fsx", "--data-dir", d).out().contains("no change in bytes is given between scans"));
    // check's growth rule would fire on 1 byte of growth, but sizes against allocations are not growth.
    Imports.Result check = ok("check", "fsx", "--data-dir", d, "--rule", "growth 1");
    assertTrue(check.out().contains("1 growth rule not checked, the bytes of the scan of 2026-03-01 are apparent and"
        + " those of 2026-03-08 allocated"), check.out());
  }
}
