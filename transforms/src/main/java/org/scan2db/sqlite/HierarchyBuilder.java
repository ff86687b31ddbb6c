package org.scan2db.sqlite;

import java.util.ArrayDeque;
import java.util.Deque;
import org.scan2db.db.HistogramCells;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.OwnerId;
import org.scan2db.parse.PathText;

/**
 * Builds the directory tree from the directories in depth-first preorder (parents before children, siblings by
 * name as UTF-8 bytes), holding only the current path from a root down: memory grows with depth, not with the
 * number of directories.
 *
 * <p>Each directory gets the next id when it is first seen, which is its preorder rank. Directories missing between
 * a directory and its nearest ancestor in the tree are created as implicit directories (data contract §2). When a
 * directory's subtree is complete its recursive statistics are known and it is handed on.
 */
public final class HierarchyBuilder {
  /**
   * Receives the tree: each directory once when first seen (so in preorder, with its direct files' histogram cells),
   * and once more with its statistics when complete.
   */
  public interface TreeSink {
    /** @param rootPath the absolute path when the directory is a root, else null */
    void directory(long id, Long parentId, String name, int depth, String rootPath, HistogramCells cells)
        throws Exception;

    void completed(CompletedDirectory dir) throws Exception;
  }

  /** A directory with its direct ({@code _nr}) and recursive ({@code _r}) statistics. */
  public static final class CompletedDirectory {
    public final long id;
    public final boolean implicit;
    public long filesNr;
    public long allocatedNr;
    public long apparentNr;
    public long maxAtimeNr = DirectoryStats.NO_ATIME;
    public long maxMtimeNr = DirectoryStats.NO_ATIME;
    public long dirsNr;
    public long filesR;
    public long allocatedR;
    public long apparentR;
    public long maxAtimeR = DirectoryStats.NO_ATIME;
    public long maxMtimeR = DirectoryStats.NO_ATIME;
    public long dirsR;
    public long uid = OwnerId.NONE;
    public long gid = OwnerId.NONE;
    final String path;

    CompletedDirectory(long id, String path, boolean implicit) {
      this.id = id;
      this.path = path;
      this.implicit = implicit;
    }

    void addOwn(DirectoryStats s) {
      filesNr = s.files();
      allocatedNr = s.allocatedBytes();
      apparentNr = s.apparentBytes();
      maxAtimeNr = s.maxAtime();
      maxMtimeNr = s.maxMtime();
      filesR += s.files();
      allocatedR += s.allocatedBytes();
      apparentR += s.apparentBytes();
      maxAtimeR = Math.max(maxAtimeR, s.maxAtime());
      maxMtimeR = Math.max(maxMtimeR, s.maxMtime());
      uid = OwnerId.merge(uid, s.uid());
      gid = OwnerId.merge(gid, s.gid());
    }

    void addChild(CompletedDirectory c) {
      dirsNr++;
      dirsR += 1 + c.dirsR;
      filesR += c.filesR;
      allocatedR += c.allocatedR;
      apparentR += c.apparentR;
      maxAtimeR = Math.max(maxAtimeR, c.maxAtimeR);
      maxMtimeR = Math.max(maxMtimeR, c.maxMtimeR);
      uid = OwnerId.merge(uid, c.uid);
      gid = OwnerId.merge(gid, c.gid);
    }
  }

  private final TreeSink sink;
  private final Deque<CompletedDirectory> open = new ArrayDeque<>();
  private long nextId;
  private long implicitCount;
  private long files;
  private long allocated;
  private long apparent;
  private byte[] previousKey;

  public HierarchyBuilder(TreeSink sink) {
    this.sink = sink;
  }

  /**
   * The next directory in preorder, with what it holds directly; each path once.
   *
   * @param key the path's {@link Preorder#key}, which the caller has already computed to put it in order
   */
  public void add(String path, byte[] key, DirectoryStats own) throws Exception {
    if (previousKey != null && java.util.Arrays.compareUnsigned(previousKey, key) >= 0) {
      throw new IllegalStateException(
          "directories out of preorder: " + PathText.fromPreorderKey(previousKey) + " then " + path);
    }
    previousKey = key;
    while (!open.isEmpty() && !PathText.isAncestor(open.peek().path, path)) {
      close();
    }
    if (!open.isEmpty()) {
      String ancestor = open.peek().path;
      // Fill the gap between the nearest ancestor in the tree and this directory.
      int from = ancestor.equals("/") ? 1 : ancestor.length() + 1;
      for (int slash = path.indexOf('/', from); slash > 0; slash = path.indexOf('/', slash + 1)) {
        push(path.substring(0, slash), true, HistogramCells.NONE);
      }
    }
    push(path, !own.listed(), own.cells()).addOwn(own);
    files += own.files();
    allocated += own.allocatedBytes();
    apparent += own.apparentBytes();
  }

  /** Completes every open directory; call once after the last {@link #add}. */
  public void finish() throws Exception {
    while (!open.isEmpty()) {
      close();
    }
  }

  private CompletedDirectory push(String path, boolean implicit, HistogramCells cells) throws Exception {
    CompletedDirectory parent = open.peek();
    CompletedDirectory d = new CompletedDirectory(nextId++, path, implicit);
    if (implicit) {
      implicitCount++;
    }
    sink.directory(d.id, parent == null ? null : parent.id, PathText.name(path), PathText.depth(path),
        parent == null ? path : null, cells);
    open.push(d);
    return d;
  }

  private void close() throws Exception {
    CompletedDirectory d = open.pop();
    if (!open.isEmpty()) {
      open.peek().addChild(d);
    }
    sink.completed(d);
  }

  public long directories() {
    return nextId;
  }

  public long implicitDirectories() {
    return implicitCount;
  }

  public long files() {
    return files;
  }

  public long allocatedBytes() {
    return allocated;
  }

  public long apparentBytes() {
    return apparent;
  }
}
