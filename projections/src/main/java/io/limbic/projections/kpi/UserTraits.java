package io.limbic.projections.kpi;

import io.limbic.protocol.kpi.UserTrait;
import io.limbic.protocol.user.ProfileData;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group's changes to {@code kpi_user_traits}, folded per user: a trait set by an event replaces its values (the
 * latest event wins), lifetime value adds up. Written as deletes of the replaced traits, then inserts, then one
 * additive upsert of {@code ltv}.
 */
final class UserTraits {
  private static final String DELETE = "DELETE FROM kpi_user_traits WHERE tenant = ? AND user_id = ? AND trait = ?";
  private static final String INSERT =
      "INSERT INTO kpi_user_traits (tenant, user_id, trait, text_value, number_value) VALUES (?, ?, ?, ?, ?)";
  private static final String ADD_LTV =
      "MERGE INTO kpi_user_traits k USING (SELECT CAST(? AS VARCHAR(64)) AS tenant, CAST(? AS VARCHAR(255)) AS user_id, "
          + "CAST(? AS NUMERIC(24, 6)) AS amount) s ON k.tenant = s.tenant AND k.user_id = s.user_id "
          + "AND k.trait = 'ltv' AND k.text_value = '' "
          + "WHEN MATCHED THEN UPDATE SET number_value = k.number_value + s.amount "
          + "WHEN NOT MATCHED THEN INSERT (tenant, user_id, trait, text_value, number_value) "
          + "VALUES (s.tenant, s.user_id, 'ltv', '', s.amount)";

  /** A trait value: text for text and list traits, a number for numeric ones (stored with empty text). */
  record Value(String text, BigDecimal number) {
    static Value text(String text) {
      return new Value(text, null);
    }

    static Value number(BigDecimal number) {
      return new Value("", number);
    }
  }

  private record Who(String tenant, String userId) {}

  private static final class Change {
    final Map<UserTrait, List<Value>> replaced = new EnumMap<>(UserTrait.class);
    BigDecimal ltv = BigDecimal.ZERO;
  }

  private final Map<Who, Change> changes = new LinkedHashMap<>();

  void set(String tenant, String userId, UserTrait trait, List<Value> values) {
    change(tenant, userId).replaced.put(trait, values);
  }

  void setText(String tenant, String userId, UserTrait trait, String value) {
    set(tenant, userId, trait, value == null || value.isBlank() ? List.of() : List.of(Value.text(value)));
  }

  void addLtv(String tenant, String userId, BigDecimal amount) {
    Change c = change(tenant, userId);
    c.ltv = c.ltv.add(amount);
  }

  void setProfile(String tenant, String userId, ProfileData p) {
    setText(tenant, userId, UserTrait.GENDER, p.gender());
    set(tenant, userId, UserTrait.BIRTH_YEAR,
        p.birthYear() == null ? List.of() : List.of(Value.number(BigDecimal.valueOf(p.birthYear()))));
    set(tenant, userId, UserTrait.SEEKING, items(p.seeking()));
    set(tenant, userId, UserTrait.INTERESTS, items(p.interests()));
    set(tenant, userId, UserTrait.LANGUAGES, items(p.languages()));
  }

  private static List<Value> items(List<String> items) {
    List<Value> out = new ArrayList<>();
    if (items == null) return out;
    items.stream().filter(i -> i != null && !i.isBlank()).distinct().map(i -> i.length() > 500 ? i.substring(0, 500) : i)
        .distinct().forEach(i -> out.add(Value.text(i)));
    return out;
  }

  private Change change(String tenant, String userId) {
    return changes.computeIfAbsent(new Who(tenant, userId), k -> new Change());
  }

  void write(Connection c) throws SQLException {
    if (changes.isEmpty()) return;
    try (PreparedStatement delete = c.prepareStatement(DELETE); PreparedStatement insert = c.prepareStatement(INSERT);
        PreparedStatement ltv = c.prepareStatement(ADD_LTV)) {
      boolean inserts = false;
      boolean ltvs = false;
      for (Map.Entry<Who, Change> e : changes.entrySet()) {
        Who who = e.getKey();
        for (Map.Entry<UserTrait, List<Value>> t : e.getValue().replaced.entrySet()) {
          delete.setString(1, who.tenant());
          delete.setString(2, who.userId());
          delete.setString(3, t.getKey().key());
          delete.addBatch();
          for (Value v : t.getValue()) {
            insert.setString(1, who.tenant());
            insert.setString(2, who.userId());
            insert.setString(3, t.getKey().key());
            insert.setString(4, v.text());
            if (v.number() == null) insert.setNull(5, Types.NUMERIC);
            else insert.setBigDecimal(5, v.number());
            insert.addBatch();
            inserts = true;
          }
        }
        if (e.getValue().ltv.signum() != 0) {
          ltv.setString(1, who.tenant());
          ltv.setString(2, who.userId());
          ltv.setBigDecimal(3, e.getValue().ltv);
          ltv.addBatch();
          ltvs = true;
        }
      }
      delete.executeBatch();
      if (inserts) insert.executeBatch();
      if (ltvs) ltv.executeBatch();
    }
  }
}
