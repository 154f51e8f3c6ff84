package io.limbic.analytics.matching;

/**
 * What a preference is learned over. Ordinal attributes (age, distance) share evidence with neighbouring bands,
 * because liking someone of 31 says something about 29 too; multi-valued attributes split a person's evidence
 * over their values, so that a long interest list does not count as more evidence than a short one.
 */
public enum Attribute {
  AGE_BAND(true, false),
  GENDER(false, false),
  INTEREST(false, true),
  LANGUAGE(false, true),
  DISTANCE_BAND(true, false);

  private final boolean ordered;
  private final boolean multiValued;

  Attribute(boolean ordinal, boolean multiValued) {
    this.ordered = ordinal;
    this.multiValued = multiValued;
  }

  public boolean ordered() {
    return ordered;
  }

  public boolean multiValued() {
    return multiValued;
  }
}
