package io.limbic.analytics.session.signal;

import io.limbic.analytics.session.telemetry.TelemetrySample;

/**
 * Where the session currently is. Clients send url and section only when they change or on some samples, so the
 * latest value seen stands for the samples that omit it.
 */
public final class PageContext {
  private String url;
  private String section;

  /** Call with every ordered sample before the detectors see it. */
  public void observe(TelemetrySample s) {
    if (s.url() != null) {
      if (!s.url().equals(url)) section = null;
      url = s.url();
    }
    if (s.section() != null) section = s.section();
  }

  public String url() {
    return url;
  }

  public String section() {
    return section;
  }

  public String sectionOf(TelemetrySample s) {
    return s.section() != null ? s.section() : section;
  }
}
