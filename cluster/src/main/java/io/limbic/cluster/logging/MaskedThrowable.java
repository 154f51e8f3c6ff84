package io.limbic.cluster.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/** {@code %maskedEx}: stack traces with credentials masked in their messages (see {@link CredentialMask}). */
public final class MaskedThrowable extends ThrowableProxyConverter {
  @Override
  protected String throwableProxyToString(IThrowableProxy proxy) {
    return CredentialMask.mask(super.throwableProxyToString(proxy));
  }
}
