package io.limbic.cluster.http;

import io.limbic.cluster.files.OwnerOnly;
import io.limbic.protocol.Ids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys, the tenant each belongs to and the {@link Role}s it was given, held as digests ({@link KeyDigests}). A
 * {@link PublishableKeys publishable key} also authenticates, as an ingest-only caller of its tenant, and so does a
 * secret key created at runtime ({@link StoredApiKeys}) while it is valid.
 */
public final class ApiKeys {
  public static final String DEFAULT_TENANT = "default";
  static final String KEY_FILE = "api-key";
  static final String KEY_REFUSED = "the API key is not valid";
  static final String TOKEN_REFUSED = "the user token is not valid: signature, issuer or claims refused";
  static final String TOKEN_EXPIRED = "the user token is not valid: it has expired";
  static final String TOKEN_REVOKED = "the user token is not valid: it was revoked";
  private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

  private final KeyDigests<Caller> secret;
  private final Supplier<StoredApiKeys> stored;
  private final Clock clock;
  private final Supplier<PublishableKeys> publishable;
  private final Optional<UserTokens> userTokens;
  private final Optional<DashboardSessions> dashboard;

  private ApiKeys(KeyDigests<Caller> secret, Supplier<StoredApiKeys> stored, Clock clock,
      Supplier<PublishableKeys> publishable, Optional<UserTokens> userTokens, Optional<DashboardSessions> dashboard) {
    this.secret = secret;
    this.stored = stored;
    this.clock = clock;
    this.publishable = publishable;
    this.userTokens = userTokens;
    this.dashboard = dashboard;
  }

  /** These keys, and the dashboard's session cookie ({@link DashboardSessions}) as a caller of the key it names. */
  public ApiKeys withDashboardSessions(DashboardSessions sessions) {
    return new ApiKeys(secret, stored, clock, publishable, userTokens, Optional.of(sessions));
  }

  /** The dashboard's sessions, when the node serves the dashboard. */
  public Optional<DashboardSessions> dashboardSessions() {
    return dashboard;
  }

  /** The caller of a secret key only (no publishable key, no user token): who may sign in to the dashboard. */
  public Optional<Caller> secretCallerOf(String presentedKey) {
    Optional<Caller> configured = secret.find(presentedKey);
    Optional<Caller> created = stored.get().find(presentedKey, clock.instant());
    return configured.or(() -> created);
  }

  /**
   * The caller of the secret key named {@code keyName} ({@link #nameOf}) of {@code tenant}, as it is configured
   * now: a dashboard session's caller.
   */
  public Optional<Caller> secretCallerNamed(String tenant, String keyName) {
    return configuredNamed(tenant, keyName).or(() -> stored.get().findNamed(tenant, keyName, clock.instant()));
  }

  /** Whether {@code keyName} names a key of {@code tenant} from the configuration (which the API cannot revoke). */
  public boolean isConfigured(String tenant, String keyName) {
    return configuredNamed(tenant, keyName).isPresent();
  }

  private Optional<Caller> configuredNamed(String tenant, String keyName) {
    if (!keyName.startsWith("key-")) return Optional.empty();
    return secret.findByDigestPrefix(keyName.substring("key-".length())).filter(c -> c.tenant().equals(tenant));
  }

  /**
   * These keys and the secret keys created through the operator's API ({@link ApiKeyring}), each valid until the
   * instant {@code clock} says its grace or life ends.
   */
  public ApiKeys withStored(ApiKeyring keyring, Clock clock) {
    return withStored(keyring::current, clock);
  }

  ApiKeys withStored(Supplier<StoredApiKeys> keys, Clock clock) {
    return new ApiKeys(secret, keys, clock, publishable, userTokens, dashboard);
  }

  /** These keys and the publishable ones: a publishable key is then a caller with the ingest role only. */
  public ApiKeys with(PublishableKeys keys) {
    return new ApiKeys(secret, stored, clock, () -> keys, userTokens, dashboard);
  }

  /** Like {@link #with(PublishableKeys)}, for a set that changes (keys created and revoked through the API). */
  public ApiKeys with(Supplier<PublishableKeys> keys) {
    return new ApiKeys(secret, stored, clock, keys, userTokens, dashboard);
  }

