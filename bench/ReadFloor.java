import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.scan2db.input.RangeReader;
import org.scan2db.input.ScanFiles;
import org.scan2db.model.ScanRange;

/**
 * The Java floor of an import: reads a scan with scan2db's own planner and range reader (decompressing, splitting
 * lines) on THREADS threads, and parses nothing. bench/run.sh compiles it against the scan2db jar.
 *
 * <p>Usage: {@code java -cp scan2db.jar:classes ReadFloor SCAN THREADS [RANGE_BYTES]}
 */
public final class ReadFloor {
  private ReadFloor() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]).toAbsolutePath();
    int threads = Integer.parseInt(args[1]);
    long rangeBytes = args.length > 2 ? Long.parseLong(args[2]) : 64L << 20;
    ScanFiles.Plan plan = ScanFiles.plan(0, file, rangeBytes, (byte) '\n');
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> parts = new ArrayList<>();
      for (ScanRange range : plan.ranges()) {
        parts.add(pool.submit(() -> RangeReader.read(range, (index, bytes, length, overlong) -> { })));
      }
      long lines = 0;
      for (Future<Long> part : parts) {
        lines += part.get();
      }
      System.out.println(lines + " lines in " + plan.ranges().size() + " ranges");
    } finally {
      pool.shutdown();
    }
  }
}
