package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ActorSystem;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {
  @Test
  void withoutADrainSettingARefusedBodyIsDrainedToTheServersBound() {
    ActorSystem system = ActorSystem.create("bounded-body", ConfigFactory
        .parseString(BoundedBody.SERVER_LIMIT + " = 3m").withFallback(ConfigFactory.defaultReference()));
    try {
      assertEquals(3L * 1024 * 1024, BoundedBody.drainLimit(system));
    } finally {
      system.terminate();
    }
  }

  @Test
  void aDrainSettingBelowTheServersBoundIsRaisedToIt() {
    ActorSystem system = ActorSystem.create("bounded-body-low", ConfigFactory
        .parseString(BoundedBody.SERVER_LIMIT + " = 3m\n" + BoundedBody.DRAIN_SETTING + " = 1m")
        .withFallback(ConfigFactory.defaultReference()));
    try {
      assertEquals(3L * 1024 * 1024, BoundedBody.drainLimit(system));
    } finally {
      system.terminate();
    }
  }

  @Test
  void theNodeDrainsSixteenMebibytesOfARefusedBody() {
    ActorSystem system = ActorSystem.create("bounded-body-default", ConfigFactory.parseResources("application.conf")
        .withFallback(ConfigFactory.parseResources("http.conf")).withFallback(ConfigFactory.defaultReference())
        .resolve());
    try {
      assertEquals(16L * 1024 * 1024, BoundedBody.drainLimit(system));
    } finally {
      system.terminate();
    }
  }
}
