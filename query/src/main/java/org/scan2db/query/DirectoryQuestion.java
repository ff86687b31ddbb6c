package org.scan2db.query;

import java.util.List;

/**
 * What {@code query} (and {@code du}) asks of every database, as given on the command line. Paths and WHEN are
 * resolved per database (each has its own tree and scan date); sizes, counts and owners once.
 *
 * @param pathPrefixes subtrees to look in (OR); empty: the whole filesystem
 * @param excludes subtrees left out, before the limit
 * @param accessedBefore WHEN text, or null
 * @param accessedAfter WHEN text, or null
 * @param modifiedBefore WHEN text of the newest modification in the subtree ({@code max_mtime_r}), or null
 * @param modifiedAfter WHEN text, or null
 * @param limit rows to keep; 0 keeps all
 * @param distinct leave out a directory whose figure of the order a listed ancestor repeats ({@link Distinct})
 */
public record DirectoryQuestion(
    List<String> pathPrefixes, List<String> excludes, Integer minDepth, Integer maxDepth, Long ownerUid,
    Long groupGid, boolean singleOwner, String accessedBefore, String accessedAfter, String modifiedBefore,
    String modifiedAfter, boolean atimeNonRecursive, boolean leavesOnly, List<String> namePatterns, boolean ignoreCase,
    long minSize, Long maxSize, Long minFiles, Long maxFiles, SortBy sortBy, int limit, boolean distinct) {

  /** Every row, chains included. */
  public DirectoryQuestion(
      List<String> pathPrefixes, List<String> excludes, Integer minDepth, Integer maxDepth, Long ownerUid,
      Long groupGid, boolean singleOwner, String accessedBefore, String accessedAfter, String modifiedBefore,
      String modifiedAfter, boolean atimeNonRecursive, boolean leavesOnly, List<String> namePatterns,
      boolean ignoreCase, long minSize, Long maxSize, Long minFiles, Long maxFiles, SortBy sortBy, int limit) {
    this(pathPrefixes, excludes, minDepth, maxDepth, ownerUid, groupGid, singleOwner, accessedBefore, accessedAfter,
        modifiedBefore, modifiedAfter, atimeNonRecursive, leavesOnly, namePatterns, ignoreCase, minSize, maxSize,
        minFiles, maxFiles, sortBy, limit, false);
  }

  /** {@code du PATH -d N}: PATH and its subdirectories down to N levels below it, largest first, all of them. */
  public static DirectoryQuestion du(String path, int levels, int pathDepth) {
    return du(path, levels, pathDepth, 0);
  }

  /** {@code du PATH -d N -n LIMIT}: the largest LIMIT of them (PATH, the largest, first); 0 keeps all. */
  public static DirectoryQuestion du(String path, int levels, int pathDepth, int limit) {
    return new DirectoryQuestion(List.of(path), List.of(), null, pathDepth + levels, null, null, false, null, null,
        null, null, false, false, List.of(), false, 0, null, null, null, SortBy.SIZE, limit);
  }
}
