package io.limbic.analytics.matching.eval.realdata;

import io.limbic.analytics.text.CsvLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Fisman &amp; Iyengar speed-dating experiment ("Speed Dating Data.csv", Columbia, 2002-2004): 21 waves, each a
 * night on which every participant met (most of) the other gender for four minutes and then said yes or no.
 *
 * <p>Only what a dating app would know before the date is read about a person: age, gender, field of study,
 * career, race, goal, how often they date and go out, and their 1-10 ratings of 17 hobbies. The ratings made during
 * the date (attractiveness, like, ...) are never read: they are taken together with the decision and would leak it.
 */
public record SpeedDatingData(Map<Integer, Person> people, List<Decision> decisions) {

  /** One participant. {@code hobbies} are the hobby names in the file's order with their 1-10 rating (0 unknown). */
  public record Person(int iid, int wave, boolean male, Integer age, String field, String career, String race,
      String goal, String dateFrequency, String goOut, Map<String, Integer> hobbies) {}

  /** What {@code from} said about {@code to} at the end of their date. */
  public record Decision(int wave, int from, int to, boolean yes, int round) {}

  static final List<String> HOBBIES = List.of("sports", "tvsports", "exercise", "dining", "museums", "art", "hiking",
      "gaming", "clubbing", "reading", "tv", "theater", "movies", "concerts", "music", "shopping", "yoga");

  public static SpeedDatingData read(Path csv) throws IOException {
    Map<Integer, Person> people = new LinkedHashMap<>();
    List<Decision> decisions = new ArrayList<>();
    // The file is Latin-1 (a few field names carry accents).
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.ISO_8859_1)) {
      List<String> header = CsvLine.split(in.readLine());
      Map<String, Integer> column = new HashMap<>();
      for (int i = 0; i < header.size(); i++) column.put(header.get(i), i);
      String line;
      while ((line = in.readLine()) != null) {
        List<String> row = CsvLine.split(line);
        String wave = get(row, column, "wave");
        String pid = get(row, column, "pid");
        if (wave.isEmpty() || pid.isEmpty() || get(row, column, "dec").isEmpty()) continue;
        int iid = Integer.parseInt(get(row, column, "iid"));
        people.computeIfAbsent(iid, id -> person(id, row, column));
        decisions.add(new Decision(Integer.parseInt(wave), iid, (int) Double.parseDouble(pid),
            get(row, column, "dec").equals("1"), integer(get(row, column, "round"), 0)));
      }
    }
    return new SpeedDatingData(Map.copyOf(people), List.copyOf(decisions));
  }

  private static Person person(int iid, List<String> row, Map<String, Integer> column) {
    Map<String, Integer> hobbies = new LinkedHashMap<>();
    for (String hobby : HOBBIES) hobbies.put(hobby, integer(get(row, column, hobby), 0));
    String age = get(row, column, "age");
    return new Person(iid, Integer.parseInt(get(row, column, "wave")), get(row, column, "gender").equals("1"),
        age.isEmpty() ? null : (int) Double.parseDouble(age), get(row, column, "field_cd"),
        get(row, column, "career_c"), get(row, column, "race"), get(row, column, "goal"), get(row, column, "date"),
        get(row, column, "go_out"), hobbies);
  }

  private static String get(List<String> row, Map<String, Integer> column, String name) {
    Integer at = column.get(name);
    return at == null || at >= row.size() ? "" : row.get(at).strip();
  }

  private static int integer(String value, int missing) {
    if (value.isEmpty()) return missing;
    try {
      return (int) Math.round(Double.parseDouble(value));
    } catch (NumberFormatException notANumber) {
      return missing;
    }
  }
}
