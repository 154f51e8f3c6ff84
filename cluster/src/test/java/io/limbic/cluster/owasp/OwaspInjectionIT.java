package io.limbic.cluster.owasp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.owasp.OwaspCases.Case;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.OpenApi;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * OWASP API8 / injection in every path and query parameter of every operation of openapi.json: SQL metacharacters,
 * path traversal, CRLF (response splitting), template and JNDI strings, NUL, overlong and invalid UTF-8, long and
 * huge values, each sent with a key that has every role and the operation's valid body. None may get a 5xx; every
 * error is problem+json; no answer carries a header the value tried to add; and the hostile values, which no id or
 * name rule admits, leave every table (journal and read models) with the rows it had. Request ids echoed in
 * headers are bounded and stripped of control characters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwaspInjectionIT {
  /** Values no id, name or query rule of the API admits: a write must refuse them. */
  static final List<String> HOSTILE = List.of(
      "'%20OR%20'1'%3D'1", "1%3B%20DROP%20TABLE%20%22event_journal%22%3B--", "%22%20OR%20%22%22%3D%22",
      "..%2F..%2F..%2Fetc%2Fpasswd", "..%5C..%5Cwindows%5Cwin.ini", "%2e%2e%2f%2e%2e%2fetc",
      "%0d%0aSet-Cookie:%20owasp%3D1", "x%0d%0aX-Owasp:%201", "%00", "a%00b", "%C0%AE%C0%AE", "%FF%FE",
      "%F0%9D%95%8F", "%E2%80%AE", "%24%7Bjndi%3Aldap%3A%2F%2Fowasp.example%2Fa%7D", "%7B%7B7*7%7D%7D",
      "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "a".repeat(5000));
  /** Values some rule admits (an id may be "-1" or ".."): only the status rules apply. */
  static final List<String> PLAUSIBLE = List.of("99999999999999999999999999999", "-1", "1e400", "NaN", "%2e%2e",
      "*", "0", "%25");

  OwaspNode owasp;

  @BeforeAll
  void start() throws Exception {
    owasp = OwaspNode.start(Map.of()).seeded();
  }

  @AfterAll
  void stop() {
    if (owasp != null) owasp.close();
  }

  @Test
  void hostileParametersAreRefusedWithoutServerErrorsAndChangeNoRow() throws Exception {
    Map<String, Long> before = owasp.settledRowCounts();
    List<String> wrong = new ArrayList<>();
    int sent = sweep(HOSTILE, true, wrong);
    assertTrue(sent > 1000, "requests sent: " + sent);
    assertEquals(List.of(), wrong, "answers to hostile parameters");
    assertEquals(before, owasp.rowCounts(), "rows per table after the hostile requests (audit log aside)");
  }

  @Test
  void plausibleButOddParametersGetNoServerError() throws Exception {
    List<String> wrong = new ArrayList<>();
    sweep(PLAUSIBLE, false, wrong);
    assertEquals(List.of(), wrong, "answers to odd parameters");
  }

  private int sweep(List<String> values, boolean hostile, List<String> wrong) throws Exception {
    int sent = 0;
    for (OpenApi.Operation op : OwaspCases.operations()) {
      for (String value : values) {
        for (String parameter : OwaspCases.pathParameters(op)) {
          Case c = OwaspCases.of(op, owasp.acme, Map.of(parameter, value));
          check(c, send(c), hostile, wrong);
          sent++;
        }
        for (String parameter : OwaspCases.queryParameters(op)) {
          Case plain = OwaspCases.of(op, owasp.acme);
          Case c = new Case(op, plain.path() + "?" + parameter + "=" + value, plain.body());
          check(c, send(c), hostile, wrong);
          sent++;
        }
      }
    }
    return sent;
  }

  private Reply send(Case c) throws Exception {
    if (c.op().template().startsWith("/segment/")) {
      return owasp.send(c, null, "Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (OwaspNode.ACME_PUBLISHABLE + ":").getBytes(StandardCharsets.UTF_8)));
    }
    return owasp.send(c, OwaspCases.takesBearer(c.op()) ? OwaspNode.ACME_ROOT : null);
  }

  private static void check(Case c, Reply reply, boolean hostile, List<String> wrong) {
    int status = reply.status();
    boolean write = !c.method().equals("GET");
    String problem = null;
    if (status >= 500) problem = "server error";
    else if (status >= 400 && !OwaspNode.isProblem(reply)) problem = "not a problem body";
    else if (hostile && write && status < 400) problem = "a write accepted a hostile value";
    else if (reply.header("X-Owasp") != null
        || reply.raw().headers().allValues("Set-Cookie").stream().anyMatch(v -> v.contains("owasp"))) {
      problem = "a header was injected";
    }
    if (problem != null) {
      wrong.add(problem + ": " + OwaspNode.clip(c.toString()) + " -> " + status + " " + OwaspNode.clip(reply.raw().body()));
    }
  }

  /** OWASP API7 (SSRF): the routes that take a URL the node will call refuse internal and non-HTTP ones. */
  @Test
  void urlsTheNodeWouldCallMayNotNameInternalHosts() throws Exception {
    List<String> urls = List.of("http://127.0.0.1/x", "http://localhost/x", "http://localhost./x", "http://LOCALHOST./x",
        "http://api.localhost/x", "http://[::1]/x", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/",
        "http://172.16.0.1/", "http://192.168.1.1/", "http://0.0.0.0/", "http://[::]/", "http://[::ffff:127.0.0.1]/",
        "http://[fd00::1]/", "http://127.1/", "http://2130706433/", "http://127.0.0.1.:8558/ready",
        "https://user:pw@hooks.example.com/", "file:///etc/passwd", "gopher://hooks.example.com/", "ftp://hooks.example.com/");
    List<String> accepted = new ArrayList<>();
    for (String url : urls) {
      Map<String, String> bodies = Map.of(
          "PUT /v1/agents/notifications/channels", "{\"channels\":[{\"type\":\"webhook\",\"url\":\"" + url + "\"}]}",
          "PUT /v1/escalation/policy", OwaspCases.POLICY.replace("https://hooks.example.com/ann", url),
          "PUT /v1/interventions/config", "{\"contexts\":[{\"id\":\"w\",\"emotion\":\"rage\",\"variants\":[{\"id\":\"v\","
              + "\"channel\":\"webhook\",\"url\":\"" + url + "\",\"payload\":{}}]}]}");
      for (Map.Entry<String, String> route : bodies.entrySet()) {
        String path = route.getKey().substring(4);
        Reply reply = owasp.as(OwaspNode.ACME_ALL).put(path, route.getValue());
        if (reply.status() != 400 || !OwaspNode.isProblem(reply)) {
          accepted.add(route.getKey() + " " + url + " -> " + reply.status() + " " + OwaspNode.clip(reply.raw().body()));
        }
      }
    }
    assertEquals(List.of(), accepted, "internal or non-HTTP URLs accepted");
  }

  @Test
  void requestIdsEchoedInHeadersAreBoundedAndClean() throws Exception {
    List<String> values = List.of("abc\u0001def", "x".repeat(4000), "caf\u00e9-\u2603", "a b;c=d", "${jndi:ldap://x/a}");
    List<String> wrong = new ArrayList<>();
    for (String header : List.of("X-Correlation-Id", "X-Request-Id")) {
      for (String value : values) {
        String answer = raw("GET /v1/config/signals HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + OwaspNode.ACME_ALL + "\r\n" + header + ": " + value + "\r\nConnection: close\r\n\r\n");
        String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
        int status = Integer.parseInt(head.substring(9, 12));
        String echoed = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(header.toLowerCase(Locale.ROOT)
            + ":")).findFirst().orElse("");
        boolean clean = echoed.chars().noneMatch(ch -> ch < 0x20 && ch != '\t') && echoed.length() <= 300;
        if (status >= 500 || !clean) wrong.add(header + " " + OwaspNode.clip(value) + " -> " + status + " " + OwaspNode.clip(echoed));
      }
    }
    assertEquals(List.of(), wrong);
  }

  private String raw(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", owasp.node.httpPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return all.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
