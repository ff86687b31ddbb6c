package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Only the text table escapes control characters, puts figures first and the path last, and groups thousands; CSV
 * quotes as RFC 4180 says; JSON keeps values exact; a streamed table writes what the whole one writes.
 */
class TableTest {
  private static Table table() {
    Table t = new Table(List.of(Table.Column.path("path", "path"), Table.Column.text("owner", "owner"),
        Table.Column.bytes("total_size_r", "size"), Table.Column.count("file_count_r", "files"),
        Table.Column.number("owner_uid", null)));
    t.add("/a\tb", "日本", 2048L, 1234567L, 7L);
    t.add("/c,\"d\"\n", "bob", 1L, 0L, null);
    t.add("/日本", "x", 0L, 1000L, 1L);
    return t;
  }

  @Test
  void textPutsFiguresFirstEscapesControlsAndAlignsByDisplayWidth() {
    StringWriter s = new StringWriter();
    table().writeText(new PrintWriter(s, true));
    assertEquals(String.join("\n",
        "   size      files  owner  path",
        "2.0 KiB  1,234,567  日本   /a\\tb",
        "    1 B          0  bob    /c,\"d\"\\n",
        "    0 B      1,000  x      /日本", ""), s.toString().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void csvQuotesAndKeepsValuesExact() {
    StringWriter s = new StringWriter();
    table().writeDelimited(new PrintWriter(s, true), OutputFormat.CSV);
    assertEquals("path,owner,total_size_r,file_count_r,owner_uid\r\n/a\tb,日本,2048,1234567,7\r\n"
        + "\"/c,\"\"d\"\"\n\",bob,1,0,\r\n/日本,x,0,1000,1\r\n", s.toString());
  }

  @Test
  void tsvWritesValuesAsStored() {
    StringWriter s = new StringWriter();
    table().writeDelimited(new PrintWriter(s, true), OutputFormat.TSV);
    assertEquals("path\towner\ttotal_size_r\tfile_count_r\towner_uid\n/a\tb\t日本\t2048\t1234567\t7\n"
        + "/c,\"d\"\n\tbob\t1\t0\t\n/日本\tx\t0\t1000\t1\n", s.toString());
  }

  @Test
  void jsonRowsAreKeyedByColumn() throws Exception {
    StringWriter s = new StringWriter();
    try (JsonGenerator j = new JsonFactory().createGenerator(s)) {
      table().writeJsonRows(j);
    }
    assertEquals("[{\"path\":\"/a\\tb\",\"owner\":\"日本\",\"total_size_r\":2048,\"file_count_r\":1234567,"
        + "\"owner_uid\":7},{\"path\":\"/c,\\\"d\\\"\\n\",\"owner\":\"bob\",\"total_size_r\":1,\"file_count_r\":0,"
        + "\"owner_uid\":null},{\"path\":\"/日本\",\"owner\":\"x\",\"total_size_r\":0,\"file_count_r\":1000,"
        + "\"owner_uid\":1}]", s.toString());
  }

  /** An owner with a name shows it and its id once; one without shows the id once, not twice. */
  @Test
  void accountsShowTheirIdOnce() {
    assertEquals("alice (1001)", Table.Column.accountText(1001L, "alice"));
    assertEquals("2831", Table.Column.accountText(2831L, "2831"));
    Table t = new Table(List.of(Table.Column.number("owner_uid", null), Table.Column.text("owner", null),
        Table.Column.bytes("total_size", "size"), Table.Column.account("owner"),
        Table.Column.signedCount("delta", "files")));
    t.add(2831L, "2831", 5L, Table.Column.accountText(2831L, "2831"), -12345L);
    t.add(1001L, "alice", 6L, Table.Column.accountText(1001L, "alice"), 2000L);
    StringWriter text = new StringWriter();
    t.writeText(new PrintWriter(text, true));
    assertEquals(String.join("\n", "size  owner           files", " 5 B  2831          -12,345",
        " 6 B  alice (1001)   +2,000", ""),
        text.toString().replace(System.lineSeparator(), "\n"));
    StringWriter tsv = new StringWriter();
    t.writeDelimited(new PrintWriter(tsv, true), OutputFormat.TSV);
    assertEquals("owner_uid\towner\ttotal_size\tdelta\n2831\t2831\t5\t-12345\n1001\talice\t6\t2000\n", tsv.toString());
  }

  /** Streamed, every format writes what the table writes; a text table takes its widths from its first rows. */
  @Test
  void streamedRowsAreTheTablesRows() throws Exception {
    List<Object[]> rows = new ArrayList<>();
    for (long i = 0; i < 2500; i++) {
      rows.add(new Object[] {"/p/" + i, "u" + (i % 7), i * i * 1000, 10 * i, i % 3 == 0 ? null : i});
    }
    for (OutputFormat f : List.of(OutputFormat.CSV, OutputFormat.TSV, OutputFormat.JSON)) {
      Table whole = emptyTable();
      rows.forEach(whole::add);
      StringWriter a = new StringWriter();
      StringWriter b = new StringWriter();
      if (f == OutputFormat.JSON) {
        try (JsonGenerator j = new JsonFactory().createGenerator(a)) {
          whole.writeJsonRows(j);
        }
        try (JsonGenerator j = new JsonFactory().createGenerator(b)) {
          emptyTable().<Object[]>stream(f, null, j, sink -> {
            for (Object[] r : rows) {
              sink.accept(r);
            }
          }, r -> r);
        }
      } else {
        whole.writeDelimited(new PrintWriter(a, true), f);
        PrintWriter pb = new PrintWriter(b, true);
        assertEquals(2500, emptyTable().<Object[]>stream(f, pb, null, sink -> {
          for (Object[] r : rows) {
            sink.accept(r);
          }
        }, r -> r));
        pb.flush();
      }
      assertEquals(a.toString(), b.toString(), f.toString());
    }
    // The text table: the first 1,000 rows set the widths; later, wider cells widen only their own line.
    StringWriter text = new StringWriter();
    PrintWriter pt = new PrintWriter(text, true);
    emptyTable().<Object[]>stream(OutputFormat.TABLE, pt, null, sink -> {
      for (Object[] r : rows) {
        sink.accept(r);
      }
    }, r -> r);
    pt.flush();
    List<String> lines = text.toString().lines().toList();
    assertEquals(2501, lines.size());
    assertEquals("    size  files  owner  path", lines.get(0));
    assertEquals(" 952 MiB  9,990  u5     /p/999", lines.get(1000));
    assertEquals(" 954 MiB  10,000  u6     /p/1000", lines.get(1001));
    assertEquals(0, emptyTable().<Object[]>stream(OutputFormat.TABLE, pt, null, sink -> { }, r -> r));
  }

  private static Table emptyTable() {
    return new Table(List.of(Table.Column.path("path", "path"), Table.Column.text("owner", "owner"),
        Table.Column.bytes("total_size_r", "size"), Table.Column.count("file_count_r", "files"),
        Table.Column.number("owner_uid", null)));
  }
}
