package io.limbic.analytics.session.evaluation;

import io.limbic.analytics.session.evaluation.TraceWriter.Response;
import java.util.Random;

/** Behaviours shared by several states' recipes: ordinary reading and browsing, thrashing, quick backs. */
final class Gestures {
  private Gestures() {}

  /** Calm reading: long still pauses, slow short moves, steady downward scrolling, text selection. */
  static void read(TraceWriter w, Random rnd, long end) {
    while (w.now() < end) {
      double roll = rnd.nextDouble();
      if (roll < 0.32) {
        w.idle(1_200 + rnd.nextInt(3_500));
      } else if (roll < 0.6) {
        w.moveBy(rnd.nextGaussian() * 160, rnd.nextGaussian() * 90, 80 + rnd.nextDouble() * 300, 0.8);
      } else if (roll < 0.8) {
        w.scroll(100 + rnd.nextDouble() * 350, 1 + rnd.nextInt(3), 100);
      } else if (roll < 0.86) {
        w.hover(600 + rnd.nextInt(1_800), 1.5);
      } else if (roll < 0.9) {
        w.selectText(30 + rnd.nextDouble() * 250);
      } else if (roll < 0.94) {
        // Double or triple click to select a word or paragraph: looks like a short rage burst.
        w.selectByClicking(rnd.nextDouble() < 0.6 ? 2 : 3, 90, 260, 4, "p.text");
        // Then reads what was selected: the next click is not part of the same chain.
        w.hover(1_000 + rnd.nextInt(2_000), 1);
      } else if (roll < 0.97) {
        w.click("a.link-" + rnd.nextInt(20), rnd.nextBoolean() ? Response.NAV : Response.MUTATION);
      } else {
        w.scroll(-(100 + rnd.nextDouble() * 250), 1 + rnd.nextInt(2), 100);
      }
    }
  }

  /** Engaged browsing: purposeful reaches, clicks on many different things that respond, forms, navigation. */
  static void engage(TraceWriter w, Random rnd, long end) {
    while (w.now() < end) {
      double roll = rnd.nextDouble();
      if (roll < 0.3) {
        w.moveBy(rnd.nextGaussian() * 450, rnd.nextGaussian() * 250, 400 + rnd.nextDouble() * 1_300, 1.2);
      } else if (roll < 0.5) {
        w.click("button.opt-" + rnd.nextInt(30), Response.MUTATION);
      } else if (roll < 0.58) {
        // Fast clicks on neighbouring options: quick, but each on a different spot.
        for (int i = 0; i < 2 + rnd.nextInt(3); i++) {
          w.moveBy(40 + rnd.nextDouble() * 120, rnd.nextGaussian() * 20, 600 + rnd.nextDouble() * 900, 1);
          w.click("input.choice-" + i, Response.MUTATION);
        }
      } else if (roll < 0.7) {
        w.scroll((rnd.nextDouble() < 0.7 ? 1 : -1) * (200 + rnd.nextDouble() * 700), 2 + rnd.nextInt(3), 80);
      } else if (roll < 0.76) {
        w.click("a.nav-" + rnd.nextInt(10), Response.NAV);
      } else if (roll < 0.82) {
        w.keys(3 + rnd.nextInt(10));
      } else if (roll < 0.86) {
        w.click("span.label-" + rnd.nextInt(10), Response.NONE);
      } else if (roll < 0.88) {
        quickBack(w, rnd);
      } else if (roll < 0.9) {
        w.selectByClicking(2 + rnd.nextInt(2), 100, 250, 4, "p.text");
        w.hover(1_000 + rnd.nextInt(1_500), 1.5);
      } else if (roll < 0.92) {
        // A quantity stepper: several quick clicks on one spot that all work. Detectors call it a rage click.
        for (int i = 0; i < 3 + rnd.nextInt(4); i++) {
          w.moveBy(rnd.nextGaussian() * 2, rnd.nextGaussian() * 2, 200, 0.5);
          w.stepperClick("button.qty-plus", Response.MUTATION);
        }
      } else {
        w.hover(300 + rnd.nextInt(900), 2);
      }
    }
  }

  /** Lead-in before a labelled segment: reading or browsing. */
  static void browse(TraceWriter w, Random rnd, long durationMs, boolean engaged) {
    long end = w.now() + durationMs;
    if (engaged) engage(w, rnd, end);
    else read(w, rnd, end);
  }

  /** Back and forth along one axis with a given number of swings: the mouse equivalent of "where is it?". */
  static void thrash(TraceWriter w, Random rnd, int swings) {
    double amplitude = 30 + rnd.nextDouble() * 170;
    double speed = 700 + rnd.nextDouble() * 1_600;
    boolean horizontal = rnd.nextDouble() < 0.7;
    for (int i = 0; i < swings; i++) {
      double d = (i % 2 == 0 ? 1 : -1) * amplitude * (0.7 + rnd.nextDouble() * 0.6);
      if (horizontal) w.moveBy(d, rnd.nextGaussian() * 10, speed, 1.5);
      else w.moveBy(rnd.nextGaussian() * 10, d, speed, 1.5);
    }
  }

  /** Visit a page and come back to the one before within a few seconds. */
  static void quickBack(TraceWriter w, Random rnd) {
    String from = w.url();
    w.click("a.item-" + rnd.nextInt(40), Response.NAV);
    w.moveBy(rnd.nextGaussian() * 150, rnd.nextGaussian() * 100, 400 + rnd.nextDouble() * 600, 1.5);
    w.idle(300 + rnd.nextInt(2_500));
    w.navigate(from);
  }
}
