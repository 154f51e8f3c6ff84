package io.limbic.cluster.user;

import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.UserCommand.AssessEngagement;
import io.limbic.protocol.user.UserCommand.Erase;
import io.limbic.protocol.user.UserCommand.ForgetPerson;
import io.limbic.protocol.user.UserCommand.GetDailyMatches;
import io.limbic.protocol.user.UserCommand.GetProfile;
import io.limbic.protocol.user.UserCommand.GetUser;
import io.limbic.protocol.user.UserCommand.Identify;
import io.limbic.protocol.user.UserCommand.IdlePhaseDone;
import io.limbic.protocol.user.UserCommand.IdlePhaseRefused;
import io.limbic.protocol.user.UserCommand.Passivate;
import io.limbic.protocol.user.UserCommand.RecordEmotion;
import io.limbic.protocol.user.UserCommand.RecordHeartbeat;
import io.limbic.protocol.user.UserCommand.RecordInteraction;
import io.limbic.protocol.user.UserCommand.RecordInterventionDelivery;
import io.limbic.protocol.user.UserCommand.RecordInterventionFeedback;
import io.limbic.protocol.user.UserCommand.RecordMatchAction;
import io.limbic.protocol.user.UserCommand.RecordProductEvents;
import io.limbic.protocol.user.UserCommand.ReleaseBlock;
import io.limbic.protocol.user.UserCommand.ReserveBlock;
import io.limbic.protocol.user.UserCommand.UpdateProfile;
import io.limbic.protocol.user.UserCommand.WakeForIdlePhases;
import io.limbic.protocol.user.UserEvent;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilderByState;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * An erased person's entity: it holds nothing and persists nothing more. Every command with a reply is refused
 * with {@link UserCommand#ERASED} (the API answers 410), so a heartbeat for the id never brings the person back;
 * a repeated erasure is acknowledged.
 */
final class ErasedUser {
  private ErasedUser() {}

  static void refuse(
      CommandHandlerWithReplyBuilderByState<UserCommand, UserEvent, UserState, UserState> erased,
      EffectFactories<UserEvent, UserState> effect) {
    erased
        .onCommand(Erase.class, c -> effect.reply(c.replyTo(), StatusReply.ack()))
        .onCommand(ForgetPerson.class, c -> effect.reply(c.replyTo(), StatusReply.ack()))
        .onCommand(RecordHeartbeat.class, c -> refused(effect, c.replyTo()))
        .onCommand(RecordEmotion.class, c -> refused(effect, c.replyTo()))
        .onCommand(Identify.class, c -> refused(effect, c.replyTo()))
        .onCommand(RecordProductEvents.class, c -> refused(effect, c.replyTo()))
        .onCommand(UpdateProfile.class, c -> refused(effect, c.replyTo()))
        .onCommand(GetProfile.class, c -> refused(effect, c.replyTo()))
        .onCommand(RecordInteraction.class, c -> refused(effect, c.replyTo()))
        .onCommand(RecordMatchAction.class, c -> refused(effect, c.replyTo()))
        .onCommand(ReserveBlock.class, c -> refused(effect, c.replyTo()))
        .onCommand(GetDailyMatches.class, c -> refused(effect, c.replyTo()))
        .onCommand(AssessEngagement.class, c -> refused(effect, c.replyTo()))
        .onCommand(GetUser.class, c -> refused(effect, c.replyTo()))
        .onCommand(RecordInterventionDelivery.class, c -> refused(effect, c.replyTo()))
        .onCommand(RecordInterventionFeedback.class, c -> refused(effect, c.replyTo()))
        .onCommand(ReleaseBlock.class, c -> effect.noReply())
        .onCommand(WakeForIdlePhases.class, c -> effect.noReply())
        .onCommand(IdlePhaseDone.class, c -> effect.noReply())
        .onCommand(IdlePhaseRefused.class, c -> effect.noReply())
        .onCommand(UserCommand.IdlePhaseHeld.class, c -> effect.noReply())
        .onCommand(Passivate.class, c -> effect.stop().thenNoReply());
  }

  private static <T> ReplyEffect<UserEvent, UserState> refused(
      EffectFactories<UserEvent, UserState> effect, ActorRef<StatusReply<T>> replyTo) {
    return effect.reply(replyTo, StatusReply.error(UserCommand.ERASED));
  }
}
