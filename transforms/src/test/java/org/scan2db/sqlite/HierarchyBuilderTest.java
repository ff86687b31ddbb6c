package org.scan2db.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scan2db.db.HistogramCells;
import org.scan2db.db.Preorder;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.OwnerId;

/** The tree from directories in preorder: ids, implicit directories, roots and recursive statistics. */
class HierarchyBuilderTest {
  private final List<String> rows = new ArrayList<>();
  private final List<String> completed = new ArrayList<>();
  private final HierarchyBuilder tree = new HierarchyBuilder(new HierarchyBuilder.TreeSink() {
    @Override
    public void directory(long id, Long parentId, String name, int depth, String rootPath, HistogramCells cells) {
      rows.add(id + " " + parentId + " " + name + " " + depth + (rootPath == null ? "" : " root=" + rootPath)
          + (cells.isEmpty() ? "" : " " + cells));
    }

    @Override
    public void completed(HierarchyBuilder.CompletedDirectory d) {
      completed.add(d.id + (d.implicit ? " implicit" : "") + " files=" + d.filesNr + "/" + d.filesR + " dirs="
          + d.dirsNr + "/" + d.dirsR + " alloc=" + d.allocatedNr + "/" + d.allocatedR + " atime=" + atime(d.maxAtimeNr)
          + "/" + atime(d.maxAtimeR) + " uid=" + d.uid + " gid=" + d.gid);
    }
  });

  private static String atime(long t) {
    return t == DirectoryStats.NO_ATIME ? "-" : Long.toString(t);
  }

  private static void add(HierarchyBuilder tree, String path, DirectoryStats own) throws Exception {
    tree.add(path, Preorder.key(path), own);
  }

  /** {@code n} files of one owner, together in access-age bucket 0 and size bucket 0. */
  private static DirectoryStats files(long n, long alloc, long atime, long uid) {
    HistogramCells.Builder cells = new HistogramCells.Builder();
    for (int i = 0; i < n; i++) {
      cells.addFile(uid, 0, 0, i == 0 ? alloc : 0);
    }
    return new DirectoryStats(false, n, alloc, alloc, atime, uid, 5, cells.build());
  }

  @Test
  void implicitDirectoriesRootsAndRollUps() throws Exception {
    // Preorder: "/a/b" sorts before "/a-c" because '/' becomes the smallest byte.
    add(tree, "/a", DirectoryStats.LISTED);
    add(tree, "/a/b", files(2, 10, 100, 7));
    add(tree, "/a/b/c/d/e", files(1, 5, 300, 8)); // its parent c/d and grandparent c are not listed
    add(tree, "/a-c", DirectoryStats.LISTED);
    add(tree, "/z/y", files(1, 1, 50, 7)); // nothing above it: a root
    tree.finish();

    assertEquals(List.of(
        "0 null a 1 root=/a",
        "1 0 b 2 [7 SIZE 0: 2 files 10 B; 7 ACCESS 0: 2 files 10 B]",
        "2 1 c 3",
        "3 2 d 4",
        "4 3 e 5 [8 SIZE 0: 1 files 5 B; 8 ACCESS 0: 1 files 5 B]",
        "5 null a-c 1 root=/a-c",
        "6 null y 2 root=/z/y [7 SIZE 0: 1 files 1 B; 7 ACCESS 0: 1 files 1 B]"), rows);
    assertEquals(List.of(
        "4 implicit files=1/1 dirs=0/0 alloc=5/5 atime=300/300 uid=8 gid=5",
        "3 implicit files=0/1 dirs=1/1 alloc=0/5 atime=-/300 uid=8 gid=5",
        "2 implicit files=0/1 dirs=1/2 alloc=0/5 atime=-/300 uid=8 gid=5",
        "1 implicit files=2/3 dirs=1/3 alloc=10/15 atime=100/300 uid=" + OwnerId.MIXED + " gid=5",
        "0 files=0/3 dirs=1/4 alloc=0/15 atime=-/300 uid=" + OwnerId.MIXED + " gid=5",
        "5 files=0/0 dirs=0/0 alloc=0/0 atime=-/- uid=-1 gid=-1",
        "6 implicit files=1/1 dirs=0/0 alloc=1/1 atime=50/50 uid=7 gid=5"), completed);
    assertEquals(7, tree.directories());
    assertEquals(5, tree.implicitDirectories());
    assertEquals(4, tree.files());
    assertEquals(16, tree.allocatedBytes());
  }

  @Test
  void slashIsTheRootOfEverything() throws Exception {
    add(tree, "/", DirectoryStats.LISTED);
    add(tree, "/x/y", files(1, 1, 1, 1));
    tree.finish();
    assertEquals(List.of("0 null / 0 root=/", "1 0 x 1", "2 1 y 2 [1 SIZE 0: 1 files 1 B; 1 ACCESS 0: 1 files 1 B]"),
        rows);
  }

  @Test
  void refusesInputOutOfPreorder() throws Exception {
    add(tree, "/b", DirectoryStats.LISTED);
    assertThrows(IllegalStateException.class, () -> add(tree, "/a", DirectoryStats.LISTED));
  }
}
