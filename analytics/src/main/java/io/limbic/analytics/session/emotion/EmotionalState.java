package io.limbic.analytics.session.emotion;

import java.util.Locale;

/** What the classifier can say about a session; the wire name is the lower-case constant name. */
public enum EmotionalState {
  RAGE, FRUSTRATION, CONFUSION, HESITATION, ENGAGEMENT, CALM;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
