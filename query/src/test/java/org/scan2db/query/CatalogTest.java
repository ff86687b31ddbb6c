package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.db.UsageProblem;

/** The catalog's layout: where a scan is filed, what counts as a scan of it, and NAME@DATE. */
class CatalogTest {
  @TempDir Path dir;

  private Path touch(String relative) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, "");
  }

  @Test
  void filesAScanByFilesystemAndDateInPrivateDirectories() throws Exception {
    Path root = dir.resolve("new");
    Path file = Catalog.prepare(root, "fs1", LocalDate.of(2026, 3, 8));
    assertEquals(root.resolve("fs1").resolve("2026-03-08.db"), file);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
    for (String bad : List.of("", ".", "..", "a/b")) {
      assertThrows(UsageProblem.class, () -> Catalog.fileOf(dir, bad, LocalDate.of(2026, 3, 8)), bad);
    }
  }

  @Test
  void readsOnlyTheNamesTheLayoutGivesNewestFirst() throws Exception {
    touch("fs1/2026-03-01.db");
    touch("fs1/2026-03-15.db");
    touch("fs1/2026-03-08.db");
    touch("fs1/.2026-03-22.db.tmp-1234abcd"); // an import's temporary file
    touch("fs1/2026-02-30.db"); // no such day
    touch("fs1/notes.db");
    touch("fs2/2025-12-31.db");
    touch("flat.db");
    Files.createDirectories(dir.resolve("empty"));
    Catalog c = Catalog.read(dir);
    assertEquals(List.of("fs1", "fs2"), c.filesystems());
    assertEquals(List.of(LocalDate.of(2026, 3, 15), LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 1)),
        c.scans("fs1").stream().map(Catalog.Entry::scanDate).toList());
    assertEquals(dir.resolve("fs1/2026-03-15.db"), c.newest("fs1").orElseThrow().file());
    assertEquals(dir.resolve("fs1/2026-03-08.db"), c.at("fs1", LocalDate.of(2026, 3, 8)).orElseThrow().file());
    assertTrue(c.at("fs1", LocalDate.of(2026, 3, 9)).isEmpty());
    assertTrue(c.scans("none").isEmpty());
    assertTrue(Catalog.read(dir.resolve("missing")).filesystems().isEmpty());
  }

  @Test
  void aDatedTargetSplitsAtItsLastAt() throws Exception {
    assertEquals(Optional.of(new Catalog.Dated("fs1", LocalDate.of(2026, 3, 8))),
        Catalog.Dated.parse("fs1@2026-03-08"));
    assertEquals(Optional.of(new Catalog.Dated("a@b", LocalDate.of(2026, 3, 8))),
        Catalog.Dated.parse("a@b@2026-03-08"));
    assertEquals(Optional.empty(), Catalog.Dated.parse("fs1"));
    assertEquals(Optional.empty(), Catalog.Dated.parse("dir/x@2026-03-08"));
    assertEquals(Optional.empty(), Catalog.Dated.parse("@2026-03-08"));
    UsageProblem e = assertThrows(UsageProblem.class, () -> Catalog.Dated.parse("fs1@last-week"));
    assertEquals("'last-week' in fs1@last-week is not a date: write NAME@YYYY-MM-DD.", e.getMessage());
  }
}
