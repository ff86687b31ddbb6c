package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.db.UsageProblem;

class CheckRulesTest {
  @TempDir Path dir;

  @Test
  void eachFormParses() throws UsageProblem {
    CheckRules.Rule o = CheckRules.parse("owner-over alice 10T", "r:1");
    assertEquals(new CheckRules.Rule("r:1", "owner-over alice 10T", CheckRules.Kind.OWNER_OVER, "alice", null,
        10L << 40, null, null), o);
    CheckRules.Rule g = CheckRules.parse("  growth\t2.5%  owner 1001 /gpfs/x/my data  ", "r:2");
    assertEquals(new CheckRules.Rule("r:2", "growth\t2.5%  owner 1001 /gpfs/x/my data", CheckRules.Kind.GROWTH,
        "1001", "/gpfs/x/my data", 0, 2.5, null), g);
    assertEquals(1L << 40, CheckRules.parse("growth 1T", "r").limit());
    // Exact beyond a double's 53 bits: 8 PiB and one byte.
    assertEquals((8L << 50) + 1, CheckRules.parse("owner-over a " + ((8L << 50) + 1), "r").limit());
    assertEquals("/a", CheckRules.parse("growth 10% /a/", "r").path());
    CheckRules.Rule f = CheckRules.parse("files-over 10K /gpfs/x", "r");
    assertEquals(10_000, f.limit());
    assertEquals("/gpfs/x", f.path());
    CheckRules.Rule c = CheckRules.parse("cold-over 3y 500G", "r");
    assertEquals("3y", c.when());
    assertEquals(500L << 30, c.limit());
    assertEquals(null, c.path());
  }

  @Test
  void errorsNameTheLineAndTheForm() throws IOException {
    Path rules = dir.resolve("fs1.rules");
    Files.write(rules, List.of("# weekly", "", "owner-over alice 10T", "growth ten% /gpfs/x"));
    UsageProblem e = assertThrows(UsageProblem.class, () -> CheckRules.read(rules));
    assertEquals(rules + ":4: growth ten% is not a percentage: write a number and %, e.g. 10%.", e.getMessage());
    assertEquals("r:7: 'ownr-over alice 1T' is no rule: a rule starts with owner-over, growth, files-over or"
        + " cold-over (see scan2db check --help).", assertThrows(UsageProblem.class,
            () -> CheckRules.parse("ownr-over alice 1T", "r:7")).getMessage());
    assertEquals("r: 'owner-over alice' is not owner-over OWNER SIZE [PATH].", assertThrows(UsageProblem.class,
        () -> CheckRules.parse("owner-over alice", "r")).getMessage());
    assertEquals("r: 'files-over 10 x' is not files-over N [PATH] (a path starts with /).",
        assertThrows(UsageProblem.class, () -> CheckRules.parse("files-over 10 x", "r")).getMessage());
    assertEquals("r: 'growth 1T user bob' is not growth LIMIT [owner OWNER] [PATH], LIMIT being N% or a size.",
        assertThrows(UsageProblem.class, () -> CheckRules.parse("growth 1T user bob", "r")).getMessage());
    assertThrows(UsageProblem.class, () -> CheckRules.parse("cold-over soon 1T", "r"));
    assertThrows(UsageProblem.class, () -> CheckRules.parse("owner-over alice lots", "r"));
    assertThrows(UsageProblem.class, () -> CheckRules.parse("files-over many", "r"));
    UsageProblem missing = assertThrows(UsageProblem.class, () -> CheckRules.read(dir.resolve("none")));
    assertEquals("--rules " + dir.resolve("none") + ": no such file; give the path of a rules file.",
        missing.getMessage());
  }

  @Test
  void blankLinesAndCommentsAreSkippedAndLinesCounted() throws IOException, UsageProblem {
    Path rules = dir.resolve("r");
    Files.write(rules, List.of("# a comment", "   ", "files-over 5", "  # another", "cold-over 1y 1G /p"));
    List<CheckRules.Rule> read = CheckRules.read(rules);
    assertEquals(List.of(rules + ":3", rules + ":5"), read.stream().map(CheckRules.Rule::source).toList());
  }
}
