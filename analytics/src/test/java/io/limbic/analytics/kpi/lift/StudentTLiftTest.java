package io.limbic.analytics.kpi.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StudentTLiftTest {
  @Test
  void quantilesMatchPublishedTables() {
    assertEquals(12.7062047361747, StudentT.quantile(0.975, 1), 1e-9);
    assertEquals(2.228138851986, StudentT.quantile(0.975, 10), 1e-9);
    assertEquals(1.979930405082, StudentT.quantile(0.975, 120), 1e-9);
    assertEquals(-2.228138851986, StudentT.quantile(0.025, 10), 1e-9);
  }

  @Test
  void cdfAndPValues() {
    assertEquals(0.5, StudentT.cdf(0, 7), 1e-15);
    // Cauchy: F(1) = 3/4
    assertEquals(0.75, StudentT.cdf(1, 1), 1e-12);
    assertEquals(0.05, StudentT.twoSidedP(2.228138851986, 10), 1e-10);
    assertEquals(1.0, StudentT.twoSidedP(0, 10), 1e-15);
  }
}
