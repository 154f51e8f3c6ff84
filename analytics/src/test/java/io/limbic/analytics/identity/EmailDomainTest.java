package io.limbic.analytics.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmailDomainTest {
  @Test
  void companyComesFromTheDomain() {
    assertEquals(Optional.of("acme.com"), EmailDomain.company("Jane.Doe@ACME.com"));
    assertEquals(Optional.of("eng.globex.co.uk"), EmailDomain.company(" x@eng.globex.co.uk "));
  }

  @Test
  void freeMailSaysNothingAboutACompany() {
    assertEquals(Optional.empty(), EmailDomain.company("jane@gmail.com"));
    assertEquals(Optional.of("gmail.com"), EmailDomain.of("jane@gmail.com"));
  }

  @Test
  void malformedAddressesGiveNothing() {
    assertEquals(Optional.empty(), EmailDomain.company("no-at-sign"));
    assertEquals(Optional.empty(), EmailDomain.company("@acme.com"));
    assertEquals(Optional.empty(), EmailDomain.company("jane@"));
    assertEquals(Optional.empty(), EmailDomain.company("jane@localhost"));
    assertFalse(EmailDomain.isValidAddress(null));
  }
}
