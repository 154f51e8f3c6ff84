package io.limbic.projections.escalation;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The words of a notice, the same facts on every channel: who (user, company, lifetime value with its currency),
 * what (emotion, confidence, page, the evidence in one line) and the acknowledgement link. Values from the notice
 * are flattened to one line each, so no value can start a new header or line of its own.
 */
public final class EscalationMessage {
  /** Two concatenated GSM-7 segments (153 septets each once the concatenation header is in). */
  public static final int SMS_MAX_SEPTETS = 306;

  private EscalationMessage() {}

  /** The e-mail subject and chat headline. */
  public static String subject(EscalationNotice n) {
    return "Limbic: " + line(n.emotion()) + " (" + confidence(n) + ") from " + who(n);
  }

  /** Several short lines: e-mail, Slack, WhatsApp. */
  public static String text(EscalationNotice n) {
    return "Limbic escalation for " + line(n.contact()) + "\n"
        + "Who: user " + line(n.userId()) + ", " + company(n) + ", lifetime value " + value(n) + "\n"
        + "What: " + line(n.emotion()) + " at confidence " + confidence(n) + " on " + page(n) + "\n"
        + "Evidence: " + line(n.evidence()) + "\n"
        + "Acknowledge: " + n.ackUrl() + "\n";
  }

  /** One line for a pager summary: who and what; the link travels separately. */
  public static String summary(EscalationNotice n) {
    return line(n.emotion()) + " at " + confidence(n) + " from user " + line(n.userId()) + ", " + company(n) + " ("
        + value(n) + ") on " + page(n) + ": " + line(n.evidence());
  }

  /**
   * At most two GSM-7 segments: the description is written in characters every GSM phone shows as one septet and
   * cut (the evidence first) so that the acknowledgement link always arrives whole.
   */
  public static String sms(EscalationNotice n) {
    String link = " Ack: " + n.ackUrl();
    String head = gsm("Limbic: " + line(n.emotion()) + " " + confidence(n) + " on " + page(n) + ", user "
        + line(n.userId()) + ", " + company(n) + ", " + value(n) + ". ");
    String evidence = gsm(line(n.evidence()));
    int room = SMS_MAX_SEPTETS - septets(link) - septets(head);
    if (room < 0) return cut(head, Math.max(0, SMS_MAX_SEPTETS - septets(link))) + link;
    return head + cut(evidence, room) + link;
  }

  /** Septets of a GSM-7 text: the extension characters take two. */
  public static int septets(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) n += "^{}\\[~]|€".indexOf(text.charAt(i)) >= 0 ? 2 : 1;
    return n;
  }

  private static String cut(String text, int septets) {
    if (septets(text) <= septets) return text;
    if (septets < 3) return "";
    String kept = text.substring(0, septets - 3);
    int space = kept.lastIndexOf(' ');
    if (space > kept.length() / 2) kept = kept.substring(0, space);
    return kept.stripTrailing() + "...";
  }

  /** Plain ASCII with no GSM-7 extension characters: accents dropped, the rest replaced. */
  static String gsm(String text) {
    String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    StringBuilder out = new StringBuilder(plain.length());
    for (char c : plain.toCharArray()) {
      if (c == '[' || c == '{') out.append('(');
      else if (c == ']' || c == '}') out.append(')');
      else if (c == '\\' || c == '|') out.append('/');
      else if (c == '~') out.append('-');
      else if (c == '^' || c == '`') out.append('\'');
      else if (c >= 0x20 && c < 0x7f) out.append(c);
      else out.append('?');
    }
    return out.toString();
  }

  /** One line, no control characters, runs of white space as one space. */
  static String line(String value) {
    if (value == null) return "";
    return value.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\s]+", " ").trim();
  }

  static String confidence(EscalationNotice n) {
    return String.format(Locale.ROOT, "%.2f", n.confidence());
  }

  static String value(EscalationNotice n) {
    BigDecimal v = n.lifetimeValue();
    if (v == null) return "unknown value";
    String amount = v.stripTrailingZeros().scale() <= 0
        ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%,.2f", v);
    String currency = line(n.currency());
    return currency.isEmpty() ? amount : currency + " " + amount;
  }

  private static String company(EscalationNotice n) {
    String company = line(n.company());
    return company.isEmpty() ? "no company" : company;
  }

  private static String page(EscalationNotice n) {
    String page = line(n.page());
    return page.isEmpty() ? "an unknown page" : page;
  }

  private static String who(EscalationNotice n) {
    return "user " + line(n.userId()) + ", " + company(n) + " (" + value(n) + ")";
  }
}
