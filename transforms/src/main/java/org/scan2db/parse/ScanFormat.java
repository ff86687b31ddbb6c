package org.scan2db.parse;

import java.util.Locale;

/** The listings scan2db reads (data contract §1 and §6); each has its own record grammar and the same header lines. */
public enum ScanFormat {
  /** mmapplypolicy LIST output: {@code INODE GEN SNAPID FIELDS -- PATH}. */
  GPFS("GPFS policy LIST lines (INODE GEN SNAPID s= a= u= g= p= ac= -- PATH)"),
  /** {@code lfs find --printf}: {@code FID FIELDS -- PATH}, epoch times. */
  LUSTRE("Lustre lfs find lines (0xSEQ:0xOID:0xVER s= b= u= g= type= a= -- PATH)"),
  /** GNU {@code find -printf}: {@code INODE FIELDS -- PATH}, epoch times. */
  POSIX("POSIX find lines (INODE s= b= u= g= type= a= -- PATH)");

  private final String looksLike;

  ScanFormat(String looksLike) {
    this.looksLike = looksLike;
  }

  /** What a record of this format looks like, for messages. */
  public String looksLike() {
    return looksLike;
  }

  /** The name in {@code --format} and {@code scan_metadata.scan_format}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format of a {@code --format} name. */
  public static ScanFormat fromCliName(String name) {
    for (ScanFormat f : values()) {
      if (f.cliName().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(name);
  }
}
