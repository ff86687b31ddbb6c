package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows read on a thread of their own arrive whole and in order; a failure on either side stops both, and says why. */
class DirectoryAnswersTest {
  private static List<DirectoryRow> rows(int n) {
    List<DirectoryRow> rows = new ArrayList<>();
    for (long id = 0; id < n; id++) {
      rows.add(new DirectoryRow("fs", id, "/p/" + id, 2, id, 2 * id, 0, 0, null, id, 3 * id, 0, 0, null, id, null));
    }
    return rows;
  }

  private static boolean readerAlive() {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("scan2db rows")
        && t.isAlive());
  }

  @Test
  void rowsArriveWholeAndInOrder() throws Exception {
    List<DirectoryRow> rows = rows(10_001);
    List<DirectoryRow> got = new ArrayList<>();
    DirectoryAnswers.<DirectoryRow>inBackground(s -> {
      for (DirectoryRow r : rows) {
        s.accept(r);
      }
    }, got::add);
    assertEquals(rows, got);
    assertFalse(readerAlive());
  }

  @Test
  void aReadFailureReachesTheCaller() {
    List<DirectoryRow> rows = rows(5_000);
    List<DirectoryRow> got = new ArrayList<>();
    SQLException e = assertThrows(SQLException.class, () -> DirectoryAnswers.<DirectoryRow>inBackground(s -> {
      for (DirectoryRow r : rows) {
        s.accept(r);
      }
      throw new SQLException("disk I/O error");
    }, got::add));
    assertEquals("disk I/O error", e.getMessage());
    assertFalse(readerAlive());
  }

  @Test
  void aWriteFailureStopsTheReader() {
    DirectoryRow one = rows(1).get(0);
    IOException e = assertThrows(IOException.class, () -> DirectoryAnswers.<DirectoryRow>inBackground(s -> {
      while (true) {
        s.accept(one);
      }
    }, r -> {
      throw new IOException("Broken pipe");
    }));
    assertEquals("Broken pipe", e.getMessage());
    assertFalse(readerAlive());
  }
}
