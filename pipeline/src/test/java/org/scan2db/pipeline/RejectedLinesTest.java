package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;

/** A failed import keeps its rejected lines beside the target, with the database's mode; a later success drops them. */
class RejectedLinesTest {
  @TempDir Path dir;

  @Test
  void aFailedImportKeepsItsRejectedLinesWithTheDatabasesMode() throws Exception {
    Path scan = dir.resolve("20260115_c_fs.list");
    Files.write(scan, List.of(
        "1 1 0  s=4096 a=4 u=1 g=1 p=drwx------ ac=2026-01-01 00:00:00 -- /g",
        "2 1 0  s=1 a=1 u=1 g=1 p=-rw------- ac=2026-01-01 00:00:00 -- /g/a",
        "3 1 0  s=1 a=1 u=1 g=1 p=-rw------- IMMUTABLE ac=2026-01-01 00:00:00 -- /g/tab\there",
        "not a record"), StandardCharsets.UTF_8);
    Path target = dir.resolve("fs.db");
    for (String mode : List.of("0600", "0640")) {
      Imports.Result r = Imports.run("import", "--runner", "direct", "--quiet", "--db", target.toString(), "--mode",
          mode, scan.toString());
      assertEquals(1, r.status(), r.err());
      Path kept = RejectedLines.file(target);
      assertTrue(r.err().contains("Its rejected lines (the first 2) are in " + kept + "."), r.err());
      assertFalse(Files.exists(target));
      assertEquals(List.of("line_number\treason\tline",
          "3\tfield 'IMMUTABLE' is not key=value\t3 1 0  s=1 a=1 u=1 g=1 p=-rw------- IMMUTABLE"
              + " ac=2026-01-01 00:00:00 -- /g/tab\\there",
          "4\ttoo few integers: expected INODE GEN SNAPID before the fields\tnot a record"),
          Files.readAllLines(kept, StandardCharsets.UTF_8));
      assertEquals(mode.equals("0600") ? "rw-------" : "rw-r-----",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
    }
    // Allowed, the import puts its database in place and the earlier failure's lines are gone.
    Imports.Result r = Imports.run("import", "--runner", "direct", "--quiet", "--db", target.toString(),
        "--max-rejected", "100%", scan.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(Files.exists(target));
    assertFalse(Files.exists(RejectedLines.file(target)));
  }
}
