package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.db.UsageProblem;

/**
 * {@code du --cold}'s column: each directory's bytes whose access age is the age or more, on generated scans against
 * a walk over every file under the directory, at every age the report's {@code --cold} takes.
 */
class NotReadSinceTest {
  private static final LocalDate SCAN = LocalDate.of(2026, 3, 1);

  @TempDir Path dir;

  private static long days(String age) {
    int n = Integer.parseInt(age.substring(0, age.length() - 1));
    return switch (age.charAt(age.length() - 1)) {
      case 'y' -> 365L * n;
      case 'm' -> 30L * n;
      default -> n;
    };
  }

  @Test
  void everyDirectoryAtEveryAgeMatchesAWalkOverItsFiles() throws Exception {
    for (long seed = 31; seed <= 33; seed++) {
      TestScan s = TestScan.random(seed, 400, 4, SCAN);
      Path db = s.write(dir.resolve("fs1-" + seed + ".db"));
      try (OpenScans scans = OpenScans.open(List.of(db))) {
        // Every directory of the scan, as du's rows: the subtree of each is its id range.
        List<DirectoryRow> rows = DirectoryAnswers.rows(scans, DirectoryQuestion.du("/gpfs/fs1", 99, 2));
        assertEquals(s.preorder().size(), rows.size(), "every directory");
        for (String age : org.scan2db.query.report.HtmlReport.coldAges()) {
          Answer.ColdColumn cold = NotReadSince.of(scans, rows, age);
          for (DirectoryRow r : rows) {
            long expected = s.filesUnder(r.path()).stream()
                .filter(f -> ChronoUnit.DAYS.between(f.atime(), SCAN.atStartOfDay()) >= days(age))
                .mapToLong(TestScan.File::bytes).sum();
            assertEquals(expected, cold.bytes().get(r), "seed " + seed + " " + age + " " + r.path());
          }
        }
        assertTrue(NotReadSince.of(scans, rows, "1y").bytes().get(rows.get(0)) > 0, "some bytes are a year old");
      }
    }
  }

  @Test
  void anAgeWhereNoBucketStartsIsRefused() throws Exception {
    Path db = TestScan.random(34, 20, 2, SCAN).write(dir.resolve("fs1.db"));
    try (OpenScans scans = OpenScans.open(List.of(db))) {
      UsageProblem p = assertThrows(UsageProblem.class, () -> NotReadSince.of(scans, List.of(), "5y"));
      assertTrue(p.getMessage().startsWith("--cold 5y is not an age where an access-age bucket starts"),
          p.getMessage());
    }
  }
}
