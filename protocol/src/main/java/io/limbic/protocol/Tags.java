package io.limbic.protocol;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The fixed tag scheme: each entity type's events go to one of {@link #SLICES} tags chosen by the entity id.
 * The JDBC read journal projects by tag, so one projection instance runs per tag. The count is stored with every
 * event and must never change.
 */
public final class Tags {
  public static final int SLICES = 4;

  private Tags() {}

  public static List<String> all(String entityType) {
    return IntStream.range(0, SLICES).mapToObj(i -> tag(entityType, i)).toList();
  }

  public static String forEntity(String entityType, String entityId) {
    return tag(entityType, Math.floorMod(entityId.hashCode(), SLICES));
  }

  private static String tag(String entityType, int slice) {
    return entityType.toLowerCase() + "-" + slice;
  }
}
