package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ActorSystem;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {
  @Test
  void aRefusedBodyIsDrainedNoFurtherThanTheServersOwnBound() {
    ActorSystem system = ActorSystem.create("bounded-body", ConfigFactory
        .parseString(BoundedBody.SERVER_LIMIT + " = 3m").withFallback(ConfigFactory.defaultReference()));
    try {
      assertEquals(3L * 1024 * 1024, BoundedBody.drainLimit(system));
    } finally {
      system.terminate();
    }
  }

  @Test
  void theNodesSettingIsTwoMebibytes() {
    ActorSystem system = ActorSystem.create("bounded-body-default",
        ConfigFactory.parseResources("http.conf").withFallback(ConfigFactory.defaultReference()));
    try {
      assertEquals(2L * 1024 * 1024, BoundedBody.drainLimit(system));
    } finally {
      system.terminate();
    }
  }
}
