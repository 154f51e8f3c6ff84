package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PostHogRoutesTest {
  /**
   * posthog-js keeps autocapture (its clicks and its {@code $rageclick}) off until a remote configuration says
   * {@code autocapture_opt_out: false}; an answer without it left every browser click on the page.
   */
  @Test
  void theRemoteConfigurationAndTheFlagsDoNotOptOutOfAutocapture() {
    assertEquals(false, PostHogRoutes.remoteConfig("phc_x").get("autocapture_opt_out"));
    assertEquals(false, PostHogRoutes.noFlags().get("autocapture_opt_out"));
  }
}
