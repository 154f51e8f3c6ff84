package io.limbic.cluster.fuzz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Malformed requests over every route, deterministic in (seed, index): request {@code i} of a seed is always the
 * same (apart from "a minute ago" timestamps in otherwise valid fields), and none of them is a valid write.
 */
final class RequestGenerator {
  private enum Family {
    FIELD(470), BATCH_SHAPE(60), STRUCTURE(140), OVERSIZE(25), AUTH_BAD(50), AUTH_DUPLICATED(15), METHOD(50),
    UNKNOWN_PATH(30), ODD_PATH(30), READ_IDS(50), READ_QUERY(40), STREAM_HANDSHAKE(15), SDK(10), MANAGEMENT(15);

    final int weight;

    Family(int weight) {
      this.weight = weight;
    }
  }

  private static final int TOTAL_WEIGHT = java.util.Arrays.stream(Family.values()).mapToInt(f -> f.weight).sum();

  private final long seed;
  private final List<String> keys;
  private final String canaryUser;
  private final String canarySession;
  private final BodyShapes shapes = new BodyShapes();

  /** {@code keys}: one API key per tenant, at least two. */
  RequestGenerator(long seed, List<String> keys, String canaryUser, String canarySession) {
    this.seed = seed;
    this.keys = List.copyOf(keys);
    this.canaryUser = canaryUser;
    this.canarySession = canarySession;
  }

  static long mix(long seed, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  FuzzRequest request(int index) {
    Random random = new Random(mix(seed, index));
    FuzzIds ids = new FuzzIds(canaryUser, canarySession, random);
    String key = keys.get(random.nextInt(keys.size()));
    return switch (family(random)) {
      case FIELD -> field(random, ids, key);
      case BATCH_SHAPE -> batchShape(random, ids, key);
      case STRUCTURE -> structure(random, ids, key);
      case OVERSIZE -> oversize(random, ids, key);
      case AUTH_BAD -> badAuth(random, ids, key);
      case AUTH_DUPLICATED -> duplicatedAuth(random, ids, key);
      case METHOD -> wrongMethod(random, ids, key);
      case UNKNOWN_PATH -> random.nextBoolean()
          ? api("unknown path", "GET of no route", "GET", pick(random, Hostile.UNKNOWN_PATHS), key, null,
              Expect.status(404))
          : api("unknown path", "POST to no route", "POST", pick(random, Hostile.UNKNOWN_PATHS), key, "{}",
              Expect.status(404, 405));
      case ODD_PATH -> api("odd path", "odd request target", "GET", pick(random, Hostile.ODD_PATHS), key, null,
          Expect.status(400, 404, 414));
      case READ_IDS -> ReadRequests.byId(random, ids, key);
      case READ_QUERY -> ReadRequests.byQuery(random, key);
      case STREAM_HANDSHAKE -> ReadRequests.handshake(random, ids, key);
      case SDK -> ReadRequests.sdk(random);
      case MANAGEMENT -> ReadRequests.management(random);
    };
  }

  private static Family family(Random random) {
    int roll = random.nextInt(TOTAL_WEIGHT);
    for (Family family : Family.values()) {
      roll -= family.weight;
      if (roll < 0) return family;
    }
    throw new IllegalStateException();
  }

  private FuzzRequest field(Random random, FuzzIds ids, String key) {
    WriteRoute route = pick(random, WriteRoute.ALL);
    BodyTemplate.Broken broken = route.template().broken(random, ids);
    if (!route.batch()) {
      return write(route, broken.shape(), ids, key, random, broken.json(), Expect.rejected());
    }
    int copies = 1 + random.nextInt(3);
    String body = shapes.batch(route, ids, Collections.nCopies(copies, broken.json()));
    return write(route, "item " + broken.shape(), ids, key, random, body, Expect.rejected());
  }

  private FuzzRequest batchShape(Random random, FuzzIds ids, String key) {
    List<WriteRoute> batches = WriteRoute.ALL.stream().filter(WriteRoute::batch).toList();
    WriteRoute route = pick(random, batches);
    BodyShapes.Shape shape = pick(random, shapes.batchBreaks(route, ids, random));
    return write(route, shape.label(), ids, key, random, shape.body(), shape.expect());
  }

  private FuzzRequest structure(Random random, FuzzIds ids, String key) {
    WriteRoute route = pick(random, WriteRoute.ALL);
    BodyShapes.Shape shape = pick(random, shapes.structural(route, ids, random));
    return write(route, shape.label(), ids, key, random, shape.body(), shape.expect());
  }

  private FuzzRequest oversize(Random random, FuzzIds ids, String key) {
    WriteRoute route = pick(random, WriteRoute.ALL);
    int kind = random.nextInt(3);
    long size = kind == 2 ? 2L * 1024 * 1024 + 4096 : route.limit() + 1 + random.nextInt(8192);
    String body = "{\"userId\":\"" + "x".repeat((int) size) + "\"}";
    String label = switch (kind) {
      case 0 -> "body over the route's limit";
      case 1 -> "chunked body over the route's limit";
      default -> "body over the server's 2 MiB limit";
    };
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {"Authorization", "Bearer " + key});
    headers.add(new String[] {"Content-Type", "application/json"});
    Expect expect = kind == 0 ? Expect.status(413) : Expect.status(413).orAbort();
    return new FuzzRequest(route.route(), label, false, route.method(), route.path().apply(ids), headers,
        FuzzRequest.encode(body), kind == 1, expect);
  }

