package io.limbic.analytics.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A five-field cron expression in UTC: {@code minute hour day-of-month month day-of-week}, as in Vixie cron.
 * Each field is {@code *} or a comma-separated list of values and ranges {@code a-b}; {@code * / n} and
 * {@code a-b/n} (no spaces) take every n-th; months may be named {@code JAN..DEC}, weekdays {@code SUN..SAT} (0 and 7
 * are both Sunday). When both day fields are restricted a day matches either (the classic rule); otherwise both.
 * {@code @hourly}, {@code @daily}, {@code @weekly}, {@code @monthly} and {@code @yearly} are shorthands.
 */
public final class CronExpression {
  private static final int SEARCH_YEARS = 5;
  private static final Map<String, String> MACROS = Map.of(
      "@hourly", "0 * * * *", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@weekly", "0 0 * * 0",
      "@monthly", "0 0 1 * *", "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *");
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private final String text;
  private final long minutes;
  private final long hours;
  private final long daysOfMonth;
  private final long months;
  private final long daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private CronExpression(String text, long minutes, long hours, long daysOfMonth, long months, long daysOfWeek,
      boolean anyDayOfMonth, boolean anyDayOfWeek) {
    this.text = text;
    this.minutes = minutes;
    this.hours = hours;
    this.daysOfMonth = daysOfMonth;
    this.months = months;
    this.daysOfWeek = daysOfWeek;
    this.anyDayOfMonth = anyDayOfMonth;
    this.anyDayOfWeek = anyDayOfWeek;
  }

  /** Parses {@code text}; an {@link IllegalArgumentException} names the field that is wrong and why. */
  public static CronExpression parse(String text) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("cron: an expression of five fields");
    String trimmed = text.trim();
    String expanded = MACROS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
    if (expanded.startsWith("@")) throw new IllegalArgumentException("cron: unknown shorthand " + trimmed);
    String[] f = expanded.split("\\s+");
    if (f.length != 5) {
      throw new IllegalArgumentException("cron: five fields (minute hour day-of-month month day-of-week), got "
          + f.length);
    }
    long dow = field("day-of-week", f[4], 0, 7, DAYS);
    if ((dow & (1L << 7)) != 0) dow = (dow & ~(1L << 7)) | 1L;
    return new CronExpression(trimmed, field("minute", f[0], 0, 59, null), field("hour", f[1], 0, 23, null),
        field("day-of-month", f[2], 1, 31, null), field("month", f[3], 1, 12, MONTHS), dow,
        f[2].startsWith("*"), f[4].startsWith("*"));
  }

  private static long field(String name, String text, int min, int max, List<String> names) {
    long bits = 0;
    for (String item : text.split(",", -1)) {
      if (item.isEmpty()) throw bad(name, text, "an empty list item");
      String range = item;
      int step = 1;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        range = item.substring(0, slash);
        step = number(name, item.substring(slash + 1), 1, max - min + 1, null);
        if (!range.equals("*") && !range.contains("-")) throw bad(name, text, "a step needs * or a range before it");
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.indexOf('-') > 0) {
        int dash = range.indexOf('-');
        from = number(name, range.substring(0, dash), min, max, names);
        to = number(name, range.substring(dash + 1), min, max, names);
        if (from > to) throw bad(name, text, "a range must not run backwards");
      } else {
        from = number(name, range, min, max, names);
        to = from;
      }
      for (int v = from; v <= to; v += step) bits |= 1L << v;
    }
    return bits;
  }

  private static int number(String name, String text, int min, int max, List<String> names) {
    if (names != null) {
      int i = names.indexOf(text.toUpperCase(Locale.ROOT));
      if (i >= 0) return i + (names.size() == 12 ? 1 : 0);
    }
    if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(Character::isDigit)) {
      throw bad(name, text, "not a number" + (names == null ? "" : " or name"));
    }
    int v = Integer.parseInt(text);
    if (v < min || v > max) throw bad(name, text, "out of range " + min + "-" + max);
    return v;
  }

  private static IllegalArgumentException bad(String field, String text, String why) {
    return new IllegalArgumentException("cron: " + field + " field '" + text + "': " + why);
  }

  /** The first matching minute strictly after {@code after}; empty when none comes within five years. */
  public Optional<Instant> next(Instant after) {
    LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    LocalDateTime end = t.plusYears(SEARCH_YEARS);
    while (t.isBefore(end)) {
      if (!has(months, t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!has(hours, t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!has(minutes, t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        return Optional.of(t.toInstant(ZoneOffset.UTC));
      }
    }
    return Optional.empty();
  }

  /** The last matching minute at or before {@code at} (the start of the period {@code at} is in). */
  public Optional<Instant> latestAtOrBefore(Instant at) {
    LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
    LocalDateTime end = t.minusYears(SEARCH_YEARS);
    while (t.isAfter(end)) {
      if (!has(months, t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).minusMinutes(1);
      } else if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).minusMinutes(1);
      } else if (!has(hours, t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).minusMinutes(1);
      } else if (!has(minutes, t.getMinute())) {
        t = t.minusMinutes(1);
      } else {
        return Optional.of(t.toInstant(ZoneOffset.UTC));
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDateTime t) {
    boolean dom = has(daysOfMonth, t.getDayOfMonth());
    boolean dow = has(daysOfWeek, t.getDayOfWeek().getValue() % 7);
    if (anyDayOfMonth || anyDayOfWeek) return dom && dow;
    return dom || dow;
  }

  private static boolean has(long bits, int v) {
    return (bits & (1L << v)) != 0;
  }

  @Override
  public String toString() {
    return text;
  }
}
