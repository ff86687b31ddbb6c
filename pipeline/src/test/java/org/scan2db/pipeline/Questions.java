package org.scan2db.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.scan2db.query.DirectoryQuestion;
import org.scan2db.query.SortBy;

/** A {@link DirectoryQuestion} built one option at a time, as the command line gives it; defaults as query's. */
final class Questions {
  private final List<String> prefixes = new ArrayList<>();
  private final List<String> excludes = new ArrayList<>();
  private Integer minDepth;
  private Integer maxDepth;
  private Long owner;
  private Long group;
  private boolean singleOwner;
  private String before;
  private String after;
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

  static Questions ask() {
    return new Questions();
  }

  Questions prefix(String path) {
    prefixes.add(path);
    return this;
  }

  Questions exclude(String path) {
    excludes.add(path);
    return this;
  }

  Questions minDepth(int d) {
    minDepth = d;
    return this;
  }

  Questions maxDepth(int d) {
    maxDepth = d;
    return this;
  }

  Questions owner(long uid) {
    owner = uid;
    return this;
  }

  Questions group(long gid) {
    group = gid;
    return this;
  }

  Questions singleOwner() {
    singleOwner = true;
    return this;
  }

  Questions accessedBefore(String when) {
    before = when;
    return this;
  }

  Questions accessedAfter(String when) {
    after = when;
    return this;
  }

  Questions modifiedBefore(String when) {
    modifiedBefore = when;
    return this;
  }

  Questions modifiedAfter(String when) {
    modifiedAfter = when;
    return this;
  }

  Questions atimeNonRecursive() {
    atimeNonRecursive = true;
    return this;
  }

  Questions leavesOnly() {
    leavesOnly = true;
    return this;
  }

  Questions name(String glob) {
    names.add(glob);
    return this;
  }

  Questions ignoreCase() {
    ignoreCase = true;
    return this;
  }

  Questions minSize(long bytes) {
    minSize = bytes;
    return this;
  }

  Questions maxSize(long bytes) {
    maxSize = bytes;
    return this;
  }

  Questions minFiles(long n) {
    minFiles = n;
    return this;
  }

  Questions maxFiles(long n) {
    maxFiles = n;
    return this;
  }

  Questions sortBy(SortBy s) {
    sortBy = s;
    return this;
  }

  Questions limit(int n) {
    limit = n;
    return this;
  }

  DirectoryQuestion build() {
    return new DirectoryQuestion(List.copyOf(prefixes), List.copyOf(excludes), minDepth, maxDepth, owner, group,
        singleOwner, before, after, modifiedBefore, modifiedAfter, atimeNonRecursive, leavesOnly, List.copyOf(names), ignoreCase, minSize, maxSize,
        minFiles, maxFiles, sortBy, limit);
  }
}
