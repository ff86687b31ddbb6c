package org.scan2db.model;

import java.io.Serializable;

/**
 * Where and how one scan's database is written, and what its {@code scan_metadata} row says about the import.
 *
 * @param scan the scan's index in the import
 * @param tmpPath the temporary file the writer creates; the command renames it into place when the job succeeds
 * @param sourceFile the scan file's name, without directories
 * @param scanDate {@code YYYY-MM-DD}
 * @param importTimestamp {@code YYYY-MM-DD HH:MM:SS}, the same for every scan of one import
 * @param scanFormat {@code gpfs}, {@code lustre} or {@code posix}
 * @param timeZone the zone epoch times were stored in; null for GPFS, whose times are text
 * @param gpfsShow the {@code --gpfs-show} SPEC of a list written by position, or null
 * @param topFiles how many largest and oldest files the import keeps
 * @param unknownAttributes the attributes the list does not carry (blank-separated, as
 *     {@code scan_metadata.unknown_attributes} records them), or null when it carries them all
 * @param sizeBasis what the byte figures count, {@code allocated} or {@code apparent} ({@code --apparent-size}),
 *     as {@code scan_metadata.size_basis} records it
 */
public record DatabaseTarget(
    int scan,
    String tmpPath,
    String sourceFile,
    String filesystem,
    String scanDate,
    String importTimestamp,
    String pathEscape,
    String scanFormat,
    String timeZone,
    String gpfsShow,
    String runner,
    int parallelism,
    String version,
    TopFileLimits topFiles,
    String unknownAttributes,
    String sizeBasis)
    implements Serializable {}
