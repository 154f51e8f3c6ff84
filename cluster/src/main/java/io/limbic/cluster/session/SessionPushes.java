package io.limbic.cluster.session;

import io.limbic.protocol.session.SessionPush;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.pubsub.Topic;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The one way a push reaches a session's WebSockets, wherever they and the session entity are: a per-session Pekko
 * pub-sub topic. Sockets subscribe on the node that holds them; anything on any node publishes (the session entity
 * for emotions; other kinds of push call {@link #publish} too). Delivery is at most once per socket, like the socket
 * itself: a push published while a socket is between connections is not replayed.
 */
public final class SessionPushes implements Extension {
  private final ActorRef<SessionTopics.Command> topics;

  public static final ExtensionId<SessionPushes> ID =
      new ExtensionId<>() {
        @Override
        public SessionPushes createExtension(ActorSystem<?> system) {
          return new SessionPushes(system);
        }
      };

  private SessionPushes(ActorSystem<?> system) {
    var idle = system.settings().config().getDuration("limbic.session.push-topic-idle");
    this.topics = system.systemActorOf(SessionTopics.create(idle), "session-push-topics", Props.empty());
  }

  public static SessionPushes get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  /** Pushes to every open socket of the session, on any node. */
  public static void publish(ActorSystem<?> system, String tenant, String sessionId, SessionPush push) {
    get(system).topics.tell(new SessionTopics.Publish(topic(tenant, sessionId), push));
  }

  /** Joins the session's topic here ahead of publishing, so it knows the other nodes' sockets by the first push. */
  public void prepare(String tenant, String sessionId) {
    topics.tell(new SessionTopics.Prepare(topic(tenant, sessionId)));
  }

  /** Until the subscriber stops (a socket leaves its topic by ending). */
  public void subscribe(String tenant, String sessionId, ActorRef<SessionPush> subscriber) {
    topics.tell(new SessionTopics.Subscribe(topic(tenant, sessionId), subscriber));
  }

  /** This node's view of the session's topic: sockets here, and how many other nodes' instances it knows. */
  public CompletionStage<Topic.TopicStats> stats(ActorSystem<?> system, String tenant, String sessionId) {
    return AskPattern.ask(
        topics, r -> new SessionTopics.Stats(topic(tenant, sessionId), r), Duration.ofSeconds(3), system.scheduler());
  }

  private static String topic(String tenant, String sessionId) {
    return "session-pushes/" + tenant + "/" + sessionId;
  }
}
