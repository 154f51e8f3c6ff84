package io.limbic.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Plays the raging sessions of a set of high-value users, starting evenly over {@code spreadS} seconds, and times
 * each from the client-side send of the batch that completed the rage to the first notice at the receiver. The send
 * time is an upper bound of the request's arrival at the node (it adds the generator's and the kernel's share). After
 * each batch's ack the session is read ({@code GET /v1/sessions/{id}}, from the entity, which has persisted the
 * batch's conclusions before acking it) to learn whether this batch completed the rage. The session's own timer
 * also reads the evidence in quiet time, so rage can come between two batches: when the notice arrives before the
 * batch after which rage was read was even sent, the batch before it (the last request before the rage) starts the
 * clock, and the figures count such incidents.
 */
final class IncidentRun {
  private static final long MS = 1_000_000L;

  private final HttpClient client;
  private final int port;
  private final String key;
  private final double minConfidence;
  private final NoticeReceiver receiver;
  private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "incident-clock");
    thread.setDaemon(true);
    return thread;
  });
  private final Histogram ackMicros = new Histogram(60_000_000L, 3);
  private final AtomicLong failures = new AtomicLong();

  IncidentRun(HttpClient client, int port, String key, double minConfidence, NoticeReceiver receiver) {
    this.client = client;
    this.port = port;
    this.key = key;
    this.minConfidence = minConfidence;
    this.receiver = receiver;
  }

  /** What one run of incidents measured. */
  /**
   * @param latencyMicros every timed incident
   * @param byBatchMicros only those a batch completed (not the session's timer between batches)
   */
  record Figures(int users, int completed, int notified, int betweenBatches, int earlyNotices,
      Histogram latencyMicros, Histogram byBatchMicros, Histogram ackMicros, long failures) {}

  Figures run(List<RageIncident> incidents, int spreadS, int graceS) throws InterruptedException {
    for (int i = 0; i < incidents.size(); i++) {
      RageIncident incident = incidents.get(i);
      long delayMs = spreadS * 1_000L * i / incidents.size();
      clock.schedule(() -> {
        incident.start();
        sendAt(incident, 0);
      }, delayMs, TimeUnit.MILLISECONDS);
    }
    long deadline = System.nanoTime() + (spreadS + 3L * RageIncident.MAX_TRACES * 20 + graceS) * 1_000 * MS;
    while (System.nanoTime() < deadline && !incidents.stream().allMatch(RageIncident::finished)) Thread.sleep(100);
    // Then every completed rage's notice, or the grace period.
    long graceEnd = System.nanoTime() + graceS * 1_000 * MS;
    while (System.nanoTime() < graceEnd && incidents.stream()
        .anyMatch(i -> i.completingBatch() >= 0 && receiver.arrival(i.userId) == null)) {
      Thread.sleep(50);
    }
    Histogram latency = new Histogram(600_000_000L, 3);
    Histogram byBatch = new Histogram(600_000_000L, 3);
    int completed = 0;
    int notified = 0;
    int between = 0;
    int early = 0;
    for (RageIncident incident : incidents) {
      int k = incident.completingBatch();
      Long arrived = receiver.arrival(incident.userId);
      if (k < 0) continue;
      completed++;
      if (arrived == null) continue;
      long sent = incident.sentNanos(k);
      boolean timer = arrived < sent;
      if (timer) {
        // The rage came between batch k-1 (after whose ack the session did not read it yet) and batch k: the
        // session's timer found it in quiet time. Batch k-1 is then the request that completed it.
        sent = incident.sentNanos(k - 1);
        if (sent < 0 || arrived < sent) {
          early++; // not explained by the reads: not timed
          continue;
        }
        between++;
      }
      notified++;
      long micros = Math.min(latency.getHighestTrackableValue(), (arrived - sent) / 1_000);
      latency.recordValue(micros);
      if (!timer) byBatch.recordValue(micros);
    }
    synchronized (ackMicros) {
      return new Figures(incidents.size(), completed, notified, between, early, latency, byBatch, ackMicros.copy(),
          failures.get());
    }
  }

  void close() {
    clock.shutdownNow();
  }

  private void sendAt(RageIncident incident, int k) {
    long wait = incident.dueNanos(k) - System.nanoTime();
    clock.schedule(() -> send(incident, k), Math.max(0, wait), TimeUnit.NANOSECONDS);
  }

  private void send(RageIncident incident, int k) {
    HttpRequest post = HttpRequest.newBuilder(uri("/v1/sessions/" + incident.sessionId + "/telemetry"))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(incident.body(k)))
        .build();
    long sent = System.nanoTime();
    incident.sent(k, sent);
    client.sendAsync(post, HttpResponse.BodyHandlers.discarding())
        .thenCompose(ack -> {
          long micros = (System.nanoTime() - sent) / 1_000;
          synchronized (ackMicros) {
            ackMicros.recordValue(Math.min(ackMicros.getHighestTrackableValue(), micros));
          }
          if (ack.statusCode() != 202) failures.incrementAndGet();
          return client.sendAsync(HttpRequest.newBuilder(uri("/v1/sessions/" + incident.sessionId))
              .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
        })
        .whenComplete((view, error) -> {
          if (error != null) failures.incrementAndGet();
          if (error == null && view.statusCode() == 200 && rageAtConfidence(view.body())) {
            incident.completedBy(k);
          } else if (k + 1 < incident.batches() || incident.addTrace()) {
            sendAt(incident, k + 1);
          } else {
            incident.giveUp();
          }
        });
  }

  /** Whether the session's current emotion is rage at the policy's confidence or more. */
  private boolean rageAtConfidence(String json) {
    int at = json.indexOf("\"emotion\":{");
    if (at < 0) return false;
    String emotion = json.substring(at);
    if (!emotion.startsWith("\"emotion\":{\"state\":\"rage\"")) return false;
    int c = emotion.indexOf("\"confidence\":");
    if (c < 0) return false;
    int from = c + 13;
    int to = from;
    while (to < emotion.length() && "0123456789.Ee-".indexOf(emotion.charAt(to)) >= 0) to++;
    return Double.parseDouble(emotion.substring(from, to)) >= minConfidence;
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
