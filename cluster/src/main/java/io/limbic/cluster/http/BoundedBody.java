package io.limbic.cluster.http;

import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.util.ByteString;
import org.apache.pekko.util.ByteStringBuilder;

/**
 * Reads a request body of at most a route's limit, and answers a longer one 413 only after reading (and dropping)
 * the rest of it. A server that answers and closes while the client is still sending makes the client's kernel
 * see a reset, which can throw away the 413 before the client reads it: the client then sees a dropped connection
 * instead of the answer. So the rest is drained first, up to {@link #DRAIN_LIMIT}; past that (or when the length
 * announced is past it) the answer comes at once and the client may see the reset.
 */
final class BoundedBody {
  /** The most of a refused body that is read and dropped before answering. */
  static final long DRAIN_LIMIT = 16L * 1024 * 1024;

  private BoundedBody() {}

  /** Runs {@code inner} on the body when it has at most {@code maxBytes}; 413 problem+json otherwise. */
  static Route read(long maxBytes, Function<ByteString, Route> inner) {
    return Directives.extractRequestEntity(entity -> Directives.extractMaterializer(materializer -> {
      OptionalLong declared = entity.getContentLengthOption();
      if (declared.isPresent() && declared.getAsLong() > DRAIN_LIMIT) return refused(maxBytes);
      CompletionStage<Reading> read = entity.withSizeLimit(Math.max(maxBytes, DRAIN_LIMIT)).getDataBytes()
          .runFold(new Reading(maxBytes), Reading::add, materializer);
      return Directives.onComplete(read, attempt -> {
        if (attempt.isSuccess()) return attempt.get().over() ? refused(maxBytes) : inner.apply(attempt.get().bytes());
        Throwable failure = attempt.failed().get();
        if (failure instanceof EntityStreamSizeException) return refused(maxBytes);
        return Directives.complete(Problems.forFailure(failure));
      });
    }));
  }

  private static Route refused(long maxBytes) {
    return Directives.complete(Problems.tooLarge("the body exceeds the limit of " + maxBytes + " bytes"));
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
