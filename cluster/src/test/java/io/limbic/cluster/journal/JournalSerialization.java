package io.limbic.cluster.journal;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;

/** A bare actor system with the node's serialization settings (bindings and migrations), nothing else. */
final class JournalSerialization {
  private JournalSerialization() {}

  static ActorSystem start() {
    return ActorSystem.create("journal", ConfigFactory.parseResources("serialization.conf")
        .withFallback(ConfigFactory.parseString("pekko.loglevel = WARNING"))
        .withFallback(ConfigFactory.defaultReference()).resolve());
  }

  static Serialization of(ActorSystem system) {
    return SerializationExtension.get(system);
  }
}
