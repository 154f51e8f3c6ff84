package io.limbic.cluster.testkit;

/** Bodies for {@code POST /v1/events}. */
public final class ProductEvents {
  private ProductEvents() {}

  /** {@code count} purchases of 1 EUR by an anonymous id, with ids {@code prefix-0 ..}. */
  public static String anonymousPurchases(String anonymousId, String prefix, int from, int count) {
    StringBuilder body = new StringBuilder("{\"events\":[");
    for (int i = from; i < from + count; i++) {
      if (i > from) body.append(',');
      body.append("{\"anonymousId\":\"").append(anonymousId)
          .append("\",\"type\":\"purchase\",\"amount\":1,\"currency\":\"EUR\",\"at\":\"2026-01-01T10:00:00Z\",\"id\":\"")
          .append(prefix).append('-').append(i).append("\"}");
    }
    return body.append("]}").toString();
  }

  public static String identify(String sessionId, String userId, String anonymousId) {
    return "{\"sessionId\":\"" + sessionId + "\",\"userId\":\"" + userId + "\",\"anonymousId\":\"" + anonymousId + "\"}";
  }
}