  /** These keys, and user tokens ({@link UserTokens}) verified by {@code tokens} as callers scoped to one user. */
  public ApiKeys withUserTokens(UserTokens tokens) {
    return new ApiKeys(secret, stored, clock, publishable, Optional.of(tokens), dashboard);
  }

  /** The publishable keys as they are now. */
  public PublishableKeys publishable() {
    return publishable.get();
  }

  /** The key of tenant "default" kept in the data directory, and whether this start created it. */
  public record DefaultKey(String key, Path file, boolean created) {
    @Override
    public String toString() {
      return "DefaultKey[" + file + ", created=" + created + "]"; // never the key
    }
  }

  /**
   * Parses {@code tenant:key[:roles][,tenant:key[:roles]...]}, roles being {@code ingest}, {@code read} and
   * {@code admin} joined by {@code +}; an entry without roles has all three. A token68 key holds no colon, so the
   * second colon always starts the roles. A refused entry is named by its tenant (or its position), never by its
   * key, since the message ends up in a log.
   */
  public static ApiKeys parse(String spec) {
    KeyDigests<Caller> entries = new KeyDigests<>();
    String[] pairs = spec.split(",");
    for (int i = 0; i < pairs.length; i++) {
      String trimmed = pairs[i].trim();
      if (trimmed.isEmpty()) continue;
      int colon = trimmed.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("API key entry " + (i + 1) + " must be tenant:key");
      }
      String tenant = trimmed.substring(0, colon);
      String rest = trimmed.substring(colon + 1);
      int rolesColon = rest.indexOf(':');
      String key = rolesColon < 0 ? rest : rest.substring(0, rolesColon);
      if (!Ids.isValidTenant(tenant)) {
        throw new IllegalArgumentException("API key entry " + (i + 1) + " has an invalid tenant id");
      }
      if (tenant.equals(UserTokens.ISSUER)) {
        throw new IllegalArgumentException("API key entry " + (i + 1) + " uses the tenant id '" + UserTokens.ISSUER
            + "', which is reserved for the node itself");
      }
      Set<Role> roles = rolesColon < 0 ? Role.all() : roles(tenant, rest.substring(rolesColon + 1));
      entries.add("API key", tenant, key, new Caller(tenant, roles).named(nameOf(key)));
    }
    return new ApiKeys(entries, () -> StoredApiKeys.NONE, Clock.systemUTC(), () -> PublishableKeys.NONE,
        Optional.empty(), Optional.empty());
  }

  /** The roles after a key's second colon; the text is not echoed, since a mistyped entry may hold a key there. */
  private static Set<Role> roles(String tenant, String spec) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String label : spec.split("\\+", -1)) {
      Optional<Role> role = Role.ofLabel(label.trim());
      if (role.isEmpty()) {
        throw new IllegalArgumentException(
            "the roles of tenant '" + tenant + "' must be ingest, read or admin, joined by +");
      }
      roles.add(role.get());
    }
    return roles;
  }

  /**
   * A stable name of a presented key that does not reveal it: {@code key-} and the first 16 hex digits of its
   * SHA-256. Rate limits count a key's requests under it.
   */
  public static String nameOf(String presentedKey) {
    return "key-" + KeyDigests.hexDigest(presentedKey).substring(0, 16);
  }

  /** Whether {@code key} is RFC 7235 token68, the syntax of a Bearer credential. */
  public static boolean isToken68(String key) {
    return KeyDigests.isToken68(key);
  }

  public boolean isEmpty() {
    return secret.isEmpty();
  }

  /** The tenant the key belongs to, if any. Takes the same time whichever entry matches. */
  public Optional<String> tenantOf(String presentedKey) {
    return callerOf(presentedKey).map(Caller::tenant);
  }

  /**
   * The tenant and roles of the key, if it is one: a secret key as configured, a publishable key as its tenant's
   * ingest role only. Both tables are always searched, so the time taken does not tell which kind matched.
   */
  public Optional<Caller> callerOf(String presentedKey) {
    return authenticate(presentedKey).caller();
  }

  /** The caller a presented credential is, or (empty) the detail of the 401 that refuses it. */
  public record Authentication(Optional<Caller> caller, String refusal) {}

  /**
   * Like {@link #callerOf}, with the 401's detail when the credential is refused; a user token is verified once.
   * The detail tells a client whether its own token expired, never how the tenant's keys are set up (whether it
   * has keys, of which algorithm): that reason is logged at debug level only, without the token.
   */
  public Authentication authenticate(String presentedKey) {
    return authenticate(presentedKey, token -> userTokens.get().verify(token));
  }

  /**
   * A credential authenticated once and checked again later, as an open WebSocket's is: {@link #first} is
   * {@link #authenticate}'s answer, {@link #again} is what it would answer now, but a user token's signature is not
   * verified again while the key that verified it is still its tenant's ({@link UserTokens#again}).
   */
  public final class Checked {
    private final String presented;
    private final AtomicReference<UserTokens.Opened> token = new AtomicReference<>();
    private final Authentication first;

    private Checked(String presented) {
      this.presented = presented;
      this.first = authenticate(presented, jwt -> {
        UserTokens.Opened opened = userTokens.get().open(jwt);
        token.set(opened);
        return opened.verdict();
      });
    }

    public Authentication first() {
      return first;
    }

    public Authentication again() {
      return authenticate(presented, jwt -> {
        UserTokens.Opened opened = token.get();
        return opened != null ? userTokens.get().again(opened) : userTokens.get().verify(jwt);
      });
    }
  }

  /** {@code presentedKey} authenticated now, to be checked {@link Checked#again} later. */
  public Checked check(String presentedKey) {
    return new Checked(presentedKey);
  }

  private Authentication authenticate(String presentedKey, Function<String, UserTokens.Verdict> verifyToken) {
    Optional<Caller> configuredCaller = secret.find(presentedKey);
    Optional<Caller> storedCaller = stored.get().find(presentedKey, clock.instant());
    Optional<Caller> secretCaller = configuredCaller.or(() -> storedCaller);
    Optional<Caller> publishableCaller = publishable.get().find(presentedKey)
        .map(grant -> grant.caller().named(nameOf(presentedKey)));
    Optional<Caller> keyCaller = secretCaller.or(() -> publishableCaller);
    if (keyCaller.isPresent()) return new Authentication(keyCaller, null);
    // Tried only when no key matches: a credential shaped like a JWT may still be a configured key.
    if (userTokens.isEmpty() || !UserTokens.looksLikeToken(presentedKey)) {
      return new Authentication(Optional.empty(), KEY_REFUSED);
    }
    UserTokens.Verdict verdict = verifyToken.apply(presentedKey);
    if (verdict instanceof UserTokens.Accepted a) {
      return new Authentication(Optional.of(Caller.ofUser(a.tenant(), a.userId())), null);
    }
    UserTokens.Refused refused = (UserTokens.Refused) verdict;
    log.debug("user token refused: {}", refused.reason());
    return new Authentication(Optional.empty(), refused.expired() ? TOKEN_EXPIRED
        : refused.revoked() ? TOKEN_REVOKED : TOKEN_REFUSED);
  }

  /** Why {@code presented}, which {@link #callerOf} did not accept, is refused, in words for the 401's detail. */
  public String refusal(String presented) {
    return authenticate(presented).refusal();
  }

  /**
   * The embedded default's key for tenant "default": read from the data directory, or generated there. The
   * directory is made 0700 and a new key file is 0600 from the moment it exists.
   */
  public static DefaultKey loadOrGenerateDefault(Path dataDir) throws IOException {
    Path file = dataDir.resolve(KEY_FILE);
    if (Files.exists(file)) {
      return new DefaultKey(Files.readString(file, StandardCharsets.UTF_8).trim(), file, false);
    }
    OwnerOnly.directory(dataDir);
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String key = "lk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    OwnerOnly.writeAtomically(file, (key + "\n").getBytes(StandardCharsets.UTF_8));
    return new DefaultKey(key, file, true);
  }
}
