package io.limbic.cluster;

import com.typesafe.config.ConfigFactory;

/** Starts a node from application.conf and the environment; SIGTERM stops it through CoordinatedShutdown. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    LimbicNode node = LimbicNode.start(ConfigFactory.empty());
    int port = node.httpPort();
    System.out.println();
    System.out.println("Limbic is up: http://localhost:" + port + "  (" + node.database().dialect() + ")");
    node.generatedKey()
        .ifPresent(
            key -> {
              System.out.println("API key for tenant 'default' (kept in the data directory): " + key);
              System.out.println(
                  "Try: curl -s -H 'Authorization: Bearer "
                      + key
                      + "' -d '{\"userId\":\"u1\"}' http://localhost:"
                      + port
                      + "/v1/heartbeat");
            });
    System.out.println();
    node.system().getWhenTerminated().toCompletableFuture().join();
  }
}
