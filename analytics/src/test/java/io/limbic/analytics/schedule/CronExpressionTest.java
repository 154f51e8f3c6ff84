package io.limbic.analytics.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
  private static Instant at(String t) {
    return Instant.parse(t);
  }

  private static Instant next(String cron, String after) {
    return CronExpression.parse(cron).next(at(after)).orElseThrow();
  }

  private static Instant latest(String cron, String at) {
    return CronExpression.parse(cron).latestAtOrBefore(at(at)).orElseThrow();
  }

  @Test
  void everyMinuteIsTheNextWholeMinute() {
    assertEquals(at("2026-03-01T10:16:00Z"), next("* * * * *", "2026-03-01T10:15:00Z"));
    assertEquals(at("2026-03-01T10:16:00Z"), next("* * * * *", "2026-03-01T10:15:59.999Z"));
    assertEquals(at("2026-03-01T10:15:00Z"), latest("* * * * *", "2026-03-01T10:15:42Z"));
  }

  @Test
  void nightlyRunsOncePerDay() {
    assertEquals(at("2026-03-02T02:00:00Z"), next("0 2 * * *", "2026-03-01T02:00:00Z"));
    assertEquals(at("2026-03-01T02:00:00Z"), next("0 2 * * *", "2026-03-01T01:59:00Z"));
    assertEquals(at("2026-03-01T02:00:00Z"), latest("0 2 * * *", "2026-03-01T02:00:00Z"));
    assertEquals(at("2026-02-28T02:00:00Z"), latest("0 2 * * *", "2026-03-01T01:59:59Z"));
  }

  @Test
  void weeklyAndMonthlyCrossMonthAndYearEnds() {
    // 2026-12-31 is a Thursday; the next Monday is 2027-01-04.
    assertEquals(at("2027-01-04T03:00:00Z"), next("0 3 * * 1", "2026-12-31T12:00:00Z"));
    assertEquals(at("2027-01-04T03:00:00Z"), next("0 3 * * MON", "2026-12-31T12:00:00Z"));
    assertEquals(at("2027-01-01T05:00:00Z"), next("0 5 1 * *", "2026-12-15T00:00:00Z"));
    assertEquals(at("2026-12-01T05:00:00Z"), latest("0 5 1 * *", "2026-12-15T00:00:00Z"));
    assertEquals(at("2026-11-01T00:00:00Z"), latest("@monthly", "2026-11-30T23:59:00Z"));
  }

  @Test
  void sundayIsZeroOrSeven() {
    // 2026-03-01 is a Sunday.
    assertEquals(at("2026-03-01T00:00:00Z"), next("0 0 * * 0", "2026-02-28T00:00:00Z"));
    assertEquals(at("2026-03-01T00:00:00Z"), next("0 0 * * 7", "2026-02-28T00:00:00Z"));
    assertEquals(at("2026-03-01T00:00:00Z"), next("0 0 * * SUN", "2026-02-28T00:00:00Z"));
  }

  @Test
  void listsRangesAndSteps() {
    assertEquals(at("2026-03-01T10:30:00Z"), next("*/15 * * * *", "2026-03-01T10:16:00Z"));
    assertEquals(at("2026-03-01T10:20:00Z"), next("10-30/10 * * * *", "2026-03-01T10:11:00Z"));
    assertEquals(at("2026-03-01T11:05:00Z"), next("5,50 9-17 * * *", "2026-03-01T10:50:00Z"));
    assertEquals(at("2026-03-01T18:05:00Z"), next("5 9-17/3,18 * * *", "2026-03-01T15:06:00Z"));
    assertEquals(at("2026-06-01T00:00:00Z"), next("0 0 1 JUN-AUG *", "2026-03-01T00:00:00Z"));
  }

  @Test
  void bothDayFieldsRestrictedMatchEither() {
    // The 13th, or any Friday: 2026-03-06 is a Friday, before the 13th.
    assertEquals(at("2026-03-06T00:00:00Z"), next("0 0 13 * 5", "2026-03-01T00:00:00Z"));
    // With day-of-week *, only the 13th.
    assertEquals(at("2026-03-13T00:00:00Z"), next("0 0 13 * *", "2026-03-01T00:00:00Z"));
  }

  @Test
  void leapDaysAreFoundAndImpossibleDatesNever() {
    assertEquals(at("2028-02-29T00:00:00Z"), next("0 0 29 2 *", "2026-03-01T00:00:00Z"));
    assertEquals(Optional.empty(), CronExpression.parse("0 0 30 2 *").next(at("2026-03-01T00:00:00Z")));
    assertEquals(Optional.empty(), CronExpression.parse("0 0 31 4 *").latestAtOrBefore(at("2026-03-01T00:00:00Z")));
  }

  @Test
  void nextAndLatestAgreeOnPeriods() {
    CronExpression cron = CronExpression.parse("17 */5 * * 1-5");
    Instant t = at("2026-01-01T00:00:00Z");
    for (int i = 0; i < 200; i++) {
      Instant n = cron.next(t).orElseThrow();
      assertEquals(n, cron.latestAtOrBefore(n).orElseThrow());
      // The minute before a fire time belongs to the previous period.
      if (i > 0) assertEquals(t, cron.latestAtOrBefore(n.minusSeconds(60)).orElseThrow());
      assertTrue(n.isAfter(t));
      t = n;
    }
  }

  @Test
  void mistakesNameTheField() {
    assertMessage("* * * *", "five fields");
    assertMessage("60 * * * *", "minute field '60': out of range 0-59");
    assertMessage("* 24 * * *", "hour field '24'");
    assertMessage("* * 0 * *", "day-of-month field '0'");
    assertMessage("* * * 13 *", "month field '13'");
    assertMessage("* * * * 8", "day-of-week field '8'");
    assertMessage("* * * FOO *", "month field 'FOO': not a number or name");
    assertMessage("5-1 * * * *", "backwards");
    assertMessage("*/0 * * * *", "out of range");
    assertMessage("5/10 * * * *", "a step needs * or a range");
    assertMessage("1,,2 * * * *", "empty list item");
    assertMessage("@often", "unknown shorthand");
    assertMessage(" ", "five fields");
  }

  @Test
  void sundayNamedIsZeroSoSunToSatIsTheWholeWeek() {
    // cron-utils reads SUN as 7 (SUN-SAT would be a backwards range); we keep Vixie cron's SUN = 0.
    assertEquals(at("2026-03-01T00:00:00Z"), next("0 0 * * SUN-SAT", "2026-02-28T12:00:00Z"));
    assertEquals(at("2026-03-01T00:00:00Z"), next("0 0 * * sun-tue", "2026-02-28T12:00:00Z"));
    assertEquals(at("2026-03-02T00:00:00Z"), next("0 0 * * SUN-TUE", "2026-03-01T00:00:00Z"));
    assertMessage("0 0 * * FRI-SUN", "day-of-week field 'FRI-SUN': a range must not run backwards");
  }

  @Test
  void shorthandsAreOursSinceTheUnixDefinitionHasNone() {
    assertEquals(at("2026-03-02T00:00:00Z"), next("@daily", "2026-03-01T00:00:00Z"));
    assertEquals(at("2026-03-02T00:00:00Z"), next("@DAILY", "2026-03-01T00:00:00Z"));
    assertEquals(at("2026-03-01T11:00:00Z"), next("@hourly", "2026-03-01T10:00:00Z"));
    assertEquals(at("2026-03-08T00:00:00Z"), next("@weekly", "2026-03-01T00:00:00Z"));
    assertEquals(at("2027-01-01T00:00:00Z"), next("@yearly", "2026-03-01T00:00:00Z"));
    assertEquals("@daily", CronExpression.parse(" @daily ").toString());
    assertMessage("@reboot", "unknown shorthand");
  }

  @Test
  void timesAreUtcSoDaylightSavingChangesDoNotMoveThem() {
    // Europe and the US change clocks on these dates; a UTC schedule keeps its hour and runs once.
    assertEquals(at("2026-03-29T02:30:00Z"), next("30 2 * * *", "2026-03-28T02:30:00Z"));
    assertEquals(at("2026-11-01T01:30:00Z"), next("30 1 * * *", "2026-10-31T01:30:00Z"));
    assertEquals(at("2026-11-01T01:30:00Z"), latest("30 1 * * *", "2026-11-01T02:29:00Z"));
  }

  @Test
  void extensionsOutsideUnixCronAreRefusedNamingTheField() {
    assertMessage("0 0 L * *", "day-of-month field 'L': not a number");
    assertMessage("0 0 1W * *", "day-of-month field '1W'");
    assertMessage("0 0 * * 1#2", "day-of-week field '1#2'");
    assertMessage("0 0 ? * *", "day-of-month field '?'");
    assertMessage("0 0 * * 5L", "day-of-week field '5L'");
    assertMessage("1-60/5 * * * *", "minute field '1-60/5': out of range 0-59");
  }

  private static void assertMessage(String cron, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CronExpression.parse(cron));
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
