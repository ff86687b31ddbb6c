package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only the text table escapes control characters; CSV quotes as RFC 4180 says; JSON keeps values exact. */
class TableTest {
  private static Table table() {
    Table t = new Table(List.of(Table.Column.text("path", "path"), Table.Column.bytes("total_size_r", "size"),
        Table.Column.number("owner_uid", null)));
    t.add("/a\tb", 2048L, 7L);
    t.add("/c,\"d\"\n", 1L, null);
    t.add("/日本", 0L, 1L);
    return t;
  }

  @Test
  void textEscapesControlsAndAlignsByDisplayWidth() {
    StringWriter s = new StringWriter();
    table().writeText(new PrintWriter(s, true));
    assertEquals(String.join("\n",
        "path" + " ".repeat(9) + "size",
        "/a\\tb" + " ".repeat(5) + "2.0 KiB",
        "/c,\"d\"\\n" + " ".repeat(6) + "1 B",
        "/日本" + " ".repeat(9) + "0 B", ""), s.toString().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void csvQuotesAndKeepsValuesExact() {
    StringWriter s = new StringWriter();
    table().writeDelimited(new PrintWriter(s, true), OutputFormat.CSV);
    assertEquals("path,total_size_r,owner_uid\r\n/a\tb,2048,7\r\n\"/c,\"\"d\"\"\n\",1,\r\n/日本,0,1\r\n",
        s.toString());
  }

  @Test
  void tsvWritesValuesAsStored() {
    StringWriter s = new StringWriter();
    table().writeDelimited(new PrintWriter(s, true), OutputFormat.TSV);
    assertEquals("path\ttotal_size_r\towner_uid\n/a\tb\t2048\t7\n/c,\"d\"\n\t1\t\n/日本\t0\t1\n", s.toString());
  }

  @Test
  void jsonRowsAreKeyedByColumn() throws Exception {
    StringWriter s = new StringWriter();
    try (JsonGenerator j = new JsonFactory().createGenerator(s)) {
      table().writeJsonRows(j);
    }
    assertEquals("[{\"path\":\"/a\\tb\",\"total_size_r\":2048,\"owner_uid\":7},"
        + "{\"path\":\"/c,\\\"d\\\"\\n\",\"total_size_r\":1,\"owner_uid\":null},"
        + "{\"path\":\"/日本\",\"total_size_r\":0,\"owner_uid\":1}]", s.toString());
  }
}
