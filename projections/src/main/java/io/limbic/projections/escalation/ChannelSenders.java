package io.limbic.projections.escalation;

import com.typesafe.config.Config;
import io.limbic.projections.agents.notifications.ChannelDelivery;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;

/**
 * The node's {@link ChannelSender}: picks the provider for a channel's type. HTTP providers share one
 * {@link ChannelDelivery} of their own (breakers and Retry-After holds apart from the notification agent's): one
 * breaker per tenant receiver URL for webhook and Slack, one per provider for SMS, WhatsApp and PagerDuty. The
 * returned stage fails with {@link ChannelSender.DeliveryFailed} itself (not wrapped), saying whether a retry can
 * help; a channel whose provider is not configured fails at once, not retryably.
 */
public final class ChannelSenders implements ChannelSender {
  private final WebhookSender webhook;
  private final SlackSender slack;
  private final TwilioSmsSender sms;
  private final WhatsAppSender whatsApp;
  private final PagerDutySender pagerDuty;
  private final SmtpEmailSender email;

  public ChannelSenders(ActorSystem<?> system, EscalationProviders providers, Clock clock, Executor blocking) {
    ProviderHttp http = new ProviderHttp(new ChannelDelivery(system, providers.delivery(), clock),
        providers.allowPrivateHosts());
    this.webhook = new WebhookSender(http, providers.webhook());
    this.slack = new SlackSender(http);
    this.sms = new TwilioSmsSender(http, providers.twilio());
    this.whatsApp = new WhatsAppSender(http, providers.whatsApp());
    this.pagerDuty = new PagerDutySender(http, providers.pagerDuty());
    this.email = new SmtpEmailSender(providers.smtp(), blocking);
  }

  /** From {@code limbic.escalation} of the node's configuration; e-mail is sent on Pekko's blocking dispatcher. */
  public static ChannelSenders create(ActorSystem<?> system) {
    return create(system, EscalationProviders.from(system.settings().config()));
  }

  public static ChannelSenders create(ActorSystem<?> system, EscalationProviders providers) {
    return new ChannelSenders(system, providers, Clock.systemUTC(),
        system.dispatchers().lookup(DispatcherSelector.blocking()));
  }

  @Override
  public CompletionStage<Delivered> send(ContactChannel channel, EscalationNotice notice) {
    CompletionStage<Delivered> sent;
    try {
      sent = dispatch(channel, notice);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<Delivered> result = new CompletableFuture<>();
    sent.whenComplete((delivered, failure) -> {
      if (failure == null) result.complete(delivered);
      else result.completeExceptionally(DeliveryFailures.classify(channel.type() + " channel", failure));
    });
    return result;
  }

  private CompletionStage<Delivered> dispatch(ContactChannel channel, EscalationNotice n) {
    String owner = n.tenant() == null ? "" : n.tenant();
    if (channel instanceof ContactChannel.Webhook c) return webhook.send(owner, c, n);
    if (channel instanceof ContactChannel.Slack c) return slack.send(owner, c, n);
    if (channel instanceof ContactChannel.Sms c) return sms.send(c, n);
    if (channel instanceof ContactChannel.WhatsApp c) return whatsApp.send(c, n);
    if (channel instanceof ContactChannel.PagerDuty c) return pagerDuty.send(c, n);
    if (channel instanceof ContactChannel.Email c) return email.send(c, n);
    return CompletableFuture.failedFuture(DeliveryFailures.permanent("no sender for channel type " + channel.type()));
  }
}
