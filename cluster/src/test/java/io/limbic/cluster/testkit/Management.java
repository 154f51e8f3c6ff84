package io.limbic.cluster.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.cluster.sharding.typed.HashCodeMessageExtractor;

/** A node's management endpoints, read as the multi-node tests read them. */
public final class Management {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Management() {}

  /** The JSON answer of a management path; fails unless it is 200. */
  public static JsonNode json(int managementPort, String path) throws Exception {
    ApiClient.Reply reply = ApiClient.getUrl("http://127.0.0.1:" + managementPort + path);
    assertEquals(200, reply.status(), reply.raw().body());
    return JSON.readTree(reply.raw().body());
  }

  /** Those of {@code users} (of {@code tenant}) whose User shards the node with this management port hosts. */
  public static List<String> usersLivingOn(int managementPort, String tenant, List<String> users) throws Exception {
    Set<String> shards = new HashSet<>();
    for (JsonNode region : json(managementPort, "/cluster/shards/User").get("regions")) {
      shards.add(region.get("shardId").asText());
    }
    int numberOfShards = com.typesafe.config.ConfigFactory.load().getInt("pekko.cluster.sharding.number-of-shards");
    HashCodeMessageExtractor<Object> extractor = new HashCodeMessageExtractor<>(numberOfShards);
    return users.stream().filter(user -> shards.contains(extractor.shardId(tenant + "/" + user))).toList();
  }
}
