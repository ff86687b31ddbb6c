package org.scan2db.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file under a directory with a digest of its bytes: equal snapshots before and after an import mean it
 * changed no byte there and left nothing behind.
 */
record DirectorySnapshot(Map<String, String> files) {
  static DirectorySnapshot of(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        files.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? sha256(Files.readAllBytes(p)) : "<dir>");
      }
    }
    return new DirectorySnapshot(files);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
