package org.scan2db.server;

/** A reply's HTTP status, body and content type: JSON unless said otherwise. */
public record Reply(int status, String body, String contentType) {
  static final String JSON = "application/json; charset=utf-8";
  /** Prometheus' text exposition format. */
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  public Reply(int status, String json) {
    this(status, json, JSON);
  }

  /** {@code {"error": MESSAGE}}: every refusal, whoever makes it, has this one shape. */
  public static Reply error(int status, String message) {
    return new Reply(status, "{\"error\":" + quote(message) + "}");
  }

  /** A JSON string literal: quotes, backslashes and control characters escaped, and {@code <} so HTML stays inert. */
  static String quote(String text) {
    StringBuilder b = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
