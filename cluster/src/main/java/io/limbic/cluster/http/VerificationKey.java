package io.limbic.cluster.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A public key that verifies user tokens: an RSA key of at least 2048 bits (RS256) or an EC key on P-256 (ES256),
 * read from PEM {@code PUBLIC KEY} text (SubjectPublicKeyInfo). Its fingerprint is the SHA-256 (hex) of that DER
 * encoding, the value {@code openssl pkey -pubin -outform der | sha256sum} prints. Messages never quote the key.
 */
public record VerificationKey(JWSAlgorithm algorithm, PublicKey key, String fingerprint) {
  private static final int MIN_RSA_BITS = 2048;
  private static final int MAX_PEM_CHARS = 4000;

  /** {@code algorithm} is {@code rs256} or {@code es256} (any case); a refusal says why, as a sentence. */
  public static VerificationKey parse(String algorithm, String pem) {
    String alg = algorithm == null ? "" : algorithm.trim().toLowerCase(Locale.ROOT);
    if (!alg.equals("rs256") && !alg.equals("es256")) {
      throw new IllegalArgumentException("the algorithm must be RS256 or ES256 (an HS256 secret cannot be"
          + " registered at runtime: see LIMBIC_USER_TOKEN_KEYS)");
    }
    if (pem == null || pem.length() > MAX_PEM_CHARS || !pem.contains("-----BEGIN PUBLIC KEY-----")) {
      throw new IllegalArgumentException("the key must be PEM text of a PUBLIC KEY (-----BEGIN PUBLIC KEY-----)");
    }
    String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    byte[] der;
    PublicKey key;
    try {
      der = Base64.getDecoder().decode(body);
      key = KeyFactory.getInstance(alg.equals("rs256") ? "RSA" : "EC").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the key is not a PEM " + (alg.equals("rs256") ? "RSA" : "EC")
          + " PUBLIC KEY");
    }
    if (key instanceof RSAPublicKey rsa) {
      if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
        throw new IllegalArgumentException("an RS256 key must have at least 2048 bits");
      }
      return new VerificationKey(JWSAlgorithm.RS256, key, fingerprint(der));
    }
    ECPublicKey ec = (ECPublicKey) key;
    if (!Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
      throw new IllegalArgumentException("an ES256 key must be on the P-256 curve");
    }
    return new VerificationKey(JWSAlgorithm.ES256, key, fingerprint(der));
  }

  public JWSVerifier verifier() {
    if (key instanceof RSAPublicKey rsa) return new RSASSAVerifier(rsa);
    try {
      return new ECDSAVerifier((ECPublicKey) key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the ES256 key is not usable");
    }
  }

  /** The JWT header's {@code alg} this key is for, as the API shows it. */
  public String algorithmName() {
    return algorithm.getName();
  }

  private static String fingerprint(byte[] der) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
