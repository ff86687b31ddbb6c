package org.scan2db.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseWriterTest {
  /** The index sorts' temporary files go beside the database, not to /tmp; a quote in the path stays one. */
  @Test
  void sqliteTemporaryFilesGoBesideTheDatabase(@TempDir Path dir) throws Exception {
    assumeTrue(System.getenv("SQLITE_TMPDIR") == null, "SQLITE_TMPDIR decides where they go");
    for (Path d : new Path[] {dir, Files.createDirectory(dir.resolve("it's here"))}) {
      try (Connection c = DatabaseWriter.openForBulkWrite(d.resolve("x.db"));
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("PRAGMA temp_store_directory")) {
        rs.next();
        assertEquals(d.toString(), rs.getString(1));
      }
    }
  }
}