  private FuzzRequest badAuth(Random random, FuzzIds ids, String key) {
    WriteRoute route = pick(random, WriteRoute.ALL);
    Hostile.Auth auth = pick(random, Hostile.badAuth(key));
    String valid = shapes.valid(route, ids, random);
    Expect expect = auth.label().contains("NUL") ? Expect.status(400, 401) : Expect.status(401);
    return withAuth(route, "valid body, " + auth.label(), ids, auth.values(), valid, expect);
  }

  private FuzzRequest duplicatedAuth(Random random, FuzzIds ids, String key) {
    WriteRoute route = pick(random, WriteRoute.ALL);
    String other = keys.get((keys.indexOf(key) + 1) % keys.size());
    Hostile.Auth auth = pick(random, Hostile.duplicatedAuth(key, other));
    BodyTemplate.Broken broken = route.template().broken(random, ids);
    String body = route.batch() ? shapes.batch(route, ids, List.of(broken.json())) : broken.json();
    return withAuth(route, auth.label() + ", " + broken.shape(), ids, auth.values(), body, Expect.rejected());
  }

  private FuzzRequest wrongMethod(Random random, FuzzIds ids, String key) {
    ReadRequests.Known known = pick(random, ReadRequests.KNOWN);
    List<String> wrong = new ArrayList<>(List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"));
    wrong.removeAll(known.methods());
    // A method openapi.json documents on the same path is a route of its own (DELETE /v1/users/{id} erases).
    wrong.removeAll(documentedMethods(known.route().substring(known.route().indexOf(' ') + 1)));
    if (known.methods().contains("GET")) wrong.remove("HEAD");
    String method = pick(random, wrong);
    String body = method.equals("GET") || method.equals("HEAD") ? null : known.validBody(shapes, ids, random);
    return api(known.route(), "method " + method, method, known.path().apply(ids), key, body, Expect.status(405));
  }

  private FuzzRequest write(
      WriteRoute route, String shape, FuzzIds ids, String key, Random random, String body, Expect expect) {
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {"Authorization", "Bearer " + key});
    String type = pick(random, Hostile.CONTENT_TYPES);
    if (type != null) headers.add(new String[] {"Content-Type", type});
    return new FuzzRequest(route.route(), shape, false, route.method(), route.path().apply(ids), headers,
        FuzzRequest.encode(body), false, expect);
  }

  private static FuzzRequest withAuth(
      WriteRoute route, String shape, FuzzIds ids, List<String> auth, String body, Expect expect) {
    List<String[]> headers = new ArrayList<>();
    for (String value : auth) headers.add(new String[] {"Authorization", value});
    headers.add(new String[] {"Content-Type", "application/json"});
    return new FuzzRequest(route.route(), shape, false, route.method(), route.path().apply(ids), headers,
        FuzzRequest.encode(body), false, expect);
  }

  static FuzzRequest api(String route, String shape, String method, String target, String key, String body, Expect expect) {
    List<String[]> headers = new ArrayList<>();
    if (key != null) headers.add(new String[] {"Authorization", "Bearer " + key});
    if (body != null) headers.add(new String[] {"Content-Type", "application/json"});
    return new FuzzRequest(route, shape, false, method, target, headers, body == null ? null : FuzzRequest.encode(body),
        false, expect);
  }

  static <T> T pick(Random random, List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  /** The methods openapi.json documents on {@code template}, whatever its parameters are named. */
  private static List<String> documentedMethods(String template) {
    String shape = template.replaceAll("\\{[^}]*}", "{}");
    return io.limbic.cluster.testkit.OpenApi.get().operations().stream()
        .filter(op -> op.template().replaceAll("\\{[^}]*}", "{}").equals(shape))
        .map(op -> op.method().toUpperCase())
        .toList();
  }
}
