package org.scan2db.pipeline;

/** A problem with the command line or its inputs, found before anything runs: exit status 2. */
final class UsageProblem extends Exception {
  UsageProblem(String message) {
    super(message);
  }
}
