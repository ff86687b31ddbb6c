package org.scan2db.runners;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The runners an import can use, and the pipeline options each needs.
 *
 * <ul>
 *   <li>{@link #FLINK}: Flink embedded in this JVM ({@code [local]}), the default: sort-based shuffles that spill to
 *       disk, so it scales past memory. {@code [local]} sizes Flink's managed memory from the heap but defaults to
 *       parallelism 1, so the parallelism is always set.
 *   <li>{@link #DIRECT}: Beam's DirectRunner, which holds everything in memory: for tests and small scans. The
 *       command runs it without its per-element model checks; the transform tests run it with them.
 * </ul>
 *
 * <p>A Flink session cluster ({@code scan2db import --flink-master HOST:PORT}) gets its options from {@link
 * FlinkCluster#options}.
 */
public enum RunnerKind {
  DIRECT,
  FLINK;

  /** The name users type: {@code direct} or {@code flink}. */
  public String cliName() {
    return name().toLowerCase();
  }

  public static RunnerKind fromCliName(String name) {
    return valueOf(name.trim().toUpperCase());
  }

  /** Options for running on this runner with the given parallelism. */
  public PipelineOptions options(int parallelism) {
    return options(parallelism, null);
  }

  /**
   * As {@link #options(int)}; embedded Flink keeps its spill files and working directories (which hold the scans'
   * records, paths and owners) under {@code privateTmp}, a directory only this user may open, rather than in
   * java.io.tmpdir with the umask's mode. Null leaves Flink's default.
   */
  public PipelineOptions options(int parallelism, Path privateTmp) throws UncheckedIOException {
    if (this == DIRECT) {
      DirectOptions o = PipelineOptionsFactory.as(DirectOptions.class);
      o.setRunner(DirectRunner.class);
      o.setTargetParallelism(Math.max(1, parallelism));
      // The command is not a test: skip re-encoding every element to check the model (2-3x faster). The
      // transforms' own tests run the DirectRunner with these checks on.
      o.setEnforceImmutability(false);
      o.setEnforceEncodability(false);
      return o;
    }
    FlinkPipelineOptions o = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    o.setRunner(FlinkRunner.class);
    o.setFlinkMaster("[local]");
    if (privateTmp != null) {
      o.setFlinkConfDir(privateConfiguration(privateTmp).toString());
    }
    o.setParallelism(Math.max(1, parallelism));
    return o;
  }

  /**
   * A Flink configuration directory under {@code privateTmp} naming {@code privateTmp/io} as io.tmp.dirs, with the
   * shuffle uncompressed.
   */
  private static Path privateConfiguration(Path privateTmp) {
    try {
      Path conf = privateTmp.resolve("conf");
      Path io = privateTmp.resolve("io");
      Files.createDirectories(conf);
      Files.createDirectories(io);
      // A YAML single-quoted string: a quote inside is doubled.
      // Shuffled data stays on this machine, where compressing it only costs CPU (LZ4 took 2.6% of the CPU of the
      // 15M-line import).
      Files.writeString(conf.resolve("config.yaml"),
          "io.tmp.dirs: '" + io.toAbsolutePath().toString().replace("'", "''") + "'\n"
              + "taskmanager.network.batch-shuffle.compression.enabled: false\n");
      return conf;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make Flink's private temporary directory in " + privateTmp, e);
    }
  }
}
