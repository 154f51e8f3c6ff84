package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The name a caller's rate budget is kept under. */
class ApiDirectivesTest {
  @Test
  void aUserTokensBudgetIsItsTenantsUserNotEveryTenantsUserOfThatId() {
    assertEquals("user:acme:u1", ApiDirectives.budgetName(Caller.ofUser("acme", "u1"), "token-a"));
    assertEquals(ApiDirectives.budgetName(Caller.ofUser("acme", "u1"), "token-a"),
        ApiDirectives.budgetName(Caller.ofUser("acme", "u1"), "token-b"), "a reissued token keeps its user's budget");
    assertNotEquals(ApiDirectives.budgetName(Caller.ofUser("acme", "u1"), "t"),
        ApiDirectives.budgetName(Caller.ofUser("globex", "u1"), "t"));
  }

  @Test
  void aKeysBudgetIsNamedByItsDigestNeverTheKey() {
    String key = "acme-all-0123456789abcdef";
    assertEquals(ApiKeys.nameOf(key), ApiDirectives.budgetName(new Caller("acme", Role.all()), key));
  }
}
