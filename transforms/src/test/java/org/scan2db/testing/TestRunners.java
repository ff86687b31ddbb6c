package org.scan2db.testing;

import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestPipeline;

/** Test pipelines on the two runners every transform test uses: the DirectRunner and embedded Flink. */
public final class TestRunners {
  private TestRunners() {}

  public static PipelineOptions options(String runner) {
    if (runner.equals("direct")) {
      DirectOptions o = PipelineOptionsFactory.as(DirectOptions.class);
      o.setRunner(DirectRunner.class);
      o.setTargetParallelism(2);
      return o;
    }
    FlinkPipelineOptions o = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    o.setRunner(FlinkRunner.class);
    o.setFlinkMaster("[local]");
    o.setParallelism(2);
    return o;
  }

  /** A pipeline whose PAssert results are checked by {@code run()}; JUnit 5 has no rule to do that for us. */
  public static TestPipeline pipeline(String runner) {
    return TestPipeline.fromOptions(options(runner)).enableAbandonedNodeEnforcement(false);
  }
}
