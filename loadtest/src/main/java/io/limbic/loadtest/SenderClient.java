package io.limbic.loadtest;

import java.util.Locale;
import java.util.Map;

/**
 * The HTTP client of the heartbeat sender loops, option {@code client=raw|library}: {@code raw} (the default) is the
 * hand-written {@link KeepAliveConnection}, one socket per loop; {@code library} is {@link LoadHttp} (Apache
 * HttpClient 5 classic), for comparison.
 */
enum SenderClient {
  RAW,
  LIBRARY;

  static SenderClient of(Map<String, String> opts) {
    String value = opts.getOrDefault("client", "raw");
    for (SenderClient client : values()) {
      if (client.option().equals(value)) return client;
    }
    throw new IllegalArgumentException("client=" + value + ": expected client=raw or client=library");
  }

  /** The option's value, as given on the command line and printed in the header line. */
  String option() {
    return name().toLowerCase(Locale.ROOT);
  }
}
