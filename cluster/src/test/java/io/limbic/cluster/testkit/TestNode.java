package io.limbic.cluster.testkit;

import com.typesafe.config.ConfigFactory;
import io.limbic.cluster.LimbicNode;
import io.limbic.cluster.models.ModelComponents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import io.limbic.projections.agents.Agent;
import io.limbic.projections.jobs.JobWork;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starts real Limbic nodes on free local ports, formed through pekko-management bootstrap like production. */
public final class TestNode {
  private TestNode() {}

  public static LimbicNode start(TestDatabase db, Map<String, Object> extra) throws IOException {
    Map<String, Object> settings = new HashMap<>(db.nodeSettings());
    settings.putAll(extra);
    return start(settings);
  }

  public static LimbicNode start(TestDatabase db, Map<String, Object> extra, List<Agent> agents) throws IOException {
    Map<String, Object> settings = new HashMap<>(db.nodeSettings());
    settings.putAll(extra);
    return start(settings, agents);
  }

  /** A node whose model API computes with {@code models}. */
  public static LimbicNode start(TestDatabase db, Map<String, Object> extra, ModelComponents models)
      throws IOException {
    Map<String, Object> settings = new HashMap<>(db.nodeSettings());
    settings.putAll(extra);
    return LimbicNode.start(ConfigFactory.parseMap(withFreePorts(settings)), List.of(), models);
  }

  /** A node with {@code given} settings on free local ports. */
  public static LimbicNode start(Map<String, Object> given) throws IOException {
    return start(given, List.of());
  }

  public static LimbicNode start(Map<String, Object> given, List<Agent> agents) throws IOException {
    return start(given, agents, List.of());
  }

  /** A node that also runs the jobs of {@code works}. */
  public static LimbicNode start(TestDatabase db, Map<String, Object> extra, List<Agent> agents, List<JobWork> works)
      throws IOException {
    Map<String, Object> settings = new HashMap<>(db.nodeSettings());
    settings.putAll(extra);
    return start(settings, agents, works);
  }

  public static LimbicNode start(Map<String, Object> given, List<Agent> agents, List<JobWork> works)
      throws IOException {
    return LimbicNode.start(ConfigFactory.parseMap(withFreePorts(given)), agents, works);
  }

  private static Map<String, Object> withFreePorts(Map<String, Object> given) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("limbic.http.interface", "127.0.0.1");
    settings.put("limbic.http.port", 0);
    settings.put("pekko.management.http.port", freePort());
    settings.put("pekko.management.http.bind-hostname", "127.0.0.1");
    settings.put("pekko.remote.artery.canonical.port", 0);
    settings.put("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
    settings.putAll(given);
    return settings;
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
