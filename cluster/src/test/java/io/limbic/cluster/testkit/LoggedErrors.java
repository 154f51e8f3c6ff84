package io.limbic.cluster.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every ERROR logged in the test JVM, so a test can assert that a shutdown logged none. */
public final class LoggedErrors extends AppenderBase<ILoggingEvent> {
  private static final List<String> errors = new CopyOnWriteArrayList<>();

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
      errors.add(event.getLoggerName() + ": " + event.getFormattedMessage());
    }
  }

  public static List<String> since(int mark) {
    return List.copyOf(errors.subList(mark, errors.size()));
  }

  public static int mark() {
    return errors.size();
  }
}
