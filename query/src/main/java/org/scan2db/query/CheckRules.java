package org.scan2db.query;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scan2db.db.UsageProblem;

/**
 * The rules {@code scan2db check} tests, from a rules file or {@code --rule} options: one grammar for both, one rule
 * per line. Words are separated by blanks; a path is the last part of a rule and takes the rest of the line from
 * its leading {@code /}, so it may hold blanks. Blank lines and lines starting with {@code #} are skipped. Every
 * error names the file and line (or the option) and the rule's form.
 *
 * <pre>
 * owner-over OWNER SIZE [PATH]          OWNER's files (every file under its uid) hold more than SIZE
 * growth LIMIT [owner OWNER] [PATH]     the scope grew by more than LIMIT (N% or a SIZE) since the baseline scan
 * files-over N [PATH]                   some directory holds more than N files of its own
 * cold-over WHEN SIZE [PATH]            the cold subtrees (not read since WHEN) hold more than SIZE
 * </pre>
 */
public final class CheckRules {
  /** What a rule tests. */
  public enum Kind {
    OWNER_OVER("owner-over", "owner-over OWNER SIZE [PATH]"),
    GROWTH("growth", "growth LIMIT [owner OWNER] [PATH], LIMIT being N% or a size"),
    FILES_OVER("files-over", "files-over N [PATH]"),
    COLD_OVER("cold-over", "cold-over WHEN SIZE [PATH]");

    final String word;
    final String form;

    Kind(String word, String form) {
      this.word = word;
      this.form = form;
    }

    public String word() {
      return word;
    }
  }

  /**
   * One rule as written.
   *
   * @param source where it was written: {@code FILE:LINE} or {@code --rule}
   * @param owner the owner as given (a name or a uid), or null
   * @param path the normalized path of the scope, or null for the whole filesystem
   * @param limit the threshold in bytes or files, exact (0 when {@code percent} is the threshold)
   * @param percent a growth rule's threshold as a percentage, else null
   * @param when WHEN of a cold-over rule, as given (resolved against the scan date), else null
   */
  public record Rule(String source, String text, Kind kind, String owner, String path, long limit,
      Double percent, String when) {}

  private static final Pattern PATH_START = Pattern.compile("(^|\\s)/");

  private CheckRules() {}

  /** The rules of a file, each with its line number. */
  public static List<Rule> read(Path file) throws UsageProblem {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UsageProblem("--rules " + file + ": no such file; give the path of a rules file.");
    } catch (IOException e) {
      throw new UsageProblem("--rules " + file + " cannot be read (" + e.getMessage() + "): check the file and its"
          + " permissions.");
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        rules.add(parse(line, file + ":" + (i + 1)));
      }
    }
    return rules;
  }

  /** One rule: {@code text} in the grammar above, {@code source} saying where it was written. */
  public static Rule parse(String text, String source) throws UsageProblem {
    String t = text.strip();
    // The path, where there is one, is the rest of the rule from the first word that starts with '/'.
    Matcher m = PATH_START.matcher(t);
    String path = null;
    if (m.find()) {
      path = DirectoryTree.normalize(t.substring(m.end() - 1).strip(), source);
      t = t.substring(0, m.end() - 1).strip();
    }
    List<String> w = Arrays.asList(t.isEmpty() ? new String[0] : t.split("\\s+"));
    Kind kind = null;
    for (Kind k : Kind.values()) {
      if (!w.isEmpty() && k.word.equals(w.get(0))) {
        kind = k;
      }
    }
    if (kind == null) {
      throw new UsageProblem(source + ": '" + text.strip() + "' is no rule: a rule starts with owner-over, growth,"
          + " files-over or cold-over (see scan2db check --help).");
    }
    String where = source + ": " + kind.word;
    return switch (kind) {
      case OWNER_OVER -> {
        words(w, 3, 3, kind, source);
        yield new Rule(source, text.strip(), kind, w.get(1), path, Sizes.parse(w.get(2), where), null, null);
      }
      case GROWTH -> {
        words(w, 2, 4, kind, source);
        String owner = null;
        if (w.size() > 2) {
          if (w.size() != 4 || !w.get(2).equals("owner")) {
            throw new UsageProblem(source + ": '" + text.strip() + "' is not " + kind.form + ".");
          }
          owner = w.get(3);
        }
        String limit = w.get(1);
        if (limit.endsWith("%")) {
          double pct;
          try {
            pct = Double.parseDouble(limit.substring(0, limit.length() - 1));
          } catch (NumberFormatException e) {
            pct = -1;
          }
          if (!(pct >= 0) || Double.isInfinite(pct)) {
            throw new UsageProblem(where + " " + limit + " is not a percentage: write a number and %, e.g. 10%.");
          }
          yield new Rule(source, text.strip(), kind, owner, path, 0, pct, null);
        }
        yield new Rule(source, text.strip(), kind, owner, path, Sizes.parse(limit, where), null, null);
      }
      case FILES_OVER -> {
        words(w, 2, 2, kind, source);
        yield new Rule(source, text.strip(), kind, null, path, Sizes.parseCount(w.get(1), where), null, null);
      }
      case COLD_OVER -> {
        words(w, 3, 3, kind, source);
        When.resolve(w.get(1), LocalDate.of(2000, 1, 1), where); // only to refuse what does not parse, here
        yield new Rule(source, text.strip(), kind, null, path, Sizes.parse(w.get(2), where), null, w.get(1));
      }
    };
  }

  private static void words(List<String> w, int min, int max, Kind kind, String source) throws UsageProblem {
    if (w.size() < min || w.size() > max) {
      throw new UsageProblem(source + ": '" + String.join(" ", w) + "' is not " + kind.form
          + (w.size() > max ? " (a path starts with /)" : "") + ".");
    }
  }
}
