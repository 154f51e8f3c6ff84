package io.limbic.projections.escalation;

import io.limbic.projections.agents.notifications.ChannelDelivery;
import io.limbic.projections.escalation.ChannelSender.DeliveryFailed;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.pattern.CircuitBreakerOpenException;

/**
 * Whether a retry can help: no answer, a timeout, an open breaker, 408, 429 and 5xx can pass later (the provider's
 * Retry-After is honoured by the next call, up to {@code max-retry-after-wait}); any other refusal (4xx) will not.
 * Messages name the channel and the status, never a URL, a header or a credential.
 */
final class DeliveryFailures {
  private DeliveryFailures() {}

  static DeliveryFailed classify(String what, Throwable failure) {
    Throwable e = unwrap(failure);
    if (e instanceof DeliveryFailed failed) return failed;
    if (e instanceof ChannelDelivery.ReceiverRefused refused) {
      boolean retryable = ChannelDelivery.isTransient(refused.status());
      String until = refused.status() == 0 ? ""
          : refused.notBefore().map(t -> "; it asked not to be called before " + t).orElse("");
      return new DeliveryFailed(refused.getMessage() + until, retryable);
    }
    if (e instanceof CircuitBreakerOpenException open) {
      return new DeliveryFailed(what + " is failing; its breaker is open for " + open.remainingDuration(), true);
    }
    if (e instanceof TimeoutException || e instanceof java.net.http.HttpTimeoutException) {
      return new DeliveryFailed(what + " did not answer in time", true);
    }
    if (e instanceof IOException) {
      return new DeliveryFailed(what + " could not be reached (" + e.getClass().getSimpleName() + ")", true);
    }
    if (e instanceof IllegalArgumentException) {
      return new DeliveryFailed(what + " cannot be sent: " + e.getMessage(), false);
    }
    return new DeliveryFailed(what + " failed: " + e.getClass().getSimpleName(), true);
  }

  static DeliveryFailed permanent(String message) {
    return new DeliveryFailed(message, false);
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
