package io.limbic.protocol.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.limbic.protocol.CborSerializable;

/**
 * One browser telemetry sample on the wire, already type-checked. {@code type} is the lower-case wire name
 * (move, down, up, click, scroll, key, nav, error, mutation, visibility, select); a key sample carries no key value.
 * {@code noRage} (clicks only): selection, stepper or marked, why the click must not count toward a rage click.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sample(
    long t, String type, Double x, Double y, Integer button, String target, String section, Double scrollY,
    String url, String noRage) implements CborSerializable {

  public Sample(
      long t, String type, Double x, Double y, Integer button, String target, String section, Double scrollY,
      String url) {
    this(t, type, x, y, button, target, section, scrollY, url, null);
  }
}
