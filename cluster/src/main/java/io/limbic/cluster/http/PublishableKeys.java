package io.limbic.cluster.http;

import io.limbic.projections.keys.PublishableKeyRepository;
import io.limbic.protocol.Ids;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Write-only keys that may be shipped in a public page or app: {@code limbic.publishable-keys} /
 * {@code LIMBIC_PUBLISHABLE_KEYS} = {@code tenant:key[:origin|origin...]}, entries joined by commas. A publishable
 * key authenticates as its tenant with the ingest role only, so it reads nothing and administers nothing. A browser
 * request that carries one must come from one of the key's origins; clients that send no {@code Origin} (servers,
 * SDKs such as posthog-node) are not affected. PostHog's {@code api_key} is a publishable key.
 */
public final class PublishableKeys {
  public static final PublishableKeys NONE = new PublishableKeys(new KeyDigests<>(), Set.of());

  /** What a publishable key grants: its tenant's ingestion, from these origins (normalized). */
  public record Grant(String tenant, Set<String> origins) {
    public Grant {
      origins = Set.copyOf(origins);
    }

    public Caller caller() {
      return new Caller(tenant, EnumSet.of(Role.INGEST));
    }

    /** Whether a request with this {@code Origin} (absent for non-browser clients) may use the key. */
    public boolean allows(Optional<String> origin) {
      if (origin.isEmpty()) return true;
      return AllowedOrigins.normalize(origin.get().strip()).map(origins::contains).orElse(false);
    }
  }

  private final KeyDigests<Grant> keys;
  private final Set<String> anyOrigin;

  private PublishableKeys(KeyDigests<Grant> keys, Set<String> anyOrigin) {
    this.keys = keys;
    this.anyOrigin = Set.copyOf(anyOrigin);
  }

  /**
   * Parses the setting. A token68 key holds no colon, so the second colon starts the origins (which hold colons
   * of their own). A refused entry is named by its tenant or position, never by its key.
   */
  public static PublishableKeys parse(String spec) {
    KeyDigests<Grant> keys = new KeyDigests<>();
    Set<String> all = new HashSet<>();
    if (spec == null || spec.isBlank()) return NONE;
    String[] entries = spec.split(",");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      if (entry.isEmpty()) continue;
      int colon = entry.indexOf(':');
      if (colon <= 0) throw new IllegalArgumentException("publishable key entry " + (i + 1) + " must be tenant:key");
      String tenant = entry.substring(0, colon);
      if (!Ids.isValidTenant(tenant)) {
        throw new IllegalArgumentException("publishable key entry " + (i + 1) + " has an invalid tenant id");
      }
      String rest = entry.substring(colon + 1);
      int originsColon = rest.indexOf(':');
      String key = originsColon < 0 ? rest : rest.substring(0, originsColon);
      Set<String> origins = new HashSet<>();
      if (originsColon >= 0) {
        for (String origin : rest.substring(originsColon + 1).split("\\|")) {
          if (origin.isBlank()) continue;
          origins.add(AllowedOrigins.normalize(origin.strip()).orElseThrow(() -> new IllegalArgumentException(
              "an origin of the publishable key of tenant '" + tenant + "' is not scheme://host[:port]")));
        }
      }
      keys.add("publishable key", tenant, key, new Grant(tenant, origins));
      all.addAll(origins);
    }
    return new PublishableKeys(keys, all);
  }

  /** These keys and the stored ones (created through the admin API). */
  public PublishableKeys plus(List<PublishableKeyRepository.StoredKey> stored) {
    KeyDigests<Grant> all = keys.copy();
    Set<String> origins = new HashSet<>(anyOrigin);
    for (PublishableKeyRepository.StoredKey key : stored) {
      all.addDigest(key.digest(), new Grant(key.tenant(), Set.copyOf(key.origins())));
      origins.addAll(key.origins());
    }
    return new PublishableKeys(all, origins);
  }

  public Optional<Grant> find(String presentedKey) {
    return keys.find(presentedKey);
  }

  /**
   * Whether some publishable key may be used from {@code origin}. A CORS preflight carries no key, so this is all
   * it can be answered by; the request that follows is held to its own key's origins.
   */
  public boolean anyKeyAllows(String origin) {
    return AllowedOrigins.normalize(origin.strip()).map(anyOrigin::contains).orElse(false);
  }
}
