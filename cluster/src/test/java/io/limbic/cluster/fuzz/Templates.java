package io.limbic.cluster.fuzz;

import static io.limbic.cluster.fuzz.Field.optional;
import static io.limbic.cluster.fuzz.Field.required;
import static io.limbic.cluster.fuzz.JsonText.str;

import java.time.Instant;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The objects the API takes, each valid as given, with the fields and rules that make them invalid. */
final class Templates {
  private Templates() {}

  private static String recent() {
    return str(Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString());
  }

  static final BodyTemplate HEARTBEAT = new BodyTemplate(
      "heartbeat",
      List.of(required("userId", FieldKind.id()), optional("sessionId", FieldKind.id()), optional("at", FieldKind.time())),
      false,
      (r, ids) -> ordered("userId", str(ids.user()), "sessionId", str(ids.session()), "at", recent()),
      List.of());

  static final BodyTemplate IDENTIFY = new BodyTemplate(
      "identify",
      List.of(required("sessionId", FieldKind.id()), required("userId", FieldKind.id()),
          optional("anonymousId", FieldKind.id()), optional("traits", FieldKind.traits())),
      false,
      (r, ids) -> ordered("sessionId", str(ids.session()), "userId", str(ids.user()),
          "anonymousId", str(ids.anonymous()), "traits", "{\"email\":\"ann@example.com\"}"),
      List.of());

  static final BodyTemplate EVENT = new BodyTemplate(
      "event",
      List.of(required("userId", FieldKind.id()), required("id", FieldKind.id()),
          required("type", FieldKind.pattern("Purchase", "", "1st", "with space", "p".repeat(33), "purchase\u0000")),
          required("at", FieldKind.time()), required("amount", FieldKind.number(0, 1e12, 5)),
          required("currency", FieldKind.pattern("eur", "EURO", "", "E1R", "€"))),
      false,
      (r, ids) -> ordered("userId", str(ids.user()), "id", str(ids.eventId()), "type", str("purchase"),
          "at", recent(), "amount", "19.99", "currency", str("EUR")),
      List.of(new BodyTemplate.Cross("both userId and anonymousId", f -> with(f, "anonymousId", str("fz-a-1")))));

  static final BodyTemplate INTERACTION = new BodyTemplate(
      "interaction",
      List.of(required("from", FieldKind.id()), required("to", FieldKind.id()), required("id", FieldKind.id()),
          required("type", FieldKind.oneOf("favorite", "message", "block")), required("at", FieldKind.time()),
          optional("durationS", FieldKind.integer(0, 86_400, 30))),
      false,
      (r, ids) -> ordered("from", str(ids.user()), "to", str(ids.otherUser()), "id", str(ids.eventId()),
          "type", str("view"), "at", recent(), "durationS", "30"),
      List.of(new BodyTemplate.Cross("from equals to", f -> with(f, "to", f.get("from")))));

  static final BodyTemplate PROFILE = new BodyTemplate(
      "profile",
      List.of(optional("birthYear", FieldKind.integer(Year.now().getValue() - 120, Year.now().getValue() - 18, 1990)),
          optional("gender", FieldKind.text(40)), optional("seeking", FieldKind.terms(10, 40)),
          optional("location", FieldKind.location()), optional("interests", FieldKind.terms(30, 40)),
          optional("languages", FieldKind.terms(10, 40)), optional("about", FieldKind.text(2000))),
      true,
      (r, ids) -> ordered("birthYear", "1990", "gender", str("woman"), "seeking", "[\"man\"]",
          "location", "{\"lat\":52.52,\"lon\":13.40}", "interests", "[\"climbing\",\"jazz\"]",
          "languages", "[\"de\",\"en\"]", "about", str("fuzz profile")),
      List.of());

