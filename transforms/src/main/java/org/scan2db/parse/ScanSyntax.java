package org.scan2db.parse;

import java.io.Serializable;
import java.util.Objects;

/**
 * How one scan's records are written, settled by the command before the import and the same for every reader and
 * parser of the scan.
 *
 * @param recordEnd the byte that ends a record: {@code '\n'}, or NUL ({@code find -printf '...\0'})
 * @param percentEscapes whether paths carry {@code %XX} escapes ({@code --path-escape percent})
 * @param timeZone the IANA zone whose wall clock epoch times are stored in; null for GPFS, whose times are text
 *     (unless {@code --gpfs-show} names {@code @epoch} times)
 * @param show how the values of a GPFS list written by position are read ({@code --gpfs-show}), or null
 * @param apparentSize whether each record counts its size (FILE_SIZE, {@code s=}) in place of its allocation
 *     ({@code --apparent-size}); a {@code --gpfs-show} list without KB_ALLOCATED is read only so
 */
public record ScanSyntax(
    ScanFormat format, byte recordEnd, boolean percentEscapes, String timeZone, GpfsShow show, boolean apparentSize)
    implements Serializable {
  public ScanSyntax {
    Objects.requireNonNull(format);
    if (recordEnd != '\n' && recordEnd != 0) {
      throw new IllegalArgumentException("a record ends with a newline or NUL");
    }
    if (show != null && format != ScanFormat.GPFS) {
      throw new IllegalArgumentException("--gpfs-show is for GPFS lists");
    }
    boolean epochTimes = format != ScanFormat.GPFS || (show != null && show.hasEpochTimes());
    if ((timeZone != null) != epochTimes) {
      throw new IllegalArgumentException("epoch times, and only they, need a time zone");
    }
    if (show != null && !show.hasAllocation() && !apparentSize) {
      throw new IllegalArgumentException(show.noAllocation());
    }
  }

  /** A scan that counts allocated bytes. */
  public ScanSyntax(ScanFormat format, byte recordEnd, boolean percentEscapes, String timeZone, GpfsShow show) {
    this(format, recordEnd, percentEscapes, timeZone, show, false);
  }

  /** A scan written with key=value fields. */
  public ScanSyntax(ScanFormat format, byte recordEnd, boolean percentEscapes, String timeZone) {
    this(format, recordEnd, percentEscapes, timeZone, null, false);
  }

  /** GPFS records ended by newlines, the format of every scan before Lustre and POSIX listings. */
  public static ScanSyntax gpfs(boolean percentEscapes) {
    return new ScanSyntax(ScanFormat.GPFS, (byte) '\n', percentEscapes, null);
  }
}
