package io.limbic.loadtest;

import io.limbic.analytics.matching.eval.SyntheticPerson;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What the idle benchmark sends: every user's profile ({@code PUT /v1/users/{id}/profile}, as fast as the node
 * takes them), then one heartbeat per idle user through {@code POST /v1/heartbeats}, paced so that the users' idle
 * periods begin evenly over a window. Each heartbeat carries its planned {@code at}, so the phases fall due on that
 * schedule even when a batch goes out late; how late the latest one was acknowledged is reported. Each worker is a
 * sender loop of the shared {@link LoadHttp} client, so {@code connections} keep-alive connections.
 */
final class IdleBenchmarkLoad {
  private final int port;
  private final String key;

  IdleBenchmarkLoad(int port, String key) {
    this.port = port;
    this.key = key;
  }

  /** Requests answered 2xx and not, and the seconds it took. */
  record Pass(long ok, long failed, double seconds, String firstFailure) {
    double perSecond() {
      return ok / seconds;
    }
  }

  Pass profiles(List<SyntheticPerson> people, int connections) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    String[] firstFailure = {null};
    long started = System.nanoTime();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < connections; w++) {
      Thread worker = new Thread(() -> {
        for (int i = next.getAndIncrement(); i < people.size(); i = next.getAndIncrement()) {
          SyntheticPerson person = people.get(i);
          HttpRequest request = LoadHttp.put(port, "/v1/users/" + person.id() + "/profile", key,
              IdleBenchmarkProfiles.json(person.profile()));
          try {
            HttpResponse<String> response = LoadHttp.send(request);
            if (response.statusCode() / 100 == 2) {
              ok.incrementAndGet();
              continue;
            }
            failed.incrementAndGet();
            synchronized (firstFailure) {
              if (firstFailure[0] == null) firstFailure[0] = response.statusCode() + " " + response.body();
            }
          } catch (IOException | RuntimeException e) {
            failed.incrementAndGet();
          }
        }
      }, "profiles-" + w);
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) worker.join();
    return new Pass(ok.get(), failed.get(), (System.nanoTime() - started) / 1e9, firstFailure[0]);
  }

  /** Heartbeats accepted and rejected, and the worst delay between a batch's last planned {@code at} and its ack. */
  record Heartbeats(long accepted, long rejected, double maxLateSeconds, String firstError) {}

  /**
   * User {@code i} of {@code users} (the first ones of the population) gets {@code at = start + i * window / users}.
   * A batch goes out when its last user's {@code at} has come, so no {@code at} lies in the future.
   */
  Heartbeats heartbeats(List<SyntheticPerson> people, int users, Instant start, double windowSeconds, int batchSize,
      int connections) throws InterruptedException {
    long windowNanos = (long) (windowSeconds * 1e9);
    long startNanos = System.nanoTime() + Duration.between(Instant.now(), start).toNanos();
    int batches = (users + batchSize - 1) / batchSize;
    AtomicInteger next = new AtomicInteger();
    AtomicLong accepted = new AtomicLong();
    AtomicLong rejected = new AtomicLong();
    AtomicLong maxLateNanos = new AtomicLong();
    String[] firstError = {null};
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < connections; w++) {
      Thread worker = new Thread(() -> {
        for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
          int from = b * batchSize;
          int to = Math.min(users, from + batchSize);
          StringBuilder json = new StringBuilder(64 * (to - from)).append("{\"heartbeats\":[");
          for (int i = from; i < to; i++) {
            long offset = windowNanos * i / users;
            if (i > from) json.append(',');
            json.append("{\"userId\":\"").append(people.get(i).id()).append("\",\"at\":\"")
                .append(start.plusNanos(offset)).append("\"}");
          }
          json.append("]}");
          long due = startNanos + windowNanos * (to - 1) / users;
          waitUntil(due);
          HttpRequest request = LoadHttp.post(port, "/v1/heartbeats", key, json.toString());
          try {
            HttpResponse<String> response = LoadHttp.send(request);
            maxLateNanos.accumulateAndGet(System.nanoTime() - due, Math::max);
            TelemetryAck ack = response.statusCode() / 100 == 2 ? TelemetryAck.parse(response.body()) : null;
            if (ack == null) {
              rejected.addAndGet(to - from);
              note(firstError, response.statusCode() + " " + response.body());
            } else {
              accepted.addAndGet(ack.accepted());
              rejected.addAndGet(ack.rejected());
              if (ack.firstError() != null) note(firstError, ack.firstError());
            }
          } catch (IOException | RuntimeException e) {
            rejected.addAndGet(to - from);
            note(firstError, e.toString());
          }
        }
      }, "heartbeats-" + w);
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) worker.join();
    return new Heartbeats(accepted.get(), rejected.get(), maxLateNanos.get() / 1e9, firstError[0]);
  }

  private static void note(String[] first, String error) {
    synchronized (first) {
      if (first[0] == null) first[0] = error;
    }
  }

  private static void waitUntil(long nanos) {
    for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}
