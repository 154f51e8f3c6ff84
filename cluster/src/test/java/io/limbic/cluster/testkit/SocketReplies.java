package io.limbic.cluster.testkit;

import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A JDK WebSocket listener that keeps the node's answers to what the test sent, whole text messages of type
 * {@code ack} or {@code error}, and leaves out its pushes (emotions, interventions).
 */
public final class SocketReplies implements WebSocket.Listener {
  public final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private final StringBuilder partial = new StringBuilder();

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String whole = partial.toString();
      partial.setLength(0);
      if (whole.contains("\"type\":\"ack\"") || whole.contains("\"type\":\"error\"")) replies.add(whole);
    }
    webSocket.request(1);
    return null;
  }
}
