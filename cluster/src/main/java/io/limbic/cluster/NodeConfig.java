package io.limbic.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.limbic.projections.db.DatabaseSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns Limbic's own keys ({@code limbic.*}, from the environment or HOCON) into the Pekko settings they imply: the
 * journal's database and dialect, and how the cluster finds its members.
 */
public final class NodeConfig {
  private NodeConfig() {}

  /**
   * The node's full configuration: {@code overrides} first, then application.conf and the environment, where a
   * {@code LIMBIC_<NAME>_FILE} stands for {@code LIMBIC_<NAME>} ({@link SecretFiles}).
   */
  public static Config load(Config overrides) {
    return load(overrides, System.getenv());
  }

  static Config load(Config overrides, Map<String, String> environment) {
    Config application = SecretFiles.from(environment).withFallback(ConfigFactory.defaultApplication());
    Config base = overrides.withFallback(ConfigFactory.load(application)).resolve();
    return derived(base).withFallback(base);
  }

  private static Config derived(Config config) {
    DatabaseSettings db = DatabaseSettings.from(config);
    String slick = "pekko-persistence-jdbc.shared-databases.slick";
    int journalPool = config.getInt("limbic.db.journal-pool-size");
    Config derived =
        ConfigFactory.empty()
            .withValue(slick + ".profile", ConfigValueFactory.fromAnyRef(db.dialect().slickProfile))
            .withValue(slick + ".db.url", ConfigValueFactory.fromAnyRef(db.url()))
            .withValue(slick + ".db.user", ConfigValueFactory.fromAnyRef(db.user()))
            .withValue(slick + ".db.password", ConfigValueFactory.fromAnyRef(db.password()))
            .withValue(slick + ".db.driver", ConfigValueFactory.fromAnyRef(db.dialect().driver))
            .withValue(slick + ".db.numThreads", ConfigValueFactory.fromAnyRef(journalPool))
            .withValue(slick + ".db.maxConnections", ConfigValueFactory.fromAnyRef(journalPool))
            .withValue("pekko.projection.jdbc.dialect", ConfigValueFactory.fromAnyRef(db.dialect().projectionDialect));
    return discovery(config).withFallback(readJournal(config, db)).withFallback(derived);
  }

  /**
   * The read journal's own pool: projections' polling never queues behind journal writes or recoveries. On
   * PostgreSQL its statements are planned for the values of each execution
   * ({@link DatabaseSettings#urlPlannedPerExecution}).
   */
  private static Config readJournal(Config config, DatabaseSettings db) {
    String slick = "jdbc-read-journal.slick";
    int pool = config.getInt("limbic.db.read-journal-pool-size");
    String url = db.urlPlannedPerExecution();
    return ConfigFactory.empty()
        .withValue(slick + ".profile", ConfigValueFactory.fromAnyRef(db.dialect().slickProfile))
        .withValue(slick + ".db.url", ConfigValueFactory.fromAnyRef(url))
        .withValue(slick + ".db.user", ConfigValueFactory.fromAnyRef(db.user()))
        .withValue(slick + ".db.password", ConfigValueFactory.fromAnyRef(db.password()))
        .withValue(slick + ".db.driver", ConfigValueFactory.fromAnyRef(db.dialect().driver))
        .withValue(slick + ".db.numThreads", ConfigValueFactory.fromAnyRef(pool))
        .withValue(slick + ".db.maxConnections", ConfigValueFactory.fromAnyRef(pool))
        .withValue(slick + ".db.minConnections", ConfigValueFactory.fromAnyRef(1));
  }

  /**
   * Bootstrap through the Kubernetes API (k8s/base): the pods labelled {@code app=<service name>}, each probed at
   * its own container port named {@code management} (not this node's management port: pods need not share one), at
   * its pod IP (the address management binds there), so that nothing depends on the cluster's pod DNS records.
   */
  private static Config kubernetesApi() {
    String discovery = "pekko.management.cluster.bootstrap.contact-point-discovery";
    return ConfigFactory.empty()
        .withValue(discovery + ".discovery-method", ConfigValueFactory.fromAnyRef("kubernetes-api"))
        .withValue(discovery + ".port-name", ConfigValueFactory.fromAnyRef("management"))
        .withValue("pekko.discovery.kubernetes-api.use-raw-ip", ConfigValueFactory.fromAnyRef(true));
  }

  private static Config discovery(Config config) {
    String method = config.getString("limbic.cluster.discovery");
    String bootstrap = "pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method";
    if (method.equals("kubernetes-api")) return kubernetesApi();
    if (!method.equals("config")) {
      return ConfigFactory.empty().withValue(bootstrap, ConfigValueFactory.fromAnyRef(method));
    }
    String service = config.getString("pekko.management.cluster.bootstrap.contact-point-discovery.service-name");
    List<Object> endpoints = new ArrayList<>();
    String contactPoints = config.getString("limbic.cluster.contact-points");
    Config single = ConfigFactory.empty();
    if (contactPoints.isBlank()) {
      contactPoints =
          config.getString("pekko.management.http.hostname") + ":" + config.getInt("pekko.management.http.port");
      // Alone by definition: no other contact point can appear, so there is nothing to wait out.
      single = ConfigFactory.parseString("pekko.management.cluster.bootstrap.contact-point-discovery.stable-margin = 1s");
    }
    for (String point : contactPoints.split(",")) {
      String[] hostPort = point.trim().split(":");
      endpoints.add(java.util.Map.of("host", hostPort[0], "port", Integer.parseInt(hostPort[1])));
    }
    return single
        .withValue(bootstrap, ConfigValueFactory.fromAnyRef("config"))
        // The configured endpoints are management ports only, and nodes on one host differ by port: probe them all.
        .withValue(
            "pekko.management.cluster.bootstrap.contact-point.filter-on-fallback-port",
            ConfigValueFactory.fromAnyRef(false))
        .withValue(
            "pekko.discovery.config.services." + service + ".endpoints", ConfigValueFactory.fromIterable(endpoints));
  }
}
