package org.scan2db.input;

import java.io.IOException;

/**
 * A scan file that cannot be read to the end: missing, unreadable, truncated or corrupt. Its message names the file
 * and what to do, and starts with {@link #MARKER} so that the command line can find it in a runner's wrapped
 * failure.
 */
public final class ScanReadException extends IOException {
  public static final String MARKER = "[scan2db] ";

  public ScanReadException(String message, Throwable cause) {
    super(MARKER + message, cause);
  }

  /** The message without its marker, for the user. */
  public static String userMessage(String message) {
    int at = message.indexOf(MARKER);
    return at < 0 ? message : message.substring(at + MARKER.length());
  }
}
