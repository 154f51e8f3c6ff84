package io.limbic.protocol.kpi;

import java.util.Arrays;
import java.util.Optional;

/**
 * The user traits a segment can filter on, with where they come from. Text traits compare by equality; list traits
 * hold several items (a condition holds when one item does); numeric traits also compare by order.
 */
public enum UserTrait {
  /** The company derived from the e-mail domain given at identification. */
  COMPANY("company", Kind.TEXT),
  /** The domain of the e-mail given at identification (never the address). */
  EMAIL_DOMAIN("email_domain", Kind.TEXT),
  /** Lifetime value: purchases and renewals minus refunds, summed over currencies. */
  LTV("ltv", Kind.NUMBER),
  /** The latest engagement level: {@code at_risk} or {@code engaged}. */
  ENGAGEMENT("engagement", Kind.TEXT),
  GENDER("gender", Kind.TEXT),
  BIRTH_YEAR("birth_year", Kind.NUMBER),
  SEEKING("seeking", Kind.LIST),
  INTERESTS("interests", Kind.LIST),
  LANGUAGES("languages", Kind.LIST);

  public enum Kind { TEXT, LIST, NUMBER }

  private final String key;
  private final Kind kind;

  UserTrait(String key, Kind kind) {
    this.key = key;
    this.kind = kind;
  }

  /** The name used in filters and stored rows. */
  public String key() {
    return key;
  }

  public Kind kind() {
    return kind;
  }

  public static Optional<UserTrait> of(String key) {
    return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
  }

  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(UserTrait::key).toList());
  }
}