  static final BodyTemplate THRESHOLDS = new BodyTemplate(
      "thresholds",
      List.of(optional("rageMinClicks", FieldKind.strictInteger(3, 50)),
          optional("rageMaxGapMs", FieldKind.strictInteger(1, 60_000)),
          optional("rageMaxRadiusPx", FieldKind.strictPositive(10_000)),
          optional("deadClickWindowMs", FieldKind.strictInteger(1, 60_000)),
          optional("thrashMinReversals", FieldKind.strictInteger(2, 1000)),
          optional("scrollMinReversals", FieldKind.strictInteger(1, 1000)),
          optional("scrollBaselineFactor", FieldKind.strictPositive(100)),
          optional("ignoredTargets", FieldKind.targets())),
      true,
      (r, ids) -> ordered("rageMinClicks", "4", "rageMaxGapMs", "900", "rageMaxRadiusPx", "40.5",
          "deadClickWindowMs", "3000", "thrashMinReversals", "12", "scrollMinReversals", "4",
          "scrollBaselineFactor", "2.5", "ignoredTargets", "[\"#banner\"]"),
      List.of());

  static final BodyTemplate MATCH_ACTION = new BodyTemplate(
      "matchAction",
      List.of(required("action", FieldKind.oneOf("like", "pass", "message"))),
      false,
      (r, ids) -> ordered("action", str("like")),
      List.of());

  static final BodyTemplate SAMPLE = new BodyTemplate(
      "sample",
      List.of(required("type", FieldKind.oneOf("click", "move", "scroll")), required("t", SampleKinds.time()),
          optional("x", SampleKinds.coordinate()), optional("y", SampleKinds.coordinate()),
          optional("button", SampleKinds.button()), optional("target", FieldKind.text(2048)),
          optional("section", FieldKind.text(2048)), optional("url", FieldKind.text(2048)),
          optional("scrollY", SampleKinds.scroll())),
      false,
      (r, ids) -> ordered("type", str("click"), "t", Integer.toString(1000 + r.nextInt(1000)), "x", "10", "y", "20",
          "button", "0", "target", str("#pay"), "section", str("checkout"), "url", str("https://shop.example/pay"),
          "scrollY", "120"),
      List.of(
          new BodyTemplate.Cross("x without y", f -> without(f, "y")),
          new BodyTemplate.Cross("move without a position", f -> without(without(with(f, "type", str("move")), "x"), "y")),
          new BodyTemplate.Cross("key sample carrying the key", f -> with(with(f, "type", str("key")), "key", str("a")))));

  static Map<String, String> ordered(String... pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) out.put(pairs[i], pairs[i + 1]);
    return out;
  }

  private static Map<String, String> with(Map<String, String> fields, String name, String literal) {
    fields.put(name, literal);
    return fields;
  }

  private static Map<String, String> without(Map<String, String> fields, String name) {
    fields.remove(name);
    return fields;
  }

  /** Telemetry fields whose rules are the sample validation's. */
  static final class SampleKinds {
    private SampleKinds() {}

    static FieldKind time() {
      return () -> {
        List<Breaking> out = new ArrayList<>(List.of(
            Breaking.of("t negative", "-1"),
            Breaking.of("t fractional", "1000.5"),
            Breaking.of("t beyond 2^53", Long.toString((1L << 53) + 1)),
            Breaking.of("t as string", str("1000"))));
        out.addAll(Breaking.hugeNumbers());
        out.add(Breaking.wrapping(1000).get(0));
        out.addAll(Breaking.notANumber(1000).subList(2, 5));
        return out;
      };
    }

    static FieldKind coordinate() {
      return () -> {
        List<Breaking> out = new ArrayList<>(List.of(
            Breaking.of("coordinate beyond 100,000 px", "100000.5"),
            Breaking.of("coordinate beyond -100,000 px", "-100000.5"),
            Breaking.of("coordinate 2^64+5", "18446744073709551621")));
        out.addAll(Breaking.hugeNumbers());
        out.addAll(Breaking.notANumber(10));
        return out;
      };
    }

    static FieldKind button() {
      return () -> {
        List<Breaking> out = new ArrayList<>(List.of(
            Breaking.of("button 5", "5"), Breaking.of("button -1", "-1"), Breaking.of("button 1.5", "1.5")));
        out.addAll(Breaking.hugeNumbers());
        out.addAll(Breaking.wrapping(1));
        out.addAll(Breaking.notANumber(1));
        return out;
      };
    }

    static FieldKind scroll() {
      return () -> {
        List<Breaking> out = new ArrayList<>(List.of(Breaking.of("scrollY beyond 10^7", "10000000.5")));
        out.addAll(Breaking.hugeNumbers());
        out.addAll(Breaking.notANumber(120));
        return out;
      };
    }
  }
}
