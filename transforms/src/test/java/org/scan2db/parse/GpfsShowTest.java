package org.scan2db.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scan2db.parse.GpfsShow.Attribute;
import org.scan2db.parse.GpfsShow.Column;
import org.scan2db.parse.GpfsShow.TimeForm;

/**
 * {@code --gpfs-show SPEC}: names, separators, time forms, the attributes a list cannot do without and those whose
 * figures it leaves unknown.
 */
class GpfsShowTest {
  private static final String ALL = "USER_ID:GROUP_ID:MODE:FILE_SIZE:KB_ALLOCATED:ACCESS_TIME";

  @Test
  void colonsJoinTheValuesOfAColonSpec() throws Exception {
    GpfsShow s = GpfsShow.parse(ALL);
    assertEquals(':', s.separator());
    assertFalse(s.edges());
    assertEquals(List.of(new Column(Attribute.USER_ID, null), new Column(Attribute.GROUP_ID, null),
        new Column(Attribute.MODE, null), new Column(Attribute.FILE_SIZE, null),
        new Column(Attribute.KB_ALLOCATED, null), new Column(Attribute.ACCESS_TIME, TimeForm.TIMESTAMP)),
        s.columns());
    assertEquals(ALL, s.text());
  }

  @Test
  void blanksOfAnyLengthJoinABlankSpecAndOtherNamesAreSkipped() throws Exception {
    GpfsShow s = GpfsShow.parse("MODE  NLINK FILE_SIZE KB_ALLOCATED user_id GROUP_ID ACCESS_TIME@epoch CHANGE_TIME");
    assertEquals(' ', s.separator());
    assertEquals(Attribute.OTHER, s.columns().get(1).attribute());
    assertEquals(Attribute.USER_ID, s.columns().get(4).attribute(), "names ignore case");
    assertEquals(new Column(Attribute.ACCESS_TIME, TimeForm.EPOCH), s.columns().get(6));
    assertTrue(s.hasEpochTimes());
    assertEquals(new Column(Attribute.OTHER, TimeForm.TIMESTAMP), s.columns().get(7), "a skipped time");
  }

  @Test
  void aSpecThatStartsAndEndsWithTheSeparatorSaysTheValuesDo() throws Exception {
    GpfsShow s = GpfsShow.parse("|" + ALL.replace(':', '|') + "|MODIFICATION_TIME@days|");
    assertEquals('|', s.separator());
    assertTrue(s.edges());
    assertEquals(new Column(Attribute.MODIFICATION_TIME, TimeForm.DAYS), s.columns().get(6));
    assertFalse(s.hasEpochTimes());
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
    "USER_ID:GROUP_ID:MODE:FILE_SIZE:KB_ALLOCATED:ACCESS_TIME;",
    "USER_ID:FILE_SIZE:KB_ALLOCATED;GROUP_ID MODE ACCESS_TIME",
    "MODE NLINK FILE_SIZE KB_ALLOCATED;USER_ID GROUP_ID ACCESS_TIME",
    "FILE_SIZE KB_ALLOCATED ACCESS_TIME@days MODIFICATION_TIME;USER_ID GROUP_ID MODE"
  })
  void whatASpecDoesNotNameIsUnknown(String spec, String unknown) throws Exception {
    assertEquals(unknown, GpfsShow.parse(spec).unknownText());
  }

  /**
   * Without KB_ALLOCATED a spec parses (the import reads it only with --apparent-size), and its refusal names both
   * ways out.
   */
  @Test
  void aSpecWithoutAllocationSaysSoAndWhatToDo() throws Exception {
    assertTrue(GpfsShow.parse(ALL).hasAllocation());
    GpfsShow s = GpfsShow.parse("FILE_SIZE");
    assertFalse(s.hasAllocation());
    assertEquals("--gpfs-show 'FILE_SIZE' has no KB_ALLOCATED, and scan2db counts allocated bytes: a file's size is"
        + " not its allocation (sparse, compressed and replicated files). Either add VARCHAR(KB_ALLOCATED) to the"
        + " policy's SHOW clause and KB_ALLOCATED to --gpfs-show, or pass --apparent-size to count each file's"
        + " FILE_SIZE instead (the database and every answer then say the bytes are apparent sizes).",
        s.noAllocation());
  }

  @Test
  void theScanDateGivesTheMidnightDaysCountFrom() throws Exception {
    GpfsShow s = GpfsShow.parse(ALL).on(java.time.LocalDate.of(2026, 3, 1));
    assertEquals("2026-03-01 00:00:00", ScanTime.format(s.scanMidnight()));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
    "'';is empty",
    "USER_ID:KB_ALLOCATED;has no FILE_SIZE: every file's size",
    "USER_ID:MODE;Add VARCHAR(FILE_SIZE) to the policy's SHOW clause and FILE_SIZE to --gpfs-show",
    "USER_ID:GROUP_ID MODE:FILE_SIZE:KB_ALLOCATED:ACCESS_TIME;has ' ' between attributes",
    "USER_ID::GROUP_ID:MODE:FILE_SIZE:KB_ALLOCATED:ACCESS_TIME;has '::' between attributes",
    "|USER_ID|GROUP_ID|MODE|FILE_SIZE|KB_ALLOCATED|ACCESS_TIME;starts or ends with a separator but not both",
    "USER_ID%GROUP_ID%MODE%FILE_SIZE%KB_ALLOCATED%ACCESS_TIME;cannot use '%' as the separator",
    "USER_ID:GROUP_ID:MODE:FILE_SIZE:KB_ALLOCATED:ACCESS_TIME:USER_ID;names USER_ID twice",
    "USER_ID:GROUP_ID:MODE@epoch:FILE_SIZE:KB_ALLOCATED:ACCESS_TIME;only times (ACCESS_TIME, MODIFICATION_TIME, ..._TIME) take",
    "USER_ID:GROUP_ID:MODE:FILE_SIZE:KB_ALLOCATED:ACCESS_TIME@hours;is not a time form"
  })
  void badSpecsAreRefusedWithWhatToWrite(String spec, String message) {
    GpfsShow.BadSpec e = assertThrows(GpfsShow.BadSpec.class, () -> GpfsShow.parse(spec));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
