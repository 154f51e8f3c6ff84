package io.limbic.cluster.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CredentialMaskTest {
  @Test
  void masksQueryTokensAuthorizationValuesAndBearerTokens() {
    assertEquals(
        "early response for /v1/stream?sessionId=s1&access_token=*** received",
        CredentialMask.mask("early response for /v1/stream?sessionId=s1&access_token=lk_abc-DEF received"));
    assertEquals("GET /x?api_key=***&b=2", CredentialMask.mask("GET /x?api_key=k1&b=2"));
    assertEquals(
        "Illegal 'authorization' header: Bearer ***, Bearer ***",
        CredentialMask.mask("Illegal 'authorization' header: Bearer key1, Bearer key2"));
    assertEquals("Authorization=***", CredentialMask.mask("Authorization=Bearer xyz"));
    assertEquals("sent Bearer *** twice", CredentialMask.mask("sent Bearer abc+/=~ twice"));
  }

  @Test
  void leavesOrdinaryTextAlone() {
    String line = "Cluster Node [pekko://limbic@127.0.0.1:25520] - Welcome from monkey=1 sessionId=s1";
    assertEquals(line, CredentialMask.mask(line));
    assertEquals(null, CredentialMask.mask(null));
  }
}
