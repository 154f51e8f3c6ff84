package io.limbic.analytics.interventions;

/** What a decision looks at: the emotion a session just changed to, where, and what the user is worth. */
public record EmotionMoment(String emotion, double confidence, String url, String section, double lifetimeValue) {}
