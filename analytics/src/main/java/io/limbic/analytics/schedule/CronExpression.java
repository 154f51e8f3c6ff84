package io.limbic.analytics.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A five-field cron expression in UTC: {@code minute hour day-of-month month day-of-week}, as in Vixie cron, parsed
 * and evaluated by cron-utils with its UNIX definition. Each field is {@code *} or a comma-separated list of values
 * and ranges {@code a-b}; {@code * / n} and {@code a-b/n} (no spaces) take every n-th; months may be named
 * {@code JAN..DEC}, weekdays {@code SUN..SAT} (0 and 7 are both Sunday, and {@code SUN} is 0 so {@code SUN-SAT} is
 * the whole week). When both day fields are restricted a day matches either (the classic rule); otherwise both.
 * {@code @hourly}, {@code @daily}, {@code @midnight}, {@code @weekly}, {@code @monthly}, {@code @yearly} and
 * {@code @annually} are shorthands.
 *
 * <p>What is ours, on top of the library: the shorthands (its UNIX definition takes none), a step only after
 * {@code *} or a range ({@code 5/10} is refused, as Vixie cron does not give it a meaning), {@code SUN} as 0, and
 * error messages that name the field.
 */
public final class CronExpression {
  private static final ZoneId ZONE = ZoneOffset.UTC;
  private static final int SEARCH_YEARS = 5;
  private static final CronDefinition UNIX = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);
  private static final CronParser PARSER = new CronParser(UNIX);
  private static final List<String> FIELDS = List.of("minute", "hour", "day-of-month", "month", "day-of-week");
  private static final Map<String, String> MACROS = Map.of(
      "@hourly", "0 * * * *", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@weekly", "0 0 * * 0",
      "@monthly", "0 0 1 * *", "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *");
  private static final Pattern SUNDAY = Pattern.compile("(?i)SUN");
  private static final Pattern VALUE_RANGE = Pattern.compile("Value (\\S+) not in range \\[(\\d+), (\\d+)]");
  private static final Pattern STEP_RANGE = Pattern.compile("Period (\\S+) not in range \\[\\d+, (\\d+)]");

  private final String text;
  private final ExecutionTime execution;

  private CronExpression(String text, ExecutionTime execution) {
    this.text = text;
    this.execution = execution;
  }

  /** Parses {@code text}; an {@link IllegalArgumentException} names the field that is wrong and why. */
  public static CronExpression parse(String text) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("cron: an expression of five fields");
    String trimmed = text.trim();
    String expanded = MACROS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
    if (expanded.startsWith("@")) throw new IllegalArgumentException("cron: unknown shorthand " + trimmed);
    String[] f = expanded.split("\\s+");
    if (f.length != FIELDS.size()) {
      throw new IllegalArgumentException("cron: five fields (minute hour day-of-month month day-of-week), got "
          + f.length);
    }
    String[] given = f.clone();
    f[4] = SUNDAY.matcher(f[4]).replaceAll("0");
    for (int i = 0; i < f.length; i++) check(i, given[i], f[i]);
    return new CronExpression(trimmed, ExecutionTime.forCron(PARSER.parse(String.join(" ", f))));
  }

  /** Our own rules first, then the library's verdict on this field alone, so the message can name it. */
  private static void check(int index, String given, String field) {
    String name = FIELDS.get(index);
    for (String item : field.split(",", -1)) {
      if (item.isEmpty()) throw bad(name, given, "an empty list item");
      int slash = item.indexOf('/');
      if (slash >= 0 && !item.startsWith("*/") && item.substring(0, slash).indexOf('-') <= 0) {
        throw bad(name, given, "a step needs * or a range before it");
      }
    }
    String[] probe = {"*", "*", "*", "*", "*"};
    probe[index] = field;
    try {
      PARSER.parse(String.join(" ", probe));
    } catch (IllegalArgumentException e) {
      throw bad(name, given, reason(index, e.getMessage()));
    }
  }

  /** The library's reason in our words where we know its wording; its own text otherwise. */
  private static String reason(int index, String message) {
    String m = message == null ? "invalid" : message.replace("Failed to parse cron expression. ", "");
    Matcher value = VALUE_RANGE.matcher(m);
    if (value.find()) return "out of range " + value.group(2) + "-" + value.group(3);
    Matcher step = STEP_RANGE.matcher(m);
    if (step.find()) return "step " + step.group(1) + " out of range 1-" + step.group(2);
    if (m.startsWith("Invalid range!")) return "a range must not run backwards";
    if (m.startsWith("Invalid chars") || m.startsWith("Invalid expression")) {
      return "not a number" + (index == 3 || index == 4 ? " or name" : "");
    }
    return m;
  }

  private static IllegalArgumentException bad(String field, String text, String why) {
    return new IllegalArgumentException("cron: " + field + " field '" + text + "': " + why);
  }

  /** The first matching minute strictly after {@code after}; empty when none comes within five years. */
  public Optional<Instant> next(Instant after) {
    ZonedDateTime minute = after.atZone(ZONE).truncatedTo(ChronoUnit.MINUTES);
    return execution.nextExecution(minute).filter(n -> n.isBefore(minute.plusYears(SEARCH_YEARS)))
        .map(ZonedDateTime::toInstant);
  }

  /**
   * The last matching minute at or before {@code at} (the start of the period {@code at} is in); empty when none
   * came within five years. The library's backward search over a date that never comes ({@code 0 0 30 2 *}) takes
   * seconds, its forward one milliseconds: so we look forward from five years back first.
   */
  public Optional<Instant> latestAtOrBefore(Instant at) {
    ZonedDateTime minute = at.atZone(ZONE).truncatedTo(ChronoUnit.MINUTES);
    Optional<ZonedDateTime> first = execution.nextExecution(minute.minusYears(SEARCH_YEARS));
    if (first.isEmpty() || first.get().isAfter(minute)) return Optional.empty();
    if (execution.isMatch(minute)) return Optional.of(minute.toInstant());
    return execution.lastExecution(minute).map(ZonedDateTime::toInstant);
  }

  @Override
  public String toString() {
    return text;
  }
}
