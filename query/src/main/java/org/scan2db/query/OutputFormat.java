package org.scan2db.query;

import org.scan2db.db.UsageProblem;

/** {@code --format}: aligned text for people, JSON for programs, CSV and TSV for spreadsheets. */
public enum OutputFormat {
  TABLE,
  JSON,
  CSV,
  TSV;

  public static OutputFormat parse(String text) throws UsageProblem {
    for (OutputFormat f : values()) {
      if (f.name().equalsIgnoreCase(text)) {
        return f;
      }
    }
    throw new UsageProblem("unknown --format '" + text + "': use table, json, csv or tsv.");
  }
}
