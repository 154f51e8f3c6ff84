package io.limbic.protocol;

import java.util.regex.Pattern;

/** The one rule for ids that come from outside: users, sessions, tenants. */
public final class Ids {
  public static final int MAX_LENGTH = 128;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1," + MAX_LENGTH + "}");
  // Tenants are part of entity ids and table keys; they never contain the entity-id separator.
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private Ids() {}

  public static boolean isValid(String id) {
    return id != null && ID.matcher(id).matches();
  }

  public static boolean isValidTenant(String tenant) {
    return tenant != null && TENANT.matcher(tenant).matches();
  }

  public static String describeRule() {
    return "1.." + MAX_LENGTH + " characters of [A-Za-z0-9._:@-]";
  }
}
