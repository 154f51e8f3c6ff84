# syntax=docker/dockerfile:1
# The image is built from the sources: `docker build -t limbic:0.1.0 .` at the repository's root (README "Deploying
# to Kubernetes"). No prior local build is needed, and none is copied in (.dockerignore leaves target/ out).

# Build stage: the same build as `./limbic build` (tests skipped; they run in CI, not in an image build). The
# install goes to this stage's own Maven repository, which is cached between builds and never reaches the image.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY protocol/ protocol/
COPY analytics/ analytics/
COPY projections/ projections/
COPY cluster/ cluster/
COPY loadtest/pom.xml loadtest/
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -DskipITs -pl cluster -am install

# Runtime stage: a JRE, the node's jar and its library folder, nothing of the build.
FROM eclipse-temurin:17-jre
# A fixed, unprivileged user (k8s/base runs as the same uid); it owns the data directory, which only it may read.
RUN groupadd --system --gid 10001 limbic \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/limbic --no-create-home --shell /usr/sbin/nologin limbic \
 && install -d -m 0700 -o limbic -g limbic /var/lib/limbic
WORKDIR /opt/limbic
COPY --from=build /src/cluster/target/lib/ lib/
COPY --from=build /src/cluster/target/limbic-cluster-0.1.0-SNAPSHOT.jar limbic.jar
ENV LIMBIC_DATA_DIR=/var/lib/limbic
# The container's own network: `docker run -p` (or the pod's settings) decides what is reachable. Management stays on
# loopback unless LIMBIC_MANAGEMENT_BIND_HOST says otherwise (k8s/base binds the pod IP).
ENV LIMBIC_HTTP_INTERFACE=0.0.0.0
VOLUME /var/lib/limbic
USER 10001:10001
EXPOSE 8080 8558 25520
# umask 077: every file the node or H2 creates is owner-only.
ENTRYPOINT ["sh", "-c", "umask 077 && exec java $JAVA_OPTS -cp 'limbic.jar:lib/*' io.limbic.cluster.Main"]
