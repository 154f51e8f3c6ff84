package io.limbic.projections.kpi;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The KPIs the read model keeps, by the names the API and models use. Counts are 0 in a period without data; the
 * level KPI {@code evi} is NaN there.
 */
public final class KpiNames {
  /** Distinct users with a heartbeat in the period (an active period started or went on). */
  public static final String ACTIVE_USERS = "active_users";
  /** Active periods started (the first heartbeat, or the first after an idle gap). */
  public static final String SESSIONS = "sessions";
  /** Product events of the conversion types, by their own {@code at}. */
  public static final String CONVERSIONS = "conversions";
  /** Purchases and renewals minus refunds, amounts as given (the tenant's currency), by their own {@code at}. */
  public static final String REVENUE = "revenue";
  /** Product events of type {@code churn}, by their own {@code at}. */
  public static final String CHURNED = "churned";
  /** Users who became at risk (the engagement model's {@code UserAtRisk}). */
  public static final String AT_RISK = "at_risk";
  /** Interventions decided but held out (not sent). */
  public static final String HOLDOUTS = "holdouts";
  /** The emotional volatility index of the period's sessions, 0-100, as the EVI forensics defines it. */
  public static final String EVI = "evi";
  public static final String EMOTIONS = "emotions.";
  public static final String INTERVENTIONS = "interventions.";
  public static final String EVENTS = "events.";

  /** EVI's stored parts: change weights in thousandths and session time in milliseconds. */
  static final String EVI_WEIGHT = "evi.weight_milli";
  static final String EVI_MILLIS = "evi.session_millis";

  /** The product-event types that count as conversions: the wins of the engagement model. */
  public static final Set<String> CONVERSION_TYPES = Set.of("purchase", "renewal");
  public static final String CHURN_TYPE = "churn";

  /** Always in a series, whether or not the period had data. */
  public static final List<String> FIXED =
      List.of(ACTIVE_USERS, SESSIONS, CONVERSIONS, REVENUE, CHURNED, AT_RISK, HOLDOUTS, EVI);

  private static final Pattern SUFFIX = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

  private KpiNames() {}

  /** A name the API accepts: a fixed KPI, or emotions., interventions. or events. and a state, variant or type. */
  public static boolean valid(String name) {
    if (FIXED.contains(name)) return true;
    for (String prefix : List.of(EMOTIONS, INTERVENTIONS, EVENTS)) {
      if (name.startsWith(prefix)) {
        String rest = name.substring(prefix.length());
        return SUFFIX.matcher(rest).matches() && !(prefix.equals(EMOTIONS) && rest.startsWith("evi"));
      }
    }
    return false;
  }

  /** A control as models name it: {@code interventions.<variant>}, {@code events.<type>}, or a bare event type. */
  public static String control(String name) {
    return name.contains(".") ? name : EVENTS + name;
  }
}
