package org.scan2db.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.db.UsageProblem;
import org.scan2db.model.ScanRange.Compression;
import org.scan2db.pipeline.ScanNames;
import org.scan2db.pipeline.generate.ScanGenerator;
import org.tukaani.xz.SeekableFileInputStream;
import org.tukaani.xz.SeekableXZInputStream;

class GenerateCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Scan2db.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  private static byte[] expected(long lines, long seed) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    ScanGenerator.generate(ScanGenerator.Options.of(lines, seed), b);
    return b.toByteArray();
  }

  @Test
  void defaultNameFollowsTheScanNamingScheme() {
    String name = GenerateCommand.defaultName(LocalDate.of(2026, 1, 15), 42, Compression.XZ);
    assertEquals("20260115_synth_gen42.list.all.log.xz", name);
    assertEquals("gen42", ScanNames.filesystem(name));
    assertEquals(LocalDate.of(2026, 1, 15), ScanNames.scanDate(name).orElseThrow());
  }

  @Test
  void writesPlainGzipAndXzIntoADirectory(@TempDir Path tmp) throws IOException {
    byte[] text = expected(6_000, 3);
    assertEquals(0, run("generate", "--lines", "6000", "--seed", "3", "--out", tmp.toString()), err.toString());
    Path plain = tmp.resolve("20260115_synth_gen3.list.all.log");
    assertArrayEquals(text, Files.readAllBytes(plain));
    assertTrue(out.toString().contains(plain.toString()), out.toString());
    assertTrue(err.toString().contains("6,000 lines"), err.toString());

    assertEquals(0, run("generate", "--lines", "6000", "--seed", "3", "--out", tmp.toString(), "--gz", "-q"));
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tmp.resolve(plain.getFileName() + ".gz")))) {
      assertArrayEquals(text, in.readAllBytes());
    }

    Path xz = tmp.resolve("named.xz");
    assertEquals(0, run("generate", "--lines", "6000", "--seed", "3", "--out", xz.toString(), "--xz-block-size",
        "128KiB", "-q"));
    try (SeekableXZInputStream in = new SeekableXZInputStream(new SeekableFileInputStream(xz.toFile()))) {
      assertTrue(in.getBlockCount() > 4, in.getBlockCount() + " blocks");
      assertArrayEquals(text, in.readAllBytes());
    }
  }

  @Test
  void wrongOptionsExitWithTwo(@TempDir Path tmp) {
    assertEquals(2, run("generate", "--lines", "10", "--xz", "--gz", "--out", tmp.toString()));
    assertEquals(2, run("generate", "--lines", "10", "--dirs-fraction", "1.5", "--out", tmp.toString()));
    assertEquals(2, run("generate", "--lines", "10", "--xz-block-size", "lots", "--out", tmp.toString()));
    assertEquals(2, run("generate", "--lines", "10", "--out", tmp.resolve("no/such/dir/x.log").toString()));
    assertEquals(2, run("generate", "--seed", "1"));
  }

  /** Block sizes are written as every SIZE option takes them: K/M/G/KiB powers of 1024, KB/MB/GB powers of 1000. */
  @Test
  void blockSizes() throws UsageProblem {
    assertEquals(16L << 20, GenerateCommand.blockBytes("16MiB"));
    assertEquals(16L << 20, GenerateCommand.blockBytes("16M"));
    assertEquals(64L << 10, GenerateCommand.blockBytes("64k"));
    assertEquals(1_000_000_000L, GenerateCommand.blockBytes("1GB"));
    assertEquals(65_536, GenerateCommand.blockBytes("65536"));
    assertThrows(UsageProblem.class, () -> GenerateCommand.blockBytes("16X"));
    assertThrows(UsageProblem.class, () -> GenerateCommand.blockBytes("-1"));
  }

  /** What the generator says it wrote is what an import finds. */
  @Test
  void importFindsWhatTheGeneratorReports(@TempDir Path tmp) throws IOException, SQLException {
    ScanGenerator.Options o = ScanGenerator.Options.of(3_000, 12).withMalformedRate(2e-3);
    Path scan = tmp.resolve(GenerateCommand.defaultName(o.scanDate(), o.seed(), Compression.PLAIN));
    ScanGenerator.Summary s;
    try (var os = Files.newOutputStream(scan)) {
      s = ScanGenerator.generate(o, os);
    }
    Path db = tmp.resolve("gen.db");
    assertEquals(0, run("import", "--runner", "direct", "--db", db.toString(), "--quiet", scan.toString()),
        err.toString());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT total_lines, header_lines, total_directories, implicit_directories,"
            + " total_files, rejected_lines, filesystem FROM scan_metadata")) {
      assertTrue(rs.next());
      assertEquals(s.lines(), rs.getLong(1));
      assertEquals(s.headerLines(), rs.getLong(2));
      assertEquals(s.directories(), rs.getLong(3));
      assertEquals(s.implicitDirectories(), rs.getLong(4));
      assertEquals(s.fileRecords(), rs.getLong(5));
      assertEquals(s.malformedLines(), rs.getLong(6));
      assertEquals("gen12", rs.getString(7));
    }
  }

  /** A generated scan under any name imports as it is: its header states the CURRENT_TIMESTAMP mmapplypolicy does. */
  @Test
  void aGeneratedScanCarriesItsDate(@TempDir Path tmp) throws IOException {
    Path scan = tmp.resolve("s.list");
    Imports.Result g = Imports.run("generate", "--lines", "2000", "--scan-date", "2026-02-03", "--out",
        scan.toString());
    assertEquals(0, g.status(), g.err());
    assertTrue(Files.readAllLines(scan).get(0).startsWith(
        "[I] 2026-02-03@01:30:00.000 Evaluating policy rules with CURRENT_TIMESTAMP = 2026-02-03@01:30:00 UTC"));
    Imports.Result r = Imports.run("import", scan.toString(), "--out-dir", tmp.toString(), "--runner", "direct",
        "--quiet");
    assertEquals(0, r.status(), r.err());
    Imports.Result summary = Imports.run("summary", tmp.resolve("s.db").toString(), "--format", "tsv", "--part",
        "scan");
    assertTrue(summary.out().contains("2026-02-03"), summary.out());
  }
}
