package org.scan2db.query;

/** The read side's reader threads, which read a database ahead of the thread that answers. */
final class ReaderThreads {
  private ReaderThreads() {}

  /**
   * Stops a reader (it may be mid-stream when the answer is complete early) and waits until it has ended, so that
   * its connection is free again; an interrupt of the caller while it waits is kept for the caller.
   */
  static void stop(Thread reader) {
    reader.interrupt();
    boolean interrupted = false;
    while (reader.isAlive()) {
      try {
        reader.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
