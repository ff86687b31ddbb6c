package org.scan2db.query;

/** One directory of an answer: its path and {@code directory_stats} columns, and the filesystem it belongs to. */
public record DirectoryRow(
    String filesystem, long dirId, String path, int depth, long fileCountNr, long totalSizeNr, long dirCountNr,
    long apparentSizeNr, String maxAtimeNr, long fileCountR, long totalSizeR, long dirCountR, long apparentSizeR,
    String maxAtimeR, Long ownerUid, Long ownerGid) {}
