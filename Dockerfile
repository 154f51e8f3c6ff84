# Build the node first (./limbic build); the image carries the jar and its library folder.
FROM eclipse-temurin:17-jre
WORKDIR /opt/limbic
COPY cluster/target/lib/ lib/
COPY cluster/target/limbic-cluster-0.1.0-SNAPSHOT.jar limbic.jar
ENV LIMBIC_DATA_DIR=/var/lib/limbic
EXPOSE 8080 8558 25520
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -cp 'limbic.jar:lib/*' io.limbic.cluster.Main"]
