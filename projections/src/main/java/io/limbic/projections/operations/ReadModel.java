package io.limbic.projections.operations;

import io.limbic.projections.activity.UserActivityProjection;
import io.limbic.projections.forensics.EmotionForensicsProjection;
import io.limbic.projections.forensics.ProductOutcomesProjection;
import io.limbic.projections.idle.IdleScheduleProjection;
import io.limbic.projections.matching.DecisionsProjection;
import io.limbic.projections.matching.MatchesProjection;
import io.limbic.projections.matching.ProfileProjection;
import io.limbic.protocol.Tags;
import io.limbic.protocol.session.SessionCommand;
import io.limbic.protocol.user.UserCommand;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.projection.ProjectionId;

/**
 * A read model as operations see it: the projection that keeps it (one instance per tag) and the tables it alone
 * writes, which a rebuild empties before replaying the journal into them.
 */
public record ReadModel(String name, List<String> tags, List<String> tables) {
  private static final List<String> USER_TAGS = Tags.all(UserCommand.ENTITY_TYPE.name());
  private static final List<String> SESSION_TAGS = Tags.all(SessionCommand.ENTITY_TYPE.name());

  /** Every read model, in the order GET /v1/projections lists them. */
  public static final List<ReadModel> ALL = List.of(
      new ReadModel(UserActivityProjection.NAME, USER_TAGS, List.of("user_activity")),
      new ReadModel(ProfileProjection.NAME, USER_TAGS, List.of("user_profile", "candidate_index")),
      new ReadModel(IdleScheduleProjection.NAME, USER_TAGS, List.of("idle_schedule")),
      // match_quality's rows tagged 'migrated' summed match_log when V5 ran; the replay rebuilds them per user tag.
      new ReadModel(MatchesProjection.NAME, USER_TAGS,
          List.of("daily_matches", "match_log", "match_quality", "match_quality_bins")),
      new ReadModel(DecisionsProjection.NAME, USER_TAGS, List.of("user_decision")),
      // Revenue forensics (issue 9).
      new ReadModel(ProductOutcomesProjection.NAME, USER_TAGS, List.of("product_outcomes")),
      new ReadModel(EmotionForensicsProjection.NAME, SESSION_TAGS,
          List.of("emotion_readings", "emotion_volatility", "emotion_time", "emotion_session_cursor")));

  public ReadModel {
    tags = List.copyOf(tags);
    tables = List.copyOf(tables);
  }

  public static Optional<ReadModel> named(String name) {
    return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  public List<ProjectionId> projectionIds() {
    return tags.stream().map(tag -> ProjectionId.of(name, tag)).toList();
  }
}
