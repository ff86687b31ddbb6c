package org.scan2db.model;

import org.apache.beam.sdk.coders.AtomicCoder;

/** Shared by the value types' coders: each writes every field in a fixed order, so equal values encode equally. */
abstract class ValueCoder<T> extends AtomicCoder<T> {
  @Override
  public final void verifyDeterministic() {}

  @Override
  public final boolean consistentWithEquals() {
    return true;
  }
}
