package io.limbic.cluster.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import io.limbic.protocol.Ids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keys tenants sign their own user tokens with: {@code tenant:hs256:<secret>} or {@code tenant:rs256:<public
 * key>}, entries joined by commas. An HS256 secret is base64 of at least 32 bytes; an RS256 key is base64 of a PEM
 * {@code PUBLIC KEY} (SubjectPublicKeyInfo) of at least 2048 bits. Either value may instead be {@code file:<path>},
 * a mounted file holding the base64 secret or the PEM text. A tenant may have several keys (while one is rotated);
 * a token is accepted if one of the keys of its algorithm verifies it. Tenant {@code limbic} is reserved: it is
 * the {@code iss} of the node's own tokens. Messages name an entry by its position and
 * tenant only, never by its value, since they end up in a log.
 */
public final class UserTokenKeys {
  static final int MIN_SECRET_BYTES = 32;
  private static final int MIN_RSA_BITS = 2048;
  public static final UserTokenKeys NONE = new UserTokenKeys(Map.of());

  /**
   * One tenant key: the algorithm a token signed with it declares, what checks its signature, and the {@code kid} a
   * token's header names it by (null for a configured key, which has none).
   */
  public record TenantKey(JWSAlgorithm algorithm, JWSVerifier verifier, String kid) {
    public TenantKey(JWSAlgorithm algorithm, JWSVerifier verifier) {
      this(algorithm, verifier, null);
    }
  }

  private final Map<String, List<TenantKey>> byTenant;

  private UserTokenKeys(Map<String, List<TenantKey>> byTenant) {
    this.byTenant = byTenant;
  }

  public List<TenantKey> of(String tenant) {
    return byTenant.getOrDefault(tenant, List.of());
  }

  /** These keys and {@code others}, a tenant's from both. */
  public UserTokenKeys plus(UserTokenKeys others) {
    if (others.byTenant.isEmpty()) return this;
    Map<String, List<TenantKey>> keys = new HashMap<>();
    byTenant.forEach((tenant, list) -> keys.computeIfAbsent(tenant, t -> new ArrayList<>()).addAll(list));
    others.byTenant.forEach((tenant, list) -> keys.computeIfAbsent(tenant, t -> new ArrayList<>()).addAll(list));
    return frozen(keys);
  }

  /** Keys given by tenant (registered through the API). */
  public static UserTokenKeys of(Map<String, List<TenantKey>> keys) {
    return frozen(keys);
  }

  private static UserTokenKeys frozen(Map<String, List<TenantKey>> keys) {
    Map<String, List<TenantKey>> frozen = new HashMap<>();
    keys.forEach((tenant, list) -> frozen.put(tenant, List.copyOf(list)));
    return new UserTokenKeys(Map.copyOf(frozen));
  }

  public static UserTokenKeys parse(String spec) {
    Map<String, List<TenantKey>> keys = new HashMap<>();
    String[] entries = spec.split(",");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      if (entry.isEmpty()) continue;
      String[] parts = entry.split(":", 3);
      String where = "user token key entry " + (i + 1);
      if (parts.length != 3) throw new IllegalArgumentException(where + " must be tenant:hs256|rs256:<key>");
      String tenant = parts[0].trim();
      if (!Ids.isValidTenant(tenant)) throw new IllegalArgumentException(where + " has an invalid tenant id");
      if (UserTokens.ISSUER.equals(tenant)) {
        throw new IllegalArgumentException(where + ": tenant id '" + UserTokens.ISSUER
            + "' is reserved (the node's own token issuer) and cannot have user token keys");
      }
      where += " (tenant '" + tenant + "')";
      TenantKey key = switch (parts[1].trim().toLowerCase(Locale.ROOT)) {
        case "hs256" -> hmac(where, text(where, parts[2].trim()));
        case "rs256" -> rsa(where, parts[2].trim());
        default -> throw new IllegalArgumentException(where + ": the algorithm must be hs256 or rs256");
      };
      keys.computeIfAbsent(tenant, t -> new ArrayList<>()).add(key);
    }
    return frozen(keys);
  }

  private static TenantKey hmac(String where, String base64) {
    byte[] secret = decode(where, base64);
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(where + ": an hs256 secret must be at least 32 bytes");
    }
    try {
      return new TenantKey(JWSAlgorithm.HS256, new MACVerifier(secret));
    } catch (JOSEException e) {
      throw new IllegalArgumentException(where + ": the hs256 secret is not usable");
    }
  }

  /** Inline, the value is base64 of the PEM text; in a file, the PEM text itself. */
  private static TenantKey rsa(String where, String value) {
    String pem = value.startsWith("file:")
        ? text(where, value)
        : new String(decode(where, value), StandardCharsets.UTF_8);
    String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    PublicKey key;
    try {
      key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": the rs256 value must be a PEM RSA PUBLIC KEY");
    }
    RSAPublicKey rsa = (RSAPublicKey) key;
    if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
      throw new IllegalArgumentException(where + ": an rs256 key must have at least 2048 bits");
    }
    return new TenantKey(JWSAlgorithm.RS256, new RSASSAVerifier(rsa));
  }

  /** The value, or the trimmed content of the file it names with {@code file:}. */
  private static String text(String where, String value) {
    if (!value.startsWith("file:")) return value;
    try {
      return Files.readString(Path.of(value.substring("file:".length())), StandardCharsets.UTF_8).trim();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(where + ": its key file cannot be read");
    }
  }

  private static byte[] decode(String where, String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException notStandard) {
      try {
        return Base64.getUrlDecoder().decode(base64);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": the key is not base64");
      }
    }
  }
}
