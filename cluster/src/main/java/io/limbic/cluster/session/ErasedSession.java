package io.limbic.cluster.session;

import io.limbic.protocol.session.SessionCommand;
import io.limbic.protocol.session.SessionCommand.DeliverEmotions;
import io.limbic.protocol.session.SessionCommand.EmotionDeliveryAnswered;
import io.limbic.protocol.session.SessionCommand.Erase;
import io.limbic.protocol.session.SessionCommand.GetSession;
import io.limbic.protocol.session.SessionCommand.Identify;
import io.limbic.protocol.session.SessionCommand.IngestTelemetry;
import io.limbic.protocol.session.SessionCommand.Passivate;
import io.limbic.protocol.session.SessionCommand.PushIntervention;
import io.limbic.protocol.session.SessionCommand.ReportClientSignals;
import io.limbic.protocol.session.SessionCommand.Subscribe;
import io.limbic.protocol.session.SessionCommand.Tick;
import io.limbic.protocol.session.SessionCommand.Unsubscribe;
import io.limbic.protocol.session.SessionCommand.UserLinkAnswered;
import io.limbic.protocol.session.IngestResult;
import io.limbic.protocol.session.SessionEvent;
import io.limbic.protocol.session.SessionView;
import io.limbic.protocol.user.UserCommand;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilderByState;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * A session whose person was erased: it holds nothing and persists nothing more. Every write is refused with
 * {@link UserCommand#ERASED} (the API answers 410), so telemetry for the id never records the person again; a
 * read sees an unknown session, and a repeated erasure is acknowledged.
 */
final class ErasedSession {
  private ErasedSession() {}

  static void refuse(
      CommandHandlerWithReplyBuilderByState<SessionCommand, SessionEvent, SessionState, SessionState> erased,
      EffectFactories<SessionEvent, SessionState> effect) {
    erased
        .onCommand(Erase.class, c -> effect.reply(c.replyTo(), StatusReply.ack()))
        .onCommand(IngestTelemetry.class, c -> refused(effect, c.replyTo()))
        .onCommand(UserLinkAnswered.class, c -> effect.none()
            .thenReply(c.ingest().replyTo(), s -> StatusReply.<IngestResult>error(UserCommand.ERASED)).thenUnstashAll())
        .onCommand(ReportClientSignals.class, c -> refused(effect, c.replyTo()))
        .onCommand(Identify.class, c -> refused(effect, c.replyTo()))
        .onCommand(Subscribe.class, c -> refused(effect, c.replyTo()))
        .onCommand(GetSession.class, (state, c) -> effect.reply(c.replyTo(), StatusReply.success(unknown(state))))
        .onCommand(PushIntervention.class, c -> effect.reply(c.replyTo(), StatusReply.success(0)))
        .onCommand(Unsubscribe.class, c -> effect.noReply())
        .onCommand(Tick.class, c -> effect.noReply())
        .onCommand(DeliverEmotions.class, c -> effect.noReply())
        .onCommand(EmotionDeliveryAnswered.class, c -> effect.noReply())
        .onCommand(Passivate.class, c -> effect.stop().thenNoReply());
  }

  private static SessionView unknown(SessionState state) {
    return new SessionView(state.sessionId(), null, 0, Map.of(), Map.of(), null, List.of(), null);
  }

  private static <T> ReplyEffect<SessionEvent, SessionState> refused(
      EffectFactories<SessionEvent, SessionState> effect, ActorRef<StatusReply<T>> replyTo) {
    return effect.reply(replyTo, StatusReply.error(UserCommand.ERASED));
  }
}
