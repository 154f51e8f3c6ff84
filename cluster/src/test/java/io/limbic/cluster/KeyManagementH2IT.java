package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import io.limbic.cluster.testkit.Eventually;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret keys managed at runtime over HTTP on H2, and through {@code ./limbic keys}. */
class KeyManagementH2IT extends KeyManagementContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  String database() {
    return "h2";
  }

  record Run(int exit, String out, String err) {}

  /** {@code ./limbic keys <args>} against this node, as its operator key. */
  Run limbic(String... args) throws Exception {
    Path script = Path.of("..", "limbic").toAbsolutePath().normalize();
    List<String> command = new ArrayList<>(List.of("bash", script.toString(), "keys"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("LIMBIC_URL", "http://127.0.0.1:" + node.httpPort());
    builder.environment().put("LIMBIC_OPERATOR_KEY", OPERATOR);
    Process process = builder.start();
    process.getOutputStream().close();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher ends");
    return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void theLauncherRegistersListsAndRevokesUserTokenKeys(@TempDir Path dir) throws Exception {
    String tenant = newTenant();
    KeyPair rsa = RuntimeTokenChecks.generate("RSA", 2048);
    Path pem = dir.resolve("token-key.pem");
    Files.writeString(pem, RuntimeTokenChecks.pem(rsa));
    Run added = limbic("token-add", tenant, "rs256", pem.toString(), "launcher-1");
    assertEquals(0, added.exit(), added.err());
    assertEquals("launcher-1", JSON.readTree(added.out()).get("kid").asText());
    String token = RuntimeTokenChecks.signed(tenant, JWSAlgorithm.RS256, "launcher-1",
        new RSASSASigner(rsa.getPrivate()), "u1");
    // Authenticated, for a user the new tenant does not have: 404, where a refused token is 401.
    Eventually.within(EFFECTIVE, () -> assertEquals(404, as(token).get("/v1/users/u1").status()));

    Run list = limbic("token-list", tenant);
    assertEquals(0, list.exit(), list.err());
    assertEquals("launcher-1", JSON.readTree(list.out()).get("keys").get(0).get("kid").asText());

    Run revoked = limbic("token-revoke", tenant, "launcher-1");
    assertEquals(0, revoked.exit(), revoked.err());
    Eventually.within(EFFECTIVE, () -> assertEquals(401, as(token).get("/v1/users/u1").status()));
    assertEquals(2, limbic("token-add", tenant, "hs256", pem.toString()).exit(), "usage: no secrets at runtime");
    Files.writeString(pem, "\"}, \"kid\": \"x");
    assertEquals(2, limbic("token-add", tenant, "rs256", pem.toString()).exit(), "not a PEM key");
  }

  @Test
  void theLauncherCreatesListsRotatesAndRevokesKeys() throws Exception {
    String tenant = newTenant();
    Run created = limbic("create", tenant, "ingest+read");
    assertEquals(0, created.exit(), created.err());
    JsonNode key = JSON.readTree(created.out());
    assertEquals("[\"ingest\",\"read\"]", key.get("roles").toString());
    assertTrue(created.err().contains("shown this once"), created.err());
    String first = key.get("key").asText();
    Eventually.within(EFFECTIVE, () -> assertEquals(200, heartbeatStatus(first)));

    Run list = limbic("list", tenant);
    assertEquals(0, list.exit(), list.err());
    assertEquals(key.get("name").asText(), JSON.readTree(list.out()).get("keys").get(0).get("name").asText());
    assertFalse(list.out().contains(first));

    Run rotated = limbic("rotate", tenant, key.get("name").asText(), "0");
    assertEquals(0, rotated.exit(), rotated.err());
    JsonNode second = JSON.readTree(rotated.out());
    Eventually.within(EFFECTIVE, () -> assertEquals(401, heartbeatStatus(first)));
    assertEquals(200, heartbeatStatus(second.get("key").asText()));

    Run revoked = limbic("revoke", tenant, second.get("name").asText());
    assertEquals(0, revoked.exit(), revoked.err());
    Eventually.within(EFFECTIVE, () -> assertEquals(401, heartbeatStatus(second.get("key").asText())));

    Run refused = limbic("create", tenant, "root");
    assertEquals(22, refused.exit(), "curl's exit status for an HTTP error: " + refused.err());
    assertTrue(refused.out().contains("invalid_field"), refused.out());
    assertEquals(2, limbic("revoke", tenant, "not-a-name").exit(), "usage");
  }
}
