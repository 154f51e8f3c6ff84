package io.limbic.cluster.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A local stand-in for the Kubernetes API server, as much of it as pekko-discovery-kubernetes-api reads: the pod list
 * of one namespace ({@code GET /api/v1/namespaces/{ns}/pods?labelSelector=...}), over HTTPS (the discovery only
 * speaks https) with a certificate for 127.0.0.1 made by the JDK's keytool, and a bearer token, as a pod's service
 * account gives them ({@link #caPath()}, {@link #tokenPath()}). Every pod it lists is Running at 127.0.0.1 with the
 * given container port named {@code management}; pods matching another selector, a wrong token or another namespace
 * get what the real server would give (an empty list, 401, an empty list).
 */
public final class KubernetesApiServer implements AutoCloseable {
  /** One request as it arrived. */
  public record Request(String path, String labelSelector, String authorization) {}

  private static final String STORE_PASSWORD = "stand-in-only";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;
  private final String namespace;
  private final String labelSelector;
  private final List<Integer> managementPorts;
  private final String token = "token-" + Long.toHexString(System.nanoTime());
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpsServer server;

  public KubernetesApiServer(String namespace, String labelSelector, List<Integer> managementPorts) throws Exception {
    this.namespace = namespace;
    this.labelSelector = labelSelector;
    this.managementPorts = List.copyOf(managementPorts);
    dir = Files.createTempDirectory("kubernetes-api-");
    Path keyStore = dir.resolve("server.p12");
    keytool("-genkeypair", "-alias", "api", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=kubernetes", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "api", "-keystore", keyStore.toString(),
        "-storepass", STORE_PASSWORD, "-file", caPath().toString());
    Files.writeString(tokenPath(), token, StandardCharsets.UTF_8);

    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(sslContext(keyStore)));
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The certificate (PEM) a client must trust: the pod's {@code ca.crt}. */
  public Path caPath() {
    return dir.resolve("ca.crt");
  }

  /** The service account's token, which every request must carry as a bearer token. */
  public Path tokenPath() {
    return dir.resolve("token");
  }

  public String token() {
    return token;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String selector = queryParameter(exchange.getRequestURI().getRawQuery(), "labelSelector");
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    requests.add(new Request(path, selector, authorization));
    exchange.getRequestBody().readAllBytes();
    if (!("Bearer " + token).equals(authorization)) {
      answer(exchange, 401, "{\"kind\":\"Status\",\"code\":401,\"reason\":\"Unauthorized\"}");
    } else if (!path.startsWith("/api/v1/namespaces/") || !path.endsWith("/pods")) {
      answer(exchange, 404, "{\"kind\":\"Status\",\"code\":404,\"reason\":\"NotFound\"}");
    } else {
      boolean ours = path.equals("/api/v1/namespaces/" + namespace + "/pods") && labelSelector.equals(selector);
      answer(exchange, 200, podList(ours ? managementPorts : List.of()));
    }
  }

  private static String podList(List<Integer> ports) throws IOException {
    ObjectNode list = JSON.createObjectNode().put("kind", "PodList").put("apiVersion", "v1");
    ArrayNode items = list.putArray("items");
    for (int i = 0; i < ports.size(); i++) {
      ObjectNode pod = items.addObject();
      pod.putObject("metadata").put("name", "limbic-" + i);
      ObjectNode container = pod.putObject("spec").putArray("containers").addObject().put("name", "limbic");
      ArrayNode containerPorts = container.putArray("ports");
      containerPorts.addObject().put("name", "http").put("containerPort", 8080);
      containerPorts.addObject().put("name", "management").put("containerPort", ports.get(i));
      pod.putObject("status").put("phase", "Running").put("podIP", "127.0.0.1");
    }
    return JSON.writeValueAsString(list);
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String queryParameter(String rawQuery, String name) {
    if (rawQuery == null) return null;
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static SSLContext sslContext(Path keyStore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, STORE_PASSWORD.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, STORE_PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static void keytool(String... arguments) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed: " + output);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
