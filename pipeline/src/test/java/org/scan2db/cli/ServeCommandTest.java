package org.scan2db.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan2db serve}'s refusals at start-up say which of its settings failed and what to do. */
class ServeCommandTest {
  @TempDir Path dir;

  @Test
  void aBusyPortIsNamedAsThePortAndNotAsTheLog() throws Exception {
    Files.createDirectories(dir.resolve("catalog"));
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Imports.Result r = Imports.run("serve", "--data-dir", dir.resolve("catalog").toString(), "--listen",
          "127.0.0.1:" + busy.getLocalPort());
      assertEquals(2, r.status(), r.err());
      assertTrue(r.err().contains("cannot listen on 127.0.0.1:" + busy.getLocalPort()), r.err());
      assertTrue(r.err().contains("Choose another --listen."), r.err());
      assertTrue(!r.err().contains("access log"), r.err());
    }
  }

  @Test
  void anAccessLogThatCannotBeWrittenIsNamed() throws Exception {
    Files.createDirectories(dir.resolve("catalog"));
    Path log = dir.resolve("missing-directory").resolve("access.log");
    Imports.Result r = Imports.run("serve", "--data-dir", dir.resolve("catalog").toString(), "--listen",
        "127.0.0.1:0", "--access-log", log.toString());
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("cannot open the access log " + log), r.err());
  }
}
