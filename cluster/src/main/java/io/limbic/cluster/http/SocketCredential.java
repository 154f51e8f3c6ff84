package io.limbic.cluster.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Source;

/**
 * An open WebSocket's credential, checked again at a fixed interval, as the emotion stream checks before every
 * read: once the key or user token it opened with no longer authenticates its caller (revoked, rotated out past its
 * grace, expired), the socket gets an error {@code credential_revoked} with {@code "closing": true} and is closed
 * (code 1000: pekko-http lets a handler close with no other). Apart from the message path: nothing is checked per
 * message. The check is cheap ({@link ApiKeys.Checked#again}): a user token's signature was verified when the socket
 * opened, and each check reads its expiry, the user's revocation and its tenant's keys as they are now.
 */
final class SocketCredential {
  static final String REVOKED = "credential_revoked";

  private SocketCredential() {}

  /** {@code socket}, ended with the closing error at the first check (every {@code interval}) that fails. */
  static Flow<Message, Message, NotUsed> checked(
      Flow<Message, Message, NotUsed> socket, BooleanSupplier stillAuthenticated, Duration interval) {
    Source<Message, NotUsed> revoked = Source.tick(interval, interval, Boolean.TRUE)
        .filter(tick -> !stillAuthenticated.getAsBoolean())
        .take(1)
        .map(tick -> (Message) TextMessage.create(closing()))
        .mapMaterializedValue(cancellable -> NotUsed.getInstance());
    // Either side ending ends the socket: its own close, or this one.
    return socket.merge(revoked, true);
  }

  static String closing() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "error");
    body.put("status", 401);
    body.put("code", REVOKED);
    body.put("detail", "the key or token this socket was opened with no longer authenticates (revoked, rotated out"
        + " or expired); the socket is closed");
    body.put("closing", true);
    return new String(Json.bytes(body), StandardCharsets.UTF_8);
  }
}
