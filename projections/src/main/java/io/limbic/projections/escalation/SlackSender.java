package io.limbic.projections.escalation;

import io.limbic.projections.escalation.ChannelSender.Delivered;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A Slack incoming webhook: one message whose last line is the acknowledgement link. */
final class SlackSender {
  static final String WHAT = "slack channel";

  private final ProviderHttp http;

  SlackSender(ProviderHttp http) {
    this.http = http;
  }

  CompletionStage<Delivered> send(String tenant, ContactChannel.Slack channel, EscalationNotice n) {
    Optional<String> refusal = http.refusal(WHAT, channel.url());
    if (refusal.isPresent()) return CompletableFuture.failedFuture(DeliveryFailures.permanent(refusal.get()));
    HttpRequest request = http.request(channel.url(), n)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(ProviderHttp.json(Map.of("text", text(n)))))
        .build();
    return http.call("slack " + tenant + " " + channel.url(), WHAT, request, HttpResponse.BodyHandlers.discarding())
        .thenApply(response -> new Delivered(channel.type(), null));
  }

  /** Slack's mrkdwn: the headline in bold, then the lines, the link as {@code <url|Acknowledge>}. */
  static String text(EscalationNotice n) {
    String lines = EscalationMessage.text(n);
    String withoutLink = lines.substring(0, lines.lastIndexOf("Acknowledge: "));
    return "*" + escape(EscalationMessage.subject(n)) + "*\n" + escape(withoutLink) + "<" + n.ackUrl() + "|Acknowledge>";
  }

  /** Slack reads &, < and > as markup; text from the notice must not make links of its own. */
  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
