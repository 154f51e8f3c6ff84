package io.limbic.cluster.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %maskedMsg}: the formatted message with credentials masked (see {@link CredentialMask}). */
public final class MaskedMessage extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return CredentialMask.mask(super.convert(event));
  }
}
