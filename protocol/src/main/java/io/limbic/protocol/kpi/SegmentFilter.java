package io.limbic.protocol.kpi;

import java.math.BigDecimal;
import java.util.List;

/**
 * Which users a segment holds, as a tree over their traits ({@link UserTrait}): every, any or not of the
 * sub-filters, or one condition on a trait. Evaluated against each user's current traits.
 */
public sealed interface SegmentFilter {
  /** Every sub-filter holds (an empty list holds for everyone). */
  record All(List<SegmentFilter> filters) implements SegmentFilter {
    public All {
      filters = List.copyOf(filters);
    }
  }

  /** At least one sub-filter holds (an empty list holds for no one). */
  record Any(List<SegmentFilter> filters) implements SegmentFilter {
    public Any {
      filters = List.copyOf(filters);
    }
  }

  record Not(SegmentFilter filter) implements SegmentFilter {}

  /** The trait has one of these values (for a list trait: one of its items does). */
  record OneOf(UserTrait trait, List<String> values) implements SegmentFilter {
    public OneOf {
      values = List.copyOf(values);
    }
  }

  /** The numeric trait compares to the bound: {@code op} is gt, gte, lt or lte (eq of a number is gte and lte). */
  record Compare(UserTrait trait, String op, BigDecimal bound) implements SegmentFilter {}

  /** The user has (or, with {@code present} false, lacks) any value of the trait. */
  record Exists(UserTrait trait, boolean present) implements SegmentFilter {}
}
