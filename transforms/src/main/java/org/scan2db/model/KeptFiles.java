package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Files of one kept list ({@link TopList}), first first, at most {@code keep}: a part of a parser's candidates
 * ({@link TopFileCandidates#unpack}) or a merged list. One value per list rather than one per file, so a runner
 * serialises and combines lists, not files.
 */
@DefaultCoder(KeptFiles.Coder.class)
public record KeptFiles(TopList list, int keep, List<TopFile> files) {
  public KeptFiles {
    files = List.copyOf(files);
  }

  /** The {@code keep} first files of both, in the list's order. */
  public KeptFiles merge(KeptFiles other) {
    List<TopFile> all = new ArrayList<>(files.size() + other.files.size());
    all.addAll(files);
    all.addAll(other.files);
    all.sort(list.firstFirst());
    return new KeptFiles(list, keep, all.size() > keep ? all.subList(0, keep) : all);
  }

  public static final class Coder extends ValueCoder<KeptFiles> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(KeptFiles.class), of());
    }

    @Override
    public void encode(KeptFiles v, OutputStream out) throws IOException {
      out.write(v.list.ordinal());
      CoderIo.writeInt(v.keep, out);
      CoderIo.writeInt(v.files.size(), out);
      TopFile.Coder files = TopFile.Coder.of();
      for (TopFile f : v.files) {
        files.encode(f, out);
      }
    }

    @Override
    public KeptFiles decode(InputStream in) throws IOException {
      TopList list = TopList.values()[in.read()];
      int keep = CoderIo.readInt(in);
      int n = CoderIo.readInt(in);
      List<TopFile> files = new ArrayList<>(n);
      TopFile.Coder coder = TopFile.Coder.of();
      for (int i = 0; i < n; i++) {
        files.add(coder.decode(in));
      }
      return new KeptFiles(list, keep, files);
    }
  }
}
