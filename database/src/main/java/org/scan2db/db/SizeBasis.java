package org.scan2db.db;

/**
 * What a scan's byte figures count ({@code scan_metadata.size_basis}): allocated bytes, as every scan does unless
 * imported with {@code --apparent-size}, or each file's apparent size (its length), which is not its allocation
 * (sparse, compressed and replicated files). Said once per database, and by every answer that prints bytes.
 */
public enum SizeBasis {
  ALLOCATED("allocated", "bytes are allocated bytes"),
  APPARENT("apparent", "bytes are apparent sizes (each file's length, imported with --apparent-size), not"
      + " allocated bytes");

  private final String word;
  private final String note;

  SizeBasis(String word, String note) {
    this.word = word;
    this.note = note;
  }

  /** The value of {@code scan_metadata.size_basis} and of the answers' {@code size_basis} field. */
  public String word() {
    return word;
  }

  /** What the text answers say of a scan with this basis. */
  public String note() {
    return note;
  }

  /** The basis a stored word names. */
  public static SizeBasis of(String word) throws UsageProblem {
    for (SizeBasis b : values()) {
      if (b.word.equals(word)) {
        return b;
      }
    }
    throw new UsageProblem("scan_metadata.size_basis is '" + word + "', which this scan2db does not know: use the"
        + " newer scan2db that wrote it, or import the scan again.");
  }
}
