package io.limbic.analytics.interventions;

/**
 * One way of intervening in a context.
 *
 * @param channel {@link #IN_PAGE} (pushed over the session's WebSocket, rendered by the SDK) or {@link #WEBHOOK}
 *     (posted, signed, to {@code url})
 * @param payload what the browser or the tenant's app receives, as JSON text (an object)
 * @param cost what one exposure costs the tenant (a discount, an agent's minutes), in the tenant's currency
 */
public record Variant(String id, String channel, String url, String payload, double cost) {
  public static final String IN_PAGE = "in-page";
  public static final String WEBHOOK = "webhook";

  public boolean isWebhook() {
    return WEBHOOK.equals(channel);
  }
}
