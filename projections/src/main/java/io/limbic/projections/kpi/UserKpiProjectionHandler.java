package io.limbic.projections.kpi;

import io.limbic.projections.db.UserEventGroupHandler;
import io.limbic.protocol.kpi.UserTrait;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.Activity;
import io.limbic.protocol.user.UserEvent.BecameActive;
import io.limbic.protocol.user.UserEvent.Identified;
import io.limbic.protocol.user.UserEvent.InterventionDecided;
import io.limbic.protocol.user.UserEvent.ProductEventRecorded;
import io.limbic.protocol.user.UserEvent.ProductEventsRecorded;
import io.limbic.protocol.user.UserEvent.ProfileUpdated;
import io.limbic.protocol.user.UserEvent.UserAtRisk;
import io.limbic.protocol.user.UserEvent.UserEngaged;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The KPI facts of the users' events, and the traits segments filter on, in the projection's transaction (rows and
 * offset commit together, so each event counts exactly once). Activity: {@code active_users} (distinct per period)
 * and {@code sessions} (active periods started); product events, by their own {@code at}: {@code events.<type>},
 * {@code conversions}, {@code revenue}, {@code churned}; engagement: {@code at_risk}; interventions:
 * {@code interventions.<variant>} when sent, {@code holdouts} when held out. Emotions and EVI come from the
 * sessions' events ({@link SessionKpiProjectionHandler}).
 */
public final class UserKpiProjectionHandler extends UserEventGroupHandler {

  @Override
  protected boolean uses(UserEvent event) {
    return event instanceof Activity || event instanceof ProductEventsRecorded || event instanceof ProductEventRecorded
        || event instanceof Identified || event instanceof ProfileUpdated || event instanceof UserAtRisk
        || event instanceof UserEngaged || event instanceof InterventionDecided;
  }

  @Override
  protected void apply(Connection connection, List<UserEvent> events) throws SQLException {
    KpiFacts facts = new KpiFacts();
    UserTraits traits = new UserTraits();
    for (UserEvent event : events) fold(event, facts, traits);
    traits.write(connection);
    KpiFactWriter.write(connection, facts);
  }

  private static void fold(UserEvent event, KpiFacts facts, UserTraits traits) {
    String tenant = event.tenant();
    String user = event.userId();
    if (event instanceof Activity a) {
      facts.active(tenant, user, a.at());
      if (a instanceof BecameActive) facts.count(tenant, user, a.at(), KpiNames.SESSIONS);
    } else if (event instanceof ProductEventsRecorded r) {
      for (ProductEvent e : r.events()) product(facts, traits, r, e.type(), e.amount(), e.at());
    } else if (event instanceof ProductEventRecorded r) {
      product(facts, traits, r, r.type(), r.amount(), r.at());
    } else if (event instanceof Identified i) {
      if (i.emailDomain() != null) {
        traits.setText(tenant, user, UserTrait.EMAIL_DOMAIN, i.emailDomain());
        traits.setText(tenant, user, UserTrait.COMPANY, i.company());
      }
    } else if (event instanceof ProfileUpdated p) {
      traits.setProfile(tenant, user, p.profile());
    } else if (event instanceof UserAtRisk r) {
      facts.count(tenant, user, r.at(), KpiNames.AT_RISK);
      traits.setText(tenant, user, UserTrait.ENGAGEMENT, "at_risk");
    } else if (event instanceof UserEngaged e) {
      traits.setText(tenant, user, UserTrait.ENGAGEMENT, "engaged");
    } else if (event instanceof InterventionDecided d) {
      facts.count(tenant, user, d.at(), d.holdout() ? KpiNames.HOLDOUTS : KpiNames.INTERVENTIONS + d.variantId());
    }
  }

  private static void product(KpiFacts facts, UserTraits traits, UserEvent recorded, String type, BigDecimal amount,
      Instant at) {
    String tenant = recorded.tenant();
    String user = recorded.userId();
    Instant when = at == null ? recorded.at() : at;
    facts.count(tenant, user, when, KpiNames.EVENTS + type);
    if (KpiNames.CONVERSION_TYPES.contains(type)) facts.count(tenant, user, when, KpiNames.CONVERSIONS);
    if (KpiNames.CHURN_TYPE.equals(type)) facts.count(tenant, user, when, KpiNames.CHURNED);
    int sign = ProductEvent.valueSign(type);
    if (amount != null && sign != 0) {
      BigDecimal value = sign > 0 ? amount : amount.negate();
      facts.add(tenant, user, when, KpiNames.REVENUE, value);
      traits.addLtv(tenant, user, value);
    }
  }
}
