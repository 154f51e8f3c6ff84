package io.limbic.cluster;

import com.typesafe.config.ConfigFactory;
import io.limbic.cluster.http.ApiKeys;

/** Starts a node from application.conf and the environment; SIGTERM stops it through CoordinatedShutdown. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    AsyncPool.atLeastTwoThreads();
    LimbicNode node;
    try {
      node = LimbicNode.start(ConfigFactory.empty());
    } catch (IllegalArgumentException misconfigured) {
      System.err.println("Limbic did not start: " + misconfigured.getMessage());
      System.exit(2);
      return;
    }
    int port = node.httpPort();
    System.out.println();
    System.out.println("Limbic is up: http://localhost:" + port + "  (" + node.database().dialect() + ")");
    node.defaultKey().ifPresent(key -> describe(key, port));
    System.out.println();
    node.system().getWhenTerminated().toCompletableFuture().join();
  }

  /** The key is shown once, on the start that created it; output is often kept (terminals, journald, CI logs). */
  private static void describe(ApiKeys.DefaultKey key, int port) {
    if (!key.created()) {
      System.out.println("API key for tenant 'default': kept in " + key.file() + " (`./limbic key` prints it)");
      return;
    }
    System.out.println("API key for tenant 'default', generated now and kept in " + key.file() + ": " + key.key());
    System.out.println("It is shown only this once; later `./limbic key` prints it.");
    System.out.println(
        "Try: curl -s -H 'Authorization: Bearer "
            + key.key()
            + "' -d '{\"userId\":\"u1\"}' http://localhost:"
            + port
            + "/v1/heartbeat");
  }
}
