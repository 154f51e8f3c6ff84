package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import java.util.List;

/**
 * A user's dating profile as stored and shown; every field optional. {@code gender} and {@code seeking} use the
 * tenant's own vocabulary.
 */
public record ProfileData(
    Integer birthYear, String gender, List<String> seeking, Double lat, Double lon, List<String> interests,
    List<String> languages, String about) implements CborSerializable {

  public static ProfileData empty() {
    return new ProfileData(null, null, List.of(), null, null, List.of(), List.of(), null);
  }
}
