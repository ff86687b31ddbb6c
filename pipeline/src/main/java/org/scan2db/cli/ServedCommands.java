package org.scan2db.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.Targets;
import org.scan2db.query.UserView;
import org.scan2db.query.browse.BrowserPage;
import org.scan2db.server.ReadApi;
import org.scan2db.server.Reply;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The read commands behind {@code scan2db serve}: a request becomes the command line it stands for, run in this JVM
 * with {@code --format json}, so the API answers exactly what the command prints (one implementation behind both).
 * Parameters are the options' long names; {@code target} names a filesystem of the data directory (resolved here to
 * its database, never a path from the request), {@code path} is {@code du}'s PATH. Options that name files or the
 * caller's own account are not taken.
 */
final class ServedCommands implements ReadApi {
  /** The commands served, when this build has them. */
  static final List<String> READ_COMMANDS =
      List.of("catalog", "query", "du", "analyze", "summary", "owners", "cold", "files", "diff", "history",
          "check");

  /** Options a request may not set: where databases are, files of the server's, the output, whose the caller is. */
  private static final Set<String> NOT_SERVED = Set.of("--data-dir", "--format", "--db", "--out", "--rules",
      "--help", "--version", "--mine", "--per-owner");

  /** A filesystem name, optionally with a scan date: never a path. */
  private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}(@\\d{4}-\\d{2}-\\d{2})?");

  /**
   * Each endpoint's per-user form: the options that restrict its answer to one user's files ({@code %d} is their
   * uid) and the parameters a user may not give (they would name someone else, or a part of the answer that counts
   * everyone's files). An endpoint without a form is refused in per-user mode, so one added later stays closed to
   * users until its form is written here. diff is not served per user: its rows are every owner's directories.
   */
  private record UserForm(List<String> options, Set<String> refused) {}

  private static final Map<String, UserForm> USER_FORMS = Map.of(
      "catalog", new UserForm(List.of("--dates-only"), Set.of()),
      "query", new UserForm(List.of("--owner=%d"), Set.of("owner")),
      "du", new UserForm(List.of("--owner=%d"), Set.of("owner")),
      "analyze", new UserForm(List.of("--owner=%d"), Set.of("owner")),
      "owners", new UserForm(List.of("--owner=%d"), Set.of("owner")),
      "cold", new UserForm(List.of("--owner=%d"), Set.of("owner")),
      "history", new UserForm(List.of("--owner=%d"), Set.of("owner")),
      // The owner's own kept lists: their largest and oldest files, never the filesystem's.
      "files", new UserForm(List.of("--owner=%d"), Set.of("owner")),
      "summary", new UserForm(List.of("--owner=%d", "--part=owners"), Set.of("owner", "part")));

  /** Parameters that name directories: in per-user mode each must hold some of the user's files. */
  private static final List<String> PATH_PARAMETERS = List.of("path", "path-prefix", "exclude");

  private final Path dataDir;
  private final int maxRows;
  private final Map<String, Shape> shapes = new LinkedHashMap<>();

  /**
   * What a command takes: its positional parameters' labels and its options by long name, and its class, which a
   * request runs alone (building picocli's model of every subcommand took most of a small answer's time).
   */
  private record Shape(List<String> positionals, Map<String, OptionSpec> options, Class<?> command) {}

  ServedCommands(Path dataDir, int maxRows) {
    this.dataDir = dataDir;
    this.maxRows = maxRows;
    Map<String, CommandLine> all = Scan2db.tree().getSubcommands();
    for (String name : READ_COMMANDS) {
      CommandLine c = all.get(name);
      if (c == null) {
        continue;
      }
      CommandSpec spec = c.getCommandSpec();
      Map<String, OptionSpec> options = new LinkedHashMap<>();
      for (OptionSpec o : spec.options()) {
        if (!NOT_SERVED.contains(o.longestName())) {
          options.put(o.longestName().replaceFirst("^--?", ""), o);
        }
      }
      List<String> positionals = new ArrayList<>();
      for (PositionalParamSpec p : spec.positionalParameters()) {
        positionals.add(p.paramLabel());
      }
      shapes.put(name, new Shape(positionals, options, spec.userObject().getClass()));
    }
  }

  @Override
  public Set<String> endpoints() {
    return new LinkedHashSet<>(shapes.keySet());
  }

  @Override
  public Reply answer(String endpoint, Map<String, List<String>> parameters) {
    List<String> args;
    try {
      args = commandLine(endpoint, parameters);
    } catch (IllegalArgumentException e) {
      return Reply.error(400, e.getMessage());
    }
    return run(args);
  }

  /**
   * Runs a command line (the command's name, then its arguments) in this JVM: its JSON, or its message as the reply
   * to a wrong question or a failure.
   */
  private Reply run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command;
    try {
      command = ExitCodes.handled(
          new CommandLine(shapes.get(args.get(0)).command().getDeclaredConstructor().newInstance()));
    } catch (ReflectiveOperationException e) {
      return Reply.error(500, "cannot run " + args.get(0) + ": " + e);
    }
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int status = command.execute(args.subList(1, args.size()).toArray(String[]::new));
    return switch (status) {
      // check's 3 (a rule fired) is an answer like 0.
      case 0, CheckCommand.FIRED -> new Reply(200, out.toString().strip());
      case ExitCodes.USAGE -> Reply.error(400, message(err));
      default -> Reply.error(500, message(err));
    };
  }

  @Override
  public Set<String> userEndpoints() {
    Set<String> served = new LinkedHashSet<>(shapes.keySet());
    served.retainAll(USER_FORMS.keySet());
    return served;
  }

  /**
   * The endpoint's per-user form: the user (a name or uid, resolved as {@code --owner} is) must be known, every
   * path asked about must hold their files (a missing path is refused alike, so nothing tells whether another
   * user's directory exists), and the command runs with its form's restriction.
   */
  @Override
  public Reply answerAs(String user, String endpoint, Map<String, List<String>> parameters) {
    UserForm form = USER_FORMS.get(endpoint);
    if (form == null || !shapes.containsKey(endpoint)) {
      return Reply.error(403, "/api/" + endpoint + " is not served in per-user mode");
    }
    for (String name : form.refused()) {
      if (parameters.containsKey(name)) {
        return Reply.error(400, name + "= is not taken in per-user mode: /api/" + endpoint + " answers for "
            + user + " alone; leave it out.");
      }
    }
    List<String> args;
    List<java.nio.file.Path> databases;
    try {
      args = commandLine(endpoint, parameters);
      databases = Targets.resolve(parameters.getOrDefault("target", List.of()), dataDir).files();
    } catch (IllegalArgumentException | UsageProblem e) {
      return Reply.error(400, e.getMessage());
    }
    long uid;
    try {
      uid = UserView.uidOf(user, databases);
    } catch (UsageProblem e) {
      return Reply.error(403, "unknown user " + user + ": neither the scans nor this host know the name the proxy"
          + " gave");
    }
    try {
      for (String name : PATH_PARAMETERS) {
        for (String path : parameters.getOrDefault(name, List.of())) {
          if (!UserView.holdsFiles(databases, path, uid)) {
            return Reply.error(403, name + "=" + path + ": no directory there holds files of " + user);
          }
        }
      }
    } catch (UsageProblem | java.sql.SQLException e) {
      return Reply.error(500, "cannot read the scans: " + e.getMessage());
    }
    List<String> restricted = new ArrayList<>(args);
    for (String option : form.options()) {
      restricted.add(option.replace("%d", Long.toString(uid)));
    }
    return run(restricted);
  }

  /** The browser page's files; the page asks the API for every figure. */
  @Override
  public Reply page(String path) {
    try {
      return BrowserPage.asset(path).map(a -> new Reply(200, a.body(), a.contentType()))
          .orElseGet(() -> ReadApi.super.page(path));
    } catch (java.io.IOException e) {
      return Reply.error(500, "the page is missing from this build: " + e.getMessage());
    }
  }

  /** {@code scan2db metrics} of the data directory's scans, as Prometheus reads it. */
  @Override
  public Reply metrics() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Scan2db.run(new PrintWriter(out), new PrintWriter(err), "metrics", "--data-dir=" + dataDir);
    return status == 0 ? new Reply(200, out.toString(), Reply.PROMETHEUS_TEXT)
        : Reply.error(status == 2 ? 400 : 500, message(err));
  }

  /** The command line a request stands for; an IllegalArgumentException says what is wrong with it. */
  List<String> commandLine(String endpoint, Map<String, List<String>> parameters) {
    Shape shape = shapes.get(endpoint);
    List<String> args = new ArrayList<>(List.of(endpoint));
    List<String> targets = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    boolean limited = false;
    for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
      String name = p.getKey();
      if (name.equals("target")) {
        if (shape.positionals().contains("DIR")) {
          throw new IllegalArgumentException("/api/" + endpoint + " takes no target: it answers for the data"
              + " directory served.");
        }
        for (String t : p.getValue()) {
          if (shape.positionals().contains("NAME")) {
            checkName(t); // The command looks the name up in the data directory itself.
            targets.add(t);
          } else {
            targets.add(database(t).toString());
          }
        }
        continue;
      }
      if (name.equals("path") && shape.positionals().contains("PATH")) {
        paths.addAll(p.getValue());
        continue;
      }
      OptionSpec option = shape.options().get(name);
      if (option == null) {
        throw new IllegalArgumentException("/api/" + endpoint + " takes no parameter '" + name + "'; it takes "
            + String.join(", ", parameterNames(shape)) + ".");
      }
      for (String value : p.getValue()) {
        if (option.arity().max() == 0) {
          if (!value.isEmpty() && !value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(name + "=" + value + ": a switch is true or false.");
          }
          if (!value.equals("false")) {
            args.add(option.longestName());
          }
        } else {
          if (name.equals("limit")) {
            limited = true;
            checkLimit(value);
          }
          args.add(option.longestName() + "=" + value);
        }
      }
    }
    if (!limited && shape.options().containsKey("limit") && exceedsMaximum(shape.options().get("limit"))) {
      args.add("--limit=" + maxRows);
    }
    if (shape.positionals().contains("PATH")) {
      if (paths.size() > 1) {
        throw new IllegalArgumentException("/api/" + endpoint + " takes at most one path= (an absolute directory"
            + " path).");
      }
      args.addAll(paths);
      if (targets.size() > 1) {
        throw new IllegalArgumentException("/api/" + endpoint + " takes at most one target=.");
      }
      for (String t : targets) {
        args.add("--db=" + t);
      }
    } else {
      args.addAll(targets);
    }
    args.add("--data-dir=" + dataDir);
    args.add("--format=json");
    return args;
  }

  /** Whether a command's default row count (0 is all) is more than this server answers. */
  private boolean exceedsMaximum(OptionSpec limit) {
    try {
      long n = Long.parseLong(limit.defaultValue());
      return n <= 0 || n > maxRows;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private void checkLimit(String value) {
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      return; // The command says what is wrong with it, as on the command line.
    }
    if (n <= 0 || n > maxRows) {
      throw new IllegalArgumentException("limit=" + value + ": this server answers at most " + maxRows
          + " rows a request; give limit=1.." + maxRows + ".");
    }
  }

  /** A target's database: a scan of the data directory, by name, never by path. */
  private Path database(String target) {
    checkName(target);
    try {
      return Targets.named(target, dataDir).toAbsolutePath().normalize();
    } catch (UsageProblem e) {
      throw new IllegalArgumentException(e.getMessage() + " (GET /api/catalog lists the scans)");
    }
  }

  private static void checkName(String target) {
    if (!TARGET.matcher(target).matches() || target.endsWith(".db")) {
      throw new IllegalArgumentException("target=" + target + " is not a filesystem name: give NAME or"
          + " NAME@YYYY-MM-DD, as GET /api/catalog lists them.");
    }
  }

  private static List<String> parameterNames(Shape shape) {
    List<String> names = new ArrayList<>();
    if (!shape.positionals().isEmpty()) {
      names.add(shape.positionals().contains("PATH") ? "path, target" : "target");
    }
    names.addAll(shape.options().keySet());
    return names;
  }

  /** The command's one-line message without the program's name. */
  private static String message(StringWriter err) {
    String text = err.toString().strip();
    int newline = text.indexOf('\n');
    String first = newline < 0 ? text : text.substring(0, newline);
    return first.startsWith("scan2db: ") ? first.substring("scan2db: ".length()) : first;
  }
}
