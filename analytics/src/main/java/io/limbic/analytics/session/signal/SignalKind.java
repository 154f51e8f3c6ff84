package io.limbic.analytics.session.signal;

/** The frustration signals session-analytics tools detect; the JSON name is the camel-case plural in summaries. */
public enum SignalKind {
  RAGE_CLICK("rageClicks"),
  DEAD_CLICK("deadClicks"),
  ERROR_CLICK("errorClicks"),
  THRASHED_CURSOR("thrashedCursor"),
  EXCESSIVE_SCROLL("excessiveScroll"),
  QUICK_BACK("quickBacks");

  private final String summaryName;

  SignalKind(String summaryName) {
    this.summaryName = summaryName;
  }

  public String summaryName() {
    return summaryName;
  }
}
