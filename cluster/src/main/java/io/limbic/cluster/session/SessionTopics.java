package io.limbic.cluster.session;

import io.limbic.protocol.session.SessionPush;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * This node's share of the sessions' push topics: one Pekko {@link Topic} per session that has a socket here or
 * published from here lately. Topic instances of one session on different nodes find each other through the
 * receptionist, so a push published where the session entity lives reaches sockets on every node. A topic with no
 * local socket and nothing published for {@code idle} is stopped.
 */
final class SessionTopics extends AbstractBehavior<SessionTopics.Command> {

  sealed interface Command {}

  record Publish(String topic, SessionPush push) implements Command {}

  record Prepare(String topic) implements Command {}

  record Subscribe(String topic, ActorRef<SessionPush> subscriber) implements Command {}

  private record SubscriberGone(String topic, ActorRef<SessionPush> subscriber) implements Command {}

  record Stats(String topic, ActorRef<Topic.TopicStats> replyTo) implements Command {}

  private enum Sweep implements Command {
    INSTANCE
  }

  private static final class Held {
    final ActorRef<Topic.Command<SessionPush>> topic;
    final Set<ActorRef<SessionPush>> local = new HashSet<>();
    long usedNanos = System.nanoTime();

    Held(ActorRef<Topic.Command<SessionPush>> topic) {
      this.topic = topic;
    }
  }

  private final Duration idle;
  private final Map<String, Held> topics = new HashMap<>();
  private long spawned;

  static Behavior<Command> create(Duration idle) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Sweep.INSTANCE, idle.dividedBy(2));
                  return new SessionTopics(ctx, idle);
                }));
  }

  private SessionTopics(ActorContext<Command> context, Duration idle) {
    super(context);
    this.idle = idle;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Publish.class, this::onPublish)
        .onMessage(Prepare.class, p -> { held(p.topic()); return this; })
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(SubscriberGone.class, this::onSubscriberGone)
        .onMessage(Stats.class, st -> { held(st.topic()).topic.tell(Topic.getTopicStats(st.replyTo())); return this; })
        .onMessageEquals(Sweep.INSTANCE, this::onSweep)
        .build();
  }

  private Behavior<Command> onPublish(Publish publish) {
    held(publish.topic()).topic.tell(Topic.publish(publish.push()));
    return this;
  }

  private Behavior<Command> onSubscribe(Subscribe subscribe) {
    Held held = held(subscribe.topic());
    if (!held.local.add(subscribe.subscriber())) return this;
    held.topic.tell(Topic.subscribe(subscribe.subscriber()));
    getContext().watchWith(subscribe.subscriber(), new SubscriberGone(subscribe.topic(), subscribe.subscriber()));
    return this;
  }

  /**
   * A subscriber that stopped is only forgotten here: the topic watches it too, and an unsubscribe on top would have
   * the topic deregister from the receptionist twice (which the receptionist refuses). So there is no unsubscribe.
   */
  private Behavior<Command> onSubscriberGone(SubscriberGone gone) {
    Held held = topics.get(gone.topic());
    if (held != null && held.local.remove(gone.subscriber())) held.usedNanos = System.nanoTime();
    return this;
  }

  private Behavior<Command> onSweep() {
    long now = System.nanoTime();
    topics.entrySet().removeIf(entry -> {
      Held held = entry.getValue();
      boolean forgotten = held.local.isEmpty() && now - held.usedNanos >= idle.toNanos();
      if (forgotten) getContext().stop(held.topic);
      return forgotten;
    });
    return this;
  }

  private Held held(String name) {
    Held held = topics.computeIfAbsent(
        name, n -> new Held(getContext().spawn(Topic.create(SessionPush.class, n), "topic-" + ++spawned)));
    held.usedNanos = System.nanoTime();
    return held;
  }
}
