package io.limbic.cluster.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes a fixture of every {@link JournalSamples} sample that has none at its current version yet, serialized
 * by the node's own serializer (as the journal stores it). Never overwrites: a committed fixture is what an older
 * node wrote, and stays. Run it after adding an event type or bumping a version, then commit the new files:
 *
 * <pre>mvn -B -pl cluster -am verify -DskipITs -Dtest=JournalFixtureWriter -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dlimbic.journal.write=src/test/resources/journal</pre>
 */
class JournalFixtureWriter {

  @Test
  @EnabledIfSystemProperty(named = "limbic.journal.write", matches = ".+")
  void writeMissingFixtures() throws Exception {
    Path dir = Path.of(System.getProperty("limbic.journal.write"));
    Files.createDirectories(dir);
    var system = JournalSerialization.start();
    try {
      Serialization serialization = JournalSerialization.of(system);
      for (Object sample : JournalSamples.all()) {
        Serializer serializer = serialization.findSerializerFor(sample);
        String manifest = Serializers.manifestFor(serializer, sample);
        String name = JournalFixture.fileName(manifest, JournalSamples.variant(sample));
        if (Files.exists(dir.resolve(name))) continue;
        new JournalFixture(name, serializer.identifier(), manifest, serializer.toBinary(sample))
            .write(dir, sample.getClass().getSimpleName() + " as JournalSamples wrote it");
        System.out.println("wrote " + dir.resolve(name));
      }
    } finally {
      system.terminate();
    }
  }
}
