package org.scan2db.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressFilesTest {
  @TempDir Path dir;

  @Test
  void writersKeepTheirLatestValue() {
    ProgressFiles.Writer a = ProgressFiles.writer(dir.toString(), "read-0-0");
    ProgressFiles.Writer b = ProgressFiles.writer(dir.toString(), "write-0");
    a.update("10");
    a.update("20"); // within the rate limit: written only by finish()
    b.update("indexes");
    assertEquals(Map.of("read-0-0", "10", "write-0", "indexes"), ProgressFiles.read(dir));
    a.finish();
    assertEquals("20", ProgressFiles.read(dir).get("read-0-0"));
  }

  @Test
  void withoutADirectoryNothingIsWritten() {
    ProgressFiles.Writer w = ProgressFiles.writer(null, "read-0-0");
    w.update("1");
    w.finish();
    assertEquals(Map.of(), ProgressFiles.read(dir));
  }

  @Test
  void deleteRemovesTheDirectory() throws Exception {
    Path p = Files.createDirectories(dir.resolve("p"));
    ProgressFiles.writer(p.toString(), "x").update("1");
    ProgressFiles.delete(p);
    assertFalse(Files.exists(p));
    assertEquals(Map.of(), ProgressFiles.read(p));
  }
}
