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
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * An erased person's entity: it holds nothing and persists nothing more. Every command with a reply is refused
 * with {@link UserCommand#ERASED} (the API answers 410), so a heartbeat for the id never brings the person back;
 * a repeated erasure is acknowledged.
 */
final class ErasedUser {
  private ErasedUser() {}

  static ReplyEffect<UserEvent, UserState> handle(EffectFactories<UserEvent, UserState> effect, UserCommand command) {
    if (command instanceof Erase c) return effect.reply(c.replyTo(), StatusReply.ack());
    if (command instanceof ForgetPerson c) return effect.reply(c.replyTo(), StatusReply.ack());
    if (command instanceof RecordHeartbeat c) return refused(effect, c.replyTo());
    if (command instanceof RecordEmotion c) return refused(effect, c.replyTo());
    if (command instanceof Identify c) return refused(effect, c.replyTo());
    if (command instanceof RecordProductEvents c) return refused(effect, c.replyTo());
    if (command instanceof UpdateProfile c) return refused(effect, c.replyTo());
    if (command instanceof GetProfile c) return refused(effect, c.replyTo());
    if (command instanceof RecordInteraction c) return refused(effect, c.replyTo());
    if (command instanceof RecordMatchAction c) return refused(effect, c.replyTo());
    if (command instanceof ReserveBlock c) return refused(effect, c.replyTo());
    if (command instanceof GetDailyMatches c) return refused(effect, c.replyTo());
    if (command instanceof AssessEngagement c) return refused(effect, c.replyTo());
    if (command instanceof GetUser c) return refused(effect, c.replyTo());
    if (command instanceof RecordInterventionDelivery c) return refused(effect, c.replyTo());
    if (command instanceof RecordInterventionFeedback c) return refused(effect, c.replyTo());
    if (command instanceof ReleaseBlock || command instanceof WakeForIdlePhases || command instanceof IdlePhaseDone
        || command instanceof IdlePhaseRefused || command instanceof UserCommand.IdlePhaseHeld) {
      return effect.noReply();
    }
    if (command instanceof Passivate) return effect.stop().thenNoReply();
    return User.unhandled(command);
  }

  private static <T> ReplyEffect<UserEvent, UserState> refused(
      EffectFactories<UserEvent, UserState> effect, ActorRef<StatusReply<T>> replyTo) {
    return effect.reply(replyTo, StatusReply.error(UserCommand.ERASED));
  }
}
