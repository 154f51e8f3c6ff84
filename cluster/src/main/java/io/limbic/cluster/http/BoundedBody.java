package io.limbic.cluster.http;

import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.WeakHashMap;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.util.ByteString;
import org.apache.pekko.util.ByteStringBuilder;

/**
 * Reads a request body of at most a route's limit, and answers a longer one 413 only after reading (and dropping)
 * the rest of it. A server that answers and closes while the client is still sending makes the client's kernel
 * see a reset, which can throw away the 413 before the client reads it: the client then sees a dropped connection
 * instead of the answer. So the rest is drained first (nginx's lingering close does the same), up to
 * {@value #DRAIN_SETTING} and never less than the server's own bound on a body ({@value #SERVER_LIMIT}), both read
 * once per actor system. Only the route's limit is kept in memory; the drain costs bandwidth, not heap, and the
 * request timeout bounds its time. Past the drain bound (or when the length announced is past it) the answer comes at
 * once and the client may see the reset. A body that is already whole in memory (pekko-http's strict entity, the
 * usual case for a small request) is taken as it is, without running a stream over it.
 */
final class BoundedBody {
  static final String SERVER_LIMIT = "pekko.http.server.parsing.max-content-length";
  static final String DRAIN_SETTING = "limbic.http.refused-body-drain";
  private static final Map<ActorSystem, Long> DRAIN_LIMITS = Collections.synchronizedMap(new WeakHashMap<>());

  private BoundedBody() {}

  /** The most of a refused body that is read and dropped before answering. */
  static long drainLimit(ActorSystem system) {
    return DRAIN_LIMITS.computeIfAbsent(system, s -> {
      var config = s.settings().config();
      if (config.getString(SERVER_LIMIT).equals("infinite")) return Long.MAX_VALUE;
      long server = config.getBytes(SERVER_LIMIT);
      return config.hasPath(DRAIN_SETTING) ? Math.max(server, config.getBytes(DRAIN_SETTING)) : server;
    });
  }

  /**
   * How much past its limit a body is read before its sender is known ({@link #readBeforeAuthentication}): enough
   * for the 413 of a body just over it to reach a client, far too little to make the node read megabytes for nobody.
   */
  static final long UNAUTHENTICATED_DRAIN = 64 * 1024;

  /** Runs {@code inner} on the body when it has at most {@code maxBytes}; 413 problem+json otherwise. */
  static Route read(long maxBytes, Function<ByteString, Route> inner) {
    return Directives.extractMaterializer(materializer ->
        read(maxBytes, Math.max(maxBytes, drainLimit(materializer.system())), false, inner));
  }

  /**
   * Like {@link #read}, for a route whose credential is in the body (PostHog's {@code api_key}, Segment's
   * {@code writeKey}, the dashboard's sign-in key): nobody is authenticated yet, so a refused body is drained only
   * {@link #UNAUTHENTICATED_DRAIN} past {@code maxBytes} (one that announces more is refused before any of it is
   * read), and the 413 closes the connection.
   */
  static Route readBeforeAuthentication(long maxBytes, Function<ByteString, Route> inner) {
    return read(maxBytes, maxBytes + UNAUTHENTICATED_DRAIN, true, inner);
  }

  private static Route read(long maxBytes, long drain, boolean close, Function<ByteString, Route> inner) {
    return Directives.extractRequestEntity(entity -> Directives.extractMaterializer(materializer -> {
      OptionalLong declared = entity.getContentLengthOption();
      if (declared.isPresent() && declared.getAsLong() > drain) return refused(maxBytes, close);
      // A body that came whole with its headers (most requests) is read as it is: no stream to run.
      if (entity instanceof HttpEntity.Strict strict) {
        ByteString data = strict.getData();
        return data.size() > maxBytes ? refused(maxBytes, close) : inner.apply(data);
      }
      CompletionStage<Reading> read = entity.withSizeLimit(drain).getDataBytes()
          .runFold(new Reading(maxBytes), Reading::add, materializer);
      return Directives.onComplete(read, attempt -> {
        if (attempt.isSuccess()) {
          return attempt.get().over() ? refused(maxBytes, close) : inner.apply(attempt.get().bytes());
        }
        Throwable failure = attempt.failed().get();
        if (failure instanceof EntityStreamSizeException) return refused(maxBytes, close);
        return Directives.complete(Problems.forFailure(failure));
      });
    }));
  }

  private static Route refused(long maxBytes, boolean close) {
    var tooLarge = Problems.tooLarge("the body exceeds the limit of " + maxBytes + " bytes");
    return Directives.complete(close
        ? tooLarge.addHeader(org.apache.pekko.http.javadsl.model.headers.Connection.create("close"))
        : tooLarge);
  }

  /** The bytes of a body up to the limit, and how many came in all; one stream stage adds to it. */
  private static final class Reading {
    private final long maxBytes;
    private final ByteStringBuilder kept = new ByteStringBuilder();
    private long seen;

    Reading(long maxBytes) {
      this.maxBytes = maxBytes;
    }

    Reading add(ByteString chunk) {
      seen += chunk.size();
      if (seen <= maxBytes) kept.append(chunk);
      return this;
    }

    boolean over() {
      return seen > maxBytes;
    }

    ByteString bytes() {
      return kept.result();
    }
  }
}
