package io.limbic.projections.forensics;

import io.limbic.projections.db.UserEventProjections;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;

/** Keeps {@code product_outcomes} from the users' product events: what followed an emotion, and the churns. */
public final class ProductOutcomesProjection {
  public static final String NAME = "product-outcomes";

  private ProductOutcomesProjection() {}

  public static void init(ActorSystem<?> system, DataSource dataSource) {
    UserEventProjections.init(system, NAME, dataSource, ProductOutcomesProjectionHandler::new);
  }
}
