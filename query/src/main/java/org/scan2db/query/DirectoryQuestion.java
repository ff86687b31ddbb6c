package org.scan2db.query;

import java.util.ArrayList;
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

  /** A question built one option at a time, as the command line gives them; unset options are query's defaults. */
  public static Builder ask() {
    return new Builder();
  }

  /** The same question with another limit (0 keeps every row). */
  public DirectoryQuestion withLimit(int newLimit) {
    return new DirectoryQuestion(pathPrefixes, excludes, minDepth, maxDepth, ownerUid, groupGid, singleOwner,
        accessedBefore, accessedAfter, modifiedBefore, modifiedAfter, atimeNonRecursive, leavesOnly, namePatterns,
        ignoreCase, minSize, maxSize, minFiles, maxFiles, sortBy, newLimit, distinct);
  }

  /** Options of {@code query}, each named as on its command line; null leaves an option unset. */
  public static final class Builder {
    private final List<String> prefixes = new ArrayList<>();
    private final List<String> excludes = new ArrayList<>();
    private Integer minDepth;
    private Integer maxDepth;
    private Long owner;
    private Long group;
    private boolean singleOwner;
    private String accessedBefore;
    private String accessedAfter;
    private String modifiedBefore;
    private String modifiedAfter;
    private boolean atimeNonRecursive;
    private boolean leavesOnly;
    private final List<String> names = new ArrayList<>();
    private boolean ignoreCase;
    private long minSize;
    private Long maxSize;
    private Long minFiles;
    private Long maxFiles;
    private SortBy sortBy = SortBy.SIZE;
    private int limit = 50;
    private boolean distinct;

    private Builder() {}

    public Builder prefix(String path) {
      prefixes.add(path);
      return this;
    }

    public Builder prefixes(List<String> paths) {
      prefixes.addAll(paths);
      return this;
    }

    public Builder exclude(String path) {
      excludes.add(path);
      return this;
    }

    public Builder excludes(List<String> paths) {
      excludes.addAll(paths);
      return this;
    }

    public Builder minDepth(Integer depth) {
      minDepth = depth;
      return this;
    }

    public Builder maxDepth(Integer depth) {
      maxDepth = depth;
      return this;
    }

    public Builder owner(Long uid) {
      owner = uid;
      return this;
    }

    public Builder group(Long gid) {
      group = gid;
      return this;
    }

    public Builder singleOwner() {
      return singleOwner(true);
    }

    public Builder singleOwner(boolean on) {
      singleOwner = on;
      return this;
    }

    public Builder accessedBefore(String when) {
      accessedBefore = when;
      return this;
    }

    public Builder accessedAfter(String when) {
      accessedAfter = when;
      return this;
    }

    public Builder modifiedBefore(String when) {
      modifiedBefore = when;
      return this;
    }

    public Builder modifiedAfter(String when) {
      modifiedAfter = when;
      return this;
    }

    public Builder atimeNonRecursive() {
      return atimeNonRecursive(true);
    }

    public Builder atimeNonRecursive(boolean on) {
      atimeNonRecursive = on;
      return this;
    }

    public Builder leavesOnly() {
      return leavesOnly(true);
    }

    public Builder leavesOnly(boolean on) {
      leavesOnly = on;
      return this;
    }

    public Builder name(String glob) {
      names.add(glob);
      return this;
    }

    public Builder names(List<String> globs) {
      names.addAll(globs);
      return this;
    }

    public Builder ignoreCase() {
      return ignoreCase(true);
    }

    public Builder ignoreCase(boolean on) {
      ignoreCase = on;
      return this;
    }

    public Builder minSize(long bytes) {
      minSize = bytes;
      return this;
    }

    public Builder maxSize(Long bytes) {
      maxSize = bytes;
      return this;
    }

    public Builder minFiles(Long n) {
      minFiles = n;
      return this;
    }

    public Builder maxFiles(Long n) {
      maxFiles = n;
      return this;
    }

    public Builder sortBy(SortBy order) {
      sortBy = order;
      return this;
    }

    /** Rows to keep; 0 keeps all. */
    public Builder limit(int rows) {
      limit = rows;
      return this;
    }

    public Builder distinct(boolean on) {
      distinct = on;
      return this;
    }

    public DirectoryQuestion build() {
      return new DirectoryQuestion(List.copyOf(prefixes), List.copyOf(excludes), minDepth, maxDepth, owner, group,
          singleOwner, accessedBefore, accessedAfter, modifiedBefore, modifiedAfter, atimeNonRecursive, leavesOnly,
          List.copyOf(names), ignoreCase, minSize, maxSize, minFiles, maxFiles, sortBy, limit, distinct);
    }
  }

  /** {@code du PATH -d N}: PATH and its subdirectories down to N levels below it, largest first, all of them. */
  public static DirectoryQuestion du(String path, int levels, int pathDepth) {
    return du(path, levels, pathDepth, 0);
  }

  /** {@code du PATH -d N -n LIMIT}: the largest LIMIT of them (PATH, the largest, first); 0 keeps all. */
  public static DirectoryQuestion du(String path, int levels, int pathDepth, int limit) {
    return ask().prefix(path).maxDepth(pathDepth + levels).limit(limit).build();
  }
}
