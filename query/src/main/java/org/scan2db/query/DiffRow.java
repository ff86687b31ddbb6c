package org.scan2db.query;

/**
 * One directory of a diff, matched by absolute path; the side it is missing from counts 0 (data contract §7).
 *
 * @param preorder its place in the preorder of both trees together, for ties
 */
public record DiffRow(
    String path, Status status, long oldTotalSizeR, long newTotalSizeR, long oldFileCountR, long newFileCountR,
    Long oldOwnerUid, Long newOwnerUid, String oldMaxAtimeR, String newMaxAtimeR, long preorder) {
  public enum Status {
    ADDED,
    REMOVED,
    CHANGED;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public long deltaTotalSizeR() {
    return newTotalSizeR - oldTotalSizeR;
  }

  public long deltaFileCountR() {
    return newFileCountR - oldFileCountR;
  }
}
