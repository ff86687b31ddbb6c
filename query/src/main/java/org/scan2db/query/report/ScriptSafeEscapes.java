package org.scan2db.query.report;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * JSON that can sit inside an HTML {@code <script>} block: {@code <}, {@code >} and {@code &} are written as
 * {@code \}{@code u003C} and so on, so no name can close the block ({@code </script>}) or open a comment, and
 * U+2028/U+2029 are escaped because older JavaScript parsers end a line at them.
 */
final class ScriptSafeEscapes extends CharacterEscapes {
  private static final SerializedString LINE_SEPARATOR = new SerializedString("\\u2028");
  private static final SerializedString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

  private final int[] ascii = standardAsciiEscapesForJSON();

  ScriptSafeEscapes() {
    ascii['<'] = ESCAPE_STANDARD;
    ascii['>'] = ESCAPE_STANDARD;
    ascii['&'] = ESCAPE_STANDARD;
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return ascii;
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    return ch == 0x2028 ? LINE_SEPARATOR : ch == 0x2029 ? PARAGRAPH_SEPARATOR : null;
  }
}
