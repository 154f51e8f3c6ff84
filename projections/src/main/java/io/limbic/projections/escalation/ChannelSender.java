package io.limbic.projections.escalation;

import java.util.concurrent.CompletionStage;

/**
 * Sends one notice over one channel. The stage completes with what the provider answered, or fails with
 * {@link DeliveryFailed} saying whether a retry can help.
 */
public interface ChannelSender {
  CompletionStage<Delivered> send(ContactChannel channel, EscalationNotice notice);

  /** The provider accepted the notice; {@code reference} is its id for it when it gives one (else null). */
  record Delivered(String channelType, String reference) {}

  final class DeliveryFailed extends RuntimeException {
    private final boolean retryable;

    public DeliveryFailed(String message, boolean retryable) {
      super(message);
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }
}
